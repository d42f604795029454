"""One shared picture of a point's service day per version: every ticket card and the board read it.

A snapshot is loaded in five small queries (the day's tickets, the point's desks and what
they serve, procedures, the announcement, the chosen way-back times) and kept per process for as long as the point-day's
version (fresh.py) stays the same, so a thousand phones polling one point cost one load per
change, not a line load each. People ahead, waiting time and "now serving" are worked out
here, once per snapshot, in the same call order the desks use (line.call_order).
"""

import math
import statistics
import threading
from collections import OrderedDict, namedtuple
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ...extensions import db
from ...models import Desk, Post, Procedure, Team, Ticket, desk_procedures
from ...models.notify import NotifySubscription
from ...models.procedure import desk_state_on
from ...models.queue import AT_DESK, WAITING
from ...timeutil import to_local
from . import fresh

MAX_SNAPSHOTS = 1000  # point-days kept per process (a city of 200 points needs 200)
MEASURED_AFTER = 5  # served today by a team before its own service times count (the one threshold)
DEFAULT_LEAD = 15  # minutes a resident needs to get back, unless they chose otherwise

Row = namedtuple(
    "Row",
    "id token prefix number status team_id desk_id procedure_id channel priority issued_at called_at call_count"
    " started_at finished_at updated_at",
)
DeskRow = namedtuple("DeskRow", "id number team_id active team_vi team_en state")  # state: desk_state.STATES


@dataclass(frozen=True)
class Names:
    """A name in both languages; `t(lang)` picks as Bilingual.t does."""

    vi: str
    en: str | None = None

    def t(self, lang):
        return self.en if lang == "en" and self.en else self.vi


def label(row):
    return f"{row.prefix}{row.number:03d}"


def call_key(row):
    """The Python twin of line.call_order(): appointments, then priority, then first come."""
    return (0 if row.channel == "appointment" else 1, 0 if row.priority else 1, row.issued_at, row.id)


@dataclass
class PointDay:
    point_id: int
    day: object
    version: int | None
    tickets: dict  # id -> Row
    by_token: dict  # token -> Row
    desks: dict  # id -> DeskRow, every desk of the point (numbers of inactive ones too)
    serving: dict  # procedure id -> how many active desks serve it
    procedures: dict  # id -> (Names, service minutes)
    announcement: Names | None
    ahead: dict = field(default_factory=dict)  # waiting ticket id -> (people ahead, minutes ahead)
    now_serving: dict = field(default_factory=dict)  # team id -> label most recently called
    at_desks: list = field(default_factory=list)  # tickets at desks, latest call first
    waiting: list = field(default_factory=list)  # every waiting ticket of the point, in call order
    views: dict = field(default_factory=dict)  # cards and boards already read from this snapshot
    leads: dict = field(
        default_factory=dict
    )  # ticket id -> minutes to get back, for those who chose messages
    measured: dict = field(default_factory=dict)  # team id -> median service minutes today (enough served)
    changed: dict = field(default_factory=dict)  # team id -> "10:42", local time of its line's last change

    def open_desks_for(self, row):
        """Open desks that can take this ticket: the transfer target, or those serving its procedure
        (a desk on a break or closed is not counted: desk_state.py)."""
        if row.status == "transferred" and row.desk_id is not None:
            return 1
        if row.status == "transferred":
            return sum(
                1 for d in self.desks.values() if d.active and d.state == "open" and d.team_id == row.team_id
            )
        return self.serving.get(row.procedure_id, 0)

    def wait_minutes(self, row):
        if row.status not in WAITING:
            return 0
        minutes = self.ahead.get(row.id, (0, 0))[1]
        return math.ceil(minutes / max(self.open_desks_for(row), 1))

    def expected_wait(self, row):
        """(minutes, guess): today's measured service time of the team when enough were served,
        else the procedures' typical minutes (a guess). The one estimate: the ticket card shows it
        and notifications/timing.expected_wait sends "leave now" on it."""
        if row.status not in WAITING:
            return 0, False
        measured = self.measured.get(row.team_id)
        if measured is None:
            return self.wait_minutes(row), True
        ahead = self.ahead.get(row.id, (0, 0))[0]
        return math.ceil(ahead * measured / max(self.open_desks_for(row), 1)), False


def _load(point_id, day, version):
    session = db.session
    rows = [
        Row(*r)
        for r in session.execute(
            select(*(getattr(Ticket, name) for name in Row._fields)).where(
                Ticket.point_id == point_id, Ticket.service_day == day
            )
        )
    ]
    desks, desk_moves = {}, []
    for r in session.execute(
        select(
            Desk.id,
            Desk.number,
            Desk.team_id,
            Desk.active,
            Team.name_vi,
            Team.name_en,
            Desk.state,
            Desk.state_day,
            Desk.state_since,
        )
        .join(Team, Team.id == Desk.team_id)
        .where(Desk.point_id == point_id)
    ):
        desks[r.id] = DeskRow(*r[:6], desk_state_on(r.state, r.state_day, day))
        if r.state_day == day and r.state_since is not None:
            desk_moves.append((r.team_id, r.state_since))  # a desk opened, paused or closed today
    serving = {}
    for desk_id, procedure_id in session.execute(
        select(desk_procedures.c.desk_id, desk_procedures.c.procedure_id)
        .join(Desk, Desk.id == desk_procedures.c.desk_id)
        .where(Desk.point_id == point_id, Desk.active.is_(True))
    ):
        if desks[desk_id].state == "open":
            serving[procedure_id] = serving.get(procedure_id, 0) + 1
    procedures = {
        r.id: (Names(r.name_vi, r.name_en), r.service_minutes)
        for r in session.execute(
            select(Procedure.id, Procedure.name_vi, Procedure.name_en, Procedure.service_minutes)
        )
    }
    post = session.execute(
        select(Post.title_vi, Post.title_en)
        .where((Post.point_id == point_id) | (Post.point_id.is_(None)))
        # Pinned first; among those the point's own before a city-wide one (an admin's choice).
        .order_by(Post.pinned.desc(), Post.point_id.is_(None), Post.published_at.desc())
        .limit(1)
    ).first()
    snap = PointDay(
        point_id,
        day,
        version,
        {r.id: r for r in rows},
        {r.token: r for r in rows},
        desks,
        serving,
        procedures,
        Names(*post) if post else None,
    )
    if rows:
        for ticket_id, lead in session.execute(
            select(NotifySubscription.ticket_id, func.min(NotifySubscription.lead_minutes))
            .join(Ticket, Ticket.id == NotifySubscription.ticket_id)
            .where(
                Ticket.point_id == point_id,
                Ticket.service_day == day,
                NotifySubscription.stopped_at.is_(None),
            )
            .group_by(NotifySubscription.ticket_id)
        ):
            snap.leads[ticket_id] = lead
    _work_out(snap, desk_moves)
    return snap


def _work_out(snap, desk_moves=()):
    """People ahead and minutes ahead per line, now serving per line, the board's order, and when
    each line last changed (a ticket's move, or a desk of its team opening, pausing or closing)."""
    lines = {}
    for row in sorted((r for r in snap.tickets.values() if r.status in WAITING), key=call_key):
        snap.waiting.append(row)
        lines.setdefault(row.team_id, []).append(row)
    for line in lines.values():
        minutes = 0
        for place, row in enumerate(line):
            snap.ahead[row.id] = (place, minutes)
            minutes += snap.procedures[row.procedure_id][1]
    snap.at_desks = sorted(
        (r for r in snap.tickets.values() if r.status in AT_DESK),
        key=lambda r: (r.called_at, r.id),
        reverse=True,
    )
    for row in reversed(snap.at_desks):  # latest call wins
        snap.now_serving[row.team_id] = label(row)
    served, changed = {}, {}
    for row in snap.tickets.values():
        if row.status == "done" and row.started_at is not None and row.finished_at is not None:
            served.setdefault(row.team_id, []).append((row.finished_at - row.started_at).total_seconds() / 60)
    moments = [(row.team_id, row.updated_at) for row in snap.tickets.values() if row.updated_at is not None]
    for team_id, moment in moments + list(desk_moves):
        if team_id not in changed or moment > changed[team_id]:
            changed[team_id] = moment
    for team_id, minutes in served.items():
        if len(minutes) >= MEASURED_AFTER:
            snap.measured[team_id] = statistics.median(minutes)
    snap.changed = {team_id: to_local(moment).strftime("%H:%M") for team_id, moment in changed.items()}


_lock = threading.Lock()
_snapshots = OrderedDict()  # (point id, day) -> PointDay


def point_day(point_id, day):
    """The snapshot of a point-day at its current version (loaded again when the version moved).

    Inside a move's own transaction (a record.on_move listener, say), it is what that transaction
    has written so far: kept in the session until its next flush, never shared.
    """
    if fresh.moved_in_this_transaction():
        kept = db.session.info.setdefault("queue_snapshots", {})  # emptied by every flush (record.py)
        if (point_id, day) not in kept:
            kept[(point_id, day)] = _load(point_id, day, None)
        return kept[(point_id, day)]
    version = fresh.version_of(point_id, day)
    key = (point_id, day)
    snap = _snapshots.get(key)
    if snap is not None and version is not None and snap.version == version:
        return snap
    snap = _load(point_id, day, version)
    if version is not None:  # nothing recorded yet: nothing to key a copy on
        with _lock:
            _snapshots[key] = snap
            _snapshots.move_to_end(key)
            while len(_snapshots) > MAX_SNAPSHOTS:
                _snapshots.popitem(last=False)
    return snap


def kept():
    """How many point-day snapshots this process keeps (for the operator's stats)."""
    return len(_snapshots)


def forget_all():
    """Drop every kept snapshot (tests that swap databases under a running process)."""
    with _lock:
        _snapshots.clear()
