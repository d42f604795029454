"""The ticket form sent twice (a double tap on a slow phone, no JavaScript) gives one number."""

from app.models import Ticket
from tests.conftest import html


def filled_form(client, procedure="khai-sinh", phone="0905 444 555"):
    """The ticket form as the page sends it (its hidden fields too), with `procedure` and `phone` chosen."""
    form = html(client.get("/tickets/new")).find("form", action="/tickets")
    data = {
        field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"type": "hidden"})
    }
    return {**data, "procedure": procedure, "phone": phone, "priority": ""}


def test_the_same_ticket_form_sent_twice_gives_one_number_and_both_answers_open_it(client, open_point):
    form = filled_form(client)
    first = client.post("/tickets", data=form)
    second = client.post("/tickets", data=form)
    ticket = Ticket.query.one()
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"] == f"/t/{ticket.token}"
    assert ticket.label == "B001"
    assert client.post("/tickets", data=filled_form(client)).status_code == 303  # a new page: a new number
    assert [t.label for t in Ticket.query.order_by(Ticket.id)] == ["B001", "B002"]


def test_one_phone_takes_numbers_for_two_procedures(client, open_point):
    client.post("/tickets", data=filled_form(client, "khai-sinh"))
    client.post("/tickets", data=filled_form(client, "ket-hon"))
    tickets = Ticket.query.order_by(Ticket.id).all()
    assert [(t.procedure.code, t.phone, t.status) for t in tickets] == [
        ("khai-sinh", "0905444555", "waiting"),
        ("ket-hon", "0905444555", "waiting"),
    ]


def test_a_volunteers_double_tap_at_the_office_pc_issues_one_ticket(volunteer_client, open_point):
    form = filled_form(volunteer_client, phone="")
    first = volunteer_client.post("/tickets", data=form)
    second = volunteer_client.post("/tickets", data=form)
    assert first.headers["Location"] == second.headers["Location"] == f"/t/{Ticket.query.one().token}"
    assert Ticket.query.one().channel == "office"


def test_the_same_page_sent_again_after_a_cancel_takes_a_new_number(client, open_point):
    """A cancelled (or finished) ticket lets go of its form's key with its phone number, so the
    resident who cancels, goes back and sends the page again is not shown the cancelled number."""
    from app.services import queue

    form = filled_form(client)
    client.post("/tickets", data=form)
    queue.cancel(Ticket.query.one())
    again = client.post("/tickets", data=form)
    tickets = Ticket.query.order_by(Ticket.id).all()
    assert [(t.label, t.status) for t in tickets] == [("B001", "cancelled"), ("B002", "waiting")]
    assert again.headers["Location"] == f"/t/{tickets[1].token}"
