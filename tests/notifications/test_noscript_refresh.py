"""With JavaScript off, the ticket page and the board reload themselves at the poll cadence."""

import pytest

from app.extensions import db
from app.models import Desk, Procedure
from app.services import queue
from tests.conftest import html


@pytest.fixture
def waiting(demo, clock):
    clock(2026, 11, 26, 9, 0)
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one())
    db.session.commit()
    return ticket


def refresh_of(response):
    noscript = html(response).head.find("noscript")
    meta = noscript and noscript.find("meta", attrs={"http-equiv": "refresh"})
    return meta and meta["content"]


def test_a_waiting_ticket_page_and_the_board_reload_themselves_without_javascript(client, waiting):
    assert refresh_of(client.get(f"/t/{waiting.token}")) == "5"
    assert refresh_of(client.get("/board")) == "5"  # the board's poll while the point is open


def test_a_finished_ticket_page_stops_reloading(client, waiting):
    queue.cancel(waiting)
    assert refresh_of(client.get(f"/t/{waiting.token}")) is None


@pytest.mark.browser
def test_with_javascript_off_a_phone_shows_the_call_by_itself(
    app, phone_nojs, live_server, waiting, monkeypatch
):
    monkeypatch.setitem(app.config, "NOSCRIPT_REFRESH_SECONDS", 1)
    phone_nojs.goto(f"{live_server}/t/{waiting.token}")
    assert "B001" in phone_nojs.locator("#ticket").inner_text()
    queue.call(waiting, Desk.query.filter_by(number=2).one())
    for _ in range(60):  # no reload from the test: the page's own refresh brings the call
        phone_nojs.wait_for_timeout(100)
        if "quầy 2" in phone_nojs.locator("#ticket").inner_text():
            break
    assert "Mời bạn đến quầy 2" in phone_nojs.locator("#ticket").inner_text()
