"""Outreach fixtures: uploads in a temporary folder, fresh visit figures, and solving the code."""

import pytest

from app.services import captcha, visits
from tests.conftest import html


@pytest.fixture(autouse=True)
def outreach_config(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))
    monkeypatch.setitem(app.config, "VISIT_STATS_CACHE_SECONDS", 0)
    # Each test starts with no buffered views left over from another test.
    app.extensions["visit_buffer"] = visits.VisitBuffer()
    yield


def form_fields(response):
    """The hidden fields of the feedback form as the page rendered them."""
    form = html(response).find("form", id="feedback-form")
    assert form is not None, response.get_data(as_text=True)[:2000]
    return {i["name"]: i.get("value", "") for i in form.find_all("input", attrs={"type": "hidden"})}


def solve(response):
    """What a person reading the picture would type."""
    token = form_fields(response)["captcha_token"]
    return captcha.challenge_from(token).code


def sum_answer(response):
    challenge = captcha.challenge_from(form_fields(response)["captcha_token"])
    return str(challenge.a + challenge.b)
