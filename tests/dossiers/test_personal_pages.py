"""Convention: every dossier page is no-store and its typed fields never autocomplete.

The test walks app.url_map, so a dossier route added later is checked without being listed here.
"""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Dossier
from app.services.dossiers import OPEN
from tests.conftest import csrf_token, html

from .conftest import ANSWERS
from .test_wizard import fill, start

TYPED = re.compile(r"^(text|tel|email|number|search|password|date)?$")
ARGS = {"code": ["khai-sinh"], "name": ["requester", "child"]}
# Pages that answer 404 on purpose (they say the dossier is not open here).
NOT_FOUND_ON_PURPOSE = {"dossiers.unavailable"}
# Pages shown only while a volunteer helps a resident: tests/residents/test_handover.py walks them.
ONLY_WHILE_HELPING = {"dossiers.assist_end_confirm", "dossiers.assist_resident", "dossiers.assist_resume"}


def dossier_get_rules(app):
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("dossiers.") and "GET" in rule.methods
        ),
        key=lambda rule: rule.rule,
    )


def urls_for(rule, dossier_ids):
    values = {"dossier_id": [str(i) for i in dossier_ids], **ARGS}
    unknown = set(rule.arguments) - set(values)
    assert not unknown, f"{rule.rule}: teach this test a value for {unknown}"
    urls = [rule.rule]
    for arg in rule.arguments:
        urls = [
            url.replace(f"<{conv}{arg}>", value)
            for url in urls
            for value in values[arg]
            for conv in ("", "int:")
        ]
    return sorted({url for url in urls if "<" not in url})


def untyped_fields(page):
    """Text fields that could autocomplete: neither they nor their form say autocomplete=off."""
    found = []
    for element in page.find_all(["input", "textarea"]):
        if element.name == "input" and not TYPED.match(element.get("type", "")):
            continue
        form = element.find_parent("form")
        if element.get("autocomplete") != "off" and (form is None or form.get("autocomplete") != "off"):
            found.append(element.get("name"))
    return found


@pytest.fixture
def held_dossiers(staff_client, demo, clock):
    """A draft and a submitted dossier, both held by the signed-in staff member's browser."""
    clock(2026, 12, 7, 9, 0)
    draft_id, token = start(staff_client, "birth")
    fill(staff_client, draft_id, token, "birth", until="mother")
    sent_id, token = start(staff_client, "death")
    fill(staff_client, sent_id, token, "death")
    assert staff_client.post(f"/dossiers/{sent_id}/check", data={"csrf_token": token}).status_code == 303
    return draft_id, sent_id


def test_every_dossier_page_is_no_store_and_personal_fields_do_not_autocomplete(
    app, staff_client, held_dossiers
):
    rules = dossier_get_rules(app)
    assert len(rules) >= 12  # the walk really found the dossier routes
    for rule in rules:
        shown = []
        for url in urls_for(rule, held_dossiers):
            for headers in ({}, {"HX-Request": "true"}):
                response = staff_client.get(url, headers=headers)
                assert response.headers.get("Cache-Control") == "no-store", (url, headers)
                if response.status_code == 200 and response.mimetype == "text/html":
                    shown.append(url)
                    assert untyped_fields(html(response)) == [], (url, headers)
        if rule.endpoint not in NOT_FOUND_ON_PURPOSE | ONLY_WHILE_HELPING:
            assert shown, f"{rule.rule} was never shown: the walk did not reach a real page"


def test_pages_answering_a_post_with_typed_data_are_no_store_too(client, demo):
    dossier_id, token = start(client, "birth")
    typed = {**ANSWERS["birth"]["requester"], "phone": "12"}
    response = client.post(f"/dossiers/{dossier_id}/steps/requester", data={"csrf_token": token, **typed})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    lookup = client.post(
        "/lookup",
        data={"csrf_token": csrf_token(client, "/lookup"), "code": "HS-2612-AAAA", "phone": "0912345678"},
    )
    assert lookup.headers["Cache-Control"] == "no-store"


def test_the_staff_pages_with_personal_data_are_no_store(staff_client, demo):
    # An open demo sample, so the default staff list shows it (a row without ORDER BY is any row).
    query = select(Dossier).where(Dossier.status.in_(OPEN)).order_by(Dossier.id)
    dossier = db.session.scalars(query).first()
    for url in ("/staff/dossiers", f"/staff/dossiers/{dossier.id}", f"/staff/dossiers/{dossier.id}/erase"):
        response = staff_client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", url
        assert dossier.applicant_name in response.text or url.endswith("/erase")
    db.session.expire_all()
