"""What a resident's ticket card and the TV board show, as plain values read from one snapshot.

Two equal cards (or boards) render to the same bytes in the same language, so the values
themselves are the cache key and the ETag's input (blueprints/queue/answers.py): a resident
whose card did not change keeps getting 304s, whichever desk moved.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import select

from ...extensions import db
from ...models import Ticket
from ...models.base import current_language
from ...models.queue import AT_DESK, FINISHED, WAITING
from . import fresh
from .line import today
from .pointday import DEFAULT_LEAD, label
from .snapshot import point_day

NEXT_ON_BOARD = 6
RECENT_ON_BOARD = 5  # "was my number called?" for someone who looked away
MAX_TOKENS = 50_000  # token -> (point, day) entries kept per process, about 8 MB


@dataclass(frozen=True)
class TicketCard:
    """Everything the resident's card shows."""

    token: str
    label: str
    procedure: str
    status: str
    ahead: int
    wait_minutes: int
    now_serving: str | None
    desk_number: int | None
    guess: bool = True  # the wait comes from typical minutes: too few served today to measure
    lead_minutes: int = DEFAULT_LEAD  # how long the resident needs to get back (their choice, else 15)
    told: bool = False  # they chose messages: the card may promise "we will tell you when to come"
    as_of: str | None = None  # "10:42": local time of the line's last change (never the current time)
    paused: bool = False  # waiting, and no desk serving this procedure is open now (on a break, closed)

    @property
    def is_waiting(self):
        return self.status in WAITING

    @property
    def is_finished(self):
        return self.status in FINISHED

    @property
    def soon(self):
        """ "Come now": the expected wait is within the time they need to get back, or one person is ahead."""
        if not self.is_waiting or self.paused:
            return False
        return self.ahead <= 1 or self.wait_minutes <= self.lead_minutes


@dataclass(frozen=True)
class LatestCall:
    id: int
    call_count: int
    label: str
    spoken: str  # "A 12": a speech engine reads 012 digit by digit
    desk: int


@dataclass(frozen=True)
class DeskOnBoard:
    number: int
    team: str
    label: str | None
    status: str | None
    latest: bool = False
    state: str = "open"  # desk_state.STATES: the board shows a desk on a break as paused


@dataclass(frozen=True)
class BoardView:
    """The TV board's content; equal boards render the same."""

    day: object
    desks: tuple
    latest: LatestCall | None
    next_labels: tuple
    waiting: int
    announcement: str | None
    recent: tuple = ()  # the last calls, newest first (LatestCall), for who looked away and for the voice

    @property
    def state(self):
        return self


@dataclass(frozen=True)
class BoardHours:
    """Open or closed, as the board says it. While closed, what the home page says: today's reason
    (a closure, a holiday) and the next opening, its weekday named in the board's language."""

    is_open: bool
    reason: str | None = None
    next_weekday: str | None = None
    next_day: object = None
    next_start: object = None
    next_end: object = None


def board_hours(status, weekday_names):
    """The BoardHours of a schedule.status(), read in the board's language (weekday_names too)."""
    if status.is_open:
        return BoardHours(True)
    slot = status.next_slot
    if slot is None:
        return BoardHours(False, status.closed_today_reason)
    return BoardHours(
        False, status.closed_today_reason, weekday_names[slot.day.weekday()], slot.day, slot.start, slot.end
    )


def card_of(snap, row, lang):
    """The card of `row` (read once per snapshot and language)."""
    key = ("card", row.id, lang)
    card = snap.views.get(key)
    if card is None:
        card = snap.views[key] = _card_of(snap, row, lang)
    return card


def _card_of(snap, row, lang):
    waiting = row.status in WAITING
    desk = snap.desks.get(row.desk_id)
    wait, guess = snap.expected_wait(row)
    lead = snap.leads.get(row.id)
    return TicketCard(
        token=row.token,
        label=label(row),
        procedure=snap.procedures[row.procedure_id][0].t(lang),
        status=row.status,
        ahead=snap.ahead.get(row.id, (0, 0))[0] if waiting else 0,
        wait_minutes=wait,
        now_serving=snap.now_serving.get(row.team_id),
        desk_number=desk.number if desk is not None and row.status in AT_DESK else None,
        guess=guess,
        lead_minutes=lead or DEFAULT_LEAD,
        told=lead is not None,
        as_of=snap.changed.get(row.team_id),
        paused=waiting and not snap.serving.get(row.procedure_id),
    )


def _row(point_id, day, find):
    """The snapshot and row `find(snapshot)` picks; a ticket the database has but this worker's
    snapshot lacks (made by another worker within the last second) reads the versions again."""
    snap = point_day(point_id, day)
    row = find(snap)
    if row is None:
        fresh.expire()
        snap = point_day(point_id, day)
        row = find(snap)
    return snap, row


def ticket_status(ticket, lang=None):
    """The card of an ORM ticket (its point-day's snapshot at the current version)."""
    snap, row = _row(ticket.point_id, ticket.service_day, lambda s: s.tickets.get(ticket.id))
    return card_of(snap, row, lang or current_language()) if row is not None else None


_tokens = OrderedDict()
_tokens_lock = threading.Lock()


def card_for_token(token, lang):
    """The card behind a resident's link, or None (no such ticket). Token -> point-day is cached."""
    if not token or len(token) > 32:
        return None
    place = _tokens.get(token)
    if place is None:
        place = db.session.execute(
            select(Ticket.point_id, Ticket.service_day).where(Ticket.token == token)
        ).first()
        if place is None:
            return None
        place = tuple(place)
        with _tokens_lock:
            _tokens[token] = place
            while len(_tokens) > MAX_TOKENS:
                _tokens.popitem(last=False)
    snap, row = _row(*place, lambda s: s.by_token.get(token))
    if row is None:  # deleted since: look again next time
        _tokens.pop(token, None)
        return None
    return card_of(snap, row, lang)


def board_of(point_id, lang, now=None):
    """The board of a point today (read once per snapshot and language)."""
    snap = point_day(point_id, today(now))
    key = ("board", lang)
    view = snap.views.get(key)
    if view is None:
        view = snap.views[key] = _board_of(snap, lang)
    return view


def _board_of(snap, lang):
    first_at = {}
    for row in snap.at_desks:
        first_at.setdefault(row.desk_id, row)
    top = snap.at_desks[0] if snap.at_desks else None
    desks = sorted((d for d in snap.desks.values() if d.active), key=lambda d: d.number)
    rows = tuple(
        DeskOnBoard(
            d.number,
            d.team_en if lang == "en" and d.team_en else d.team_vi,
            label(first_at[d.id]) if d.id in first_at else None,
            first_at[d.id].status if d.id in first_at else None,
            top is not None and top.desk_id == d.id,
            d.state,
        )
        for d in desks
    )
    return BoardView(
        day=snap.day,
        desks=rows,
        latest=_call_of(snap, top) if top is not None else None,
        next_labels=tuple(label(r) for r in snap.waiting[:NEXT_ON_BOARD]),
        waiting=len(snap.waiting),
        announcement=snap.announcement.t(lang) if snap.announcement else None,
        recent=_recent_calls(snap),
    )


def _recent_calls(snap):
    """The last RECENT_ON_BOARD calls of the day, served or not yet, newest first."""
    # A number sent on to another desk waits there: it was not called to that desk, and its call at
    # the first one is over (the resident is at that desk already).
    called = sorted(
        (
            r
            for r in snap.tickets.values()
            if r.called_at is not None and r.desk_id is not None and r.status not in WAITING
        ),
        key=lambda r: (r.called_at, r.id),
        reverse=True,
    )
    return tuple(_call_of(snap, r) for r in called[:RECENT_ON_BOARD] if r.desk_id in snap.desks)


def _call_of(snap, row):
    """A call as the board shows and speaks it ("A 12": a speech engine reads 012 digit by digit)."""
    desk = snap.desks.get(row.desk_id)
    return LatestCall(
        row.id, row.call_count, label(row), f"{row.prefix} {row.number}", desk.number if desk else None
    )


def board(point, now=None, lang=None):
    """The board of `point` today, in the reader's language."""
    return board_of(point.id, lang or current_language(), now)


def summary(point, now=None):
    """For the home page: how many are waiting and which numbers are at the desks now."""
    snap = point_day(point.id, today(now))
    return {"waiting": len(snap.waiting), "serving": [label(r) for r in snap.at_desks[:4]]}
