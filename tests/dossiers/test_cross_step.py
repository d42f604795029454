"""Checks across steps: dates that contradict another step's answer, said beside the field, nothing lost."""

import pytest

from app.extensions import db
from app.models import Dossier
from tests.conftest import html

from .conftest import ANSWERS
from .test_wizard import HX, fill, start

# kind, steps filled first (in order, with changes), the step posted, its values, the field, words expected
CASES = [
    (
        "death",
        {"deceased": {}},
        "death",
        {"date_of_death": "01/01/1939"},
        "date_of_death",
        "không được trước ngày sinh (12/05/1940)",
    ),
    (
        "death",
        {"deceased": {}, "death": {}},
        "deceased",
        {"date_of_birth": "02/11/2026"},
        "date_of_birth",
        "không được sau ngày mất (01/11/2026)",
    ),
    (
        "birth",
        {"child": {}},
        "mother",
        {"birth_year": "2026"},
        "birth_year",
        "phải trước ngày sinh của trẻ (01/11/2026)",
    ),
    (
        "birth",
        {"child": {}},
        "father",
        {"birth_year": "2026"},
        "birth_year",
        "phải trước ngày sinh của trẻ (01/11/2026)",
    ),
    (
        "birth",
        {"child": {}, "origin": {}, "mother": {}},
        "child",
        {"date_of_birth": "01/01/1995"},
        "date_of_birth",
        "năm sinh của mẹ (1995)",
    ),
    (
        "birth",
        {"child": {}, "origin": {}, "mother": {"birth_year": "1980"}, "father": {"birth_year": "1999"}},
        "child",
        {"date_of_birth": "01/01/1999"},
        "date_of_birth",
        "năm sinh của cha (1999)",
    ),
]


@pytest.mark.parametrize("kind, first, step, changed, field, words", CASES)
def test_a_contradiction_with_another_step_is_shown_beside_the_field(
    client, demo, clock, kind, first, step, changed, field, words
):
    clock(2026, 12, 7, 9, 0)
    dossier_id, token = start(client, kind)
    fill(client, dossier_id, token, kind, until=list(ANSWERS[kind])[1])  # the requester
    for name, overrides in first.items():
        assert (
            client.post(
                f"/dossiers/{dossier_id}/steps/{name}",
                data={"csrf_token": token, **ANSWERS[kind][name], **overrides},
            ).status_code
            == 303
        )
    typed = {**ANSWERS[kind][step], **changed}
    for headers in ({}, HX):
        response = client.post(
            f"/dossiers/{dossier_id}/steps/{step}", data={"csrf_token": token, **typed}, headers=headers
        )
        assert response.status_code == 200
        page = html(response)
        assert words in page.find(id=f"{field}-error").get_text()
        assert page.find(id="error-summary").find("a", href=f"#{field}")
        for name, value in typed.items():
            shown = page.find(attrs={"name": name})
            if shown.name == "input" and shown.get("type") != "radio":
                assert shown["value"] == value  # nothing typed is lost
    if not headers:
        assert page.title.string.startswith("Lỗi")
    dossier = db.session.get(Dossier, dossier_id)
    assert dossier.answers[step][field] == changed[field]
    assert step not in dossier.answers["_done"]  # the check page lists it as not complete


def test_consistent_dates_pass_and_the_same_day_birth_and_death_is_allowed(client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    dossier_id, token = start(client, "death")
    fill(client, dossier_id, token, "death", until="death")
    response = client.post(
        f"/dossiers/{dossier_id}/steps/death",
        data={"csrf_token": token, **ANSWERS["death"]["death"], "date_of_death": "12/05/1940"},
    )
    assert response.status_code == 303


def test_a_draft_with_a_contradiction_cannot_be_sent_until_it_is_fixed(client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    dossier_id, token = start(client, "birth")
    fill(client, dossier_id, token, "birth")
    client.post(
        f"/dossiers/{dossier_id}/steps/mother?next=check",
        data={"csrf_token": token, **ANSWERS["birth"]["mother"], "birth_year": "2026"},
    )
    sent = client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    assert sent.status_code == 200
    assert (
        html(sent).find(id="error-summary").find("a", href=f"/dossiers/{dossier_id}/steps/mother?next=check")
    )
    fixed = client.post(
        f"/dossiers/{dossier_id}/steps/mother?next=check",
        data={"csrf_token": token, **ANSWERS["birth"]["mother"]},
    )
    assert fixed.headers["Location"] == f"/dossiers/{dossier_id}/check"
    assert client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token}).status_code == 303
