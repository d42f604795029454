"""The booking pages, finding a booking again, staff check-in and admin settings, with and without htmx."""

import re
from datetime import date, time

from app.extensions import db
from app.models import Appointment, AuditEvent, BookingSettings, Team, Ticket
from tests.conftest import csrf_token, html, text_of

HX = {"HX-Request": "true"}
DETAILS = "/appointments/new?procedure=khai-sinh&day=2026-11-27&slot=09:00"


def booking_form(client, name="Nguyễn Thị Lan", phone="0912 345 678", url=DETAILS):
    return {
        "csrf_token": csrf_token(client, url),
        "procedure": "khai-sinh",
        "day": "2026-11-27",
        "slot": "09:00",
        "name": name,
        "phone": phone,
    }


def test_the_first_step_lists_the_procedures_that_can_be_booked(client, point):
    page = client.get("/appointments/new")
    assert page.status_code == 200 and "HX-Request" in page.headers["Vary"]
    links = [a["href"] for a in html(page).select(".app-procedures a")]
    assert "/appointments/new?procedure=khai-sinh" in links and len(links) == 10
    fragment = client.get("/appointments/new", headers=HX)
    assert "<html" not in fragment.text and 'id="booking"' in fragment.text
    assert "/appointments/new?procedure=khai-sinh" in fragment.text


def test_the_second_step_shows_real_days_and_times_with_places_left(client, point, book):
    book(start="09:00")
    page = client.get("/appointments/new?procedure=khai-sinh&day=2026-11-27")
    days = [a.get_text(" ", strip=True) for a in html(page).select(".app-days a")]
    assert any("27/11/2026" in d for d in days) and not any("29/11/2026" in d for d in days)  # Sunday
    nine = html(page).find("a", href="/appointments/new?procedure=khai-sinh&day=2026-11-27&slot=09:00")
    assert nine.select_one("span").get_text() == "Còn 1 chỗ"  # one of two places left
    assert "09:00–09:30" in nine.get_text()
    fragment = client.get("/appointments/new?procedure=khai-sinh&day=2026-11-27", headers=HX)
    assert "<html" not in fragment.text and "09:00–09:30" in fragment.text


def test_a_full_slot_is_shown_but_cannot_be_chosen(client, point, book, team_settings):
    team_settings(capacity=1)
    book(start="09:00")
    page = html(client.get("/appointments/new?procedure=khai-sinh&day=2026-11-27"))
    assert page.find("a", href=re.compile(r"slot=09:00")) is None
    assert "09:00–09:30" in page.select_one(".app-slots__full").get_text()


def test_choosing_a_closed_day_shows_the_times_again_with_the_reason(client, point):
    page = client.get("/appointments/new?procedure=khai-sinh&day=2026-11-29&slot=09:00")
    assert page.status_code == 200
    assert "29/11/2026" in html(page).select_one(".app-error").get_text()
    assert html(page).select(".app-slots a")


def test_booking_shows_the_code_and_offers_a_calendar_file(client, point):
    response = client.post("/appointments", data=booking_form(client))
    assert response.status_code == 303
    location = response.headers["Location"]
    appointment = Appointment.query.one()
    assert location == f"/appointments/b/{appointment.token}?booked=1"
    page = client.get(location)
    assert page.headers["Cache-Control"] == "no-store"
    assert html(page).select_one(".app-bigcode").get_text() == appointment.display_code
    assert "09:00–09:30" in text_of(page) and "27/11/2026" in text_of(page)
    assert "0912345678" not in page.text  # only part of the number is shown
    ics_link = html(page).find("a", href=f"/appointments/b/{appointment.token}.ics")
    assert ics_link.has_attr("download") and ics_link["hx-boost"] == "false"
    ics = client.get(ics_link["href"])
    assert ics.mimetype == "text/calendar"
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261127T090000" in ics.text
    assert appointment.code in ics.headers["Content-Disposition"]


def test_booking_with_htmx_follows_to_the_confirmation_fragment(client, point):
    response = client.post("/appointments", data=booking_form(client), headers=HX, follow_redirects=True)
    assert response.status_code == 200 and "<html" not in response.text
    assert Appointment.query.one().display_code in response.text


def test_a_wrong_phone_keeps_what_was_typed_and_says_why(client, point):
    response = client.post("/appointments", data=booking_form(client, phone="012345"))
    page = html(response)
    assert response.status_code == 200 and page.title.get_text().startswith("Lỗi")
    assert page.find("input", attrs={"name": "name"})["value"] == "Nguyễn Thị Lan"
    assert page.find("input", attrs={"name": "phone"})["value"] == "012345"
    # The same words as on the ticket and dossier forms.
    assert (
        page.select_one("#phone-error")
        .get_text(" ", strip=True)
        .endswith("Nhập số di động 10 chữ số, ví dụ 0912 345 678")
    )
    assert Appointment.query.count() == 0
    fragment = client.post("/appointments", data=booking_form(client, phone="012345"), headers=HX)
    assert "<html" not in fragment.text and 'id="phone-error"' in fragment.text
    assert fragment.headers["HX-Push-Url"] == "false"


def test_the_last_place_taken_meanwhile_sends_the_resident_back_to_the_times(
    client, point, book, team_settings
):
    team_settings(capacity=1)
    form = booking_form(client)
    book(start="09:00")
    response = client.post("/appointments", data=form)
    assert response.status_code == 409
    assert "09:00" in html(response).select_one(".app-error").get_text()
    assert client.post("/appointments", data=booking_form(client), headers=HX).status_code == 200
    assert Appointment.query.count() == 1


def test_the_phone_limit_is_shown_beside_the_phone_field(client, point, book):
    book(phone="0912345678", start="10:00")
    book(phone="0912345678", start="10:30")
    response = client.post("/appointments", data=booking_form(client))
    assert "2" in html(response).select_one("#phone-error").get_text()
    assert Appointment.query.count() == 2


# ---------------------------------------------------------------- find, cancel, move


def lookup(client, code, phone, headers=None):
    return client.post(
        "/appointments/find",
        data={"csrf_token": csrf_token(client, "/appointments/find"), "code": code, "phone": phone},
        headers=headers or {},
    )


def without_token(body):
    return re.sub(r'value="[^"]{30,}"|"X-CSRFToken": "[^"]+"', "", body)


def test_the_code_and_phone_together_open_the_booking(client, point, book):
    appointment = book(phone="0912345678")
    response = lookup(client, appointment.display_code.lower(), "+84 912 345 678")
    assert (
        response.status_code == 303 and response.headers["Location"] == f"/appointments/b/{appointment.token}"
    )


def test_a_phone_typed_with_digits_of_another_script_is_read_never_a_server_error(client, point, book):
    appointment = book(phone="0912345678")
    found = lookup(client, appointment.code, "0912٣٤٥٦٧٨")  # Arabic-Indic 3-8: the same number
    assert found.status_code == 303 and found.headers["Location"] == f"/appointments/b/{appointment.token}"
    not_digits = lookup(client, appointment.code, "091234567八")
    assert not_digits.status_code == 200 and appointment.name not in not_digits.text


def test_a_wrong_pair_reveals_nothing_about_the_booking(client, point, book):
    appointment = book(phone="0912345678")
    wrong_phone = lookup(client, appointment.code, "0987654321")
    no_such_code = lookup(client, "ABCDEF", "0987654321")
    assert wrong_phone.status_code == no_such_code.status_code == 200
    assert without_token(wrong_phone.text).replace(appointment.code, "ABCDEF") == without_token(
        no_such_code.text
    )
    assert appointment.name not in wrong_phone.text
    fragment = lookup(client, appointment.code, "0987654321", headers=HX)
    assert "<html" not in fragment.text and html(fragment).select_one(".app-error")


def test_lookups_are_throttled(client, point, book, app):
    appointment = book(phone="0912345678")
    for n in range(6):
        lookup(client, appointment.code, f"09000000{n:02d}")
    assert lookup(client, appointment.code, "0900000099").status_code == 429
    assert lookup(client, appointment.code, "0900000099", headers=HX).status_code == 200
    assert lookup(client, appointment.code, "0912345678").status_code == 303  # the owner still finds it


def test_the_resident_cancels_from_the_booking_page(client, point, book):
    appointment = book()
    page = f"/appointments/b/{appointment.token}"
    response = client.post(f"{page}/cancel", data={"csrf_token": csrf_token(client, f"{page}/cancel")})
    assert response.status_code == 303
    db.session.expire_all()
    assert appointment.status == "cancelled"
    shown = client.get(page)
    assert "Đã hủy" in text_of(shown) or "Cancelled" in text_of(shown)
    assert html(shown).find("form", action=f"{page}/cancel") is None


def test_the_resident_moves_the_booking_to_another_time(client, point, book):
    appointment = book()
    page = f"/appointments/b/{appointment.token}"
    picker = client.get(f"{page}/move?day=2026-11-28")
    choice = html(picker).find("a", href=f"{page}/move?day=2026-11-28&slot=08:00")
    assert choice is not None
    confirm = client.get(choice["href"], headers=HX)
    assert "<html" not in confirm.text and "08:00–08:30" in confirm.text
    response = client.post(
        f"{page}/move",
        data={"csrf_token": csrf_token(client, choice["href"]), "day": "2026-11-28", "slot": "08:00"},
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert (appointment.day, appointment.start) == (date(2026, 11, 28), time(8, 0))


def test_an_unknown_booking_link_is_a_404(client, point):
    assert client.get("/appointments/b/nothing-here").status_code == 404


# ---------------------------------------------------------------- staff


def test_staff_see_the_days_bookings_per_team_and_slot(volunteer_client, point, book):
    book(day=date(2026, 11, 26), start="09:00", name="Người Một")
    page = volunteer_client.get("/appointments/day")
    assert page.status_code == 200 and "Người Một" in text_of(page)
    assert "09:00–09:30" in text_of(page)
    fragment = volunteer_client.get("/appointments/day?day=2026-11-26", headers=HX)
    assert "<html" not in fragment.text and "Người Một" in fragment.text


def test_anonymous_visitors_cannot_see_the_bookings(client, point):
    response = client.get("/appointments/day")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_check_in_with_a_plain_form_gives_a_ticket(volunteer_client, point, book):
    appointment = book(day=date(2026, 11, 26), start="09:00")
    response = volunteer_client.post(
        f"/appointments/{appointment.id}/check-in",
        data={"csrf_token": csrf_token(volunteer_client, "/appointments/day")},
        follow_redirects=True,
    )
    ticket = Ticket.query.one()
    assert ticket.channel == "appointment"
    assert ticket.label in text_of(response)
    assert AuditEvent.query.filter_by(action="appointment.check_in").count() == 1


def test_check_in_with_htmx_swaps_the_row(staff_client, point, book):
    appointment = book(day=date(2026, 11, 26), start="09:00")
    token = csrf_token(staff_client, "/appointments/day")
    response = staff_client.post(
        f"/appointments/{appointment.id}/check-in", data={"csrf_token": token}, headers=HX
    )
    row = html(response).find("li")
    assert row["id"] == f"booking-{appointment.id}" and Ticket.query.one().label in row.get_text()
    assert row.find("form") is None
    again = staff_client.post(
        f"/appointments/{appointment.id}/check-in", data={"csrf_token": token}, headers=HX
    )
    assert html(again).select_one(".app-error") and Ticket.query.count() == 1


def test_the_staff_list_marks_bookings_missed_after_their_slot(volunteer_client, point, book, clock):
    appointment = book(day=date(2026, 11, 26), start="09:00")
    clock(2026, 11, 26, 10, 0)
    page = volunteer_client.get("/appointments/day")
    db.session.expire_all()
    assert appointment.status == "missed"
    assert html(page).find("form", action=f"/appointments/{appointment.id}/check-in") is not None


# ---------------------------------------------------------------- admin


def test_only_admins_change_booking_settings(staff_client, point):
    assert staff_client.get("/appointments/settings").status_code == 403


def test_an_admin_sets_a_teams_capacity_and_slot_length(admin_client, point):
    team = Team.query.filter_by(code="online").one()
    page = admin_client.get("/appointments/settings")
    assert page.status_code == 200 and html(page).find("input", attrs={"name": f"t{team.id}-capacity"})
    data = {
        "csrf_token": csrf_token(admin_client, "/appointments/settings"),
        f"t{team.id}-capacity": "4",
        f"t{team.id}-slot_minutes": "20",
        f"t{team.id}-horizon_days": "21",
        f"t{team.id}-max_per_phone": "1",
    }
    response = admin_client.post(f"/appointments/settings/{team.id}", data=data)
    assert response.status_code == 303
    saved = db.session.get(BookingSettings, team.id)
    assert (saved.capacity, saved.slot_minutes, saved.horizon_days, saved.max_per_phone) == (4, 20, 21, 1)
    assert AuditEvent.query.filter_by(action="booking_settings.update").count() == 1
    fragment = admin_client.post(
        f"/appointments/settings/{team.id}", data=dict(data, **{f"t{team.id}-capacity": "500"}), headers=HX
    )
    assert "<html" not in fragment.text and html(fragment).select_one(".app-error")
    assert html(fragment).find("input", attrs={"name": f"t{team.id}-capacity"})["value"] == "500"


def test_the_next_slots_fragment_offers_bookable_times(app, point, procedure):
    from flask import render_template

    with app.test_request_context("/t/x"):
        body = render_template("appointments/_next_slots.html", point=point, procedure=procedure)
    assert "/appointments/new?procedure=khai-sinh&amp;day=2026-11-26&amp;slot=08:30" in body


def test_a_free_time_offered_without_a_procedure_keeps_its_team_and_time(app, client, point, procedure):
    """A closed page lists each team's next time: the resident picks the procedure, then name and phone."""
    from bs4 import BeautifulSoup
    from flask import render_template

    with app.test_request_context("/tickets/new"):
        body = BeautifulSoup(render_template("appointments/_next_slots.html", point=point), "html.parser")
    first = body.select_one(".app-next-slots li a")["href"]
    assert "slot=" in first and "team=" in first
    offered = [a["href"] for a in html(client.get(first)).select(".app-procedures a")]
    assert offered and all("slot=" in href and "day=" in href for href in offered)
    assert len(offered) < 10  # only the procedures of the team whose time it is
    details = html(client.get(offered[0]))
    assert details.find("input", attrs={"name": "name"}) and details.find("input", attrs={"name": "slot"})


def test_a_city_wide_deployment_books_at_the_point_the_resident_chose(client, demo, clock):
    """?point=<slug> picks the point; every step's links and form keep it."""
    from datetime import time as t

    from app.extensions import db
    from app.models import Desk, OpeningSession, Procedure, ServicePoint, Team

    clock(2026, 11, 26, 9, 0)
    other = ServicePoint(
        slug="tdp5-nam-ha",
        name_vi="Tổ dân phố điện tử TDP 5",
        ward="Phường Nam Hà",
        address="Nhà văn hóa TDP 5, phường Nam Hà",
    )
    team = Team(point=other, code="one-stop", name_vi="Bộ phận một cửa", ticket_prefix="A")
    procedure = Procedure.query.filter_by(code="ket-hon").one()
    db.session.add_all(
        [
            other,
            team,
            OpeningSession(
                point=other,
                weekday=4,
                start=t(7, 30),
                end=t(11, 30),
                effective_from=demo.sessions[0].effective_from,
            ),
        ]
    )
    desk = Desk(point=other, team=team, number=1)
    desk.procedures = [procedure]
    db.session.add(desk)
    db.session.commit()
    page = html(client.get("/appointments/new?point=tdp5-nam-ha&procedure=ket-hon"))
    days = [a["href"] for a in page.select("a[href*='day=']")]
    assert days and all("point=tdp5-nam-ha" in href for href in days)
    assert "27/11/2026" in page.get_text()  # its Friday session
    assert "28/11/2026" not in page.get_text()  # no Saturday session at this point
    assert client.get("/appointments/new?point=khong-co").status_code == 404
