"""The audit log page: admins filter by user, action, record type and dates; pages of 50."""

from datetime import datetime

from app.extensions import db
from app.models import AuditEvent
from app.services.admin import AUDIT_PAGE_SIZE
from tests.conftest import html, text_of


def add_events(demo):
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
    return [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in html(response).select("#audit-results tbody tr")
    ]


def test_admin_sees_who_did_what_with_before_and_after(admin_client, demo):
    add_events(demo)
    response = admin_client.get("/admin/audit")
    assert response.status_code == 200
    first = rows(response)[0]
    assert first[1:4] == ["canbo", "dossier.status", "dossier HS-1"]
    assert "8.000 đồng" in text_of(response) and "10.000 đồng" in text_of(response)


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
    assert rows(response)[0][3] == f"user {user.id}" and rows(response)[0][1].startswith("admin-")
