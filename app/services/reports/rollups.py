"""Daily report rollups: ticket counts and minute histograms per (point, service day, team, procedure).

A past service day is rolled up once (`rollup_day`, `rollup_pairs`, the `flask rollup-reports`
command, or lazily when a report covers it); reports then read its few summary rows instead of its
tickets. Today, and any day without a ReportDay row, is computed live from the tickets with the
same code (daycells.summarise), so a figure never depends on whether its days were rolled up.

A ticket of a past day changed through the ORM (close-days, a late correction) deletes that
day's rollup in the same transaction; changes made with bulk SQL are caught by the nightly
command, which recomputes the last RECOMPUTE_DAYS days.
"""

import json
from datetime import timedelta
from itertools import chain

from sqlalchemy import and_, delete, event, func, insert, inspect, select
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import ServicePoint, Ticket
from ...models.reports import ReportDay, TicketDaySummary
from ...timeutil import local_today, utcnow
from ..sqlfuncs import upsert_insert
from .daycells import CELL_FIELDS, summarise, ticket_rows
from .histograms import encode

LAZY_LIMIT = 400  # point-days a report may roll up while it is opened; the rest stay live
RECOMPUTE_DAYS = 7  # the nightly command also recomputes this many recent days
CHUNK_DAYS = 31
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


def _upsert_days(values):
    statement = upsert_insert(ReportDay).values(values)
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["point_id", "day"],
            set_={"tickets": statement.excluded.tickets, "rolled_up_at": statement.excluded.rolled_up_at},
        )
    )


def _group_by_point(pairs):
    grouped = {}
    for point_id, day in pairs:
        grouped.setdefault(point_id, set()).add(day)
    return grouped


def rollup_pairs(pairs):
    """Roll up each (point id, day) given, replacing what was there; returns the pairs done.

    Each chunk of days is one transaction: the day rows are upserted first (on PostgreSQL the row
    locks make a second worker rolling up the same day wait), then the summaries are replaced.
    Days from today on are skipped: they are still changing.
    """
    today = local_today()
    wanted = sorted({(p, d) for p, d in pairs if d < today}, key=lambda pair: (pair[1], pair[0]))
    done = []
    days = sorted({d for _, d in wanted})
    for start in range(0, len(days), CHUNK_DAYS):
        chunk_days = set(days[start : start + CHUNK_DAYS])
        chunk = [(p, d) for p, d in wanted if d in chunk_days]
        grouped = _group_by_point(chunk)
        rows = []
        for point_id, point_days in grouped.items():
            rows += ticket_rows(and_(Ticket.point_id == point_id, Ticket.service_day.in_(sorted(point_days))))
        cells = summarise(rows)
        tickets = {}
        for cell in cells.values():
            tickets[(cell.point_id, cell.day)] = tickets.get((cell.point_id, cell.day), 0) + cell.issued
        now = utcnow()
        try:
            _upsert_days(
                [
                    {"point_id": p, "day": d, "tickets": tickets.get((p, d), 0), "rolled_up_at": now}
                    for p, d in chunk
                ]
            )
            for point_id, point_days in grouped.items():
                db.session.execute(
                    delete(TicketDaySummary).where(
                        TicketDaySummary.point_id == point_id, TicketDaySummary.day.in_(sorted(point_days))
                    )
                )
            if cells:
                db.session.execute(
                    insert(TicketDaySummary),
                    [
                        {
                            "point_id": c.point_id,
                            "day": c.day,
                            "team_id": c.team_id,
                            "procedure_id": c.procedure_id,
                            "issued": c.issued,
                            "served": c.served,
                            "no_show": c.no_show,
                            "cancelled": c.cancelled,
                            "still_open": c.still_open,
                            "channels": json.dumps(c.channels, sort_keys=True),
                            "wait_count": c.wait_count,
                            "service_count": c.service_count,
                            "wait_minutes": encode(c.wait),
                            "service_minutes": encode(c.service),
                        }
                        for c in cells.values()
                    ],
                )
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        done += chunk
    return done


def rollup_day(point, day):
    """Roll up one point's service day (idempotent: running it again gives the same rows)."""
    return bool(rollup_pairs([(getattr(point, "id", point), day)]))


def all_point_ids():
    return [p for (p,) in db.session.execute(select(ServicePoint.id).order_by(ServicePoint.id))]


def rollup_range(first, last, point_ids=None, missing_only=False, echo=None):
    """Roll up every point's days from `first` to `last` (at most yesterday); returns point-days done."""
    point_ids = point_ids or all_point_ids()
    last = min(last, local_today() - timedelta(days=1))
    total, day = 0, first
    while day <= last:
        until = min(day + timedelta(days=CHUNK_DAYS - 1), last)
        pairs = [(p, day + timedelta(days=n)) for n in range((until - day).days + 1) for p in point_ids]
        if missing_only:
            have = set(
                db.session.execute(
                    select(ReportDay.point_id, ReportDay.day).where(ReportDay.day.between(day, until))
                ).all()
            )
            pairs = [pair for pair in pairs if pair not in have]
        total += len(rollup_pairs(pairs))
        if echo:
            echo(f"{until:%d/%m/%Y}: {total} point-days rolled up")
        day = until + timedelta(days=1)
    return total


def first_ticket_day():
    return db.session.execute(select(func.min(Ticket.service_day))).scalar()


# --- reading for a report -------------------------------------------------------------------


def day_cells(first, last, point_id=None, lazy=True):
    """Every cell of the days first..last (one point or all), as CELL_FIELDS tuples (histograms as
    encoded bytes): rolled-up rows where they exist,
    live from the tickets for today, later days and days not rolled up (rolling up to LAZY_LIMIT
    missing past days on the way when `lazy`)."""
    today = local_today()
    past_last = min(last, today - timedelta(days=1))
    scope_day = ReportDay.day.between(first, past_last)
    connection = db.session.connection()
    marked = {
        (p, d)
        for p, d in connection.execute(
            select(ReportDay.point_id, ReportDay.day).where(
                scope_day if point_id is None else and_(scope_day, ReportDay.point_id == point_id)
            )
        )
    }
    missing = []
    if first <= past_last:
        points = [point_id] if point_id is not None else all_point_ids()
        day = first
        while day <= past_last:
            missing += [(p, day) for p in points if (p, day) not in marked]
            day += timedelta(days=1)
    if missing and lazy and LAZY_LIMIT:
        done = rollup_pairs(missing[-LAZY_LIMIT:])  # the most recent first: the likeliest to be read again
        marked.update(done)
        missing = missing[:-LAZY_LIMIT] if len(missing) > LAZY_LIMIT else []
        connection = db.session.connection()

    cells = []
    if marked:
        where = TicketDaySummary.day.between(first, past_last)
        if point_id is not None:
            where = and_(where, TicketDaySummary.point_id == point_id)
        summary = TicketDaySummary.__table__.c
        for row in connection.execute(select(*(summary[name] for name in CELL_FIELDS)).where(where)).all():
            if (row[0], row[1]) in marked:
                cells.append(tuple(row))

    live_where = []
    if last >= today:
        live_where.append(Ticket.service_day.between(max(first, today), last))
    for p, point_days in _group_by_point(missing).items():
        live_where.append(and_(Ticket.point_id == p, Ticket.service_day.in_(sorted(point_days))))
    for where in live_where:
        if point_id is not None:
            where = and_(where, Ticket.point_id == point_id)
        cells += [cell.as_row() for cell in summarise(ticket_rows(where)).values()]
    return cells


# --- keeping rollups correct ------------------------------------------------------------------


def forget_days(pairs, connection=None):
    """Drop the rollups of these (point id, day) pairs: reports compute them live until rolled up again."""
    run = (connection or db.session).execute
    for point_id, days in _group_by_point(pairs).items():
        days = sorted(days)
        run(delete(ReportDay).where(ReportDay.point_id == point_id, ReportDay.day.in_(days)))
        run(
            delete(TicketDaySummary).where(
                TicketDaySummary.point_id == point_id, TicketDaySummary.day.in_(days)
            )
        )


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
        forget_days(past, session.connection())
