"""A report prints on one page, and its charts are SVG drawn on the server (no script needed)."""

import re

import pytest

from app.extensions import db
from tests.admin.fixtures import build_week, report_point
from tests.conftest import PASSWORD


@pytest.mark.browser
def test_a_week_report_prints_on_one_page_and_charts_need_no_javascript(
    live_server, browser, demo, make_user
):
    point = report_point()
    build_week(point)
    user = make_user("staff", point=point)
    db.session.commit()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("#username", user.username)
    page.fill("#password", PASSWORD)
    page.click("button.app-button")
    page.goto(f"{live_server}/reports?period=week&on=18/11/2024")
    assert page.locator("svg.app-chart__svg rect.app-chart__bar").count() > 10
    assert page.locator("th", has_text="Tỷ lệ trực tuyến").count() == 1
    page.emulate_media(media="print")
    assert not page.locator("form.app-filter").is_visible()
    pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
    context.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
