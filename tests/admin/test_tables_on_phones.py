"""Staff on a 360 px phone: wide tables scroll inside their own labelled box, never the whole page."""

import pytest

from app.extensions import db
from tests.admin.fixtures import build_week, report_point
from tests.admin.index_fixtures import build_index_week
from tests.conftest import PASSWORD, PHONE

pytestmark = pytest.mark.browser

PAGES = ["/staff/dossiers", "/reports?period=month&on=18/11/2024", "/admin/users", "/staff/notifications"]
SIDEWAYS = "document.documentElement.scrollWidth <= 360"


@pytest.fixture
def phone_admin(live_server, browser, demo, make_user):
    point = report_point()
    build_week(point)
    build_index_week(point)
    user = make_user("admin")
    db.session.commit()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("#username", user.username)
    page.fill("#password", PASSWORD)
    page.click("button.app-button")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


@pytest.mark.parametrize("url", PAGES)
def test_the_page_does_not_scroll_sideways_only_its_tables_do(live_server, phone_admin, url):
    page = phone_admin
    page.goto(live_server + url)
    assert page.evaluate(SIDEWAYS), page.evaluate("document.documentElement.scrollWidth")
    box = page.locator(".app-scroll").filter(has=page.locator("table")).first
    assert box.get_attribute("role") == "region" and box.get_attribute("aria-label")
    box.focus()
    assert page.evaluate("document.activeElement.classList.contains('app-scroll')")


def test_the_766_index_keeps_its_indicator_names_readable(live_server, phone_admin):
    phone_admin.goto(live_server + PAGES[1])
    name = phone_admin.locator("#index-2-1 th")
    assert name.bounding_box()["width"] >= 150  # not one word per line


def test_a_table_whose_hidden_column_label_sits_past_the_edge_still_scrolls_in_its_box(
    live_server, phone_admin, demo
):
    """The English opening-hours page was 402 px wide on a 360 px phone: the table's screen-reader
    label of its last column ("Manage", positioned absolutely) escaped the scroll box."""
    phone_admin.click("header >> text=English")
    phone_admin.goto(f"{live_server}/admin/points/{demo.id}/hours")
    assert phone_admin.evaluate(SIDEWAYS), phone_admin.evaluate("document.documentElement.scrollWidth")
