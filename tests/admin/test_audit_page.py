"""The audit log page: admins filter by user, action, record type and dates; pages of 50."""

from datetime import datetime

from app.extensions import db
from app.models import AuditEvent
from app.services.audit_log import AUDIT_PAGE_SIZE
from tests.conftest import html


def add_events(demo):
    # The admin's own sign-in is audited too; these tests look at the events below only.
    db.session.execute(db.delete(AuditEvent).where(AuditEvent.action.like("auth.%")))
    db.session.add_all(
        [
            AuditEvent(
                at=datetime(2026, 11, 20, 16, 59),
                username="canbo",
                action="ticket.call",
                record_type="ticket",
                record_id="7",
                point_id=demo.id,
                after='{"status": "called"}',
            ),
            AuditEvent(
                at=datetime(2026, 11, 20, 17, 0),
                username="admin",
                action="procedure.update",
                record_type="procedure",
                record_id="3",
                before='{"fee_vi": "8.000 đồng"}',
                after='{"fee_vi": "10.000 đồng"}',
            ),
            AuditEvent(
                at=datetime(2026, 11, 22, 2, 0),
                username="canbo",
                action="dossier.status",
                record_type="dossier",
                record_id="HS-1",
            ),
        ]
    )
    db.session.commit()


def rows(response):
    """[when, the sentence, the action code from the details] per event shown."""
    return [
        [
            tr.td.get_text(strip=True),
            tr.select_one(".app-audit__sentence").get_text(strip=True),
            tr.select_one("details code").get_text(strip=True),
        ]
        for tr in html(response).select("#audit-results tbody tr")
        if tr.select_one(".app-audit__sentence")
    ]


def test_admin_sees_who_did_what_with_before_and_after(admin_client, demo):
    add_events(demo)
    response = admin_client.get("/admin/audit")
    assert response.status_code == 200
    assert rows(response)[0][1:] == ["canbo sửa hồ sơ HS-1", "dossier.status"]
    details = html(response).select("#audit-results tbody tr")[1].find("details")
    assert details.find("del").text == "8.000 đồng" and details.find("ins").text == "10.000 đồng"


def test_the_log_reads_as_sentences_naming_people_and_records(admin_client, demo, make_user):
    from app.models import Dossier, Procedure

    user = make_user("staff", point=demo)
    user.full_name = "Nguyễn Văn A"
    dossier = Dossier(
        point_id=demo.id,
        procedure_id=db.session.scalars(db.select(Procedure)).first().id,
        status="returned",
        code="HS-2611-7K3Q",
    )
    db.session.add(dossier)
    db.session.flush()
    db.session.add(
        AuditEvent(
            user_id=user.id,
            username=user.username,
            action="dossier.status",
            record_type="dossier",
            record_id=str(dossier.id),
            before='{"status": "completed"}',
            after='{"status": "returned"}',
        )
    )
    db.session.commit()
    response = admin_client.get("/admin/audit?action=dossier.status")
    assert rows(response)[0][1] == "Nguyễn Văn A chuyển hồ sơ HS-2611-7K3Q sang Đã trả kết quả"
    assert html(response).find("details").find("summary").text == "Chi tiết"
    options = [o.text for o in html(response).select("select[name=action] option")]
    assert "Chuyển hồ sơ sang … (dossier.status)" in options  # the filter speaks words too
    assert "{" not in html(response).select_one(".app-audit__sentence").text  # no raw JSON in the sentence


def test_filters_by_user_action_record_type_and_local_dates(admin_client, demo):
    add_events(demo)
    assert [r[2] for r in rows(admin_client.get("/admin/audit?user=canbo"))] == [
        "dossier.status",
        "ticket.call",
    ]
    assert [r[2] for r in rows(admin_client.get("/admin/audit?action=ticket.call"))] == ["ticket.call"]
    assert [r[2] for r in rows(admin_client.get("/admin/audit?record_type=procedure"))] == [
        "procedure.update"
    ]
    # 16:59 UTC on 20/11 is 23:59 on 20/11 in Hà Tĩnh; 17:00 UTC is already 21/11.
    assert [r[2] for r in rows(admin_client.get("/admin/audit?start=21/11/2026&end=21/11/2026"))] == [
        "procedure.update"
    ]
    assert [r[2] for r in rows(admin_client.get("/admin/audit?end=20/11/2026"))] == ["ticket.call"]


def test_a_wrong_date_is_explained_and_kept(admin_client, demo):
    response = admin_client.get("/admin/audit?start=32/11/2026")
    page = html(response)
    assert page.title.text.startswith("Lỗi") and "dd/mm/yyyy" in page.find(id="start-error").text
    assert page.find("input", attrs={"name": "start"})["value"] == "32/11/2026"


def test_long_logs_are_paged_keeping_the_filter(admin_client, demo):
    db.session.add_all(
        [
            AuditEvent(
                at=datetime(2026, 11, 1, 1, n % 60),
                username="canbo",
                action="ticket.call",
                record_type="ticket",
                record_id=str(n),
            )
            for n in range(AUDIT_PAGE_SIZE + 5)
        ]
    )
    db.session.commit()
    page = html(admin_client.get("/admin/audit?action=ticket.call"))
    assert len(page.select("#audit-results tbody tr")) == AUDIT_PAGE_SIZE
    older = page.find("a", string="Cũ hơn")["href"]
    assert "action=ticket.call" in older and "page=2" in older
    assert len(rows(admin_client.get(older))) == 5


def test_htmx_filtering_swaps_only_the_results(admin_client, demo):
    add_events(demo)
    response = admin_client.get("/admin/audit?user=admin", headers={"HX-Request": "true"})
    page = html(response)
    assert page.find("html") is None and page.find(id="audit-results") is not None
    assert "HX-Request" in response.headers["Vary"] and len(rows(response)) == 1


def test_admin_actions_made_in_the_app_appear_in_the_log(admin_client, demo, make_user):
    from tests.admin.conftest import audit_events
    from tests.conftest import csrf_token

    user = make_user("staff", point=demo)
    admin_client.post(
        f"/admin/users/{user.id}/reset-password",
        data={"csrf_token": csrf_token(admin_client, f"/admin/users/{user.id}/edit")},
    )
    assert len(audit_events("user.reset_password")) == 1
    response = admin_client.get("/admin/audit?action=user.reset_password")
    sentence = rows(response)[0][1]
    assert sentence.startswith("admin-") and sentence.endswith(
        f"đặt lại mật khẩu của tài khoản {user.username}"
    )
