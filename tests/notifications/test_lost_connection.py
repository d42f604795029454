"""With JavaScript, a ticket page whose polls fail says so, and how old what it shows is; a poll
that gets through clears the mark (real Chromium; the network is cut with Playwright's router)."""

import pytest

from app.extensions import db
from app.models import Procedure
from app.services import queue

pytestmark = pytest.mark.browser


@pytest.fixture
def ticket_page(demo, clock, live_server, phone, app, monkeypatch):
    monkeypatch.setitem(app.config, "QUEUE_POLL_SECONDS", 0.3)
    clock(2026, 11, 26, 9, 0)
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one())
    db.session.commit()
    phone.clock.install()  # the page's own clock, so "N minutes ago" needs no waiting
    phone.goto(f"{live_server}/t/{ticket.token}")
    return phone, ticket.token


def test_failing_polls_show_the_mark_with_the_age_and_a_good_poll_clears_it(ticket_page):
    page, token = ticket_page
    mark = page.locator("[data-offline]")
    page.locator("#ticket[data-poll]").wait_for()
    assert mark.is_hidden()

    page.route(f"**/t/{token}", lambda route: route.abort("internetdisconnected"))
    mark.wait_for(state="visible")
    assert "Mất kết nối" in mark.inner_text()
    assert "chưa đến một phút" in mark.inner_text()
    assert page.locator(".app-ticket__number").inner_text() == "B001"  # the last card stays

    page.clock.fast_forward("03:00")
    page.wait_for_function("document.querySelector('[data-offline-age]').textContent.includes('3 phút')")

    page.unroute(f"**/t/{token}")
    page.clock.fast_forward(1000)
    mark.wait_for(state="hidden")
