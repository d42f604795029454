"""WTForms' own messages (a value the form did not offer) read in the page's language, beside the field."""

from app.models import Ticket
from tests.conftest import csrf_token, html


def forged_ticket(client):
    """A ticket form sent with a procedure and a priority the page never offered."""
    data = {
        "csrf_token": csrf_token(client, "/tickets/new"),
        "procedure": "khai-sinh",
        "priority": "vip",
        "phone": "0912 345 678",
    }
    return client.post("/tickets", data=data)


def test_a_choice_the_form_never_offered_is_refused_in_vietnamese_and_the_typing_kept(client, demo, clock):
    clock(2026, 11, 26, 9, 0)  # a Thursday morning session
    page = html(forged_ticket(client))
    priority = page.find("input", attrs={"name": "priority"}).find_parent("fieldset")
    assert "Lựa chọn không hợp lệ" in priority.get_text()
    assert "Not a valid choice" not in page.get_text()
    assert page.find("input", attrs={"name": "phone"})["value"] == "0912 345 678"
    assert Ticket.query.count() == 0


def test_in_english_the_same_refusal_is_english(client, demo, clock):
    clock(2026, 11, 26, 9, 0)
    client.get("/lang/en")
    assert "Not a valid choice." in html(forged_ticket(client)).get_text()
