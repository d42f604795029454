"""The dossier wizard: every step as a page and as an htmx fragment, answers kept, check, receipt."""

import pytest

from app.extensions import db
from app.forms.dossier_wizard import steps_for
from app.models import Dossier
from tests.conftest import csrf_token, html, text_of

from .conftest import ANSWERS, PROCEDURE_OF

HX = {"HX-Request": "true"}


def start(client, kind="birth"):
    code = PROCEDURE_OF[kind]
    token = csrf_token(client, f"/procedures/{code}/dossier")
    response = client.post(f"/procedures/{code}/dossier", data={"csrf_token": token})
    assert response.status_code == 303
    dossier_id = int(response.headers["Location"].split("/")[2])
    client.post(f"/dossiers/{dossier_id}/steps/consent", data={"csrf_token": token, "agree": "y"})
    return dossier_id, token


def fill(client, dossier_id, token, kind="birth", until=None):
    for step, values in ANSWERS[kind].items():
        if step == until:
            break
        response = client.post(f"/dossiers/{dossier_id}/steps/{step}", data={"csrf_token": token, **values})
        assert response.status_code == 303, text_of(response)[:800]
    return response


def test_the_procedure_page_links_to_its_dossier_wizard(client, demo):
    page = html(client.get("/procedures/khai-sinh"))
    assert page.find("a", href="/procedures/khai-sinh/dossier")
    assert not html(client.get("/procedures/chung-thuc-ban-sao")).find(
        "a", href="/procedures/chung-thuc-ban-sao/dossier"
    )


def test_the_start_page_explains_the_steps_and_starts_a_draft_only_on_post(client, demo):
    before = Dossier.query.count()
    response = client.get("/procedures/khai-tu/dossier")
    assert response.status_code == 200
    assert Dossier.query.count() == before
    assert "no-store" in response.headers["Cache-Control"]
    dossier_id, _ = start(client, "death")
    assert db.session.get(Dossier, dossier_id).form_kind == "death"


@pytest.mark.parametrize("kind", ["birth", "death", "extract", "marital", "generic"])
def test_every_step_is_a_full_page_and_an_htmx_fragment(client, demo, kind):
    dossier_id, token = start(client, kind)
    for step in steps_for(kind):
        url = f"/dossiers/{dossier_id}/steps/{step.name}"
        page = client.get(url)
        fragment = client.get(url, headers=HX)
        assert page.status_code == fragment.status_code == 200
        assert "<html" in page.text and "<html" not in fragment.text
        assert html(fragment).find(id="wizard") and html(page).find(id="wizard")
        assert "HX-Request" in page.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]
        assert page.headers["Cache-Control"] == fragment.headers["Cache-Control"] == "no-store"
        form = html(page).find("form", action=url)
        assert form.find("input", attrs={"name": "csrf_token"})
        if step.name == "consent":
            continue
        # Posting the step, as htmx would (boosted form) and without JavaScript.
        values = {"csrf_token": token, **ANSWERS[kind][step.name]}
        for headers in ({}, HX):
            response = client.post(url, data=values, headers=headers)
            assert response.status_code == 303
    assert client.get(f"/dossiers/{dossier_id}/check").status_code == 200
    assert html(client.get(f"/dossiers/{dossier_id}/check", headers=HX)).find(id="wizard")


@pytest.mark.parametrize("kind", ["birth", "death", "extract", "marital", "generic"])
def test_each_procedure_can_be_filed_to_the_end(client, demo, kind, clock):
    clock(2026, 12, 7, 9, 0)
    dossier_id, token = start(client, kind)
    fill(client, dossier_id, token, kind)
    response = client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    assert response.headers["Location"] == f"/dossiers/{dossier_id}/receipt"
    dossier = db.session.get(Dossier, dossier_id)
    assert dossier.status == "submitted" and dossier.channel == "self"
    assert dossier.applicant_name == ANSWERS[kind]["requester"]["full_name"]


def test_a_birth_dossier_ends_with_a_printable_receipt(client, demo, clock):
    clock(2026, 12, 7, 16, 0)  # after 15:00: due the next working day
    dossier_id, token = start(client)
    fill(client, dossier_id, token)
    client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    receipt = client.get(f"/dossiers/{dossier_id}/receipt")
    dossier = db.session.get(Dossier, dossier_id)
    shown = text_of(receipt)
    assert receipt.status_code == 200 and receipt.headers["Cache-Control"] == "no-store"
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in shown
    assert dossier.code in shown and "08/12/2026" in shown
    assert "Giấy chứng sinh" in shown and "Nguyễn Thị Lan" in shown
    # Going back to a step of a submitted dossier shows the receipt, not a form to change.
    assert client.get(f"/dossiers/{dossier_id}/steps/child").headers["Location"].endswith("/receipt")


def test_a_late_birth_shows_the_fee_before_sending(client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    dossier_id, token = start(client)
    fill(client, dossier_id, token)
    client.post(
        f"/dossiers/{dossier_id}/steps/child",
        data={
            "csrf_token": token,
            "full_name": "Trần Minh Khôi",
            "sex": "male",
            "date_of_birth": "01/09/2026",
        },
    )
    shown = text_of(client.get(f"/dossiers/{dossier_id}/check"))
    assert "quá hạn" in shown.lower() and "10.000 đồng" in shown


def test_an_error_keeps_everything_typed_and_says_what_is_wrong(client, demo):
    dossier_id, token = start(client)
    typed = {**ANSWERS["birth"]["requester"], "phone": "0912 34", "full_name": "Nguyễn  Thị Lan"}
    for headers in ({}, HX):
        response = client.post(
            f"/dossiers/{dossier_id}/steps/requester", data={"csrf_token": token, **typed}, headers=headers
        )
        assert response.status_code == 200
        page = html(response)
        assert page.find("input", attrs={"name": "phone"})["value"] == "0912 34"
        assert page.find("input", attrs={"name": "full_name"})["value"] == "Nguyễn Thị Lan"
        assert page.find("input", attrs={"name": "residence"})["value"] == typed["residence"]
        assert page.find("input", attrs={"value": "mother"}).has_attr("checked")
        assert "10 chữ số" in page.find(id="phone-error").get_text()
        assert page.find(id="error-summary").find("a", href="#phone")
    assert html(client.get(f"/dossiers/{dossier_id}/steps/requester")).title.string.startswith("Lỗi") is False
    # ...and still there when the page is opened again later.
    again = html(client.get(f"/dossiers/{dossier_id}/steps/requester"))
    assert again.find("input", attrs={"name": "phone"})["value"] == "0912 34"


def test_back_saves_what_was_typed_on_the_current_step(client, demo):
    dossier_id, token = start(client)
    fill(client, dossier_id, token, until="child")
    response = client.post(
        f"/dossiers/{dossier_id}/steps/child",
        data={
            "csrf_token": token,
            "full_name": "Trần Minh Kh",
            "date_of_birth": "31/02/2026",
            "action": "back",
        },
    )
    assert response.headers["Location"] == f"/dossiers/{dossier_id}/steps/requester"
    page = html(client.get(f"/dossiers/{dossier_id}/steps/child"))
    assert page.find("input", attrs={"name": "date_of_birth"})["value"] == "31/02/2026"
    assert not page.find(class_="app-error")  # no error until the person presses Continue


def test_change_links_on_the_check_page_return_to_it(client, demo):
    dossier_id, token = start(client, "marital")
    fill(client, dossier_id, token, "marital")
    check = html(client.get(f"/dossiers/{dossier_id}/check"))
    change = check.find("a", href=f"/dossiers/{dossier_id}/steps/status?next=check")
    assert change and "Thay đổi" in change.get_text()
    response = client.post(
        change["href"], data={"csrf_token": token, "status": "divorced", "purpose": "Mua nhà"}
    )
    assert response.headers["Location"] == f"/dossiers/{dossier_id}/check"
    assert "Mua nhà" in text_of(client.get(f"/dossiers/{dossier_id}/check"))


def test_sending_an_incomplete_dossier_lists_what_is_missing(client, demo):
    dossier_id, token = start(client)
    fill(client, dossier_id, token, until="mother")
    response = client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    assert response.status_code == 200
    page = html(response)
    assert page.title.string.startswith("Lỗi")
    links = [a["href"] for a in page.find(id="error-summary").find_all("a")]
    assert links == [f"/dossiers/{dossier_id}/steps/{s}?next=check" for s in ("mother", "father", "copies")]
    assert db.session.get(Dossier, dossier_id).status == "draft"


def test_no_step_opens_before_consent_is_given(client, demo):
    token = csrf_token(client, "/procedures/khai-sinh/dossier")
    response = client.post("/procedures/khai-sinh/dossier", data={"csrf_token": token})
    dossier_id = int(response.headers["Location"].split("/")[2])
    assert client.get(f"/dossiers/{dossier_id}/steps/child").headers["Location"].endswith("/steps/consent")
    refused = client.post(f"/dossiers/{dossier_id}/steps/consent", data={"csrf_token": token})
    assert refused.status_code == 200 and html(refused).find(id="agree-error")
    assert db.session.get(Dossier, dossier_id).consent_at is None


def test_personal_fields_are_never_autocompleted(client, demo):
    dossier_id, _ = start(client)
    page = html(client.get(f"/dossiers/{dossier_id}/steps/requester"))
    for name in ("full_name", "id_number", "phone", "residence"):
        assert page.find("input", attrs={"name": name})["autocomplete"] == "off"


def test_another_browser_cannot_open_the_draft_but_the_resume_code_moves_it(app, client, demo):
    dossier_id, token = start(client)
    fill(client, dossier_id, token, until="origin")
    later = client.post(
        f"/dossiers/{dossier_id}/steps/origin",
        data={"csrf_token": token, "place_of_birth": "Bệnh viện", "action": "later"},
    )
    assert later.headers["Location"] == f"/dossiers/{dossier_id}/saved"
    code = html(client.get(later.headers["Location"])).find(class_="app-big").get_text().strip()

    other = app.test_client()
    assert other.get(f"/dossiers/{dossier_id}/steps/child").status_code == 303
    assert other.get(f"/dossiers/{dossier_id}/steps/child", follow_redirects=True).status_code == 404
    response = other.post(
        "/dossiers/resume", data={"csrf_token": csrf_token(other, "/dossiers/resume"), "code": code.lower()}
    )
    assert response.headers["Location"] == f"/dossiers/{dossier_id}/steps/origin"
    page = html(other.get(response.headers["Location"]))
    assert page.find("input", attrs={"name": "place_of_birth"})["value"] == "Bệnh viện"
    # The first browser let go of it.
    assert client.get(f"/dossiers/{dossier_id}/steps/child").status_code == 303


def test_a_wrong_resume_code_says_so_beside_the_field(client, demo):
    response = client.post(
        "/dossiers/resume", data={"csrf_token": csrf_token(client, "/dossiers/resume"), "code": "ZZZZ-ZZZZ"}
    )
    assert response.status_code == 200
    assert html(response).find(id="code-error")
    assert html(response).title.string.startswith("Lỗi")


def test_unavailable_draft_pages_send_htmx_to_a_full_page(client, demo):
    response = client.get("/dossiers/999/steps/child", headers=HX)
    assert response.headers["HX-Redirect"] == "/dossiers/unavailable"


def test_the_consent_states_the_draft_period_the_saved_page_states(client, demo):
    """The consent said an unfinished draft is kept as long as a finished dossier (365 days) while
    the saved-draft page said 30: the notice a resident agrees to must say what happens."""
    code = PROCEDURE_OF["birth"]
    token = csrf_token(client, f"/procedures/{code}/dossier")
    dossier_id = int(
        client.post(f"/procedures/{code}/dossier", data={"csrf_token": token})
        .headers["Location"]
        .split("/")[2]
    )
    consent = text_of(client.get(f"/dossiers/{dossier_id}/steps/consent"))
    assert "được xóa 365 ngày sau khi hồ sơ kết thúc" in consent
    assert "Bản nháp không được sửa trong 30 ngày sẽ bị xóa" in consent
    client.post(f"/dossiers/{dossier_id}/steps/consent", data={"csrf_token": token, "agree": "y"})
    db.session.expire_all()
    assert (
        "bản nháp không được sửa trong 30 ngày bị xóa" in db.session.get(Dossier, dossier_id).consent_purpose
    )
