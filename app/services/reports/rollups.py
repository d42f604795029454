"""Ticket rollups: per (point, service day, team, procedure) counts and minute histograms, and per month
the same summed by kind of day (weekday, Saturday, Sunday). The mechanism is layers.py's.

A past service day is rolled up once (`rollup_range`, the `flask rollup-reports` command, or lazily
when a report covers it), and a month once all its days are; reports then read those few rows instead
of the tickets (`read_cells`). Today, and any day not rolled up, is computed live from the tickets with
the same code (daycells.summarise).

A ticket of a past day changed through the ORM (close-days, a late correction) drops that day's and
its month's rollup in the same transaction; changes made with bulk SQL are caught by the nightly
command, which recomputes the last RECOMPUTE_DAYS days.
"""

import json
from dataclasses import dataclass
from itertools import chain

from sqlalchemy import and_, case, event, func, inspect, or_, select
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import Ticket
from ...models.reports import ReportDay, TicketDaySummary, TicketMonthSummary
from ...timeutil import local_today
from ..sqlfuncs import weekday_of
from . import layers
from .coverage import coverage
from .daycells import COUNT_FIELDS, day_type, summarise, ticket_rows
from .histograms import encode, summed
from .spans import month_of, where_month_days, where_pairs

RECOMPUTE_DAYS = 7  # the nightly command also recomputes this many recent days
# Ticket columns whose change alters a rolled-up day.
ROLLED_UP_FIELDS = (
    "point_id",
    "service_day",
    "team_id",
    "procedure_id",
    "status",
    "channel",
    "issued_at",
    "called_at",
    "started_at",
    "finished_at",
)
HISTOGRAMS = ("wait_minutes", "service_minutes")


def _day_rows(grouped):
    rows = []
    for point_id, days in grouped.items():
        rows += ticket_rows(Ticket.point_id == point_id, Ticket.service_day.in_(sorted(days)))
    cells = summarise(rows).values()
    totals = {}
    for cell in cells:
        entry = totals.setdefault((cell.point_id, cell.day), {"tickets": 0, "served": 0})
        entry["tickets"] += cell.issued
        entry["served"] += cell.served
    summaries = [
        {
            "point_id": c.point_id,
            "day": c.day,
            "team_id": c.team_id,
            "procedure_id": c.procedure_id,
            **{name: getattr(c, name) for name in COUNT_FIELDS},
            "channels": json.dumps(c.channels, sort_keys=True),
            "wait_minutes": encode(c.wait),
            "service_minutes": encode(c.service),
        }
        for c in cells
    ]
    return totals, {TicketDaySummary: summaries}


def _month_rows(grouped):
    """Each month's daily rows added up per (team, procedure, kind of day)."""
    s = TicketDaySummary
    in_months = [(p, m) for p, months in grouped.items() for m in months]
    columns = (
        s.point_id,
        s.day,
        s.team_id,
        s.procedure_id,
        s.channels,
        *(getattr(s, n) for n in COUNT_FIELDS + HISTOGRAMS),
    )
    sums = {}
    for point_id, day, team_id, procedure_id, channels, *values in db.session.execute(
        select(*columns).where(where_month_days(s.point_id, s.day, in_months))
    ):
        key = (point_id, month_of(day), day_type(day), team_id, procedure_id)
        entry = sums.get(key)
        if entry is None:
            entry = sums[key] = [[0] * len(COUNT_FIELDS), [], [], {}]
        entry[0] = [a + b for a, b in zip(entry[0], values, strict=False)]
        entry[1].append(values[-2])
        entry[2].append(values[-1])
        entry[3][channels] = entry[3].get(channels, 0) + 1
    return {
        TicketMonthSummary: [
            dict(zip(("point_id", "month", "day_type", "team_id", "procedure_id"), key, strict=True))
            | dict(zip(COUNT_FIELDS, counts, strict=True))
            | {"wait_minutes": summed(waits), "service_minutes": summed(services)}
            | {"channels": json.dumps(channel_counts(texts), sort_keys=True)}
            for key, (counts, waits, services, texts) in sums.items()
        ]
    }


def channel_counts(texts, into=None):
    """{channel: tickets} added up from {channels JSON of a row: how many times (negative: taken
    off)}; each distinct JSON text is parsed once, channels that add up to nothing are left out."""
    result = {} if into is None else into
    for text, times in texts.items():
        if times:
            for channel, count in json.loads(text).items():
                result[channel] = result.get(channel, 0) + count * times
    for channel in [c for c, n in result.items() if not n]:
        del result[channel]
    return result


TICKETS = layers.Kind(
    name="tickets",
    day_marker=ReportDay,
    day_tables=(TicketDaySummary,),
    month_tables=(TicketMonthSummary,),
    day_rows=_day_rows,
    month_rows=_month_rows,
    totals={"tickets": 0, "served": 0},
)


def rollup_range(first, last, point_ids=None, missing_only=False, echo=None):
    """Roll up every point's days from `first` to `last` (at most yesterday) and their months."""
    return layers.roll_up_range(TICKETS, first, last, point_ids, missing_only, echo)


def rollup_day(point, day):
    """Roll up one point's service day (idempotent: running it again gives the same rows)."""
    return bool(layers.roll_up_days(TICKETS, [(getattr(point, "id", point), day)]))


def first_ticket_day():
    return db.session.execute(select(func.min(Ticket.service_day))).scalar()


# --- reading for a report -------------------------------------------------------------------


@dataclass
class Cells:
    """A period's ticket figures, rolled up or live. rows: (point, kind of day, team, procedure,
    *COUNT_FIELDS, wait histogram, service histogram), histograms as encode()d bytes; a row with
    negative counts is a day outside the period taken off its month (its histograms too); daily:
    {day: [issued, served]}; channels: {Ticket.channel: tickets}."""

    rows: list
    daily: dict
    channels: dict


def read_cells(first, last, point_id=None, lazy=True):
    """The cells of first..last (one point or every point): whole rolled-up months from their monthly
    rows, other rolled-up days from daily rows, the rest live from the tickets."""
    cover = coverage(TICKETS, first, last, point_id, lazy)
    rows, daily = [], {}

    def count_day(day, issued, served):
        entry = daily.get(day) or daily.setdefault(day, [0, 0])
        entry[0] += issued
        entry[1] += served

    run = db.session.connection().execute
    values = COUNT_FIELDS + HISTOGRAMS
    texts = {}  # channels JSON of the rows read: how many times, negative when taken off

    def add_rows(result):
        # The channels column comes last; the rows keep the layout the figures unpack.
        for row in result:
            rows.append(row[:-1])
            texts[row[-1]] = texts.get(row[-1], 0) + 1

    if cover.months:
        m = TicketMonthSummary
        month_rows = select(
            m.point_id, m.day_type, m.team_id, m.procedure_id, *(getattr(m, n) for n in values), m.channels
        )
        add_rows(run(month_rows.where(where_month_days(m.point_id, m.month, cover.months))))
    s = TicketDaySummary
    weekday = weekday_of(s.day)
    kind = case((weekday == 5, "saturday"), (weekday == 6, "sunday"), else_="weekday")
    day_rows = select(
        s.point_id, kind, s.team_id, s.procedure_id, *(getattr(s, n) for n in values), s.channels
    )
    if cover.days:
        add_rows(run(day_rows.where(where_pairs(s.point_id, s.day, cover.days))))
    if cover.minus:  # days outside the period of a month read whole: taken off again (negative counts)
        for point, kind, team, procedure, *counts, wait, service, channels in run(
            day_rows.where(where_pairs(s.point_id, s.day, cover.minus))
        ):
            rows.append((point, kind, team, procedure, *(-n for n in counts), wait, service))
            texts[channels] = texts.get(channels, 0) - 1
    if cover.months or cover.days:  # the daily chart: each rolled-up day's totals
        d = ReportDay
        rolled = and_(
            d.day.between(first, last),  # not the days a month read whole has outside the period
            or_(
                where_month_days(d.point_id, d.day, cover.months), where_pairs(d.point_id, d.day, cover.days)
            ),
        )
        for day, issued, served in run(
            select(d.day, func.sum(d.tickets), func.sum(d.served)).where(rolled).group_by(d.day)
        ):
            count_day(day, int(issued), int(served))
    live = []
    if cover.live:
        live.append(where_pairs(Ticket.point_id, Ticket.service_day, cover.live))
    if cover.today:
        today = Ticket.service_day.between(*cover.today)
        live.append(today if point_id is None else (today & (Ticket.point_id == point_id)))
    channels = channel_counts(texts)
    for where in live:
        for cell in summarise(ticket_rows(where)).values():
            rows.append(cell.as_row())
            count_day(cell.day, cell.issued, cell.served)
            for channel, count in cell.channels.items():
                channels[channel] = channels.get(channel, 0) + count
    return Cells(rows, daily, channels)


# --- keeping rollups correct ------------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _forget_changed_past_days(session, flush_context):
    """A ticket of a past day added, changed or deleted through the ORM drops that day's rollup."""
    changed = set()
    dirty = session.dirty
    for obj in chain(session.new, dirty, session.deleted):
        if not isinstance(obj, Ticket):
            continue
        state = inspect(obj)
        if obj in dirty:
            histories = [state.attrs[name].history for name in ROLLED_UP_FIELDS]
            if not any(h.has_changes() for h in histories):
                continue
            for value in chain(state.attrs.service_day.history.deleted or ()):
                changed.add((obj.point_id, value))
        changed.add((obj.point_id, obj.service_day))
    if not changed:
        return
    today = local_today()
    past = {(p, d) for p, d in changed if p is not None and d is not None and d < today}
    if past:
        layers.forget(TICKETS, past, session.connection().execute)
