"""The kiosk by the door: big buttons by procedure, priority, a 'kiosk' ticket, the slip, the reset."""

import pytest

from app.models import Ticket
from tests.conftest import csrf_token, html, sign_in, text_of


@pytest.fixture
def kiosk(app, demo, make_user, clock):
    """A device signed in with the kiosk role, the point open."""
    clock(2026, 11, 26, 9, 0)
    return sign_in(app.test_client(), make_user("kiosk", point=demo))


def test_the_kiosk_offers_each_procedure_as_a_big_button_and_a_priority_choice(kiosk):
    page = html(kiosk.get("/kiosk"))
    buttons = [b.get_text(strip=True) for b in page.select("button.app-kiosk__button")]
    assert "Đăng ký khai sinh" in buttons and "Đăng ký khai tử" in buttons
    priorities = [label.get_text(" ", strip=True) for label in page.select(".app-kiosk__priority label")]
    assert priorities[:2] == ["Không", "Người cao tuổi"]
    assert page.select_one(".app-lang a").get_text() == "English"
    assert page.select_one(".app-display a")  # large text and high contrast here too


def test_a_tap_issues_a_kiosk_ticket_and_shows_the_slip_that_resets_itself(kiosk, app, monkeypatch):
    monkeypatch.setitem(app.config, "KIOSK_RESET_MS", 1500)
    token = csrf_token(kiosk, "/kiosk")
    response = kiosk.post(
        "/kiosk/tickets", data={"csrf_token": token, "procedure": "khai-sinh", "priority": "elderly"}
    )
    assert response.status_code == 303
    ticket = Ticket.query.one()
    assert (ticket.channel, ticket.priority) == ("kiosk", "elderly")
    slip = kiosk.get(response.headers["Location"])
    page = html(slip)
    assert page.select_one(".app-slip__number").get_text() == ticket.label
    assert page.select_one(".app-slip__qr svg") is not None
    assert page.select_one(".app-slip__url").get_text() == f"http://localhost/t/{ticket.token}"
    box = page.select_one("[data-autoprint]")
    assert box["data-reset-ms"] == "1500" and box["data-reset"] == "/kiosk/reset"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "2;url=/kiosk/reset"  # without JS
    assert "Nếu máy in không ra phiếu" in text_of(slip)


def test_the_reset_forgets_the_last_persons_language_and_display(kiosk):
    kiosk.get("/lang/en")
    kiosk.get("/display/large/on")
    response = kiosk.get("/kiosk/reset")
    assert response.headers["Location"] == "/kiosk"
    cookies = " ".join(response.headers.getlist("Set-Cookie"))
    assert "lang=;" in cookies and "display=;" in cookies
    assert "Lấy số thứ tự" in text_of(kiosk.get("/kiosk"))


def test_closed_or_no_choice_says_so_and_issues_nothing(kiosk, demo):
    from datetime import date

    from app.extensions import db
    from app.models import ClosedDay

    token = csrf_token(kiosk, "/kiosk")
    assert kiosk.post("/kiosk/tickets", data={"csrf_token": token}).status_code == 400
    db.session.add(ClosedDay(point=demo, date=date(2026, 11, 26), kind="closure", reason_vi="Mất điện"))
    db.session.commit()
    closed = kiosk.post("/kiosk/tickets", data={"csrf_token": token, "procedure": "khai-sinh"})
    assert closed.status_code == 409 and "đóng cửa" in text_of(closed)
    assert Ticket.query.count() == 0


def test_staff_and_residents_cannot_open_the_kiosk(client, staff_client, demo):
    assert client.get("/kiosk").status_code == 302
    assert staff_client.get("/kiosk").status_code == 403


def test_a_burst_of_taps_is_stopped_with_a_clear_message(kiosk, app, monkeypatch):
    monkeypatch.setitem(app.config, "KIOSK_LIMIT", (2, 60))
    token = csrf_token(kiosk, "/kiosk")
    codes = [
        kiosk.post("/kiosk/tickets", data={"csrf_token": token, "procedure": "khai-sinh"}).status_code
        for _ in range(3)
    ]
    assert codes == [303, 303, 429]
    assert Ticket.query.count() == 2
    again = kiosk.post("/kiosk/tickets", data={"csrf_token": token, "procedure": "khai-sinh"})
    assert "Chờ một lát rồi chạm lại" in text_of(again)


def test_a_double_tap_on_a_procedure_gives_one_number(kiosk):
    """An older hand taps twice (or the screen registers two taps): one slip, not two numbers of
    which one becomes a no-show. The next person's page carries a new key."""
    response = kiosk.get("/kiosk")
    assert response.headers["Cache-Control"] == "no-store"  # back after a slip fetches a new key
    page = html(response)
    form = {
        "csrf_token": page.find("input", attrs={"name": "csrf_token"})["value"],
        "submission": page.find("input", attrs={"name": "submission"})["value"],
        "procedure": "khai-sinh",
    }
    first, second = kiosk.post("/kiosk/tickets", data=form), kiosk.post("/kiosk/tickets", data=form)
    assert first.headers["Location"] == second.headers["Location"] and Ticket.query.count() == 1
    next_page = html(kiosk.get("/kiosk"))
    form["submission"] = next_page.find("input", attrs={"name": "submission"})["value"]
    assert kiosk.post("/kiosk/tickets", data=form).status_code == 303 and Ticket.query.count() == 2
