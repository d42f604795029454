"""A resident rates a finished visit in Chromium, with JavaScript on (htmx) and off."""

import secrets
from datetime import date

import pytest

from app.extensions import db
from app.models import Procedure, Rating, Ticket
from app.services import captcha

pytestmark = pytest.mark.browser


def finished_ticket(point):
    ticket = Ticket(
        point_id=point.id,
        service_day=date(2026, 11, 26),
        prefix="A",
        number=12,
        procedure_id=Procedure.query.first().id,
        status="done",
        token=secrets.token_urlsafe(16),
    )
    db.session.add(ticket)
    db.session.commit()
    return ticket


def code_on(page):
    return captcha.challenge_from(page.input_value("input[name=captcha_token]")).code


def rate(page, base, ticket):
    page.goto(f"{base}/feedback?ticket={ticket.token}")
    page.check("input[name=overall][value='4']")
    page.check("input[name=attitude][value='5']")
    page.fill("textarea[name=comment]", "Được hướng dẫn tận tình")
    page.fill("input[name=captcha]", "ZZZZZ")
    page.click("text=Gửi đánh giá")
    page.wait_for_selector("#captcha-error")
    assert page.inner_text("#captcha-error").strip().endswith("Mã xác thực không đúng.")
    # Nothing was lost: the scores and the comment are still there.
    assert page.is_checked("input[name=overall][value='4']")
    assert page.is_checked("input[name=attitude][value='5']")
    assert page.input_value("textarea[name=comment]") == "Được hướng dẫn tận tình"
    page.fill("input[name=captcha]", code_on(page).lower())  # case does not matter
    page.press("input[name=captcha]", "Enter")  # sends the rating, not "another code"
    page.wait_for_selector("text=Cảm ơn bạn đã đánh giá")


def test_rating_a_finished_ticket_with_javascript(phone, live_server, demo):
    ticket = finished_ticket(demo)
    navigations = []
    phone.on("framenavigated", lambda frame: navigations.append(frame.url))
    rate(phone, live_server, ticket)
    assert navigations == [f"{live_server}/feedback?ticket={ticket.token}"]  # htmx swapped in place
    rating = Rating.query.one()
    assert (rating.ticket_ref, rating.overall, rating.attitude, rating.status) == (
        ticket.token,
        4,
        5,
        "pending",
    )


def test_rating_a_finished_ticket_without_javascript(phone_nojs, live_server, demo):
    ticket = finished_ticket(demo)
    rate(phone_nojs, live_server, ticket)
    assert phone_nojs.url == f"{live_server}/feedback/thanks"
    assert Rating.query.one().ticket_ref == ticket.token
    phone_nojs.goto(f"{live_server}/feedback?ticket={ticket.token}")
    assert "Lượt phục vụ này đã được đánh giá" in phone_nojs.inner_text("main")
