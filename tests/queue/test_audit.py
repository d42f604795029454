"""Every move staff and volunteers make on a ticket is in the audit log; residents' own moves are not."""

import json

import pytest

from app.extensions import db
from app.models import AuditEvent, Ticket, TicketEvent
from app.services import audit, queue
from tests.conftest import csrf_token, html, sign_in

HX = {"HX-Request": "true"}
DESK_IP = "203.0.113.7"


def entries(action=None):
    query = AuditEvent.query.filter(AuditEvent.record_type == "ticket")
    if action:
        query = query.filter_by(action=action)
    return [
        (e, json.loads(e.before or "null"), json.loads(e.after or "null"))
        for e in query.order_by(AuditEvent.id)
    ]


def post(client, url, headers=None, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, "/desk"), **data}, headers=headers or {})


@pytest.fixture
def staff(open_point, make_user):
    return make_user("staff", username="canbo-desk", point=open_point)


@pytest.fixture
def desk_client(app, staff):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = DESK_IP
    return sign_in(client, staff)


def test_a_volunteers_office_ticket_is_logged_without_the_phone_number(app, open_point, make_user):
    volunteer = make_user("volunteer", username="tnv-an", point=open_point)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = DESK_IP  # before signing in: the session is tied to the address
    sign_in(client, volunteer)
    response = client.post(
        "/tickets",
        data={
            "procedure": "khai-sinh",
            "phone": "0912 345 678",
            "csrf_token": csrf_token(client, "/tickets/new"),
        },
    )
    assert response.status_code == 303
    ticket = Ticket.query.one()
    [(event, before, after)] = entries("ticket.issue")
    assert (event.user_id, event.username, event.record_id) == (volunteer.id, "tnv-an", str(ticket.id))
    assert (event.point_id, event.ip) == (open_point.id, DESK_IP)
    assert before is None
    assert after == {
        "label": "B001",
        "status": "waiting",
        "channel": "office",
        "procedure": "khai-sinh",
        "priority": None,
    }
    assert "0912345678" not in (event.after or "")


def test_a_residents_own_ticket_and_cancellation_leave_no_audit_entry(client, open_point):
    client.post("/tickets", data={"procedure": "khai-sinh", "csrf_token": csrf_token(client, "/tickets/new")})
    ticket = Ticket.query.one()
    assert (
        client.post(
            f"/t/{ticket.token}/cancel", data={"csrf_token": csrf_token(client, f"/t/{ticket.token}/cancel")}
        ).status_code
        == 303
    )
    db.session.expire_all()
    assert ticket.status == "cancelled"
    assert AuditEvent.query.count() == 0


def test_a_whole_visit_at_the_desk_is_logged_step_by_step(desk_client, staff, open_point, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    assert post(desk_client, f"/desk/{desk.id}/call-next").status_code == 303
    for action in ("recall", "start"):
        assert post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/{action}").status_code == 303
    # The last button pressed with JavaScript on: logged just the same.
    assert post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/finish", headers=HX).status_code == 200

    logged = entries()
    assert [e.action for e, _b, _a in logged] == [
        "ticket.call",
        "ticket.recall",
        "ticket.start",
        "ticket.finish",
    ]
    assert {(e.user_id, e.username, e.record_id, e.point_id, e.ip) for e, _b, _a in logged} == {
        (staff.id, "canbo-desk", str(ticket.id), open_point.id, DESK_IP)
    }
    (_e, call_before, call_after), (_e, recall_before, recall_after) = logged[:2]
    assert call_before == {"status": "waiting", "desk": None, "call_count": 0}
    assert call_after == {"status": "called", "desk": 2, "call_count": 1, "label": "B001", "at_desk": 2}
    assert (recall_before, recall_after) == (
        {"call_count": 1},
        {"call_count": 2, "label": "B001", "at_desk": 2},
    )
    assert logged[2][1:] == ({"status": "called"}, {"status": "serving", "label": "B001", "at_desk": 2})
    assert logged[3][1:] == ({"status": "serving"}, {"status": "done", "label": "B001", "at_desk": 2})


def test_calling_a_chosen_ticket_and_marking_it_absent_are_logged(desk_client, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/call", headers=HX)
    post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/no-show", headers=HX)
    [(_e, before, after)] = entries("ticket.no_show")
    assert (before, after) == ({"status": "called"}, {"status": "no_show", "label": "B001", "at_desk": 2})
    assert len(entries("ticket.call")) == 1


def test_a_transfer_is_logged_with_the_desk_it_left_and_the_desk_it_went_to(desk_client, issue, desk_of):
    ticket = issue()
    desk, other = desk_of(2), desk_of(1)
    post(desk_client, f"/desk/{desk.id}/call-next")
    post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/transfer", headers=HX, to=f"desk:{other.id}")
    [(event, before, after)] = entries("ticket.transfer")
    assert event.record_id == str(ticket.id)
    assert (before["status"], before["desk"]) == ("called", 2)
    assert (after["status"], after["desk"], after["at_desk"]) == ("transferred", 1, 2)
    assert before["team_id"] != after["team_id"] == other.team_id


def test_a_transfer_to_a_team_is_logged_with_the_new_team(desk_client, issue, desk_of):
    ticket = issue()
    desk, volunteers = desk_of(2), desk_of(3).team
    post(desk_client, f"/desk/{desk.id}/call-next")
    post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/transfer", to=f"team:{volunteers.id}")
    [(_e, before, after)] = entries("ticket.transfer")
    assert (before["desk"], after["desk"], after["team_id"]) == (2, None, volunteers.id)


def test_a_refused_move_leaves_no_audit_entry(desk_client, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    assert post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/finish").status_code == 409
    assert post(desk_client, f"/desk/{desk.id}/call-next", headers=HX).status_code == 200
    assert post(desk_client, f"/desk/{desk.id}/call-next", headers=HX).status_code == 200  # desk still busy
    assert [e.action for e, _b, _a in entries()] == ["ticket.call"]


def test_a_failed_audit_write_undoes_the_move(open_point, staff, issue, desk_of, monkeypatch):
    ticket = issue()
    monkeypatch.setattr(audit, "record", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full")))
    with pytest.raises(RuntimeError):
        queue.call_next(desk_of(2), user=staff)
    db.session.expire_all()
    assert ticket.status == "waiting" and ticket.desk_id is None
    assert TicketEvent.query.filter_by(ticket_id=ticket.id, action="call").count() == 0


def test_moves_made_without_a_person_are_not_audited(open_point, issue, desk_of):
    ticket = issue()
    queue.call_next(desk_of(2))
    queue.cancel(queue.ticket_by_token(issue().token))
    assert ticket.status == "called" and AuditEvent.query.count() == 0


def test_the_admin_audit_page_lists_desk_actions_and_filters_them(desk_client, admin_client, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    post(desk_client, f"/desk/{desk.id}/call-next")
    post(desk_client, f"/desk/{desk.id}/tickets/{ticket.id}/start")
    page = html(admin_client.get("/admin/audit"))
    options = [o["value"] for o in page.find("select", attrs={"name": "action"}).find_all("option")]
    assert {"ticket.call", "ticket.start"} <= set(options)
    for headers in ({}, HX):
        response = admin_client.get("/admin/audit?action=ticket.start", headers=headers)
        rows = [
            [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in html(response).select("#audit-results tbody tr")
        ]
        assert len(rows) == 1  # the call is filtered out
        entry = " ".join(rows[0])
        assert "canbo-desk" in entry and "ticket.start" in entry and f"ticket {ticket.id}" in entry
        assert "đã gọi → đang phục vụ" in entry  # the ticket's statuses in words, not codes
