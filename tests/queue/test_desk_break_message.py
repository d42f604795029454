"""Pressing "Tạm nghỉ" with someone at the desk names the buttons the console offers at that moment."""

from tests.conftest import csrf_token, html, text_of

HX = {"HX-Request": "true"}


def post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, "/desk"), **data}, headers=HX)


def buttons(response):
    return {b.get_text(strip=True) for b in html(response).select("#desk-console .app-button")}


def test_a_break_while_serving_asks_to_finish_or_transfer(staff_client, desk_of, issue):
    ticket = issue()
    desk = desk_of(2)
    post(staff_client, f"/desk/{desk.id}/call-next")
    refused = post(staff_client, f"/desk/{desk.id}/state", state="break")
    assert "Vắng mặt" in buttons(refused)
    assert (
        f"Số {ticket.label} đang được gọi tới quầy: hãy bắt đầu phục vụ, đánh dấu vắng mặt hoặc chuyển"
        in text_of(refused)
    )
    post(staff_client, f"/desk/{desk.id}/tickets/{ticket.id}/start")
    refused = post(staff_client, f"/desk/{desk.id}/state", state="break")
    assert {"Kết thúc", "Chuyển"} <= buttons(refused) and "Vắng mặt" not in buttons(refused)
    message = html(refused).select_one("#desk-console .app-error").get_text(" ", strip=True)
    assert message == f"Hãy kết thúc số {ticket.label}, hoặc chuyển số đó, trước khi rời quầy."
