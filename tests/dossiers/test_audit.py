"""Every staff action on a dossier is in the audit log, with what changed (never the personal data)."""

import json

from app.extensions import db
from app.models import AuditEvent, Dossier
from app.services import audit
from app.services import dossiers as service
from tests.conftest import csrf_token

from .conftest import make_dossier

HX = {"HX-Request": "true"}


def events(action):
    db.session.expire_all()
    return AuditEvent.query.filter_by(action=action).order_by(AuditEvent.id).all()


def test_the_demo_samples_leave_the_audit_log_empty(demo):
    assert Dossier.query.filter(Dossier.status != "draft").count() >= 5
    assert AuditEvent.query.filter_by(record_type="dossier").count() == 0


def test_opening_a_dossier_page_or_fragment_is_logged_as_a_view(staff_client, demo):
    dossier = make_dossier(demo, "birth")
    staff_client.get(f"/staff/dossiers/{dossier.id}")
    staff_client.get(f"/staff/dossiers/{dossier.id}", headers=HX)
    views = events("dossier.view")
    assert len(views) == 2
    assert {(e.record_type, e.record_id, e.point_id) for e in views} == {
        ("dossier", str(dossier.id), demo.id)
    }
    assert views[0].username.startswith("staff-") and views[0].before is None


def test_a_status_move_is_logged_with_before_and_after_in_its_transaction(staff_client, demo):
    dossier = make_dossier(demo, "marital")
    url = f"/staff/dossiers/{dossier.id}"
    response = staff_client.post(
        url + "/move",
        data={
            "csrf_token": csrf_token(staff_client, url),
            "to_status": "supplement",
            "note": "Thiếu bản án ly hôn",
        },
    )
    assert response.status_code == 303
    (event,) = events("dossier.status")
    assert json.loads(event.before) == {"status": "submitted"}
    assert json.loads(event.after) == {"status": "supplement"}
    assert event.user_id and event.record_id == str(dossier.id)
    assert "ly hôn" not in event.after  # notes stay in the dossier, which the purge can erase


def test_a_refused_move_logs_nothing_but_the_view(staff_client, demo):
    dossier = make_dossier(demo, "marital")
    url = f"/staff/dossiers/{dossier.id}"
    staff_client.post(
        url + "/move", data={"csrf_token": csrf_token(staff_client, url), "to_status": "returned"}
    )
    assert events("dossier.status") == []


def test_receiving_logs_the_new_due_date(demo, make_user, clock):
    clock(2026, 12, 7, 9, 0)
    dossier = make_dossier(demo, "marital")
    staff = make_user("staff", point=demo)
    clock(2026, 12, 8, 10, 0)  # papers complete a day later: the limit counts from here
    service.move(dossier, "received", user=staff)
    event = events("dossier.status")[0]
    assert json.loads(event.before)["due_date"] == "2026-12-10"
    assert json.loads(event.after)["due_date"] == "2026-12-11"


def test_portal_code_and_channel_changes_are_logged_as_updates(staff_client, demo):
    dossier = make_dossier(demo, "death")
    url = f"/staff/dossiers/{dossier.id}"
    token = csrf_token(staff_client, url)
    staff_client.post(
        url + "/filing", data={"csrf_token": token, "channel": "paper", "portal_code": "G22.42-261207-0001"}
    )
    staff_client.post(
        url + "/filing", data={"csrf_token": token, "channel": "paper", "portal_code": "G22.42-261207-0001"}
    )  # nothing changed
    (event,) = events("dossier.update")
    assert json.loads(event.before) == {"channel": "self", "portal_code": None}
    assert json.loads(event.after) == {"channel": "paper", "portal_code": "G22.42-261207-0001"}


def test_a_failed_audit_write_undoes_the_move(demo, make_user, monkeypatch):
    """Same transaction: if the log cannot be written, the move is not stored either."""
    dossier = make_dossier(demo, "birth")
    staff = make_user("staff", point=demo)
    monkeypatch.setattr(audit, "record", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk")))
    try:
        service.move(dossier, "received", user=staff)
    except RuntimeError:
        db.session.rollback()
    db.session.expire_all()
    assert db.session.get(Dossier, dossier.id).status == "submitted"
