"""The footer's visit counter: cheap, bot-free, and right when several workers count at once."""

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy import func, select

from app.extensions import db
from app.models import VisitDay, VisitPresence
from app.services import visits
from tests.conftest import html

PHONE_UA = "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def flush(app):
    visits.buffer_for(app).flush(db.engine)


def stored_views():
    return db.session.execute(select(func.coalesce(func.sum(VisitDay.count), 0))).scalar_one()


def test_footer_shows_statistics_and_online_now(client, demo):
    for _ in range(3):
        client.get("/", headers={"User-Agent": PHONE_UA})
    footer = html(client.get("/news", headers={"User-Agent": PHONE_UA})).find("footer")
    text = " ".join(footer.get_text(" ").split())
    assert "Thống kê: 3 lượt truy cập" in text and "Đang truy cập: 1" in text


def test_page_views_are_not_written_to_the_database_one_by_one(app, client, demo):
    for _ in range(5):
        assert client.get("/", headers={"User-Agent": PHONE_UA}).status_code == 200
    assert stored_views() == 0  # still in this worker's buffer
    assert visits.stats(use_cache=False).total == 5  # and already counted on its pages
    flush(app)
    assert stored_views() == 5


def test_bots_fragments_staff_pages_and_errors_do_not_count(app, client, staff_client, demo):
    client.get("/", headers={"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
    client.get("/", headers={"User-Agent": "curl/8.5.0"})
    client.get("/", headers={"User-Agent": ""})
    client.get("/", headers={"User-Agent": PHONE_UA, "HX-Request": "true"})
    client.get("/khong-co-trang-nay", headers={"User-Agent": PHONE_UA})
    staff_client.get("/admin/outreach/posts", headers={"User-Agent": PHONE_UA})
    assert visits.stats(use_cache=False).total == 0
    client.get("/map", headers={"User-Agent": PHONE_UA})
    assert visits.stats(use_cache=False).total == 1


def test_online_now_counts_distinct_people_in_the_last_five_minutes(app, demo):
    now = time.time()
    buffer = visits.buffer_for(app)
    for visitor in ("a", "b", "a"):
        buffer.add(date.today(), int(now // 60), visitor)
    buffer.add(date.today(), int(now // 60) - 10, "old")  # ten minutes ago: gone
    assert visits.stats(now=now, use_cache=False).online == 2
    buffer.flush(db.engine, now=now)
    assert visits.stats(now=now, use_cache=False).online == 2
    assert db.session.query(VisitPresence).filter(VisitPresence.visitor == "old").count() == 0  # swept


def test_several_workers_add_up_instead_of_overwriting(app, demo):
    """Two workers (two buffers) flush the same day at the same moment: no view is lost."""
    today = date.today()
    minute = int(time.time() // 60)
    workers = [visits.VisitBuffer(), visits.VisitBuffer(), visits.VisitBuffer()]
    for index, buffer in enumerate(workers):
        for n in range(100):
            buffer.add(today, minute, f"visitor-{(index * 100 + n) % 150}")  # overlapping people
    db.session.add(VisitDay(day=today, count=7))  # counted earlier today
    db.session.commit()
    barrier = threading.Barrier(len(workers))

    def flush_as_a_worker(buffer):
        with app.app_context():
            barrier.wait()
            return buffer.flush(db.engine)

    with ThreadPoolExecutor(len(workers)) as pool:
        written = list(pool.map(flush_as_a_worker, workers))
    assert written == [100, 100, 100]
    db.session.expire_all()
    assert db.session.get(VisitDay, today).count == 307
    online = db.session.execute(select(func.count(func.distinct(VisitPresence.visitor)))).scalar_one()
    assert online == 150


def test_a_failed_flush_keeps_the_counts_for_the_next_try(app, demo):
    buffer = visits.VisitBuffer()
    buffer.add(date.today(), 1, "x")

    class Broken:
        dialect = db.engine.dialect

        def begin(self):
            raise RuntimeError("database is away")

    assert buffer.flush(Broken()) == 0
    assert buffer.pending()[0] == 1
    assert buffer.flush(db.engine) == 1


def test_concurrent_page_views_against_a_live_server_are_all_counted(app, demo, live_server):
    requests = 120

    def visit(n):
        request = urllib.request.Request(
            f"{live_server}/news", headers={"User-Agent": f"{PHONE_UA} #{n % 7}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status

    buffer = visits.buffer_for(app)
    buffer.flush_views = 25  # make the server flush several batches while requests are running
    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(visit, range(requests)))
    assert statuses == [200] * requests
    flush(app)
    # A batch the server began writing after a response had gone may still be committing.
    deadline = time.monotonic() + 10
    while stored_views() < requests and time.monotonic() < deadline:
        db.session.rollback()
        time.sleep(0.01)
    assert stored_views() == requests
    assert visits.stats(use_cache=False).online == 7  # seven distinct browsers


def test_counter_works_with_redis_when_configured(app, client, demo, with_redis):
    client.get("/", headers={"User-Agent": PHONE_UA})
    client.get("/", headers={"User-Agent": PHONE_UA + " other"})
    stats = visits.stats(use_cache=False)
    assert (stats.total, stats.online) == (2, 2)
    assert visits.buffer_for(app).pending()[1] == set()  # presence went to Redis, not the buffer


def test_the_counter_does_not_make_pages_uncacheable_or_change_on_every_view(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "VISIT_STATS_CACHE_SECONDS", 60)
    visits._stats_cache.clear()
    first = client.get("/news", headers={"User-Agent": PHONE_UA})
    second = client.get("/news", headers={"User-Agent": PHONE_UA})
    assert "no-store" not in first.headers.get("Cache-Control", "")
    footer = [" ".join(html(r).find("p", class_="app-stats").get_text(" ").split()) for r in (first, second)]
    assert footer[0] == footer[1]  # figures reused for a minute, not one query per view


def test_a_quiet_worker_still_writes_its_counts_without_another_view(app, demo):
    """Counts must not wait for the next page view of the same worker: that may never come."""
    import time as _time

    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import VisitDay
    from app.services import visits

    buffer = visits.VisitBuffer(flush_seconds=0.05)
    app.extensions["visit_buffer"], saved = buffer, app.extensions["visit_buffer"]
    try:
        with app.test_request_context("/"):
            visits.record_view("10.0.0.9", "Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile")
        deadline = _time.monotonic() + 5
        total = 0
        while _time.monotonic() < deadline and not total:
            _time.sleep(0.1)
            total = db.session.execute(select(func.coalesce(func.sum(VisitDay.count), 0))).scalar_one()
            db.session.rollback()
    finally:
        buffer.stop()
        app.extensions["visit_buffer"] = saved
    assert total == 1


def test_a_stopped_flush_thread_writes_nothing_more(app, demo):
    """Between tests (and at shutdown) the thread ends: counts taken after it stopped stay in the
    buffer until someone flushes, instead of landing in whatever tables exist by then."""
    buffer = visits.VisitBuffer(flush_seconds=0.01)
    with app.test_request_context("/"):
        buffer.ensure_timer(app)
    thread = buffer._timer
    buffer.stop()
    assert not thread.is_alive()
    buffer.add(date.today(), 1, "late")
    time.sleep(0.05)  # five flush intervals
    assert stored_views() == 0 and buffer.pending()[0] == 1
    buffer.stop(discard=True)
    assert buffer.pending() == (0, set())


def test_the_flush_interval_comes_from_the_configuration():
    from flask import Flask

    other = Flask("other")  # not create_app: that would re-point app-wide hooks at a second app
    other.config["VISIT_FLUSH_SECONDS"] = 0.25
    visits.init_app(other)
    assert visits.buffer_for(other).flush_seconds == 0.25
