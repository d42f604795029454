"""Booking on a phone: after tapping a day, the page lands on that day's times (JS on and off)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def site(clock, demo, live_server):
    clock(2026, 11, 26, 8, 0)  # Thursday, open 07:30-11:30 and 13:30-17:00
    return live_server


@pytest.mark.parametrize("fixture", ["phone", "phone_nojs"])
def test_tapping_a_day_lands_on_its_times(request, site, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(site + "/appointments/new?procedure=khai-sinh")
    times = page.locator("#times")
    expect(times).not_to_be_in_viewport()  # two screens below the list of days
    page.click(".app-days >> text=27/11/2026")
    expect(times).to_contain_text("27/11/2026")
    expect(times).to_be_in_viewport()
    if fixture == "phone":
        expect(times).to_be_focused()
    else:
        assert page.url.endswith("#times")
