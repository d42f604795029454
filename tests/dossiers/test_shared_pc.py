"""Shared-PC mode: a volunteer helps a resident in a separate scope that ends without a trace."""

from app import shared_pc
from app.extensions import db
from app.models import Dossier
from tests.conftest import PASSWORD, csrf_token, html

from .test_wizard import fill, start


def begin(client):
    token = csrf_token(client, "/assist")
    response = client.post("/assist/start", data={"csrf_token": token})
    assert response.headers["Location"] == "/assist/resident"
    return csrf_token(client, "/assist/resident")  # the resident's session has a token of its own


def end(client, token):
    return client.post("/assist/end", data={"csrf_token": token})


def test_only_volunteers_and_staff_can_start_helping(client, demo):
    assert client.get("/assist").status_code == 302
    assert client.post("/assist/start", data={"csrf_token": csrf_token(client, "/lookup")}).status_code == 302


def test_a_dossier_filed_while_helping_is_volunteer_assisted(volunteer_client, demo):
    begin(volunteer_client)
    page = html(volunteer_client.get("/assist/resident"))
    assert page.find("a", href="/procedures/khai-sinh/dossier")
    dossier_id, token = start(volunteer_client)
    fill(volunteer_client, dossier_id, token)
    volunteer_client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    dossier = db.session.get(Dossier, dossier_id)
    assert dossier.channel == "volunteer" and dossier.created_by.role == "volunteer"
    assert dossier.status == "submitted"


def test_staff_typing_in_a_paper_dossier_at_the_desk_records_the_paper_channel(staff_client, demo):
    dossier_id, _ = start(staff_client, "extract")
    assert db.session.get(Dossier, dossier_id).channel == "paper"


def test_while_helping_every_page_is_no_store_and_shows_the_erase_button(volunteer_client, demo):
    begin(volunteer_client)
    dossier_id, _ = start(volunteer_client)
    for url in ("/procedures", "/", f"/dossiers/{dossier_id}/steps/requester"):
        assert volunteer_client.get(url).headers.get("Cache-Control") == "no-store", url
    page = html(volunteer_client.get(f"/dossiers/{dossier_id}/steps/requester"))
    assert page.select_one(".app-assist a[href^='/assist/end']").get_text(strip=True) == "Xong, xóa dữ liệu"
    form = page.find("form", action="/assist/end")  # what the idle end posts
    assert form and form["data-idle-end"] == "300" and form.find("input", attrs={"name": "csrf_token"})


def test_done_erase_the_data_leaves_nothing_to_go_back_to(volunteer_client, demo):
    token = begin(volunteer_client)
    dossier_id, _ = start(volunteer_client)
    fill(volunteer_client, dossier_id, token, until="origin")
    stolen_cookie = volunteer_client.get_cookie("session").value
    response = end(volunteer_client, token)
    assert response.headers["Location"] == "/assist/ended"
    ended = volunteer_client.get("/assist/ended")
    assert ended.headers["Cache-Control"] == "no-store"
    # Back button / reload of the resident's pages: not shown any more.
    for url in (f"/dossiers/{dossier_id}/steps/requester", f"/dossiers/{dossier_id}/check"):
        response = volunteer_client.get(url, follow_redirects=True)
        assert response.status_code == 404 and "Nguyễn Thị Lan" not in response.text
    # Even the old session cookie no longer opens it: the key was voided in the database.
    volunteer_client.set_cookie("session", stolen_cookie)
    assert (
        volunteer_client.get(f"/dossiers/{dossier_id}/steps/requester", follow_redirects=True).status_code
        == 404
    )
    dossier = db.session.get(Dossier, dossier_id)
    assert dossier.draft_key is None and dossier.resume_code  # the resident can still resume with the code


def test_the_volunteer_comes_back_after_the_hand_over_with_their_password(volunteer_client, demo):
    token = begin(volunteer_client)
    end(volunteer_client, token)
    assert volunteer_client.get("/admin/").status_code == 302  # not handed back without asking
    ended = html(volunteer_client.get("/assist/ended"))
    form = ended.find("form", action="/assist/resume")
    data = {"csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"], "password": PASSWORD}
    assert volunteer_client.post("/assist/resume", data=data).headers["Location"] == "/assist"
    assert volunteer_client.get("/admin/").status_code == 200
    assert html(volunteer_client.get("/assist")).find("form", action="/assist/start")


def test_a_few_minutes_without_activity_end_the_hand_over(volunteer_client, demo, monkeypatch, app):
    clock = [1_000_000.0]
    monkeypatch.setattr(shared_pc, "_clock", lambda: int(clock[0]))
    begin(volunteer_client)
    dossier_id, token = start(volunteer_client)
    clock[0] += app.config["ASSIST_IDLE_SECONDS"] - 10
    assert volunteer_client.get(f"/dossiers/{dossier_id}/steps/requester").status_code == 200
    clock[0] += app.config["ASSIST_IDLE_SECONDS"] + 1
    response = volunteer_client.get(f"/dossiers/{dossier_id}/steps/requester")
    assert response.headers["Location"] == "/assist/ended?reason=idle"
    assert "vài phút" in volunteer_client.get(response.headers["Location"]).text
    assert db.session.get(Dossier, dossier_id).draft_key is None
    assert (
        volunteer_client.get(f"/dossiers/{dossier_id}/steps/requester").headers["Location"]
        == "/dossiers/unavailable"
    )


def test_the_volunteers_own_drafts_are_not_the_residents(volunteer_client, demo):
    own_id, _ = start(volunteer_client, "generic")
    token = begin(volunteer_client)
    assert volunteer_client.get(f"/dossiers/{own_id}/steps/requester").status_code == 303  # not in this scope
    resident_id, _ = start(volunteer_client)
    end(volunteer_client, token)
    assert volunteer_client.get(f"/dossiers/{resident_id}/steps/requester").status_code == 303
