"""The resident's card: "as of" the line's last change, a reload link, and "come now" only when it is true.

"Come now" shows when the expected wait is within the time the resident said they need to get back
(5 / 15 / 30 minutes when they chose messages, else 15) or one person is ahead; otherwise the card
says how long, and promises to tell them only when they chose messages. The demo point has one desk
(desk 2) for "khai-sinh", 15 typical minutes each.
"""

import pytest

from app.blueprints.queue import answers
from app.services import desk_state, queue
from tests.conftest import csrf_token, html, text_of

HX = {"HX-Request": "true"}
COME_NOW = "mời bạn đến điểm phục vụ ngay bây giờ"


def card(client, ticket, hx):
    response = client.get(f"/t/{ticket.token}", headers=HX if hx else {})
    assert response.status_code == 200
    return response


def seen(client, ticket, hx):
    return text_of(card(client, ticket, hx)).lower()


def choose_sms(client, ticket, lead, clock):
    clock(2026, 11, 26, 9, 1)  # a minute after the numbers were taken: the card changes then
    url = f"/t/{ticket.token}/notify"
    data = {"channel": "sms", "phone": "0912 345 678", "lead_minutes": str(lead), "consent": "y"}
    assert client.post(url, data={"csrf_token": csrf_token(client, url), **data}).status_code == 303


@pytest.mark.parametrize("hx", [False, True])
def test_without_messages_come_now_shows_only_within_15_minutes_or_one_ahead(client, issue, hx):
    tickets = [issue() for _ in range(4)]  # 0, 1, 2, 3 ahead: 0, 15, 30, 45 minutes
    assert COME_NOW in seen(client, tickets[0], hx)
    assert COME_NOW in seen(client, tickets[1], hx)
    later = seen(client, tickets[3], hx)
    assert COME_NOW not in later
    assert "còn khoảng 45 phút: bạn chưa cần đến." in later
    assert "chúng tôi sẽ báo" not in later  # no messages chosen: no promise to tell them
    assert "đây chỉ là ước đoán" in later  # nobody served yet today: typical minutes


@pytest.mark.parametrize("hx", [False, True])
def test_the_chosen_way_back_time_decides_and_the_card_promises_a_message(client, issue, clock, hx):
    tickets = [issue() for _ in range(4)]
    choose_sms(client, tickets[2], 30, clock)  # 30 minutes to go, 30 needed to get back: come now
    choose_sms(client, tickets[3], 5, clock)  # 45 minutes to go, 5 needed
    assert COME_NOW in seen(client, tickets[2], hx)
    later = seen(client, tickets[3], hx)
    assert COME_NOW not in later
    assert "còn khoảng 45 phút: chúng tôi sẽ báo khi bạn cần đến." in later


def test_in_english_the_card_says_about_45_minutes_we_will_tell_you(client, issue, clock):
    tickets = [issue() for _ in range(4)]
    choose_sms(client, tickets[3], 15, clock)
    client.set_cookie("lang", "en")
    text = text_of(card(client, tickets[3], True))
    assert "About 45 minutes to go: we will tell you when to come." in text
    assert "come to the service point now" not in text


@pytest.mark.parametrize("hx", [False, True])
def test_todays_measured_service_times_replace_the_guess(client, issue, desk_of, clock, hx):
    desk = desk_of(2)
    served = [issue() for _ in range(5)]
    waiting = [issue() for _ in range(4)]  # 3 ahead of the last
    assert COME_NOW not in seen(client, waiting[3], hx)  # 45 typical minutes
    minute = 0
    for ticket in served:  # each served in 4 minutes
        queue.call_next(desk)
        clock(2026, 11, 26, 9, minute)
        queue.start(ticket, desk)
        clock(2026, 11, 26, 9, minute + 4)
        queue.finish(ticket, desk)
        minute += 5
    text = seen(client, waiting[3], hx)
    assert "khoảng 12 phút" in text  # 3 ahead x 4 measured minutes, one desk
    assert COME_NOW in text
    assert "đây chỉ là ước đoán" not in text


@pytest.mark.parametrize("hx", [False, True])
def test_as_of_is_the_time_of_the_lines_last_change_not_now(client, issue, desk_of, clock, hx):
    _first, mine = issue(), issue()  # at 09:00
    clock(2026, 11, 26, 9, 25)
    response = card(client, mine, hx)
    assert "cập nhật lúc 09:00" in text_of(response).lower()
    reload = html(response).find("a", string="Cập nhật")
    assert reload is not None and reload["href"] == f"/t/{mine.token}"
    clock(2026, 11, 26, 9, 40)
    again = client.get(f"/t/{mine.token}", headers={**HX, "If-None-Match": response.headers["ETag"]})
    if hx:  # nothing moved: the poll stays a 304 although the clock did
        assert again.status_code == 304
    queue.call_next(desk_of(2))  # 09:40: the line moves
    assert "cập nhật lúc 09:40" in seen(client, mine, hx)


def test_both_poll_paths_give_the_same_card_with_messages_chosen(app, client, issue, clock, monkeypatch):
    tickets = [issue() for _ in range(4)]
    choose_sms(client, tickets[3], 5, clock)
    url = f"/t/{tickets[3].token}"
    bodies = []
    for lean in (True, False):
        answers.answers.clear()
        monkeypatch.setitem(app.config, "QUEUE_LEAN_POLLS", lean)
        response = client.get(url, headers={**HX, "Accept-Encoding": "identity"})
        bodies.append((response.status_code, response.get_data()))
    assert bodies[0] == bodies[1]
    assert "chúng tôi sẽ báo" in bodies[0][1].decode()


def test_as_of_moves_when_a_desk_of_the_line_goes_on_a_break(client, issue, desk_of, clock):
    """A desk pausing changes the resident's wait: the card's time says so, not the last ticket's."""
    mine = issue()  # at 09:00
    clock(2026, 11, 26, 9, 25)
    desk_state.set_state(desk_of(2), "break", None)
    assert "cập nhật lúc 09:25" in seen(client, mine, False)
