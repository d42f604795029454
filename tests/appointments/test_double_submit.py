"""The booking form sent twice (a double tap on a slow phone, no JavaScript) books once."""

import threading
from datetime import time
from urllib.parse import urlencode

import pytest

from app.extensions import db
from app.models import Appointment, Procedure, ServicePoint, SlotCounter, Team, Ticket
from app.services import appointments as service
from tests.conftest import html, text_of
from tests.live import cookies, gunicorn, open_all_day, request


def filled_form(client, slot="09:00", name="Trương Văn Kiên", phone="0905 777 888"):
    """The details page for Friday 27/11 at `slot`, filled in as the resident would: every field it sends."""
    page = html(client.get(f"/appointments/new?procedure=khai-sinh&day=2026-11-27&slot={slot}"))
    form = page.find("form", action="/appointments")
    data = {field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"name": True})}
    return {**data, "name": name, "phone": phone}


def test_the_same_booking_form_sent_twice_books_once_and_both_answers_open_that_booking(
    client, point, team_settings
):
    team_settings(capacity=2, max_per_phone=2)
    form = filled_form(client)
    first = client.post("/appointments", data=form)
    second = client.post("/appointments", data=form)
    booking = Appointment.query.one()
    assert first.status_code == second.status_code == 303
    assert (
        first.headers["Location"] == second.headers["Location"] == f"/appointments/b/{booking.token}?booked=1"
    )
    assert db.session.get(SlotCounter, (booking.team_id, booking.day, booking.start)).booked == 1
    # One place is left at 09:00 for everyone else, and the resident can still book once more.
    times = html(client.get("/appointments/new?procedure=khai-sinh&day=2026-11-27"))
    assert times.find("a", href="/appointments/new?procedure=khai-sinh&day=2026-11-27&slot=09:00")
    assert client.post("/appointments", data=filled_form(client, slot="10:00")).status_code == 303


def test_the_same_form_sent_again_after_its_slot_filled_still_lands_on_the_booking(
    client, point, team_settings
):
    team_settings(capacity=1)
    form = filled_form(client)
    client.post("/appointments", data=form)
    again = client.post("/appointments", data=form)
    assert again.status_code == 303
    assert again.headers["Location"] == f"/appointments/b/{Appointment.query.one().token}?booked=1"


def test_one_phone_books_two_times_for_two_family_members(client, point):
    client.post("/appointments", data=filled_form(client, slot="09:00", name="Trương Văn Kiên"))
    client.post("/appointments", data=filled_form(client, slot="09:30", name="Trương Thị Mai"))
    bookings = Appointment.query.order_by(Appointment.start).all()
    assert [(b.name, b.start, b.status) for b in bookings] == [
        ("Trương Văn Kiên", time(9, 0), "booked"),
        ("Trương Thị Mai", time(9, 30), "booked"),
    ]


def test_the_same_page_sent_back_with_another_name_is_another_booking(client, point):
    form = filled_form(client)
    client.post("/appointments", data=form)
    client.post("/appointments", data={**form, "name": "Trương Thị Mai"})  # the back button, then a sister
    assert sorted(a.name for a in Appointment.query.all()) == ["Trương Thị Mai", "Trương Văn Kiên"]


def test_the_same_page_sent_again_after_cancelling_books_again(client, point):
    form = filled_form(client)
    page = client.post("/appointments", data=form).headers["Location"].split("?")[0]
    client.post(
        f"{page}/cancel", data={"csrf_token": form["csrf_token"]}
    )  # then back, and "Đặt giờ này" again
    again = client.post("/appointments", data=form)
    assert [a.status for a in Appointment.query.order_by(Appointment.id)] == ["cancelled", "booked"]
    assert again.headers["Location"] != f"{page}?booked=1"


def test_the_phone_limit_message_is_unchanged(client, point, book, team_settings):
    team_settings(max_per_phone=1)
    book(start="10:00", phone="0905777888")
    refused = client.post("/appointments", data=filled_form(client))
    assert "Số điện thoại này đã có 1 lịch hẹn" in text_of(refused)
    assert Appointment.query.count() == 1


# ---------------------------------------------------------------- a double tap on two gunicorn workers


@pytest.fixture
def served(app, tmp_path):
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    with gunicorn(
        database, tmp_path / "gunicorn.log", workers=2, settings={"INSTANCE_PATH": str(tmp_path)}
    ) as base:
        yield base


@pytest.fixture
def open_today(db):
    """The demo point with the real clock (the workers cannot share a fake one), open all day today."""
    from app.demo import seed

    seed(echo=lambda *a: None)
    db.session.execute(Appointment.__table__.delete())
    db.session.execute(SlotCounter.__table__.delete())
    point = ServicePoint.query.one()
    open_all_day(point)
    db.session.commit()
    return point


def twice_at_once(url, form, cookie):
    """The same form posted twice at the same moment, each on its own connection: the two statuses and places."""
    start, answers = threading.Barrier(2, timeout=30), []

    def post():
        start.wait()
        status, headers, _text = request("POST", url, form, cookie)
        answers.append((status, headers.get("Location")))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return answers


def fields_of(text, action):
    from bs4 import BeautifulSoup

    form = BeautifulSoup(text, "html.parser").find("form", action=action)
    return {field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"name": True})}


def test_a_double_tap_racing_on_two_workers_makes_one_booking_and_one_ticket(app, open_today, served):
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    service.update_settings(Team.query.filter_by(code="online").one(), capacity=2, max_per_phone=2)
    slot, _team = service.next_free_slots(open_today, procedure, limit=1)[0]
    jar = {}
    query = urlencode({"procedure": "khai-sinh", "day": slot.day.isoformat(), "slot": slot.key})
    status, headers, text = request("GET", f"{served}/appointments/new?{query}")
    form = {**fields_of(text, "/appointments"), "name": "Trương Văn Kiên", "phone": "0905 777 888"}
    booked = twice_at_once(f"{served}/appointments", form, cookies(headers, jar))

    status, headers, text = request("GET", f"{served}/tickets/new", cookie=cookies(headers, jar))
    form = {**fields_of(text, "/tickets"), "procedure": "khai-sinh", "phone": "0905 444 555"}
    ticketed = twice_at_once(f"{served}/tickets", form, cookies(headers, jar))

    db.session.expire_all()
    booking = Appointment.query.one()
    assert booked == [(303, f"/appointments/b/{booking.token}?booked=1")] * 2
    assert db.session.get(SlotCounter, (booking.team_id, booking.day, booking.start)).booked == 1
    ticket = Ticket.query.one()
    assert ticketed == [(303, f"/t/{ticket.token}")] * 2
    assert ticket.number == 1  # the number the second request drew was given back
