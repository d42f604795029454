"""Taking a ticket, following it and cancelling it, as a resident and as a volunteer would."""

import pytest

from app.extensions import db
from app.models import Ticket, TicketEvent
from app.services import queue
from tests.conftest import csrf_token, html, text_of

HX = {"HX-Request": "true"}


def take(client, procedure="khai-sinh", **fields):
    data = {"procedure": procedure, "csrf_token": csrf_token(client, "/tickets/new"), **fields}
    return client.post("/tickets", data=data)


def test_the_form_lists_the_procedures_served_here_with_an_optional_phone(client, open_point):
    page = html(client.get("/tickets/new"))
    codes = [i["value"] for i in page.find_all("input", attrs={"name": "procedure"})]
    assert "khai-sinh" in codes and "ket-hon" in codes
    assert page.find("input", attrs={"name": "phone"})
    assert "(không bắt buộc)" in page.get_text()


def test_a_resident_takes_a_ticket_and_is_sent_to_their_own_page(client, open_point):
    response = take(client, phone="0912 345 678")
    assert response.status_code == 303
    ticket = Ticket.query.one()
    assert response.headers["Location"] == f"/t/{ticket.token}"
    assert (ticket.channel, ticket.phone, ticket.label) == ("phone", "0912345678", "B001")
    page = text_of(client.get(response.headers["Location"]))
    assert "B001" in page and "Đăng ký khai sinh" in page


def test_the_ticket_token_is_long_and_unguessable(client, open_point):
    take(client), take(client)
    tokens = [t.token for t in Ticket.query.all()]
    assert len(set(tokens)) == 2 and all(len(t) >= 22 for t in tokens)
    assert client.get("/t/" + "x" * 22).status_code == 404


def test_a_wrong_phone_number_is_shown_beside_the_field_and_the_choice_is_kept(client, open_point):
    response = take(client, phone="12345")
    assert response.status_code == 200
    page = html(response)
    assert page.title.get_text().startswith("Lỗi")
    assert page.find("input", attrs={"name": "phone"})["value"] == "12345"
    # The same words as on the booking and dossier forms.
    assert (
        page.select_one("#phone-error")
        .get_text(" ", strip=True)
        .endswith("Nhập số di động 10 chữ số, ví dụ 0912 345 678")
    )
    assert page.find("input", attrs={"value": "khai-sinh"}).has_attr("checked")
    assert Ticket.query.count() == 0


def test_a_phone_in_full_width_or_arabic_digits_is_stored_in_ascii_digits(client, open_point):
    assert take(client, phone="０９１２ ３４５ ６７８").status_code == 303
    assert take(client, phone="0912٣٤٥٦٧٨").status_code == 303
    assert [t.phone for t in Ticket.query.all()] == ["0912345678", "0912345678"]
    response = take(client, phone="091234567八")  # not a digit: the usual message, typed text kept
    page = html(response)
    assert response.status_code == 200 and page.select_one("#phone-error") is not None
    assert page.find("input", attrs={"name": "phone"})["value"] == "091234567八"
    assert Ticket.query.count() == 2


def test_choosing_nothing_is_refused_with_a_message(client, open_point):
    response = client.post("/tickets", data={"csrf_token": csrf_token(client, "/tickets/new")})
    assert response.status_code == 200
    assert "Hãy chọn" in text_of(response) or "Choose" in text_of(response)
    assert Ticket.query.count() == 0


def test_outside_opening_hours_the_form_says_when_the_point_next_opens(client, demo, clock):
    clock(2026, 11, 27, 18, 0)  # Friday evening
    page = text_of(client.get("/tickets/new"))
    assert "28/11/2026" in page and "07:30" in page
    assert (
        client.post(
            "/tickets", data={"procedure": "khai-sinh", "csrf_token": csrf_token(client, "/login")}
        ).status_code
        == 409
    )
    assert Ticket.query.count() == 0


def test_the_ticket_page_shows_number_now_serving_people_ahead_and_wait(client, open_point, issue, desk_of):
    _first, _second, mine = issue(), issue(), issue()
    queue.call_next(desk_of(2))
    page = text_of(client.get(f"/t/{mine.token}"))
    assert "B003" in page and "B001" in page  # mine and the one being served
    assert "Số người trước bạn 1" in page
    assert "15 phút" in page


def test_the_soon_warning_appears_when_the_wait_is_within_15_minutes(client, open_point, issue):
    tickets = [issue() for _ in range(5)]
    assert "sắp đến lượt" in text_of(client.get(f"/t/{tickets[1].token}")).lower()
    assert "sắp đến lượt" not in text_of(client.get(f"/t/{tickets[2].token}")).lower()


def test_a_called_resident_is_told_which_desk_to_go_to(client, open_point, issue, desk_of):
    ticket = issue()
    queue.call_next(desk_of(2))
    response = client.get(f"/t/{ticket.token}", headers=HX)
    assert "quầy 2" in text_of(response).lower()
    assert html(response).find(id="ticket")["data-state"] == "called"


def test_the_htmx_request_gets_only_the_polling_fragment(client, open_point, issue):
    ticket = issue()
    page = client.get(f"/t/{ticket.token}")
    fragment = client.get(f"/t/{ticket.token}", headers=HX)
    assert "<html" in page.get_data(as_text=True)
    assert "<html" not in fragment.get_data(as_text=True)
    section = html(fragment).find(id="ticket")
    assert section["hx-trigger"] == "every 5s, refresh" and section.has_attr("data-poll")
    assert "HX-Request" in fragment.headers["Vary"]
    # Without JavaScript: a plain link refreshes the page, and the page reloads itself (only then).
    assert html(page).find("a", href=f"/t/{ticket.token}")
    assert html(page).find("meta", attrs={"http-equiv": "refresh"}).find_parent("noscript")


def test_the_fragment_is_under_one_kilobyte_compressed(client, open_point, issue, desk_of):
    tickets = [issue() for _ in range(3)]
    queue.call_next(desk_of(2))
    for headers in ({"Accept-Encoding": "gzip"}, {"Accept-Encoding": "br"}):
        response = client.get(f"/t/{tickets[2].token}", headers={**HX, **headers})
        assert response.status_code == 200
        assert len(response.get_data()) <= 1024


@pytest.mark.parametrize("encoding", ["gzip", "br", "identity"])
def test_an_unchanged_ticket_answers_304_without_a_body(client, open_point, issue, encoding):
    ticket = issue()
    headers = {**HX, "Accept-Encoding": encoding}
    first = client.get(f"/t/{ticket.token}", headers=headers)
    etag = first.headers["ETag"]
    if encoding != "identity" and len(first.get_data()) > 200:
        assert etag.endswith(f':{encoding}"')  # Flask-Compress's form of the tag
    again = client.get(f"/t/{ticket.token}", headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag


def test_the_uncompressed_tag_also_matches_a_compressed_request(client, open_point, issue):
    ticket = issue()
    plain = client.get(f"/t/{ticket.token}", headers={**HX, "Accept-Encoding": "identity"}).headers["ETag"]
    again = client.get(
        f"/t/{ticket.token}", headers={**HX, "Accept-Encoding": "gzip", "If-None-Match": plain}
    )
    assert again.status_code == 304


def test_a_change_in_the_line_gives_a_new_etag_and_a_body(client, open_point, issue, desk_of):
    _first, mine = issue(), issue()
    etag = client.get(f"/t/{mine.token}", headers=HX).headers["ETag"]
    queue.call_next(desk_of(2))
    changed = client.get(f"/t/{mine.token}", headers={**HX, "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "B001" in text_of(changed)


def test_page_and_fragment_have_different_etags(client, open_point, issue):
    ticket = issue()
    page = client.get(f"/t/{ticket.token}").headers["ETag"]
    fragment = client.get(f"/t/{ticket.token}", headers=HX).headers["ETag"]
    assert page != fragment
    assert client.get(f"/t/{ticket.token}", headers={**HX, "If-None-Match": page}).status_code == 200


def test_a_finished_visit_stops_polling_and_invites_a_rating(client, open_point, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    queue.call_next(desk), queue.start(ticket, desk), queue.finish(ticket, desk)
    fragment = client.get(f"/t/{ticket.token}", headers=HX)
    assert fragment.status_code == 286
    section = html(fragment).find(id="ticket")
    assert not section.has_attr("hx-get")
    assert html(fragment).find("a", href=f"/feedback?ticket={ticket.token}")
    page = client.get(f"/t/{ticket.token}")
    assert page.status_code == 200
    assert "tự cập nhật" not in text_of(page)  # it no longer does


def test_a_resident_cancels_without_javascript(client, open_point, issue):
    ticket = issue()
    token = csrf_token(client, f"/t/{ticket.token}/cancel")
    response = client.post(f"/t/{ticket.token}/cancel", data={"csrf_token": token})
    assert response.status_code == 303
    db.session.refresh(ticket)
    assert ticket.status == "cancelled"
    assert "hủy" in text_of(client.get(f"/t/{ticket.token}")).lower()
    assert TicketEvent.query.filter_by(ticket_id=ticket.id, action="cancel").count() == 1


def test_a_resident_cancels_with_htmx_and_polling_stops(client, open_point, issue):
    ticket = issue()
    token = csrf_token(client, f"/t/{ticket.token}/cancel")
    response = client.post(f"/t/{ticket.token}/cancel", data={"csrf_token": token}, headers=HX)
    assert response.status_code == 286
    assert html(response).find(id="ticket")["data-state"] == "cancelled"


def test_cancelling_after_the_visit_is_refused(client, open_point, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    queue.call_next(desk), queue.start(ticket, desk), queue.finish(ticket, desk)
    token = csrf_token(client, "/tickets/new")
    assert client.post(f"/t/{ticket.token}/cancel", data={"csrf_token": token}).status_code == 409
    db.session.refresh(ticket)
    assert ticket.status == "done"


def test_the_print_slip_has_the_points_header_number_and_a_qr_code(client, open_point, issue):
    ticket = issue()
    response = client.get(f"/t/{ticket.token}/print?paper=58")
    page = html(response)
    assert "Tổ dân phố điện tử TDP 12" in page.get_text()
    assert "B001" in page.get_text()
    assert page.find("svg") is not None
    assert f"/t/{ticket.token}" in page.get_text()
    assert "app-print--58" in page.body["class"]


# ------------------------------------------------------------ office tickets and throttles


def test_a_volunteer_issues_office_tickets_without_limits(volunteer_client, open_point):
    for _ in range(12):
        assert take(volunteer_client, phone="0912345678").status_code == 303
    tickets = Ticket.query.all()
    assert len(tickets) == 12 and {t.channel for t in tickets} == {"office"}
    assert all(t.issued_by_id is not None for t in tickets)


def test_a_volunteer_can_issue_and_go_straight_to_the_print_slip(volunteer_client, open_point):
    response = take(volunteer_client, print="1", paper="58")
    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"/t/{Ticket.query.one().token}/print")
    assert "paper=58" in response.headers["Location"]


def test_one_browser_cannot_take_more_than_a_few_tickets(client, open_point):
    statuses = [take(client, procedure="ket-hon").status_code for _ in range(8)]
    assert statuses[:6] == [303] * 6
    assert statuses[6:] == [429, 429]
    assert "Quá nhiều" in text_of(take(client)) or "nhiều số" in text_of(take(client))


def test_a_phone_number_holds_only_a_few_active_tickets(app, open_point):
    phone_limits = []
    for _n in range(4):  # four different browsers, one phone number
        browser = app.test_client()
        phone_limits.append(take(browser, phone="0987654321").status_code)
    assert phone_limits == [303, 303, 303, 429]


def test_residents_behind_one_office_wifi_are_not_blocked_by_each_other(app, open_point):
    statuses = [take(app.test_client(), procedure="ket-hon").status_code for _ in range(20)]
    assert statuses == [303] * 20  # twenty phones, one address: the per-address limit is generous


def test_the_per_address_limit_still_stops_a_flood(app, open_point):
    app.config["QUEUE_LIMITS"] = {"per_ip": (5, 3600)}
    try:
        statuses = [take(app.test_client(), procedure="ket-hon").status_code for _ in range(7)]
    finally:
        del app.config["QUEUE_LIMITS"]
    assert statuses == [303] * 5 + [429] * 2


# ------------------------------------------------------------ home page and staff start page


def test_the_home_page_shows_how_many_are_waiting_and_links_to_take_a_number(client, open_point, issue):
    issue(), issue()
    response = client.get("/")
    assert "2 người đang chờ" in text_of(response)
    assert html(response).find("a", href="/tickets/new?point=tdp12-tan-giang")


def test_the_staff_start_page_links_to_the_desks_and_the_office_form(staff_client, open_point):
    page = html(staff_client.get("/admin/"))
    assert page.find("a", href="/desk") and page.find("a", href="/tickets/new")


def test_when_closed_the_ticket_page_offers_the_next_free_appointment_times(client, demo, clock):
    clock(2026, 11, 27, 18, 0)  # Friday evening: next opening Saturday 07:30
    response = client.get("/tickets/new")
    text = text_of(response)
    assert "Đang đóng cửa" in text
    links = [a["href"] for a in html(response).select(".app-next-slots a")]
    assert any("day=2026-11-28" in href for href in links), links


def test_the_page_after_a_move_made_by_another_worker_shows_the_ticket_as_stored(client, open_point, issue):
    """Another worker's copy of the versions may be a second old: a full page must not say 'come now'
    to a resident who has just cancelled (the poll path may lag that second; the page may not)."""
    from app.services.queue import fresh

    ticket = issue()
    assert "đã hủy" not in text_of(client.get(f"/t/{ticket.token}"))
    before_the_move = dict(fresh._copy)
    queue.cancel(ticket)
    fresh._copy.update(before_the_move)  # as the worker that did not make the move still sees it
    assert "Bạn đã hủy số này" in text_of(client.get(f"/t/{ticket.token}"))
