"""Anonymous dossier drafts: creation limited per address, only valid lengths stored, untouched drafts expire."""

from app.extensions import db
from app.models import Dossier
from app.services import dossiers as dossier_service
from tests.conftest import csrf_token, html, sign_in, text_of


def new_draft(client, code="khai-sinh"):
    token = csrf_token(client, f"/procedures/{code}/dossier")
    return client.post(f"/procedures/{code}/dossier", data={"csrf_token": token}), token


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_one_address_cannot_make_drafts_by_the_thousand(app, demo, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "DOSSIER_DRAFT_LIMIT", (3, 3600))
    script = from_address(app, "203.0.113.9")
    codes = [new_draft(script)[0].status_code for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    refused = new_draft(script)[0]
    assert "mã tiếp tục" in text_of(refused)
    assert new_draft(from_address(app, "10.0.0.7"))[0].status_code == 303  # a neighbour is not refused
    volunteer = sign_in(from_address(app, "203.0.113.9"), make_user("volunteer", point=demo))
    assert new_draft(volunteer)[0].status_code == 303  # helping residents at the office is not limited


# A value over its field's limit -> never stored, still shown to retype.
OVERSIZED = {
    "a name of 5,000 characters": ("full_name", "Nguyễn " * 715),
    "an address of 100 KB": ("residence", "Số 5 " * 20_000),
}


def test_values_over_their_field_limit_are_shown_but_never_stored(client, demo):
    response, token = new_draft(client)
    dossier_id = int(response.headers["Location"].split("/")[2])
    client.post(f"/dossiers/{dossier_id}/steps/consent", data={"csrf_token": token, "agree": "y"})
    for name, (field, value) in OVERSIZED.items():
        page = client.post(
            f"/dossiers/{dossier_id}/steps/requester",
            data={"csrf_token": token, field: value, "phone": "0912345678"},
        )
        assert page.status_code == 200, name
        assert html(page).find(attrs={"name": field}) is not None
        db.session.expire_all()
        stored = db.session.get(Dossier, dossier_id).answers.get("requester", {})
        assert field not in stored, name
        assert stored.get("phone") == "0912345678", name


def test_a_draft_untouched_for_thirty_days_is_erased_and_the_pages_say_so(client, demo, clock):
    clock(2026, 11, 2, 9, 0)
    response, token = new_draft(client)
    dossier_id = int(response.headers["Location"].split("/")[2])
    assert "30 ngày" in text_of(client.get("/dossiers/resume"))
    clock(2026, 11, 30, 9, 0)
    assert dossier_service.purge_personal_data(365) == 0  # 28 days: kept
    clock(2026, 12, 3, 9, 0)
    assert dossier_service.purge_personal_data(365) == 1
    db.session.expire_all()
    dossier = db.session.get(Dossier, dossier_id)
    assert dossier.anonymised and dossier.status == "cancelled" and dossier.resume_code is None
