"""Honest timing: today's real service times once a team has served a few, and a guess before that."""

from app.extensions import db
from app.models import Desk, Procedure
from app.notifications.timing import expected_wait
from app.services import queue
from app.services.desk_state import set_state
from tests.notifications.conftest import drain
from tests.notifications.test_queue_events import choose_sms


def serve(desk, clock, minute, minutes_each):
    desk = db.session.merge(desk)
    ticket = queue.call_next(desk)
    queue.start(ticket, desk)
    clock(2026, 11, 26, 9, minute + minutes_each)
    queue.finish(ticket, desk)


def test_the_wait_is_a_guess_until_five_are_served_then_uses_their_real_times(demo, clock, client, esms):
    clock(2026, 11, 26, 9, 0)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()  # typically 15 minutes
    tickets = [queue.issue_ticket(demo, procedure) for _ in range(9)]
    desk = Desk.query.filter_by(point_id=demo.id, number=2).one()
    db.session.commit()
    mine = tickets[8]
    before = expected_wait(mine)
    assert before.guess and before.ahead == 8 and before.minutes == 8 * 15
    assert choose_sms(client, mine, lead="15").status_code == 303
    for n in range(4):
        serve(desk, clock, 4 * n, 4)
    assert expected_wait(db.session.merge(mine)).guess  # four served: still the typical figure
    drain()
    assert not any("sap den luot" in body["Content"] for body in esms.bodies())
    serve(desk, clock, 16, 4)  # the fifth, also 4 minutes: now measured
    estimate = expected_wait(db.session.merge(mine))
    assert not estimate.guess and (estimate.ahead, estimate.minutes) == (3, 12)
    drain()
    # 3 ahead at 4 real minutes each is within the 15 the resident needs: "leave now", not "còn 3 người".
    assert esms.bodies()[-1]["Content"] == "B009: sap den luot ban. Moi ban den diem phuc vu ngay bay gio."


def test_the_card_and_the_messages_count_the_same_open_desks(demo, clock):
    """A desk on a break serves nobody: the card's wait and the "leave now" estimate both leave it out."""
    clock(2026, 11, 26, 9, 0)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    tickets = [queue.issue_ticket(demo, procedure) for _ in range(10)]
    desk = Desk.query.filter_by(point_id=demo.id, number=2).one()
    second = Desk(point_id=demo.id, team_id=desk.team_id, number=4, procedures=[procedure])
    db.session.add(second)
    db.session.commit()
    for n in range(5):
        serve(desk, clock, 4 * n, 4)  # measured: 4 minutes each
    mine = db.session.merge(tickets[9])
    both_open = expected_wait(mine)
    assert (both_open.ahead, both_open.minutes, both_open.guess) == (4, 8, False)
    assert queue.ticket_status(mine).wait_minutes == 8
    set_state(db.session.merge(second), "break", None)
    mine = db.session.merge(tickets[9])
    assert expected_wait(mine).minutes == queue.ticket_status(mine).wait_minutes == 16
