"""Consent withdrawn: staff erase a dossier's personal data after confirming; residents erase a draft."""

import json

from app.extensions import db
from app.models import AuditEvent, Dossier
from app.services import dossiers as service
from tests.conftest import csrf_token, html, text_of

from .conftest import make_dossier
from .test_wizard import fill, start

HX = {"HX-Request": "true"}
PERSONAL = ("Nguyễn Thị Lan", "0912345678", "042190001234", "Trần Minh Khôi", "Trần Văn Hùng")


def test_the_detail_page_offers_erasure_behind_a_confirmation_page_and_fragment(staff_client, demo):
    dossier = make_dossier(demo, "birth")
    detail = html(staff_client.get(f"/staff/dossiers/{dossier.id}"))
    button = detail.find("a", string=lambda s: s and "Rút đồng ý, xóa dữ liệu cá nhân" in s)
    confirm_url = f"/staff/dossiers/{dossier.id}/erase"
    assert button["href"] == button["hx-get"] == confirm_url
    page = staff_client.get(confirm_url)
    fragment = staff_client.get(confirm_url, headers=HX)
    assert "<html" in page.text and "<html" not in fragment.text
    assert page.headers["Cache-Control"] == "no-store" and "HX-Request" in page.headers["Vary"]
    for response in (page, fragment):
        form = html(response).find("form", action=confirm_url)
        assert form["method"] == "post" and form.find("input", attrs={"name": "csrf_token"})
    # Looking at the confirmation erases nothing.
    db.session.expire_all()
    assert db.session.get(Dossier, dossier.id).applicant_name == "Nguyễn Thị Lan"


def test_staff_erase_an_open_dossier_it_is_withdrawn_anonymised_and_audited(staff_client, demo):
    dossier = make_dossier(demo, "birth")
    service.move(dossier, "supplement", note="Thiếu giấy chứng sinh của bà Nguyễn Thị Lan")
    url = f"/staff/dossiers/{dossier.id}"
    response = staff_client.post(url + "/erase", data={"csrf_token": csrf_token(staff_client, url)})
    assert response.status_code == 303 and response.headers["Location"] == url
    db.session.expire_all()
    dossier = db.session.get(Dossier, dossier.id)
    assert dossier.anonymised and dossier.status == "withdrawn" and dossier.finished_at
    assert (dossier.applicant_name, dossier.applicant_phone, dossier.applicant_id_number) == (
        None,
        None,
        None,
    )
    assert all(value not in dossier.answers_json for value in PERSONAL)
    assert dossier.supplement_request is None and dossier.code
    assert dossier.events[-1].status == "withdrawn" and dossier.events[-1].from_status == "supplement"
    assert "Nguyễn Thị Lan" not in " ".join(e.note or "" for e in dossier.events)
    shown = text_of(staff_client.get(url))
    assert all(value not in shown for value in PERSONAL)
    assert "Rút đồng ý: đã xóa dữ liệu cá nhân" in shown and "Rút đồng ý, xóa dữ liệu cá nhân" not in shown
    event = AuditEvent.query.filter_by(action="dossier.erase").one()
    assert event.record_id == str(dossier.id) and event.username and event.point_id == demo.id
    assert (
        json.loads(event.before)["status"] == "supplement" and json.loads(event.after)["anonymised"] is True
    )
    assert all(value not in (event.before + event.after) for value in PERSONAL)
    # The resident's lookup no longer finds it: the phone is gone.
    assert service.lookup(dossier.code, "0912345678", "1.2.3.4").dossier is None


def test_erasing_a_finished_dossier_keeps_its_status_and_htmx_is_sent_to_the_detail(staff_client, demo):
    dossier = make_dossier(demo, "extract")
    service.move(dossier, "received")
    service.move(dossier, "completed")
    service.move(dossier, "returned")
    url = f"/staff/dossiers/{dossier.id}"
    response = staff_client.post(
        url + "/erase", data={"csrf_token": csrf_token(staff_client, url)}, headers=HX
    )
    assert response.status_code == 200 and response.headers["HX-Redirect"] == url
    db.session.expire_all()
    dossier = db.session.get(Dossier, dossier.id)
    assert dossier.status == "returned" and dossier.anonymised
    assert dossier.events[-1].from_status == dossier.events[-1].status == "returned"
    # Once erased, the confirmation page is not offered again.
    assert staff_client.get(url + "/erase").headers["Location"] == url


def test_erasure_needs_the_csrf_token_and_a_staff_role(client, volunteer_client, staff_client, demo):
    dossier = make_dossier(demo, "death")
    url = f"/staff/dossiers/{dossier.id}/erase"
    assert client.post(url, data={"csrf_token": csrf_token(client, "/lookup")}).status_code == 302
    assert volunteer_client.get(url).status_code == 403
    assert staff_client.post(url, data={}).status_code == 400
    db.session.expire_all()
    assert not db.session.get(Dossier, dossier.id).anonymised


def test_a_resident_withdraws_consent_for_their_draft_with_its_resume_code(client, demo):
    dossier_id, token = start(client)
    fill(client, dossier_id, token, until="copies")
    step = html(client.get(f"/dossiers/{dossier_id}/steps/copies"))
    assert step.find("a", href="/dossiers/withdraw")
    code = db.session.get(Dossier, dossier_id).resume_code
    page = client.get("/dossiers/withdraw")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert html(page).find("form", action="/dossiers/withdraw")["autocomplete"] == "off"
    wrong = client.post("/dossiers/withdraw", data={"csrf_token": token, "code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 200 and html(wrong).find(id="code-error")
    assert html(wrong).find("input", attrs={"name": "code"})["value"] == "ZZZZ-ZZZZ"
    assert html(wrong).title.string.startswith("Lỗi")
    done = client.post("/dossiers/withdraw", data={"csrf_token": token, "code": code.lower()})
    assert done.status_code == 200 and "Bản nháp của bạn đã được xóa" in text_of(done)
    db.session.expire_all()
    dossier = db.session.get(Dossier, dossier_id)
    assert dossier.status == "cancelled" and dossier.anonymised and dossier.answers == {}
    assert dossier.applicant_name is None and dossier.resume_code is None
    assert AuditEvent.query.filter_by(action="dossier.erase", record_id=str(dossier_id)).one().user_id is None
    # Neither this browser nor the old code reopens it.
    assert client.get(f"/dossiers/{dossier_id}/steps/child").headers["Location"] == "/dossiers/unavailable"
    again = client.post("/dossiers/resume", data={"csrf_token": token, "code": code})
    assert html(again).find(id="code-error")


def test_a_submitted_dossier_cannot_be_erased_with_a_resume_code(client, demo):
    dossier = make_dossier(demo, "marital", submit=False)
    code = dossier.resume_code
    service.submit(dossier, ["consent", "requester", "residence", "status"])
    response = client.post(
        "/dossiers/withdraw", data={"csrf_token": csrf_token(client, "/dossiers/withdraw"), "code": code}
    )
    assert html(response).find(id="code-error")
    db.session.expire_all()
    assert not db.session.get(Dossier, dossier.id).anonymised


def test_withdrawal_attempts_are_throttled(client, demo, app):
    token = csrf_token(client, "/dossiers/withdraw")
    limit, _ = app.config["DOSSIER_RESUME_LIMIT"]
    for _n in range(limit):
        client.post("/dossiers/withdraw", data={"csrf_token": token, "code": "ZZZZ-ZZZZ"})
    blocked = client.post("/dossiers/withdraw", data={"csrf_token": token, "code": "ZZZZ-ZZZZ"})
    assert blocked.status_code == 429 and "10 phút" in html(blocked).find(id="code-error").get_text()
