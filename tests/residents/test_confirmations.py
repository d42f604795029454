"""One tap never destroys: cancelling a booking asks first, on a page with its own form."""

from datetime import date, time

import pytest

from app.extensions import db
from app.models import Procedure
from app.services import appointments as service
from tests.conftest import csrf_token, html, text_of

HX = {"HX-Request": "true"}


@pytest.fixture
def booking(clock, demo):
    clock(2026, 11, 26, 8, 0)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    return service.book(
        demo, procedure, date(2026, 11, 27), time(9), "Nguyễn Thị Lan", "0912345678", "127.0.0.1"
    )


@pytest.mark.parametrize("headers", [{}, HX])
def test_cancelling_a_booking_asks_first(client, booking, headers):
    page = f"/appointments/b/{booking.token}"
    shown = html(client.get(page, headers=headers))
    assert shown.find("form", action=f"{page}/cancel") is None  # no one-tap cancel on the booking page
    link = shown.find("a", href=f"{page}/cancel")
    assert link.get_text(strip=True) == "Hủy lịch hẹn này"
    confirm = client.get(f"{page}/cancel", headers=headers)
    assert confirm.headers["Cache-Control"] == "no-store"
    words = text_of(confirm)
    assert "Hủy lịch hẹn này?" in words and "09:00–09:30" in words and "27/11/2026" in words
    assert html(confirm).find("a", string="Không, giữ lịch hẹn")["href"] == page
    db.session.expire_all()
    assert booking.status == "booked"  # looking at the question changes nothing
    response = client.post(f"{page}/cancel", data={"csrf_token": csrf_token(client, f"{page}/cancel")})
    assert response.status_code == 303
    db.session.expire_all()
    assert booking.status == "cancelled"
    assert client.get(f"{page}/cancel").headers["Location"].endswith(page)  # nothing left to cancel
