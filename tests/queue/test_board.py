"""The TV board: numbers at each desk, the latest call, the next numbers, cheap when idle."""

import re

import pytest

from app.extensions import db
from app.models import Desk, Team
from app.services import queue
from tests.conftest import html, text_of

HX = {"HX-Request": "true"}


def test_the_board_page_shows_each_desk_the_latest_call_and_the_next_numbers(client, issue, desk_of, clock):
    issue("ket-hon"), issue(), issue(), issue("thuong-tru")
    queue.call_next(desk_of(1))
    clock(2026, 11, 26, 9, 1)
    queue.call_next(desk_of(2))
    page = html(client.get("/board"))
    latest = page.find(class_="app-board__latest").get_text(" ")
    assert "B001" in latest and "Quầy 2" in latest
    desks = [" ".join(li.get_text(" ").split()) for li in page.find_all(class_="app-board__desk")]
    assert desks[0].startswith("Quầy 1 A001") and desks[1].startswith("Quầy 2 B001")
    assert desks[2].startswith("Quầy 3 –")
    assert "app-board__desk--latest" in page.find_all(class_="app-board__desk")[1]["class"]
    assert "B002 C001" in " ".join(page.find(class_="app-board__next").get_text(" ").split())


def test_the_board_carries_the_spoken_call_in_vietnamese(client, issue, desk_of):
    issue()
    queue.call_next(desk_of(2))
    board = html(client.get("/board", headers=HX)).find(id="board")
    assert board["data-say"] == "Mời số B 1 đến quầy 2"
    assert board["data-call"]


def test_the_board_page_has_the_clock_the_announcement_sound_button_and_offline_mark(client, open_point):
    page = html(client.get("/board"))
    assert page.find(attrs={"data-clock": True}).get_text().count(":") == 1
    assert page.find(attrs={"data-sound": True}).has_attr("hidden")  # shown by JavaScript only
    assert page.find(attrs={"data-offline": True}).get_text() == "Mất kết nối"
    assert "Tổ dân phố điện tử mở cửa sáng thứ Bảy" in text_of(client.get("/board"))
    style = page.find("style", string=lambda s: s and "app-board__desk" in s)
    assert style is not None  # board.css inlined here


def test_board_css_is_inlined_only_on_the_board(client, open_point):
    assert "app-board__desk" not in client.get("/").get_data(as_text=True)


def test_the_board_fragment_polls_and_is_under_one_kilobyte_compressed(client, issue, desk_of):
    for code in ("ket-hon", "khai-sinh", "thuong-tru") * 4:
        issue(code)
    for number in (1, 2, 3):
        queue.call_next(desk_of(number))
    response = client.get("/board", headers={**HX, "Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.get_data()) <= 1024
    board = html(client.get("/board", headers=HX)).find(id="board")
    assert board["hx-trigger"] == "every 5s, refresh" and board.has_attr("data-poll")


@pytest.mark.parametrize("encoding", ["gzip", "br", "identity"])
def test_an_idle_board_costs_only_bodiless_304s(client, issue, encoding):
    issue()
    headers = {**HX, "Accept-Encoding": encoding}
    etag = client.get("/board", headers=headers).headers["ETag"]
    for _ in range(3):
        again = client.get("/board", headers={**headers, "If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b""
        assert len(str(again.headers)) < 400  # no policy headers repeated on a 304


def test_a_call_changes_the_board_etag(client, issue, desk_of):
    issue()
    etag = client.get("/board", headers=HX).headers["ETag"]
    queue.call_next(desk_of(2))
    changed = client.get("/board", headers={**HX, "If-None-Match": etag})
    assert changed.status_code == 200 and "B001" in text_of(changed)


def test_the_board_fits_a_dozen_desks(client, open_point):
    team = Team.query.filter_by(point_id=open_point.id, code="one-stop").one()
    for number in range(4, 13):
        db.session.add(Desk(point=open_point, team=team, number=number))
    db.session.commit()
    page = html(client.get("/board"))
    assert len(page.find_all(class_="app-board__desk")) == 12


def test_the_board_of_another_point_is_chosen_by_its_slug(client, open_point, issue):
    from app.models import ServicePoint

    other = ServicePoint(slug="tdp-5", name_vi="TDP 5", ward="Phường Bắc Hà", address="Số 1")
    team = Team(point=other, code="one-stop", name_vi="Một cửa", ticket_prefix="A")
    db.session.add_all([other, team, Desk(point=other, team=team, number=7)])
    db.session.commit()
    issue()  # B001 waits at the demo point, the first one (the board without ?point=)

    def board(url):
        page = html(client.get(url))
        desks = [" ".join(li.get_text(" ").split()) for li in page.find_all(class_="app-board__desk")]
        return page.find(id="board"), desks, page.find(class_="app-board__next").get_text(" ")

    element, desks, waiting = board("/board?point=tdp-5")
    assert desks == ["Quầy 7 – Một cửa"] and "B001" not in waiting
    assert element["hx-get"] == "/board?point=tdp-5"  # and its polls keep asking for that point
    element, desks, waiting = board("/board")
    assert [d[:6] for d in desks] == ["Quầy 1", "Quầy 2", "Quầy 3"] and "B001" in waiting
    assert element["hx-get"] == "/board?point=tdp12-tan-giang"
    assert client.get("/board?point=khong-co").status_code == 404


def test_a_new_announcement_changes_the_board(client, open_point):
    from app.models import Post

    etag = client.get("/board", headers=HX).headers["ETag"]
    db.session.add(Post(point=open_point, title_vi="Nghỉ trưa từ 11:30", body_vi="", pinned=True))
    db.session.commit()
    changed = client.get("/board", headers={**HX, "If-None-Match": etag})
    assert changed.status_code == 200 and "Nghỉ trưa từ 11:30" in text_of(changed)


def test_a_board_left_on_while_the_point_is_closed_polls_only_once_a_minute(client, demo, clock):
    clock(2026, 11, 29, 22, 0)  # Sunday night
    board = html(client.get("/board")).find(id="board")
    assert board["hx-trigger"] == "every 60s, refresh"


def test_a_city_wide_announcement_reaches_every_board_in_one_load(app, client, open_point):
    """An edit every point shows (a city-wide announcement, a procedure's name) moves every point's
    version at once; a worker loads all the point-days it keeps in one set of queries, not one set
    per point, so a city of 200 points does not stall its polls (bench/RESULTS.md, City mix)."""
    from sqlalchemy import event

    from app.models import Post, ServicePoint

    slugs = [open_point.slug]
    for n in (5, 6):
        other = ServicePoint(slug=f"tdp-{n}", name_vi=f"TDP {n}", ward="Phường Bắc Hà", address="Số 1")
        team = Team(point=other, code="one-stop", name_vi="Một cửa", ticket_prefix="A")
        db.session.add_all([other, team, Desk(point=other, team=team, number=1)])
        slugs.append(other.slug)
    db.session.commit()
    etags = {slug: client.get(f"/board?point={slug}", headers=HX).headers["ETag"] for slug in slugs}
    db.session.add(Post(point=None, title_vi="Toàn thành phố nghỉ lễ ngày 02/9", body_vi="", pinned=True))
    db.session.commit()

    ticket_reads = []

    def watch(conn, cursor, statement, *args):
        if re.match(r"\s*SELECT\b.*\bFROM ticket\b", statement, re.S):
            ticket_reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", watch)
    try:
        answers = [
            client.get(f"/board?point={slug}", headers={**HX, "If-None-Match": etags[slug]}) for slug in slugs
        ]
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
    # The demo point keeps showing its own pinned notice (a point's own comes first); the others
    # show the city's.
    assert [a.status_code for a in answers] == [304, 200, 200]
    assert all("Toàn thành phố nghỉ lễ ngày 02/9" in text_of(a) for a in answers[1:])
    assert len(ticket_reads) == 1  # the three point-days came in one read of their tickets


def test_a_number_sent_on_to_another_desk_is_not_shown_as_called_there(client, open_point, issue, desk_of):
    """'Called recently' said B001 -> desk 1 after desk 2 called B001 and sent it on to desk 1,
    though desk 1 had not called it: a resident glancing at the board walked to desk 1."""
    ticket = issue()  # B001, the online team's line (desk 2)
    queue.call_next(desk_of(2))
    queue.transfer(ticket, desk_of(2), to_desk=desk_of(1))

    def recent():
        section = html(client.get("/board")).find(class_="app-board__recent")
        return (
            [] if section is None else [" ".join(li.get_text(" ").split()) for li in section.find_all("li")]
        )

    assert "B001 → Quầy 1" not in recent()
    queue.call_next(desk_of(1))  # now desk 1 calls it
    assert recent()[0] == "B001 → Quầy 1"
