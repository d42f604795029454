"""The desk's own state: on a break it does not call, the board shows it paused, estimates leave it
out; a particular number can be called; the console counts what this desk did today."""

import math

from app.extensions import db
from app.models import AuditEvent, Procedure, desk_procedures
from app.models.queue import QueueVersion
from app.services import desk_state, queue
from tests.conftest import csrf_token, html, text_of

HX = {"HX-Request": "true"}


def post(client, url, headers=None, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, "/desk"), **data}, headers=headers or {})


def version(point):
    return db.session.get(QueueVersion, (point.id, queue.line.today())).version


def board_desk(client, number):
    page = html(client.get("/board", headers=HX))
    return next(
        li
        for li in page.select(".app-board__desk")
        if li.select_one(".app-board__desk-name").get_text() == f"Quầy {number}"
    )


def test_a_desk_on_a_break_is_paused_on_the_board_and_the_board_refreshes(
    staff_client, open_point, desk_of, issue
):
    issue()
    desk = desk_of(2)
    before_version = version(open_point)
    etag = staff_client.get("/board", headers=HX).headers["ETag"]
    response = post(staff_client, f"/desk/{desk.id}/state", state="break")  # without JavaScript
    assert response.status_code == 303 and response.headers["Location"] == f"/desk/{desk.id}"
    assert version(open_point) != before_version  # one record of moves: the desk change bumped it
    answer = staff_client.get("/board", headers={**HX, "If-None-Match": etag})
    assert answer.status_code == 200  # not a 304: the board changed
    paused = board_desk(staff_client, 2)
    assert "app-board__desk--paused" in paused["class"] and "Tạm nghỉ" in paused.get_text()
    assert "app-board__desk--paused" not in board_desk(staff_client, 1)["class"]
    audit = db.session.query(AuditEvent).filter_by(action="desk.break").one()
    assert audit.record_id == str(desk.id)


def test_a_desk_on_a_break_does_not_call_until_it_is_back(staff_client, desk_of, issue):
    ticket = issue()
    desk = desk_of(2)
    post(staff_client, f"/desk/{desk.id}/state", state="break")
    page = text_of(staff_client.get(f"/desk/{desk.id}"))
    assert "Gọi số tiếp theo" not in page and "Quay lại quầy" in page and "Đang tạm nghỉ" in page
    refused = post(staff_client, f"/desk/{desk.id}/call-next")  # a page left open from before the break
    assert refused.status_code == 409 and "tạm nghỉ" in text_of(refused)
    in_place = post(staff_client, f"/desk/{desk.id}/call-next", headers=HX)
    assert in_place.status_code == 200 and "tạm nghỉ" in text_of(in_place)
    db.session.refresh(ticket)
    assert ticket.status == "waiting"
    back = post(staff_client, f"/desk/{desk.id}/state", headers=HX, state="open")
    assert back.status_code == 200 and "Gọi số tiếp theo" in text_of(back)
    assert post(staff_client, f"/desk/{desk.id}/call-next").status_code == 303
    db.session.refresh(ticket)
    assert (ticket.status, ticket.desk_id) == ("called", desk.id)
    # Someone is at the desk now: leaving it is refused until they are served.
    refused = post(staff_client, f"/desk/{desk.id}/state", state="closed")
    assert refused.status_code == 409 and ticket.label in text_of(refused)
    db.session.refresh(desk)
    assert desk_state.state_of(desk) == "open"


def test_a_paused_desk_is_not_counted_among_the_open_desks_for_estimates(
    staff_client, open_point, desk_of, issue
):
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    third_desk = desk_of(3)
    third_desk.procedures.append(procedure)  # desks 2 and 3 both serve it now
    db.session.commit()
    assert db.session.query(desk_procedures).filter_by(procedure_id=procedure.id).count() == 2
    issue(), issue()
    third = issue()
    minutes_ahead = 2 * procedure.service_minutes
    assert queue.ticket_status(third).wait_minutes == math.ceil(minutes_ahead / 2)
    post(staff_client, f"/desk/{desk_of(3).id}/state", state="break")
    assert queue.ticket_status(third).wait_minutes == minutes_ahead  # one open desk left
    post(staff_client, f"/desk/{desk_of(3).id}/state", state="open")
    assert queue.ticket_status(third).wait_minutes == math.ceil(minutes_ahead / 2)


def test_a_particular_number_is_called_and_a_wrong_one_is_explained_beside_the_field(
    staff_client, desk_of, issue
):
    issue(), issue()
    second = issue()
    desk = desk_of(2)
    wrong = post(staff_client, f"/desk/{desk.id}/call-number", number="B009")
    assert wrong.status_code == 409
    field = html(wrong).find(id="call-number")
    assert field["value"] == "B009" and field["aria-invalid"] == "true"
    assert "B009" in html(wrong).find(id="call-number-error").get_text()
    garbled = post(staff_client, f"/desk/{desk.id}/call-number", headers=HX, number="xyz")
    assert garbled.status_code == 200 and html(garbled).find(id="call-number")["value"] == "xyz"
    called = post(
        staff_client, f"/desk/{desk.id}/call-number", headers=HX, number="3"
    )  # the desk's own prefix
    assert called.status_code == 200 and "Đã gọi số B003" in text_of(called)
    db.session.refresh(second)
    assert (second.status, second.desk_id) == ("called", desk.id)


def test_the_console_counts_what_this_desk_did_today(staff_client, desk_of, issue):
    first, second = issue(), issue()
    desk, other = desk_of(2), desk_of(3)
    queue.call(first, desk), queue.start(first, desk), queue.finish(first, desk)
    queue.call(second, desk), queue.no_show(second, desk)
    queue.call(issue(), other)
    page = html(staff_client.get(f"/desk/{desk.id}"))
    counts = {
        key: page.find(id=f"desk-count-{key}").get_text() for key in ("call", "finish", "no-show", "transfer")
    }
    assert counts == {"call": "2", "finish": "1", "no-show": "1", "transfer": "0"}


def test_a_break_set_yesterday_no_longer_counts_today(staff_client, clock, desk_of):
    desk = desk_of(2)
    post(staff_client, f"/desk/{desk.id}/state", state="closed")
    db.session.refresh(desk)
    assert desk_state.state_of(desk) == "closed" and desk_state.staff_at(desk) is not None
    clock(2026, 11, 27, 8, 0)
    assert desk_state.state_of(desk) == "open"
    assert desk_state.staff_at(desk) is None


def test_a_resident_whose_only_desk_pauses_is_told_so_and_not_to_come_now(client, desk_of, issue):
    """Desk 2 alone serves birth registration: while it is on a break the card says so, keeps the
    place, and does not say 'come now' (one person ahead or not)."""
    mine = issue()
    url = f"/t/{mine.token}"
    assert "đến điểm phục vụ ngay" in text_of(client.get(url))  # nobody ahead: come now
    desk_state.set_state(desk_of(2), "break", None)
    paused = text_of(client.get(url, headers=HX))
    assert "đang tạm nghỉ" in paused and "giữ chỗ" in paused
    assert "đến điểm phục vụ ngay" not in paused
    desk_state.set_state(desk_of(2), "open", None)
    assert "đang tạm nghỉ" not in text_of(client.get(url, headers=HX))
