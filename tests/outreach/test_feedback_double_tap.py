"""The feedback form sent twice (a double tap without JavaScript): one rating, and thanks both times."""

from app.models import Rating
from tests.conftest import html, text_of
from tests.outreach.conftest import form_fields, solve, sum_answer
from tests.outreach.test_feedback import finished_ticket


def filled(page, **answers):
    data = dict(form_fields(page), overall="2", comment="Phải đi lại 3 lần", trips="3")
    data.update(answers)
    return data


def test_the_same_feedback_form_sent_twice_thanks_both_times_and_keeps_one_rating(client, demo):
    page = client.get("/feedback")
    data = filled(page, captcha=sum_answer(page))
    first = client.post("/feedback", data=data)
    second = client.post("/feedback", data=data)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert second.headers["Location"].endswith("/feedback/thanks")
    assert "Mã xác thực không đúng" not in text_of(client.get(second.headers["Location"]))
    rating = Rating.query.one()
    assert (rating.overall, rating.trips, rating.comment) == (2, 3, "Phải đi lại 3 lần")


def test_the_same_form_sent_twice_with_htmx_shows_the_thanks_both_times(client, demo):
    page = client.get("/feedback")
    data = filled(page, captcha=solve(page))
    headers = {"HX-Request": "true"}
    first = client.post("/feedback", data=data, headers=headers)
    second = client.post("/feedback", data=data, headers=headers)
    assert first.status_code == second.status_code == 200
    assert html(second).find("form", id="feedback-form") is None
    assert text_of(second) == text_of(first)
    assert Rating.query.count() == 1


def test_a_visit_rated_with_a_double_tap_thanks_again_instead_of_already_rated(client, demo):
    ticket = finished_ticket(demo)
    page = client.get(f"/feedback?ticket={ticket.token}")
    data = filled(page, captcha=solve(page))
    assert client.post("/feedback", data=data).status_code == 303
    again = client.post("/feedback", data=data)
    assert again.status_code == 303 and again.headers["Location"].endswith("/feedback/thanks")
    assert Rating.query.one().ticket_ref == ticket.token


def test_a_wrong_code_sent_twice_is_still_wrong(client, demo):
    page = client.get("/feedback")
    data = filled(page, captcha="ZZZZZ")
    for _ in range(2):
        assert "Mã xác thực không đúng" in text_of(client.post("/feedback", data=data))
    assert Rating.query.count() == 0
