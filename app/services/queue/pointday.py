"""A point's service day as every ticket card and the board read it: the rows loaded for it
(snapshot.py loads them and keeps one per version) and what is worked out from them once:
people ahead, waiting time, "now serving", when each line last changed.
"""

import math
import statistics
from collections import namedtuple
from dataclasses import dataclass, field

from ...models.queue import AT_DESK, WAITING
from ...timeutil import to_local

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


def work_out(snap, desk_moves=()):
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
