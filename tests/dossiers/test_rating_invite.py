"""Once the result is ready or handed over, the lookup timeline invites a rating of the dossier."""

import pytest

from app.services import dossiers as service
from tests.conftest import html, text_of

from .conftest import make_dossier
from .test_lookup_and_staff import HX, ask


@pytest.mark.parametrize("moves", [("received", "completed"), ("received", "completed", "returned")])
def test_a_finished_dossier_links_to_the_feedback_page_with_its_code(client, demo, moves):
    dossier = make_dossier(demo, "extract")
    for status in moves:
        service.move(dossier, status)
    for headers in ({}, HX):
        result = html(ask(client, dossier.code, "0356789012", headers)).find(id="lookup-result")
        link = result.find("a", href=f"/feedback?dossier={dossier.code}")
        assert link and "Đánh giá" in link.get_text()
    page = client.get(f"/feedback?dossier={dossier.code}")
    assert page.status_code == 200
    assert html(page).find("input", attrs={"name": "dossier"})["value"] == dossier.code


@pytest.mark.parametrize("moves", [(), ("received",), ("received", "processing"), ("withdrawn",)])
def test_an_unfinished_or_withdrawn_dossier_invites_no_rating(client, demo, moves):
    dossier = make_dossier(demo, "extract")
    for status in moves:
        service.move(dossier, status)
    response = ask(client, dossier.code, "0356789012")
    assert dossier.code in text_of(response)
    assert (
        not html(response).find(id="lookup-result").find("a", href=lambda h: h and h.startswith("/feedback"))
    )
