"""The TV board while the point is closed says so, and when it opens again, in the home page's words."""

from app.extensions import db
from app.models import ServicePoint
from tests.conftest import html, text_of

HX = {"HX-Request": "true"}
INVITATION = "Mời bà con lấy số và chờ gọi"


def latest(response):
    return " ".join(html(response).find(class_="app-board__latest").get_text(" ").split())


def test_at_lunch_the_board_says_closed_and_when_it_opens_again(client, demo, clock):
    clock(2026, 11, 26, 12, 0)  # Thursday, between 07:30-11:30 and 13:30-17:00
    for headers in ({}, HX):
        line = latest(client.get(f"/board?point={demo.slug}", headers=headers))
        assert "Đang đóng cửa" in line
        assert "Mở cửa lần tới: Thứ Năm 26/11/2026, từ 13:30 đến 17:00." in line
        assert INVITATION not in line


def test_the_home_page_and_the_board_say_the_same_words(client, demo, clock):
    clock(2026, 11, 26, 18, 0)
    home = " ".join(html(client.get("/")).find(id="status").get_text(" ").split())
    line = latest(client.get(f"/board?point={demo.slug}"))
    said = "Mở cửa lần tới: Thứ Sáu 27/11/2026, từ 07:30 đến 11:30."
    assert said in home and said in line


def test_while_open_the_board_still_invites_people_to_take_a_number(client, demo, clock):
    clock(2026, 11, 26, 9, 0)
    line = latest(client.get(f"/board?point={demo.slug}"))
    assert INVITATION in line and "Đang đóng cửa" not in line


def test_the_english_board_says_closed_in_english(client, demo, clock):
    clock(2026, 11, 26, 12, 0)
    client.set_cookie("lang", "en")
    for headers in ({}, HX):
        line = latest(client.get(f"/board?point={demo.slug}", headers=headers))
        assert "Closed now" in line and "Next opening: Thursday 26/11/2026, from 13:30 to 17:00." in line


def test_a_point_with_no_hours_yet_says_closed_without_inviting_anyone(client, demo, clock):
    clock(2026, 11, 26, 9, 0)
    point = ServicePoint(
        slug="tdp5-tan-giang", name_vi="TDP 5", ward="Tân Giang", address="Số 5", active=True
    )
    db.session.add(point)
    db.session.commit()
    line = latest(client.get("/board?point=tdp5-tan-giang", headers=HX))
    assert "Đang đóng cửa" in line and INVITATION not in line and "Mở cửa lần tới" not in line


def test_a_board_left_on_over_lunch_changes_its_line_at_the_next_poll(client, demo, clock):
    url = f"/board?point={demo.slug}"
    clock(2026, 11, 26, 11, 29)
    before = client.get(url, headers=HX)
    assert INVITATION in latest(before)
    clock(2026, 11, 26, 11, 31)
    after = client.get(url, headers={**HX, "If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert "Đang đóng cửa" in latest(after) and "13:30" in latest(after)
    clock(2026, 11, 26, 13, 31)
    reopened = client.get(url, headers={**HX, "If-None-Match": after.headers["ETag"]})
    assert reopened.status_code == 200 and INVITATION in text_of(reopened)
