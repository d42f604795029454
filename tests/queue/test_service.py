"""The queue's rules: numbering, call order, the state machine and its event log."""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Procedure, Team, Ticket, TicketCounter, TicketEvent
from app.services import queue
from app.services.queue.errors import _untranslated


def test_numbers_start_at_one_per_prefix_and_follow_the_team_prefix(issue):
    first = issue("khai-sinh")  # online team, prefix B
    second = issue("khai-tu")  # online team too
    other = issue("ket-hon")  # one-stop team, prefix A
    assert [first.label, second.label, other.label] == ["B001", "B002", "A001"]


def test_the_service_day_is_the_local_date_not_the_utc_date(issue, clock):
    clock(2026, 11, 27, 7, 45)  # 00:45 UTC on the 27th, still the 27th locally
    ticket = issue()
    assert ticket.service_day == date(2026, 11, 27)


def test_numbering_starts_again_the_next_day(issue, clock):
    issue(), issue()
    clock(2026, 11, 27, 9, 0)
    assert issue().label == "B001"


def test_a_failed_issue_does_not_use_up_a_number(issue, open_point):
    issue(phone="0912345678"), issue(phone="0912345678")
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    with pytest.raises(queue.TooManyTickets):
        queue.issue_ticket(open_point, procedure, phone="0912345678", max_active_per_phone=2)
    assert issue().number == 3
    assert db.session.get(TicketCounter, (open_point.id, date(2026, 11, 26), "B")).last_number == 3


def test_tickets_cannot_be_taken_outside_opening_hours_and_the_next_opening_is_given(issue, clock):
    clock(2026, 11, 26, 12, 0)  # lunch break
    with pytest.raises(queue.QueueClosed) as refused:
        issue()
    assert (refused.value.next_slot.day, refused.value.next_slot.start.hour) == (date(2026, 11, 26), 13)
    assert Ticket.query.count() == 0


def test_a_procedure_no_desk_serves_here_is_refused(issue, open_point):
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    procedure.active = False
    db.session.commit()
    with pytest.raises(queue.QueueError):
        queue.issue_ticket(open_point, procedure)


def test_second_person_in_line_sees_one_person_ahead_and_a_wait_from_service_minutes(issue):
    first, second = issue("khai-sinh"), issue("trich-luc-ho-tich")
    assert queue.people_ahead(first) == 0
    assert queue.people_ahead(second) == 1
    # khai-sinh takes 15 minutes and one desk (desk 2) serves the online team's procedures
    assert queue.estimated_wait(second) == 15


def test_two_open_desks_halve_the_estimated_wait(issue, desk_of):
    desk = desk_of(1)
    desk.procedures.append(Procedure.query.filter_by(code="khai-sinh").one())
    db.session.commit()
    _first, second = issue("khai-sinh"), issue("khai-sinh")
    assert queue.estimated_wait(second) == 8  # ceil(15 / 2)


def test_priority_and_appointments_go_first_then_first_come_first_served(issue, desk_of):
    plain = issue()
    elderly = issue(priority="elderly")
    booked = issue(channel="appointment")
    later = issue()
    desk = desk_of(2)
    assert [t.label for t in queue.waiting_for_desk(desk)] == [
        booked.label,
        elderly.label,
        plain.label,
        later.label,
    ]
    assert queue.people_ahead(plain) == 2
    called = [queue.call_next(desk).label]
    for _ in range(3):
        ticket = queue.desk_current(desk)
        queue.start(ticket, desk), queue.finish(ticket, desk)
        called.append(queue.call_next(desk).label)
    assert called == ["B003", "B002", "B001", "B004"]


def test_a_desk_calls_only_the_procedures_it_serves(issue, desk_of):
    issue("ket-hon")  # one-stop (desk 1)
    with pytest.raises(queue.NobodyWaiting):
        queue.call_next(desk_of(2))
    assert queue.call_next(desk_of(1)).label == "A001"


def test_a_full_visit_records_every_step_with_time_desk_and_staff(issue, desk_of, make_user, open_point):
    staff = make_user("staff", point=open_point)
    desk = desk_of(2)
    ticket = issue()
    queue.call_next(desk, staff)
    queue.recall(ticket, desk, staff)
    queue.start(ticket, desk, staff)
    queue.finish(ticket, desk, staff)
    assert ticket.status == "done"
    assert ticket.called_at and ticket.started_at and ticket.finished_at
    assert ticket.call_count == 2
    events = TicketEvent.query.filter_by(ticket_id=ticket.id).order_by(TicketEvent.id).all()
    assert [(e.action, e.from_status, e.to_status) for e in events] == [
        ("issue", None, "waiting"),
        ("call", "waiting", "called"),
        ("recall", "called", "called"),
        ("start", "called", "serving"),
        ("finish", "serving", "done"),
    ]
    assert all(e.at is not None for e in events)
    assert {e.desk_id for e in events[1:]} == {desk.id}
    assert {e.user_id for e in events[1:]} == {staff.id}


def test_finishing_a_ticket_nobody_called_is_refused(issue, desk_of):
    ticket = issue()
    with pytest.raises(queue.QueueError) as refused:
        queue.finish(ticket, desk_of(2))
    assert "B001" in str(refused.value)
    assert ticket.status == "waiting"


def test_a_cancelled_ticket_cannot_be_called(issue, desk_of):
    ticket = issue()
    queue.cancel(ticket)
    with pytest.raises(queue.QueueError):
        queue.call(ticket, desk_of(2))
    with pytest.raises(queue.NobodyWaiting):
        queue.call_next(desk_of(2))


@pytest.mark.parametrize("action", ["start", "finish", "no_show", "recall"])
def test_moves_on_a_finished_ticket_are_refused(issue, desk_of, action):
    desk = desk_of(2)
    ticket = issue()
    queue.call_next(desk)
    queue.no_show(ticket, desk)
    with pytest.raises(queue.QueueError):
        getattr(queue, action)(ticket, desk)
    assert ticket.status == "no_show"


def test_a_desk_cannot_act_on_a_ticket_at_another_desk(issue, desk_of):
    desk = desk_of(1)
    desk.procedures.append(Procedure.query.filter_by(code="khai-sinh").one())
    db.session.commit()
    ticket = issue()
    queue.call_next(desk_of(2))
    with pytest.raises(queue.QueueError):
        queue.start(ticket, desk_of(1))


def test_a_desk_must_finish_its_ticket_before_calling_the_next(issue, desk_of):
    issue(), issue()
    queue.call_next(desk_of(2))
    with pytest.raises(queue.QueueError) as refused:
        queue.call_next(desk_of(2))
    assert "B001" in str(refused.value)


def test_no_show_frees_the_desk_for_the_next_person(issue, desk_of):
    first, second = issue(), issue()
    desk = desk_of(2)
    queue.call_next(desk)
    queue.no_show(first, desk)
    assert queue.call_next(desk) == second


def test_transfer_to_another_desk_keeps_the_number_and_only_that_desk_calls_it(issue, desk_of):
    ticket = issue()
    queue.call_next(desk_of(2))
    queue.start(ticket, desk_of(2))
    queue.transfer(ticket, desk_of(2), to_desk=desk_of(1))
    assert (ticket.status, ticket.label) == ("transferred", "B001")
    with pytest.raises(queue.NobodyWaiting):
        queue.call_next(desk_of(3))
    assert queue.call_next(desk_of(1)) == ticket
    assert ticket.desk.number == 1


def test_transfer_to_a_team_lets_any_desk_of_that_team_call_it(issue, desk_of, open_point):
    ticket = issue()
    queue.call_next(desk_of(2))
    volunteers = Team.query.filter_by(point_id=open_point.id, code="volunteers").one()
    queue.transfer(ticket, desk_of(2), to_team=volunteers)
    assert queue.call_next(desk_of(3)) == ticket
    assert TicketEvent.query.filter_by(ticket_id=ticket.id, action="transfer").one().note == "team:volunteers"


def test_two_desks_acting_on_the_same_ticket_at_once_cannot_both_win(issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    queue.call_next(desk)
    assert ticket.status == "called"  # this desk has read the ticket...
    with Session(db.engine) as other_desk:  # ...when another session moves it first
        other_desk.get(Ticket, ticket.id).status = "serving"
        other_desk.commit()
    with pytest.raises(queue.QueueError) as refused:
        queue.start(ticket, desk)
    assert "moment ago" in _untranslated(refused.value.message)
    assert TicketEvent.query.filter_by(ticket_id=ticket.id, action="start").count() == 0


def test_the_resident_can_cancel_while_waiting_but_not_after_being_served(issue, desk_of):
    waiting, served = issue(), issue()
    queue.cancel(waiting)
    assert waiting.status == "cancelled" and waiting.finished_at is not None
    desk = desk_of(2)
    queue.call_next(desk)
    queue.start(served, desk)
    queue.finish(served, desk)
    with pytest.raises(queue.QueueError):
        queue.cancel(served)


def test_the_resident_status_shows_the_number_now_served_and_the_desk_when_called(issue, desk_of):
    first, second = issue(), issue()
    queue.call_next(desk_of(2))
    mine = queue.ticket_status(second)
    assert (mine.now_serving, mine.ahead, mine.desk_number, mine.soon) == ("B001", 0, None, True)
    queue.finish(queue.start(first, desk_of(2)), desk_of(2))
    queue.call_next(desk_of(2))
    mine = queue.ticket_status(second)
    assert (mine.now_serving, mine.desk_number, mine.status) == ("B002", 2, "called")


def test_soon_warning_appears_within_15_minutes_or_one_person_ahead(issue):
    tickets = [issue() for _ in range(5)]  # 15 minutes each, one desk: 0, 15, 30, 45, 60 minutes
    assert [queue.ticket_status(t).soon for t in tickets] == [True, True, False, False, False]


def test_board_shows_each_desk_the_latest_call_and_the_next_numbers(issue, desk_of, open_point, clock):
    issue("ket-hon"), issue(), issue(), issue("thuong-tru")
    queue.call_next(desk_of(1))
    clock(2026, 11, 26, 9, 1)
    queue.call_next(desk_of(2))
    board = queue.board(open_point)
    assert [(d.number, d.label) for d in board.desks] == [(1, "A001"), (2, "B001"), (3, None)]
    assert (board.latest.label, board.latest.desk) == ("B001", 2)
    assert [d.latest for d in board.desks] == [False, True, False]
    assert list(board.next_labels) == ["B002", "C001"]


def test_board_state_changes_on_a_recall_and_not_otherwise(issue, desk_of, open_point):
    ticket = issue()
    queue.call_next(desk_of(2))
    before = queue.board(open_point).state
    assert queue.board(open_point).state == before
    queue.recall(ticket, desk_of(2))
    assert queue.board(open_point).state != before


def test_the_phone_number_is_erased_once_the_visit_is_over(issue, desk_of):
    ticket = issue(phone="0912345678")
    desk = desk_of(2)
    queue.call_next(desk), queue.start(ticket, desk)
    assert ticket.phone == "0912345678"
    queue.finish(ticket, desk)
    assert ticket.phone is None


def test_tickets_left_open_yesterday_are_closed_by_the_daily_command(issue, desk_of, clock, app):
    forgotten, called = issue(phone="0912345678"), issue()
    queue.call(called, desk_of(2))
    clock(2026, 11, 27, 7, 0)
    result = app.test_cli_runner().invoke(args=["queue", "close-days"])
    assert "2 ticket(s)" in result.output
    db.session.refresh(forgotten), db.session.refresh(called)
    assert (forgotten.status, called.status, forgotten.phone) == ("cancelled", "cancelled", None)
    assert TicketEvent.query.filter_by(action="close_day").count() == 2
    assert queue.close_days() == 0
