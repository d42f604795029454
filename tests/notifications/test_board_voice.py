"""The TV board reads each call from its own clips, even in a browser with no speech voice."""

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import Desk, Procedure, TicketCounter
from app.services import queue
from app.timeutil import LOCAL_TZ

pytestmark = pytest.mark.browser

# A browser with no voice at all (most TVs), and a record of every clip the board starts, played
# for real (the MP3 must decode) at 16x so the test waits little.
NO_VOICE_AND_RECORD_CLIPS = """
window.__played = []; window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: function () { return []; }, speak: function (u) { window.__spoken.push(u.text); }
}});
var realPlay = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  if (this.volume > 0) window.__played.push(this.src.split("/").pop().split(".mp3")[0]);
  this.playbackRate = 16;
  return realPlay.call(this);
};
"""
CALL_B012_AT_DESK_2 = ["moi-so", "b", "0", "1", "2", "den-quay", "2"]


@pytest.fixture
def called_b012(demo, clock):
    """Returns a function that issues B012 and calls it to desk 2 of the demo point at 09:00."""
    clock(2026, 11, 26, 9, 0)

    def call():
        db.session.add(
            TicketCounter(
                point_id=demo.id, service_day=datetime(2026, 11, 26).date(), prefix="B", last_number=11
            )
        )
        ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one())
        desk = Desk.query.filter_by(point_id=demo.id, number=2).one()
        queue.call(ticket, desk)
        db.session.commit()
        assert ticket.label == "B012"

    return call


def wait_for(page, expression, tries=100):
    # Not wait_for_function: its polling evaluates strings in the page, which our CSP forbids.
    for _ in range(tries):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


def test_a_board_with_no_voice_plays_the_clips_for_b012_desk_2_in_order(browser, live_server, called_b012):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        # The TV's own clock is hours wrong; the board must show the server's Vietnamese time.
        context.clock.set_fixed_time(datetime(2020, 1, 1, 3, 0, tzinfo=UTC))
        board = context.new_page()
        board.add_init_script(NO_VOICE_AND_RECORD_CLIPS)
        errors = []
        board.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        board.goto(live_server + "/board")
        board.click("button:has-text('Bật âm thanh')")
        called_b012()
        board.evaluate("htmx.trigger('#board', 'refresh')")
        wait_for(board, f"window.__played.length >= {len(CALL_B012_AT_DESK_2)}")
        assert board.evaluate("window.__played") == CALL_B012_AT_DESK_2
        assert board.evaluate("window.__spoken") == []  # speech only when clips fail
        assert board.locator("[data-sound-blocked]").is_hidden()
        # 09:00 is the app's test clock in the page as rendered; the live clock follows the server's Date header.
        wait_for(board, "document.querySelector('[data-clock]').textContent != '09:00'")
        server_now = datetime.now(LOCAL_TZ)
        shown = board.locator("[data-clock]").inner_text()
        assert shown in {(server_now - timedelta(minutes=m)).strftime("%H:%M") for m in (0, 1)}
        assert errors == []

        # Reloaded, the screen remembers sound was on, and the call already on screen is not read again.
        board.reload()
        board.wait_for_load_state("load")
        assert board.evaluate("localStorage.getItem('tdp-board-sound')") == "1"
        board.wait_for_timeout(200)
        assert board.evaluate("window.__played") == []
    finally:
        context.close()


def test_a_board_whose_browser_blocks_sound_says_so(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        board = context.new_page()
        # A browser that refuses to play without a click on this page (the autoplay policy of most TVs).
        board.add_init_script(
            "localStorage.setItem('tdp-board-sound', '1');"
            "HTMLMediaElement.prototype.play = function () {"
            " return Promise.reject(new DOMException('blocked', 'NotAllowedError')); };"
        )
        board.goto(live_server + "/board")
        board.wait_for_selector("[data-sound-blocked]:visible", timeout=5000)
        assert "chặn âm thanh" in board.locator("[data-sound-blocked]").inner_text()
        assert board.locator("button:has-text('Bật âm thanh')").is_visible()
    finally:
        context.close()


def test_two_desks_calling_within_one_poll_are_both_read_out_oldest_first(browser, live_server, demo, clock):
    """Both numbers called between two polls are heard, one after the other: the board read out
    only the latest, and a resident listening rather than reading missed theirs."""
    clock(2026, 11, 26, 9, 0)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        board = context.new_page()
        board.add_init_script(NO_VOICE_AND_RECORD_CLIPS)
        board.goto(live_server + "/board")
        board.click("button:has-text('Bật âm thanh')")
        one_stop = queue.issue_ticket(demo, Procedure.query.filter_by(code="ket-hon").one())  # A001, desk 1
        online = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one())  # B001, desk 2
        queue.call(one_stop, Desk.query.filter_by(point_id=demo.id, number=1).one())
        clock(2026, 11, 26, 9, 0, 1)
        queue.call(online, Desk.query.filter_by(point_id=demo.id, number=2).one())
        board.evaluate("htmx.trigger('#board', 'refresh')")
        both = ["moi-so", "a", "0", "0", "1", "den-quay", "1", "moi-so", "b", "0", "0", "1", "den-quay", "2"]
        wait_for(board, f"window.__played.length >= {len(both)}")
        assert board.evaluate("window.__played") == both
    finally:
        context.close()
