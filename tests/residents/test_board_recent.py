"""The board lists the last five calls, for someone who looked away when their number came up."""

from app.models import Desk, Procedure
from app.services import queue
from tests.conftest import html

HX = {"HX-Request": "true"}


def test_the_board_shows_the_last_five_calls_newest_first(client, demo, clock):
    clock(2026, 11, 26, 9, 0)
    desk = Desk.query.filter_by(point_id=demo.id, number=2).one()  # the online team (B...)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    for _ in range(7):
        queue.issue_ticket(demo, procedure, channel="phone")
    for minute in range(1, 7):
        clock(2026, 11, 26, 9, minute)
        ticket = queue.call_next(desk)
        if minute < 6:
            queue.start(ticket, desk)
            queue.finish(ticket, desk)
    board = html(client.get("/board", headers=HX))
    shown = [li.get_text(" ", strip=True) for li in board.select(".app-board__recent li")]
    assert shown == [f"B00{n} → Quầy 2" for n in (6, 5, 4, 3, 2)]
    assert board.select_one(".app-board__recent h2").get_text() == "Vừa gọi"
