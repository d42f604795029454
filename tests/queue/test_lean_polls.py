"""The poll path: answers from content, cached, served before Flask, with every guard kept."""

import gzip
from datetime import date, time, timedelta

import brotli
import pytest
from sqlalchemy.exc import OperationalError

from app import timeutil
from app.blueprints.queue import answers
from app.extensions import db
from app.models import ClosedDay, Team
from app.models.queue import QueueVersion
from app.services import queue
from app.services.queue import cards, fresh
from tests.conftest import html, text_of

HX = {"HX-Request": "true"}


@pytest.fixture
def lean(app, monkeypatch):
    """lean(False) sends polls through Flask only, as without the layer."""

    def switch(on):
        monkeypatch.setitem(app.config, "QUEUE_LEAN_POLLS", on)

    return switch


def both_paths(client, lean, url, headers):
    lean(True)
    quick = client.get(url, headers=headers)
    lean(False)
    flask = client.get(url, headers=headers)
    lean(True)
    return quick, flask


@pytest.mark.parametrize("encoding", ["gzip", "br", "identity"])
def test_both_paths_give_the_same_status_and_body(client, lean, open_point, issue, desk_of, encoding):
    waiting, called, done = issue(), issue(), issue("ket-hon")
    queue.call_next(desk_of(1)), queue.start(done, desk_of(1)), queue.finish(done, desk_of(1))
    queue.call_next(desk_of(2))
    headers = {**HX, "Accept-Encoding": encoding}
    urls = [f"/t/{t.token}" for t in (waiting, called, done)] + [f"/board?point={open_point.slug}"]
    for url in urls:
        for rendered_by_each in (True, False):  # each path rendering its own answer, then cached ones
            if rendered_by_each:
                answers.answers.clear()
                lean(False)
                flask = client.get(url, headers=headers)
                answers.answers.clear()
                lean(True)
                quick = client.get(url, headers=headers)
            else:
                quick, flask = both_paths(client, lean, url, headers)
            assert (quick.status_code, quick.get_data()) == (flask.status_code, flask.get_data()), url
    assert client.get(f"/t/{done.token}", headers=headers).status_code == 286


def test_both_paths_agree_in_english_too(client, lean, open_point, issue):
    ticket = issue()
    client.set_cookie("lang", "en")
    quick, flask = both_paths(client, lean, f"/t/{ticket.token}", HX)
    assert quick.get_data() == flask.get_data() and "People ahead of you" in text_of(quick)


def test_a_poll_carries_only_fragment_headers_and_no_session(client, open_point, issue):
    ticket = issue()
    client.get(f"/t/{ticket.token}", headers=HX)  # the first answer is rendered by Flask
    response = client.get(f"/t/{ticket.token}", headers={**HX, "Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Vary"] == "HX-Request, Accept-Encoding"
    assert "Set-Cookie" not in response.headers
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["Cache-Control"] == "private, no-cache"
    # The card holds no form: the same bytes serve every phone; the page shell has the cancel link.
    assert html(client.get(f"/t/{ticket.token}", headers=HX)).find("form") is None
    page = client.get(f"/t/{ticket.token}")
    assert page.headers["Content-Security-Policy"]
    assert html(page).find("a", href=f"/t/{ticket.token}/cancel")


def test_answers_open_to_the_same_card_in_every_encoding_and_under_a_mount_prefix(
    client, lean, open_point, issue
):
    ticket = issue()
    plain = client.get(f"/t/{ticket.token}", headers={**HX, "Accept-Encoding": "identity"}).get_data()
    packed = client.get(f"/t/{ticket.token}", headers={**HX, "Accept-Encoding": "gzip"}).get_data()
    squeezed = client.get(f"/t/{ticket.token}", headers={**HX, "Accept-Encoding": "br"}).get_data()
    assert gzip.decompress(packed) == brotli.decompress(squeezed) == plain
    # Mounted under /tdp (SCRIPT_NAME), the card's links keep the prefix on both paths.
    lean(True)
    quick = client.get(f"/t/{ticket.token}", headers=HX, base_url="http://localhost/tdp")
    lean(False)
    flask = client.get(f"/t/{ticket.token}", headers=HX, base_url="http://localhost/tdp")
    assert quick.get_data() == flask.get_data()
    assert html(quick).find(id="ticket")["hx-get"] == f"/tdp/t/{ticket.token}"


def test_unknown_tickets_and_points_still_get_flasks_404(client, open_point):
    assert client.get("/t/" + "x" * 22, headers=HX).status_code == 404
    assert client.get("/t/" + "x" * 40, headers=HX).status_code == 404
    assert client.get("/board?point=nowhere", headers=HX).status_code == 404


def test_a_sick_database_answers_503_on_both_paths(client, lean, open_point, issue, monkeypatch, caplog):
    ticket = issue()
    client.get(f"/t/{ticket.token}", headers=HX)

    def sick(*args):
        raise OperationalError("SELECT", {}, Exception("database is down"))

    monkeypatch.setattr(cards, "point_day", sick)
    quick, flask = both_paths(client, lean, f"/t/{ticket.token}", HX)
    assert quick.status_code == flask.status_code == 503
    assert "database unavailable" in caplog.text


def test_a_resident_whose_card_did_not_change_keeps_getting_304s(client, open_point, issue, desk_of):
    mine = issue("ket-hon")  # the one-stop team's line (desk 1)
    issue("khai-sinh")  # the online team's line (desk 2)
    etag = client.get(f"/t/{mine.token}", headers=HX).headers["ETag"]
    queue.call_next(desk_of(2))  # another line moves
    again = client.get(f"/t/{mine.token}", headers={**HX, "If-None-Match": etag})
    assert again.status_code == 304
    queue.call_next(desk_of(1))  # my line moves: my number is called
    assert client.get(f"/t/{mine.token}", headers={**HX, "If-None-Match": etag}).status_code == 200


def test_another_workers_move_shows_within_a_second(client, open_point, issue, desk_of, monkeypatch):
    ticket = issue()
    before = client.get(f"/t/{ticket.token}", headers=HX)
    seen = dict(fresh._copy)
    queue.call_next(desk_of(2))
    # As in a worker that did not make the move: its copy of the versions is the old one.
    fresh._copy.update(seen)
    stale = client.get(f"/t/{ticket.token}", headers={**HX, "If-None-Match": before.headers["ETag"]})
    assert stale.status_code == 304
    later = timeutil._now() + timedelta(seconds=1)
    monkeypatch.setattr(timeutil, "_now", lambda: later)
    fresh_answer = client.get(f"/t/{ticket.token}", headers={**HX, "If-None-Match": before.headers["ETag"]})
    assert fresh_answer.status_code == 200
    assert html(fresh_answer).find(id="ticket")["data-state"] == "called"


def test_while_one_thread_reads_the_versions_again_the_others_answer_from_their_copy(
    open_point, issue, desk_of, monkeypatch
):
    ticket = issue()
    day = ticket.service_day
    before = fresh.version_of(open_point.id, day)
    seen = dict(fresh._copy)
    queue.call_next(desk_of(2))
    fresh._copy.update(seen)  # as in a worker that did not make the move
    later = timeutil._now() + timedelta(seconds=2)
    monkeypatch.setattr(timeutil, "_now", lambda: later)
    with fresh._lock:  # another thread of this worker is reading them again (a slow database)
        assert fresh.version_of(open_point.id, day) == before  # answered at once, from the copy
    assert fresh.version_of(open_point.id, day) != before  # the next poll reads the news


def test_a_workers_own_move_goes_into_its_copy_without_reading_the_versions_again(open_point, issue, desk_of):
    ticket = issue()
    day = ticket.service_day
    fresh.version_of(open_point.id, day)  # this worker's copy is read
    reads = fresh._copy["reads"]
    queue.call_next(desk_of(2))
    stored = db.session.get(QueueVersion, (open_point.id, day)).version
    assert fresh.version_of(open_point.id, day) == stored  # its own move, seen at once...
    assert fresh._copy["reads"] == reads  # ...with no query: its poll threads did not wait


def test_a_team_edit_reaches_the_board(client, open_point):
    url = f"/board?point={open_point.slug}"
    etag = client.get(url, headers=HX).headers["ETag"]
    team = Team.query.filter_by(point_id=open_point.id).first()
    team.name_vi = "Tổ đổi tên"
    db.session.commit()
    changed = client.get(url, headers={**HX, "If-None-Match": etag})
    assert changed.status_code == 200 and "Tổ đổi tên" in text_of(changed)


def test_an_extra_opening_speeds_a_closed_points_board_up_at_its_next_poll(client, demo, clock):
    clock(2026, 11, 29, 22, 0)  # Sunday night: closed, the board asks once a minute
    url = f"/board?point={demo.slug}"
    assert html(client.get(url, headers=HX)).find(id="board")["hx-trigger"] == "every 60s, refresh"
    db.session.add(
        ClosedDay(
            point=demo,
            date=date(2026, 11, 29),
            kind="extra",
            start=time(21, 0),
            end=time(23, 0),
            reason_vi="Đợt cao điểm",
        )
    )
    db.session.commit()  # a recorded move: same minute, but the point's version moved
    assert html(client.get(url, headers=HX)).find(id="board")["hx-trigger"] == "every 5s, refresh"


def test_the_operator_reads_the_answer_caches_hits_and_misses(admin_client, client, open_point, issue):
    ticket = issue()
    answers.answers.clear()
    for _ in range(3):
        client.get(f"/t/{ticket.token}", headers=HX)
    stats = admin_client.get("/queue/answers").get_json()["answers"]
    assert (stats["misses"], stats["hits"]) == (1, 2)
    assert stats["bytes"] > 0 and stats["max_bytes"] >= stats["bytes"]


def test_the_cache_stays_within_its_bound():
    cache = answers.AnswerCache(max_bytes=1000)
    for n in range(10):
        cache.put(n, answers.Answer(200, b"x" * 300, str(n), None, "no-cache"))
    assert cache.stats()["bytes"] <= 1000 and cache.get(9) and cache.get(0) is None


def test_the_etag_salt_follows_the_templates(tmp_path):
    (tmp_path / "templates" / "queue").mkdir(parents=True)
    card = tmp_path / "templates" / "queue" / "_ticket.html"
    card.write_text("<p>{{ c.label }}</p>")
    before = answers.template_salt(tmp_path)
    card.write_text("<p>{{ c.label }}!</p>")
    assert answers.template_salt(tmp_path) != before
