"""The desk console: staff call, serve, finish and transfer tickets with one button each."""

from app.extensions import db
from app.models import Desk, TicketEvent
from tests.conftest import csrf_token, html, sign_in, text_of

HX = {"HX-Request": "true"}


def post(client, url, headers=None, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, "/desk"), **data}, headers=headers or {})


def test_the_desk_list_links_to_each_desk_of_the_point(staff_client, open_point, desk_of):
    page = html(staff_client.get("/desk"))
    links = {a["href"] for a in page.find_all("a")}
    assert {f"/desk/{desk_of(n).id}" for n in (1, 2, 3)} <= links


def test_the_console_shows_who_is_waiting_for_the_procedures_this_desk_serves(staff_client, issue, desk_of):
    issue("khai-sinh"), issue("ket-hon"), issue("khai-tu", priority="pregnant")
    page = text_of(staff_client.get(f"/desk/{desk_of(2).id}"))
    assert "B002" in page and "B001" in page and "A001" not in page
    assert page.index("B002") < page.index("B001")  # priority first
    assert "Phụ nữ có thai" in page


def test_call_next_without_javascript_redirects_back_to_the_console(staff_client, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    response = post(staff_client, f"/desk/{desk.id}/call-next")
    assert response.status_code == 303 and response.headers["Location"] == f"/desk/{desk.id}"
    db.session.refresh(ticket)
    assert (ticket.status, ticket.desk_id) == ("called", desk.id)
    page = text_of(staff_client.get(f"/desk/{desk.id}"))
    assert "B001" in page and "Bắt đầu phục vụ" in page


def test_call_next_with_htmx_swaps_the_console_in_place(staff_client, issue, desk_of):
    issue()
    response = post(staff_client, f"/desk/{desk_of(2).id}/call-next", headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.get_data(as_text=True)
    console = html(response).find(id="desk-console")
    assert console is not None and "Đã gọi số B001" in console.get_text()


def test_every_action_button_is_a_plain_form_that_htmx_enhances(staff_client, issue, desk_of):
    issue()
    desk = desk_of(2)
    post(staff_client, f"/desk/{desk.id}/call-next")
    page = html(staff_client.get(f"/desk/{desk.id}"))
    forms = page.find(id="desk-console").find_all("form")
    assert len(forms) >= 3  # start, call again, transfer; "not present" first asks, by a link
    ask = page.find(id="desk-console").find("a", string="Vắng mặt")
    assert ask["href"] == ask["hx-get"]
    for form in forms:
        assert form["method"] == "post" and form["action"] == form["hx-post"]
        assert form.find("input", attrs={"name": "csrf_token"})


def test_a_whole_visit_from_the_desk_is_logged_with_the_staff_member(
    app, open_point, issue, desk_of, make_user
):
    staff = make_user("staff", point=open_point)
    client = sign_in(app.test_client(), staff)
    ticket = issue()
    desk = desk_of(2)
    post(client, f"/desk/{desk.id}/call-next")
    for action in ("recall", "start", "finish"):
        assert post(client, f"/desk/{desk.id}/tickets/{ticket.id}/{action}").status_code == 303
    db.session.refresh(ticket)
    assert ticket.status == "done"
    events = TicketEvent.query.filter_by(ticket_id=ticket.id).order_by(TicketEvent.id).all()
    assert [e.action for e in events] == ["issue", "call", "recall", "start", "finish"]
    assert {e.user_id for e in events[1:]} == {staff.id}
    assert {e.desk_id for e in events[1:]} == {desk.id}


def test_an_illegal_move_is_refused_with_a_clear_message(staff_client, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    plain = post(staff_client, f"/desk/{desk.id}/tickets/{ticket.id}/finish")
    assert plain.status_code == 409
    assert "Không thể kết thúc số B001" in text_of(plain)
    swapped = post(staff_client, f"/desk/{desk.id}/tickets/{ticket.id}/finish", headers=HX)
    assert swapped.status_code == 200 and "Không thể kết thúc số B001" in text_of(swapped)
    db.session.refresh(ticket)
    assert ticket.status == "waiting"


def test_calling_with_nobody_waiting_says_so(staff_client, open_point, desk_of):
    response = post(staff_client, f"/desk/{desk_of(2).id}/call-next", headers=HX)
    assert "Không có ai đang chờ" in text_of(response)


def test_no_show_then_call_next_moves_on(staff_client, issue, desk_of):
    first, second = issue(), issue()
    desk = desk_of(2)
    post(staff_client, f"/desk/{desk.id}/call-next")
    post(staff_client, f"/desk/{desk.id}/tickets/{first.id}/no-show")
    post(staff_client, f"/desk/{desk.id}/call-next")
    db.session.refresh(first), db.session.refresh(second)
    assert (first.status, second.status) == ("no_show", "called")


def test_transfer_to_another_desk_from_the_console(staff_client, issue, desk_of):
    ticket = issue()
    desk, other = desk_of(2), desk_of(1)
    post(staff_client, f"/desk/{desk.id}/call-next")
    response = post(
        staff_client, f"/desk/{desk.id}/tickets/{ticket.id}/transfer", headers=HX, to=f"desk:{other.id}"
    )
    assert "Đã chuyển số B001" in text_of(response)
    assert "B001" in text_of(staff_client.get(f"/desk/{other.id}"))
    post(staff_client, f"/desk/{other.id}/call-next")
    db.session.refresh(ticket)
    assert (ticket.status, ticket.desk_id) == ("called", other.id)


def test_transfer_to_nowhere_is_refused(staff_client, issue, desk_of):
    ticket = issue()
    desk = desk_of(2)
    post(staff_client, f"/desk/{desk.id}/call-next")
    response = post(staff_client, f"/desk/{desk.id}/tickets/{ticket.id}/transfer", to="desk:99999")
    assert response.status_code == 409


def test_the_waiting_list_polls_and_has_a_refresh_link(staff_client, issue, desk_of):
    issue()
    desk = desk_of(2)
    fragment = staff_client.get(f"/desk/{desk.id}/waiting", headers=HX)
    section = html(fragment).find(id="desk-waiting")
    assert section.has_attr("data-poll") and "B001" in section.get_text()
    assert section.find("a", href=f"/desk/{desk.id}")
    assert staff_client.get(f"/desk/{desk.id}/waiting").status_code == 302


def test_staff_of_another_point_cannot_open_this_desk(app, open_point, desk_of, make_user):
    from app.models import ServicePoint

    other = ServicePoint(slug="khac", name_vi="Điểm khác", ward="Phường khác", address="Số 1")
    db.session.add(other)
    db.session.commit()
    client = sign_in(app.test_client(), make_user("staff", point=other))
    assert client.get(f"/desk/{desk_of(2).id}").status_code == 404


def test_volunteers_run_the_volunteer_desk(volunteer_client, issue, desk_of):
    issue("thuong-tru")
    response = post(volunteer_client, f"/desk/{desk_of(3).id}/call-next", headers=HX)
    assert "C001" in text_of(response)


def test_anonymous_visitors_are_sent_to_sign_in(client, open_point, desk_of):
    response = client.get(f"/desk/{desk_of(2).id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert Desk.query.count() == 3
