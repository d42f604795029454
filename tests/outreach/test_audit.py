"""Staff edits to news, documents, links and comment moderation are in the audit log; residents' feedback is not."""

import io
import json

import pytest

from app.demo.outreach import small_pdf
from app.extensions import db
from app.models import AuditEvent, Document, Link, Post, Rating
from app.services import outreach
from tests.conftest import csrf_token, html, sign_in
from tests.outreach.conftest import form_fields, solve

HX = {"HX-Request": "true"}
STAFF_IP = "198.51.100.23"
PDF = small_pdf(["Quyet dinh so 15/QD-UBND"])


def entries(action):
    return [
        (e, json.loads(e.before or "null"), json.loads(e.after or "null"))
        for e in AuditEvent.query.filter_by(action=action).order_by(AuditEvent.id)
    ]


@pytest.fixture
def editor(demo, make_user):
    return make_user("staff", username="canbo-tin", point=demo)


@pytest.fixture
def editor_client(app, editor):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = STAFF_IP  # before signing in: the session is tied to the address
    return sign_in(client, editor)


def send(client, path, page=None, **data):
    return client.post(path, data={"csrf_token": csrf_token(client, page or path), **data})


def assert_by_editor(event, editor, record_id):
    assert (event.user_id, event.username, event.record_id, event.ip) == (
        editor.id,
        "canbo-tin",
        str(record_id),
        STAFF_IP,
    )


def test_writing_editing_and_deleting_a_post_is_logged_with_what_changed(editor_client, editor):
    response = send(
        editor_client,
        "/admin/outreach/posts/new",
        title_vi="Lịch tiêm chủng tháng 12",
        body_format="text",
        body_vi="Sáng thứ Bảy tại nhà văn hoá.",
    )
    assert response.status_code == 303
    post = Post.query.filter_by(title_vi="Lịch tiêm chủng tháng 12").one()
    [(created, before, after)] = entries("post.create")
    assert_by_editor(created, editor, post.id)
    assert created.record_type == "post" and before is None
    assert (after["title_vi"], after["body_vi"], after["pinned"]) == (
        "Lịch tiêm chủng tháng 12",
        "Sáng thứ Bảy tại nhà văn hoá.",
        False,
    )

    edit = f"/admin/outreach/posts/{post.id}/edit"
    assert (
        send(
            editor_client,
            edit,
            title_vi="Lịch tiêm chủng tháng 12",
            body_format="text",
            body_vi="Sáng thứ Bảy tại nhà văn hoá.",
            pinned="y",
        ).status_code
        == 303
    )
    [(updated, before, after)] = entries("post.update")
    assert_by_editor(updated, editor, post.id)
    assert (before, after) == ({"pinned": False}, {"pinned": True})  # only what changed

    assert (
        send(
            editor_client, f"/admin/outreach/posts/{post.id}/delete", page="/admin/outreach/posts"
        ).status_code
        == 303
    )
    [(deleted, before, after)] = entries("post.delete")
    assert_by_editor(deleted, editor, post.id)
    assert before["title_vi"] == "Lịch tiêm chủng tháng 12" and after is None
    post_id = post.id
    db.session.expire_all()
    assert Post.query.filter_by(id=post_id).count() == 0


def test_uploading_and_deleting_a_document_logs_its_description_never_its_contents(editor_client, editor):
    url = "/admin/outreach/documents"
    response = editor_client.post(
        url,
        content_type="multipart/form-data",
        data={
            "csrf_token": csrf_token(editor_client, url),
            "title_vi": "Quyết định công bố thủ tục",
            "number": "15/QĐ-UBND",
            "issued_on": "2026-11-20",
            "issuer": "UBND phường Tân Giang",
            "attachment": (io.BytesIO(PDF), "quyet-dinh.pdf"),
        },
    )
    assert response.status_code == 303
    document = Document.query.filter_by(number="15/QĐ-UBND").one()
    [(created, before, after)] = entries("document.create")
    assert_by_editor(created, editor, document.id)
    assert before is None
    assert after == {
        "title_vi": "Quyết định công bố thủ tục",
        "title_en": None,
        "number": "15/QĐ-UBND",
        "issued_on": "2026-11-20",
        "issuer": "UBND phường Tân Giang",
        "point_id": editor.point_id,  # a staff member's document belongs to their point
        "original_name": "quyet-dinh.pdf",
        "mime_type": "application/pdf",
        "size_bytes": len(PDF),
    }
    assert "%PDF" not in created.after and document.file_key not in created.after

    assert send(editor_client, f"/admin/outreach/documents/{document.id}/delete", page=url).status_code == 303
    [(deleted, before, after)] = entries("document.delete")
    assert_by_editor(deleted, editor, document.id)
    assert before["original_name"] == "quyet-dinh.pdf" and after is None


def test_a_refused_upload_leaves_no_audit_entry(editor_client):
    url = "/admin/outreach/documents"
    response = editor_client.post(
        url,
        content_type="multipart/form-data",
        data={
            "csrf_token": csrf_token(editor_client, url),
            "title_vi": "Giả",
            "number": "16/QĐ-UBND",
            "issued_on": "2026-11-20",
            "issuer": "UBND",
            "attachment": (io.BytesIO(b"MZ not a pdf"), "x.pdf"),
        },
    )
    assert response.status_code == 422
    assert AuditEvent.query.filter(~AuditEvent.action.like("auth.%")).count() == 0  # sign-ins aside


def test_adding_changing_and_removing_a_link_is_logged(editor_client, editor):
    url = "/admin/outreach/links"
    assert (
        send(
            editor_client, url, title_vi="Bảo hiểm xã hội", url="https://baohiemxahoi.gov.vn", sort_order="50"
        ).status_code
        == 303
    )
    link = Link.query.filter_by(url="https://baohiemxahoi.gov.vn").one()
    [(created, before, after)] = entries("link.create")
    assert_by_editor(created, editor, link.id)
    assert (before, after) == (
        None,
        {
            "title_vi": "Bảo hiểm xã hội",
            "title_en": None,
            "url": "https://baohiemxahoi.gov.vn",
            "sort_order": 50,
            "point_id": editor.point_id,
        },
    )

    edit = f"/admin/outreach/links/{link.id}/edit"
    assert (
        send(
            editor_client,
            edit,
            title_vi="Bảo hiểm xã hội Việt Nam",
            url="https://baohiemxahoi.gov.vn",
            sort_order="50",
        ).status_code
        == 303
    )
    [(updated, before, after)] = entries("link.update")
    assert_by_editor(updated, editor, link.id)
    assert (before, after) == ({"title_vi": "Bảo hiểm xã hội"}, {"title_vi": "Bảo hiểm xã hội Việt Nam"})

    assert send(editor_client, f"/admin/outreach/links/{link.id}/delete", page=url).status_code == 303
    [(deleted, before, after)] = entries("link.delete")
    assert_by_editor(deleted, editor, link.id)
    assert before["url"] == "https://baohiemxahoi.gov.vn" and after is None


def comment(demo, text):
    rating = Rating(point_id=demo.id, overall=4, comment=text)
    db.session.add(rating)
    db.session.commit()
    return rating


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_approving_and_rejecting_comments_is_logged(editor_client, editor, demo, headers):
    kind, spam = comment(demo, "Cán bộ nhiệt tình"), comment(demo, "quảng cáo rác")
    page = "/admin/outreach/comments"
    for rating, decision in ((kind, "approved"), (spam, "rejected")):
        response = editor_client.post(
            f"/admin/outreach/comments/{rating.id}",
            headers=headers,
            data={"csrf_token": csrf_token(editor_client, page), "decision": decision},
        )
        assert response.status_code == (200 if headers else 303)
    [(approved, before, after)] = entries("rating.approve")
    assert_by_editor(approved, editor, kind.id)
    assert (approved.record_type, approved.point_id) == ("rating", demo.id)
    assert (before, after) == ({"status": "pending"}, {"status": "approved"})
    [(rejected, before, after)] = entries("rating.reject")
    assert_by_editor(rejected, editor, spam.id)
    assert (before, after) == ({"status": "pending"}, {"status": "rejected"})


def test_a_residents_rating_leaves_no_audit_entry(client, demo):
    page = client.get("/feedback")
    data = dict(form_fields(page), overall="5", comment="Nhanh gọn", captcha=solve(page))
    client.post("/feedback", data=data)
    assert Rating.query.count() == 1
    assert AuditEvent.query.count() == 0


def test_a_failed_audit_write_leaves_the_post_unsaved(demo, editor, monkeypatch):
    monkeypatch.setattr(
        outreach.audit, "record", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full"))
    )
    with pytest.raises(RuntimeError):
        outreach.save_post(
            None, {"title_vi": "Không lưu", "body_vi": "x", "body_format": "text"}, user=editor
        )
    db.session.rollback()  # what the request's teardown does
    assert Post.query.filter_by(title_vi="Không lưu").count() == 0


def test_the_admin_audit_page_filters_content_changes_by_action(editor_client, admin_client):
    send(editor_client, "/admin/outreach/links", title_vi="Thuế điện tử", url="https://thuedientu.gdt.gov.vn")
    link = Link.query.filter_by(url="https://thuedientu.gdt.gov.vn").one()
    send(editor_client, f"/admin/outreach/links/{link.id}/delete", page="/admin/outreach/links")
    options = [
        o["value"] for o in html(admin_client.get("/admin/audit")).select("select[name=action] option")
    ]
    assert {"link.create", "link.delete"} <= set(options)
    for headers in ({}, HX):
        response = admin_client.get("/admin/audit?action=link.delete", headers=headers)
        rows = html(response).select("#audit-results tbody tr")
        assert len(rows) == 1
        assert "canbo-tin" in rows[0].select_one(".app-audit__sentence").get_text()
        details = {
            dt.get_text(strip=True): dd.get_text(" ", strip=True)
            for dt, dd in zip(rows[0].select("dt"), rows[0].select("dd"), strict=True)
        }
        assert details["Thao tác"] == "link.delete" and details["Bản ghi"] == f"link {link.id}"
        assert "thuedientu.gdt.gov.vn" in details["url"]
