"""One record of each move: every change a resident or the board sees bumps its point-day version."""

from datetime import date

import pytest
from sqlalchemy import delete, select, text, update

from app.extensions import db
from app.models import Desk, Post, Procedure, ServicePoint, Team, Ticket
from app.models.queue import QueueVersion
from app.services import desk_state, queue
from app.services.queue import record
from tests.conftest import text_of

DAY = date(2026, 11, 26)
HX = {"HX-Request": "true"}


def version(point, day=DAY):
    db.session.expire_all()
    return db.session.scalar(
        select(QueueVersion.version).where(QueueVersion.point_id == point.id, QueueVersion.service_day == day)
    )


def test_every_queue_move_bumps_the_point_day_version(open_point, issue, desk_of):
    seen = [version(open_point)]

    def changed():
        seen.append(version(open_point))
        return seen[-1] not in seen[:-1]

    first, second, third = issue(), issue(), issue("ket-hon")
    assert changed()
    desk = desk_of(2)
    queue.call_next(desk)
    assert changed()
    queue.recall(first, desk)
    assert changed()
    queue.start(first, desk)
    assert changed()
    queue.finish(first, desk)
    assert changed()
    queue.call_next(desk)
    assert changed()
    queue.no_show(second, desk)
    assert changed()
    queue.transfer(third, desk_of(1), to_team=Team.query.filter_by(point_id=open_point.id).first())
    assert changed()
    queue.cancel(third)
    assert changed()


def test_closing_an_earlier_day_bumps_that_days_version(open_point, issue, clock):
    issue()
    before = version(open_point)
    clock(2026, 11, 27, 9, 0)
    assert queue.close_days() == 1
    assert version(open_point) != before


def test_bulk_updates_and_deletes_of_tickets_bump_the_version(open_point, issue):
    ticket = issue()
    before = version(open_point)
    db.session.execute(update(Ticket).where(Ticket.id == ticket.id).values(priority="elderly"))
    db.session.commit()
    after_update = version(open_point)
    assert after_update != before
    db.session.execute(delete(Ticket).where(Ticket.id == ticket.id))
    db.session.commit()
    assert version(open_point) != after_update


@pytest.mark.parametrize("what", ["desk", "team", "procedure", "announcement", "city-wide announcement"])
def test_edits_to_what_the_board_shows_bump_todays_version(open_point, what):
    before = version(open_point)
    if what == "desk":
        Desk.query.filter_by(point_id=open_point.id, number=1).one().number = 9
    elif what == "team":
        Team.query.filter_by(point_id=open_point.id).first().name_vi = "Tổ một cửa mới"
    elif what == "procedure":
        Procedure.query.filter_by(code="khai-sinh").one().name_vi = "Đăng ký khai sinh (mới)"
    else:
        point = open_point if what == "announcement" else None
        db.session.add(Post(point=point, title_vi="Nghỉ trưa từ 11:30", body_vi=""))
    db.session.commit()
    assert version(open_point) not in (before, None)


def test_a_procedure_edit_bumps_every_point(open_point):
    other = ServicePoint(slug="tdp-khac", name_vi="TDP khác", ward="Tân Giang", address="1 Trần Phú")
    db.session.add(other)
    db.session.commit()
    before = version(other)
    Procedure.query.filter_by(code="khai-sinh").one().fee_vi = "Miễn phí"
    db.session.commit()
    assert version(other) not in (before, None)


def test_a_ticket_written_without_a_bump_is_caught(open_point, issue, every_move_is_recorded):
    ticket = issue()
    assert every_move_is_recorded.unrecorded == []
    db.session.execute(text("UPDATE ticket SET priority = 'child' WHERE id = :id"), {"id": ticket.id})
    db.session.commit()
    assert "UPDATE ticket" in every_move_is_recorded.unrecorded[0]
    every_move_is_recorded.unrecorded.clear()  # caught, as it should be


def test_listeners_get_each_move_inside_its_transaction(open_point, issue, desk_of, monkeypatch):
    heard = []
    monkeypatch.setattr(record, "_listeners", [])

    @record.on_move
    def listen(session, moves):
        assert session.in_transaction()
        heard.extend(
            (m.kind, m.ticket.label if m.ticket else None, m.from_status, m.to_status) for m in moves
        )

    ticket = issue()
    queue.call_next(desk_of(2))
    assert heard == [("ticket", ticket.label, None, "waiting"), ("ticket", ticket.label, "waiting", "called")]


def test_a_move_that_fails_leaves_no_bump(open_point, issue, desk_of, monkeypatch):
    issue()
    before = version(open_point)
    monkeypatch.setattr(record, "_listeners", [lambda session, moves: 1 / 0])
    with pytest.raises(ZeroDivisionError):
        queue.call_next(desk_of(2))
    assert version(open_point) == before


def test_a_listener_sees_the_line_as_the_move_left_it(open_point, issue, desk_of, monkeypatch):
    _first, second = issue(), issue()
    assert queue.people_ahead(second) == 1  # this worker now keeps a snapshot with one ahead
    seen = []
    monkeypatch.setattr(
        record, "_listeners", [lambda session, moves: seen.append(queue.people_ahead(second))]
    )
    queue.call_next(desk_of(2))
    assert seen == [0] and queue.people_ahead(second) == 0


def test_a_desk_going_on_a_break_is_a_recorded_move_that_phones_and_the_board_see(
    client, open_point, issue, desk_of, monkeypatch
):
    third = desk_of(3)
    third.procedures.append(Procedure.query.filter_by(code="khai-sinh").one())
    db.session.commit()  # desks 2 and 3 both serve khai-sinh: the estimate divides by two
    heard = []
    monkeypatch.setattr(
        record,
        "_listeners",
        [
            lambda session, moves: heard.extend(
                (m.desk.number, m.from_status, m.to_status) for m in moves if m.kind == "desk"
            )
        ],
    )
    issue(), issue()
    mine, elsewhere = issue(), issue("ket-hon")  # a resident of that line, one of another team's
    urls = {
        "mine": f"/t/{mine.token}",
        "elsewhere": f"/t/{elsewhere.token}",
        "board": f"/board?point={open_point.slug}",
    }
    first = {name: client.get(url, headers=HX).headers["ETag"] for name, url in urls.items()}
    before = version(open_point)

    desk_state.set_state(third, "break", None)
    assert heard == [(3, "open", "break")] and version(open_point) != before
    polls = {
        name: client.get(url, headers={**HX, "If-None-Match": first[name]}) for name, url in urls.items()
    }
    assert polls["mine"].status_code == 200  # one open desk left: a longer wait, not a stale answer
    assert polls["elsewhere"].status_code == 304  # nothing on that card changed
    assert polls["board"].status_code == 200 and "Tạm nghỉ" in text_of(polls["board"])

    desk_state.set_state(third, "open", None)
    assert heard[-1] == (3, "break", "open")
    back = client.get(urls["mine"], headers={**HX, "If-None-Match": first["mine"]})
    assert back.status_code == 304  # the card is as it was: the answer comes from content, not the clock
