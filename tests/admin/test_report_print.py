"""The report prints on one A4 landscape page from Chromium's own print settings, and its charts are
SVG drawn on the server (no script needed) with labels of at least 12 px on a 1366 px screen."""

import re

import pytest

from app.extensions import db
from tests.admin.fixtures import build_week, report_point
from tests.admin.index_fixtures import build_index_week
from tests.conftest import PASSWORD

REPORT = "/reports?period=month&on=18/11/2024"


def signed_in_page(browser, live_server, user, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("#username", user.username)
    page.fill("#password", PASSWORD)
    page.click("button.app-button")
    page.goto(live_server + REPORT)
    return context, page


@pytest.fixture
def report_user(demo, make_user):
    point = report_point()
    build_week(point)
    build_index_week(point)
    user = make_user("staff", point=point)
    db.session.commit()
    return user


@pytest.mark.browser
def test_the_report_prints_on_one_a4_landscape_page_with_chromium_defaults(live_server, browser, report_user):
    context, page = signed_in_page(
        browser, live_server, report_user, java_script_enabled=False, viewport={"width": 1366, "height": 768}
    )
    assert page.locator("svg.app-chart__svg rect.app-chart__bar").count() > 10
    assert page.locator("th", has_text="Tỷ lệ trực tuyến").count() == 1
    page.emulate_media(media="print")
    assert not page.locator("form.app-filter").is_visible()
    assert page.locator(".app-kpi").first.is_visible() and page.locator("#index-2-1").is_visible()
    # What a user gets from Chromium's print dialog: the paper chosen there, the default margins,
    # and no preference for the stylesheet's own page size.
    pdf = page.pdf(
        format="A4",
        landscape=True,
        margin={"top": "0.4in", "bottom": "0.4in", "left": "0.4in", "right": "0.4in"},
    )
    context.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


@pytest.mark.browser
def test_chart_labels_are_at_least_12_px_at_1366_px(live_server, browser, report_user):
    context, page = signed_in_page(browser, live_server, report_user, viewport={"width": 1366, "height": 768})
    sizes = page.locator("svg.app-chart__svg text").evaluate_all(
        "texts => texts.map(t => t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize))"
    )
    context.close()
    assert len(sizes) > 10 and min(sizes) >= 12, sorted(sizes)[:5]
