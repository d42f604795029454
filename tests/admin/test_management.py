"""Admins manage points, teams, desks, procedures, accounts, hours and targets; every change is audited."""

from datetime import date, time

from app.extensions import db
from app.models import ClosedDay, Desk, OpeningSession, Procedure, ReportTarget, Team, User
from tests.admin.conftest import audit_events
from tests.conftest import PASSWORD, csrf_token, html, sign_in, text_of

PROCEDURE = {
    "code": "chung-thuc-hop-dong",
    "name_vi": "Chứng thực hợp đồng",
    "name_en": "Contract certification",
    "category_vi": "Chứng thực",
    "papers_vi": "Dự thảo hợp đồng\nCăn cước",
    "fee_vi": "50.000 đồng",
    "time_limit_days": "2",
    "online_level": "in_person",
    "portal_url": "https://dichvucong.gov.vn/p/1",
    "team_id": "0",
    "service_minutes": "20",
    "sort_order": "30",
    "active": "y",
    "legal_basis": "Nghị định 23/2015/NĐ-CP",
}


def test_admin_adds_a_procedure_with_every_field_and_the_change_is_audited(admin_client, post_form):
    response = post_form(admin_client, "/admin/procedures/new", PROCEDURE)
    assert response.status_code == 303
    procedure = Procedure.query.filter_by(code="chung-thuc-hop-dong").one()
    assert (
        procedure.fee_vi,
        procedure.time_limit_days,
        procedure.online_level,
        procedure.service_minutes,
    ) == ("50.000 đồng", 2, "in_person", 20)
    assert procedure.legal_basis == "Nghị định 23/2015/NĐ-CP" and procedure.team_id is None
    [(event, before, after)] = audit_events("procedure.create")
    assert event.record_id == str(procedure.id) and before is None
    assert after["name_vi"] == "Chứng thực hợp đồng" and after["fee_vi"] == "50.000 đồng"
    assert "Chứng thực hợp đồng" in text_of(admin_client.get("/admin/procedures"))


def test_editing_a_procedure_records_only_what_changed(admin_client, post_form, demo):
    procedure = Procedure.query.filter_by(code="khai-tu").one()
    page = html(admin_client.get(f"/admin/procedures/{procedure.id}/edit"))
    assert page.find("input", attrs={"name": "fee_vi"})["value"].startswith("Miễn phí")
    data = {
        field["name"]: field.get("value", "")
        for field in page.select("form input")
        if field.get("type") != "checkbox"
    }
    data.update({t["name"]: t.text for t in page.select("form textarea")})
    data.update(
        {
            s["name"]: (s.find("option", selected=True) or s.find("option"))["value"]
            for s in page.select("form select")
        }
    )
    data.update(active="y", fee_vi="Miễn phí")
    del data["csrf_token"]
    assert post_form(admin_client, f"/admin/procedures/{procedure.id}/edit", data).status_code == 303
    [(event, before, after)] = audit_events("procedure.update")
    assert before == {"fee_vi": "Miễn phí nếu đúng hạn; quá hạn 10.000 đồng"} and after == {
        "fee_vi": "Miễn phí"
    }


def test_a_wrong_procedure_keeps_what_was_typed_and_explains_beside_each_field(admin_client, post_form, demo):
    data = dict(
        PROCEDURE, code="khai-sinh", time_limit_days="abc", portal_url="dichvucong", name_vi="Thủ tục mới"
    )
    response = post_form(admin_client, "/admin/procedures/new", data)
    assert response.status_code == 200
    page = html(response)
    assert page.title.text.startswith("Lỗi")
    assert (
        page.find(id="portal_url-error")
        .text.strip()
        .endswith("Nhập địa chỉ web đầy đủ, bắt đầu bằng https://")
    )
    assert "số nguyên" in page.find(id="time_limit_days-error").text
    assert page.find("input", attrs={"name": "time_limit_days"})["value"] == "abc"
    assert page.find("input", attrs={"name": "name_vi"})["value"] == "Thủ tục mới"
    # the duplicate code is caught once the other fields are right
    response = post_form(admin_client, "/admin/procedures/new", dict(PROCEDURE, code="khai-sinh"))
    assert "Thủ tục khác đã dùng mã này" in html(response).find(id="code-error").text
    assert Procedure.query.filter_by(name_vi="Thủ tục mới").count() == 0
    assert audit_events("procedure.create") == []


def test_admin_creates_a_staff_account_and_sees_its_password_once(app, admin_client, post_form, demo):
    response = post_form(
        admin_client,
        "/admin/users/new",
        {"username": "canbo2", "full_name": "Lê Thị Lan", "role": "staff", "point_id": str(demo.id)},
    )
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = html(response).find(id="password").text.strip()
    assert len(password) == 14
    user = User.query.filter_by(username="canbo2").one()
    assert user.point_id == demo.id and user.role == "staff"
    sign_in(app.test_client(), user, password)
    assert password not in admin_client.get("/admin/users").get_data(as_text=True)
    [(event, before, after)] = audit_events("user.create")
    assert (
        after["username"] == "canbo2" and "password" not in str(after) and password not in (event.after or "")
    )


def test_staff_and_volunteers_must_be_tied_to_a_point(admin_client, post_form, demo):
    response = post_form(
        admin_client,
        "/admin/users/new",
        {"username": "tnv", "full_name": "An", "role": "volunteer", "point_id": "0"},
    )
    assert "Chọn điểm nơi người này làm việc" in html(response).find(id="point_id-error").text
    assert html(response).find("input", attrs={"name": "username"})["value"] == "tnv"
    response = post_form(
        admin_client,
        "/admin/users/new",
        {"username": "CANBO", "full_name": "An", "role": "staff", "point_id": str(demo.id)},
    )
    assert "chữ thường" in html(response).find(id="username-error").text


def test_reset_password_signs_the_person_out_and_shows_a_new_one(
    app, admin_client, post_form, make_user, demo
):
    user = make_user("staff", point=demo)
    their_browser = sign_in(app.test_client(), user)
    response = post_form(
        admin_client, f"/admin/users/{user.id}/reset-password", {}, page=f"/admin/users/{user.id}/edit"
    )
    password = html(response).find(id="password").text.strip()
    assert their_browser.get("/admin/").status_code == 302  # signed out
    db.session.expire_all()
    sign_in(app.test_client(), db.session.get(User, user.id), password)
    [(event, before, after)] = audit_events("user.reset_password")
    assert event.record_id == str(user.id) and event.before is None and event.after is None


def test_deactivated_accounts_cannot_sign_in_and_admins_cannot_deactivate_themselves(
    app, admin_client, post_form, make_user, demo
):
    user = make_user("volunteer", point=demo)
    their_browser = sign_in(app.test_client(), user)
    assert (
        post_form(
            admin_client, f"/admin/users/{user.id}/deactivate", {}, page=f"/admin/users/{user.id}/edit"
        ).status_code
        == 303
    )
    assert their_browser.get("/admin/").status_code == 302
    [(event, before, after)] = audit_events("user.update")
    assert before == {"active": True} and after == {"active": False}
    me = User.query.filter(User.username.startswith("admin-")).one()
    response = post_form(
        admin_client, f"/admin/users/{me.id}/deactivate", {}, page=f"/admin/users/{me.id}/edit"
    )
    assert response.status_code == 409 and "Bạn không thể khóa tài khoản của chính mình" in text_of(response)


def test_admin_manages_teams_and_what_each_desk_serves(admin_client, post_form, demo):
    assert (
        post_form(
            admin_client,
            f"/admin/points/{demo.id}/teams/new",
            {"code": "ho-tro", "name_vi": "Tổ hỗ trợ", "ticket_prefix": "D"},
        ).status_code
        == 303
    )
    team = Team.query.filter_by(code="ho-tro").one()
    khai_sinh = Procedure.query.filter_by(code="khai-sinh").one()
    response = post_form(
        admin_client,
        f"/admin/points/{demo.id}/desks/new",
        {"number": "4", "team_id": str(team.id), "procedure_ids": [str(khai_sinh.id)], "active": "y"},
    )
    assert response.status_code == 303
    desk = Desk.query.filter_by(point_id=demo.id, number=4).one()
    assert [p.code for p in desk.procedures] == ["khai-sinh"]
    [(event, before, after)] = audit_events("desk.create")
    assert after["procedures"] == ["khai-sinh"] and after["team_id"] == team.id
    response = post_form(
        admin_client,
        f"/admin/points/{demo.id}/desks/new",
        {"number": "4", "team_id": str(team.id), "active": "y"},
    )
    assert "Điểm này đã có quầy số này" in html(response).find(id="number-error").text
    assert [e.action for e, _b, _a in audit_events("team.create")] == ["team.create"]
    assert "Tổ hỗ trợ" in text_of(admin_client.get(f"/admin/points/{demo.id}"))


def test_admin_adds_a_point_and_lands_on_its_page_to_add_teams_and_desks(admin_client, post_form, demo):
    data = {"slug": "tdp7-minh-khai", "name_vi": "Tổ dân phố 7", "ward": "Minh Khai", "address": "7 Phố Mới"}
    data["active"] = "y"
    response = post_form(admin_client, "/admin/points/new", data)
    assert response.status_code == 303
    [(event, before, after)] = audit_events("point.create")
    assert response.headers["Location"].endswith(f"/admin/points/{event.record_id}")
    assert before is None and after["slug"] == "tdp7-minh-khai"
    assert "Tổ dân phố 7" in text_of(admin_client.get(response.headers["Location"]))


def test_admin_edits_a_point_and_the_change_is_audited(admin_client, post_form, demo):
    page = html(admin_client.get(f"/admin/points/{demo.id}/edit"))
    data = {f["name"]: f.get("value", "") for f in page.select("form input") if f.get("type") != "checkbox"}
    data.update({t["name"]: t.text for t in page.select("form textarea")}, active="y", phone="0239 3855 999")
    del data["csrf_token"]
    assert post_form(admin_client, f"/admin/points/{demo.id}/edit", data).status_code == 303
    [(event, before, after)] = audit_events("point.update")
    assert (before, after) == ({"phone": "0239 3855 123"}, {"phone": "0239 3855 999"})
    assert event.point_id == demo.id


def test_admin_adds_a_session_with_effective_dates_and_a_closed_day(admin_client, post_form, demo):
    response = post_form(
        admin_client,
        f"/admin/points/{demo.id}/sessions/new",
        {
            "weekday": "6",
            "start": "08:00",
            "end": "11:00",
            "effective_from": "01/01/2027",
            "effective_to": "31/03/2027",
            "note_vi": "Thử nghiệm Chủ nhật",
        },
    )
    assert response.status_code == 303
    session = OpeningSession.query.filter_by(point_id=demo.id, weekday=6).one()
    assert (session.start, session.effective_from, session.effective_to) == (
        time(8),
        date(2027, 1, 1),
        date(2027, 3, 31),
    )
    [(_e, _b, after)] = audit_events("session.create")
    assert after["effective_from"] == "2027-01-01"
    response = post_form(
        admin_client,
        f"/admin/points/{demo.id}/closed-days/new",
        {"point_id": str(demo.id), "date": "02/01/2027", "kind": "closure", "reason_vi": "Tổng vệ sinh"},
    )
    assert response.status_code == 303
    assert ClosedDay.query.filter_by(reason_vi="Tổng vệ sinh").one().date == date(2027, 1, 2)
    [(_e, _b, after)] = audit_events("closed_day.create")
    assert (after["date"], after["kind"], after["point_id"]) == ("2027-01-02", "closure", demo.id)
    assert "Tổng vệ sinh" in text_of(admin_client.get(f"/admin/points/{demo.id}/hours"))
    post_form(
        admin_client, f"/admin/sessions/{session.id}/delete", {}, page=f"/admin/sessions/{session.id}/edit"
    )
    assert OpeningSession.query.filter_by(point_id=demo.id, weekday=6).count() == 0
    [(_e, before, after)] = audit_events("session.delete")
    assert before["note_vi"] == "Thử nghiệm Chủ nhật" and after is None


def test_wrong_hours_are_refused_with_messages_beside_the_fields(admin_client, post_form, demo):
    response = post_form(
        admin_client,
        f"/admin/points/{demo.id}/sessions/new",
        {"weekday": "5", "start": "11:00", "end": "07:30", "effective_from": "31/02/2027"},
    )
    page = html(response)
    assert "Giờ đóng cửa phải sau giờ mở cửa" in page.find(id="end-error").text
    assert "dd/mm/yyyy" in page.find(id="effective_from-error").text
    assert page.find("input", attrs={"name": "effective_from"})["value"] == "31/02/2027"
    response = post_form(
        admin_client,
        f"/admin/points/{demo.id}/closed-days/new",
        {"point_id": "0", "date": "10/01/2027", "kind": "extra", "reason_vi": "Ngày hội"},
    )
    assert "Nhập giờ bắt đầu buổi mở cửa bổ sung" in html(response).find(id="start-error").text


def test_admin_sets_an_online_share_target_in_per_cent(admin_client, post_form, demo):
    response = post_form(
        admin_client,
        "/admin/targets/new",
        {"point_id": str(demo.id), "metric": "online_share", "value": "80", "effective_from": "01/01/2026"},
    )
    assert response.status_code == 303
    target = ReportTarget.query.one()
    assert target.value == 0.8 and target.point_id == demo.id
    [(_e, _b, after)] = audit_events("target.create")
    assert after["value"] == 0.8
    response = post_form(
        admin_client,
        "/admin/targets/new",
        {"point_id": "0", "metric": "online_share", "value": "120", "effective_from": "01/01/2026"},
    )
    assert "Mục tiêu nằm trong khoảng 0 đến 100" in html(response).find(id="value-error").text


def test_only_admins_manage(staff_client, volunteer_client):
    for client in (staff_client, volunteer_client):
        for url in (
            "/admin/points",
            "/admin/procedures/new",
            "/admin/users",
            "/admin/audit",
            "/admin/targets",
        ):
            assert client.get(url).status_code == 403


def test_a_kiosk_account_keeps_its_role_when_an_admin_edits_it_and_signs_in_to_the_kiosk(
    app, admin_client, post_form, demo, make_user
):
    """The role list knew no kiosk: the edit form showed no role chosen, a browser sent the first
    one (administrator), and the kiosk by the door became an admin account."""
    kiosk = make_user("kiosk", username="kiosk-cua-chinh", point=demo)
    page = html(admin_client.get(f"/admin/users/{kiosk.id}/edit"))
    chosen = page.find("select", attrs={"name": "role"}).find("option", selected=True)
    assert chosen["value"] == "kiosk" and chosen.text == "Máy lấy số ở cửa"
    post_form(
        admin_client,
        f"/admin/users/{kiosk.id}/edit",
        {"full_name": "Máy lấy số cửa chính", "role": "kiosk", "point_id": str(demo.id), "active": "y"},
    )
    db.session.expire_all()
    assert db.session.get(User, kiosk.id).role == "kiosk"
    assert "Máy lấy số ở cửa" in admin_client.get("/admin/users").get_data(as_text=True)
    new = html(admin_client.get("/admin/users/new")).find("select", attrs={"name": "role"})
    assert new.find("option", selected=True) is None or new.find("option", selected=True)["value"] == ""
    device = app.test_client()
    response = device.post(
        "/login",
        data={"username": kiosk.username, "password": PASSWORD, "csrf_token": csrf_token(device, "/login")},
    )
    assert response.headers["Location"].endswith("/kiosk")  # not the staff home, which it may not open
