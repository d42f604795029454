"""The audit log's details speak the page's language: local times, field names in words, statuses,
desk states and record types by the wording the rest of the app gives them."""

from datetime import datetime

from app.extensions import db
from app.models import AuditEvent, Desk, Dossier, Procedure
from app.services import desk_state
from app.services.dossiers import workflow
from tests.conftest import html


def details(response, action):
    """{field: (before, after)} shown in the "Chi tiết" of the first event with this action code."""
    for tr in html(response).select("#audit-results tbody tr"):
        if tr.select_one("details code") and tr.select_one("details code").text == action:
            shown = {}
            for dt in tr.select("details dt"):
                dd = dt.find_next_sibling("dd")
                before, after = dd.find("del"), dd.find("ins")
                shown[dt.get_text(strip=True)] = (
                    before.get_text(strip=True) if before else None,
                    after.get_text(strip=True) if after else dd.get_text(" ", strip=True),
                )
            return shown
    raise AssertionError(f"no {action} event on the page")


def test_a_dossier_received_at_night_shows_local_time_and_statuses_in_words(
    admin_client, demo, clock, make_user
):
    clock(2026, 12, 8, 3, 58)  # 20:58 UTC the day before
    staff = make_user("staff", point=demo)
    dossier = Dossier(
        point_id=demo.id,
        procedure_id=db.session.scalars(db.select(Procedure).filter_by(code="khai-sinh")).one().id,
        status="submitted",
        channel="self",
        submitted_at=datetime(2026, 12, 7, 20, 0),
        code="HS-2612-BUJC",
    )
    db.session.add(dossier)
    db.session.commit()
    workflow.move(dossier, "received", user=staff)
    response = admin_client.get("/admin/audit?action=dossier.status")
    shown = details(response, "dossier.status")
    assert shown["Trạng thái"] == ("Đã nộp", "Đã tiếp nhận")
    assert shown["Tiếp nhận lúc"][1] == "03:58 08/12/2026"  # the same moment as the event's own line
    assert html(response).select_one(".app-audit__when").get_text(strip=True) == "03:58 08/12/2026"
    assert shown["Ngày hẹn trả kết quả"][1].count("/") == 2  # dd/mm/yyyy, not 2026-12-…
    assert "received_at" not in shown and "T20:58" not in response.text


def test_desk_states_and_ticket_statuses_read_as_the_desk_pages_word_them(
    admin_client, demo, clock, make_user
):
    clock(2026, 12, 7, 9, 0)
    staff = make_user("staff", point=demo)
    desk = db.session.scalars(db.select(Desk).filter_by(point_id=demo.id).order_by(Desk.number)).first()
    desk_state.set_state(desk, "break", staff)
    db.session.add(
        AuditEvent(
            username=staff.username,
            action="ticket.transfer",
            record_type="ticket",
            record_id="1",
            point_id=demo.id,
            before='{"status": "called", "desk": 1, "call_count": 1}',
            after='{"status": "transferred", "desk": null, "call_count": 0, "label": "A007", "at_desk": 1}',
        )
    )
    db.session.commit()
    response = admin_client.get("/admin/audit")
    desk_shown = details(response, "desk.break")
    assert desk_shown["Tình trạng"] == ("Đang mở", "Đang tạm nghỉ")
    assert desk_shown["Cán bộ"][1] == staff.username and desk_shown["Số quầy"][1] == str(desk.number)
    ticket_shown = details(response, "ticket.transfer")
    assert ticket_shown["Trạng thái"] == ("đã gọi", "đã chuyển")
    assert ticket_shown["Số thứ tự"][1] == "A007" and ticket_shown["Số lần gọi"] == ("1", "0")
    words = {"state", "status", "label", "staff", "open", "break", "called", "transferred"}
    assert not words & {w for tr in html(response).select("details dl") for w in tr.get_text(" ").split()}


def test_the_record_type_filter_names_the_kinds_of_records(admin_client, demo):
    for kind in ("desk", "dossier", "ticket", "user"):
        db.session.add(AuditEvent(username="canbo", action=f"{kind}.update", record_type=kind, record_id="1"))
    db.session.commit()
    page = html(admin_client.get("/admin/audit?record_type=desk"))
    options = {o["value"]: o.get_text(strip=True) for o in page.select("select[name=record_type] option")}
    assert {k: options[k] for k in ("desk", "dossier", "ticket", "user")} == {
        "desk": "Quầy",
        "dossier": "Hồ sơ",
        "ticket": "Số thứ tự",
        "user": "Tài khoản",
    }
    assert page.select_one("select[name=record_type] option[selected]").get_text(strip=True) == "Quầy"


def test_a_closure_and_a_check_in_are_told_in_words_without_empty_fields(
    admin_client, demo, clock, make_user
):
    """A closure showed 'kind closure', 'reason_vi', empty 'start'/'end' and the point as '1'; a
    check-in showed 'booked → checked_in'."""
    from datetime import date, time

    from app.models import Appointment, ClosedDay
    from app.services import admin as admin_service
    from app.services.appointments import day as booking_day

    clock(2026, 12, 7, 9, 0)
    admin = make_user("admin")
    values = {"point_id": demo.id, "date": date(2026, 12, 12), "kind": "closure", "reason_vi": "Cúp điện"}
    admin_service.save(ClosedDay(), values, admin)
    procedure = db.session.scalars(db.select(Procedure).filter_by(code="khai-sinh")).one()
    booking = Appointment(
        point_id=demo.id,
        procedure_id=procedure.id,
        team_id=procedure.team_id,
        day=date(2026, 12, 7),
        start=time(9, 30),
        end=time(10),
        code="K7MQ3X",
        token="tok-" + "c" * 20,
        name="An",
        phone="0912345678",
    )
    db.session.add(booking)
    db.session.commit()
    booking_day.check_in(booking, user=admin)
    response = admin_client.get("/admin/audit")
    closure = details(response, "closed_day.create")
    assert closure["Loại"][1] == "Nghỉ" and closure["Lý do (tiếng Việt)"][1] == "Cúp điện"
    assert closure["Điểm phục vụ"][1] == demo.name_vi and closure["Ngày"][1] == "12/12/2026"
    assert "Từ" not in closure and "end" not in closure and "start" not in closure  # nothing to say
    assert details(response, "appointment.check_in")["Trạng thái"] == ("Đã đặt", "Đã đến")
