"""Dossier rollups: per (point, local day of submission) the grouped counts and on-time rows, and per
month the same summed. The mechanism is layers.py's (the same as the tickets'); dossier_days.py reads
them, with the days not rolled up read live by the same queries (dossiers.counted / timed_dossiers).

Dossiers keep changing long after their day (received, completed, ticked): any ORM change to a
dossier, its events or its national ticks drops its submission day's rollup, and its month's, in the
same transaction (`_forget_changed_days`). What depends on today (open dossiers past their due date)
is decided when the report is read, from the rows' status and due date, never stored.
"""

from datetime import timedelta
from itertools import chain

from sqlalchemy import and_, event, func, inspect, or_, select, union_all
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import Dossier, DossierEvent
from ...models.reports import (
    DossierDayCount,
    DossierDayTimed,
    DossierMonthCount,
    DossierMonthTimed,
    DossierReportDay,
    NationalFiling,
)
from ...timeutil import local_today, to_local
from ..sqlfuncs import local_date_of
from . import layers
from .dossiers import counted, timed_dossiers, timed_groups
from .periods import Period
from .spans import month_of, where_month_days

TICKS = ("national_channel", "payment", "vneid_level2", "digitised", "data_reused")
# Dossier columns whose change alters a rolled-up day.
ROLLED_UP_FIELDS = ("point_id", "procedure_id", "channel", "status", "submitted_at", "due_date")
COUNT_COLUMNS = ("procedure_id", "channel", "status", *TICKS)
TIMED_COLUMNS = ("status", "due", "done_day", "dossier_id", "supplements")


def submitted_between(first, last, point_id=None):
    start, after = Period("custom", first, last).utc_bounds()
    where = and_(Dossier.submitted_at >= start, Dossier.submitted_at < after, Dossier.status != "draft")
    return where if point_id is None else and_(where, Dossier.point_id == point_id)


def _timed_key(status, due, done, dossier_id, supplements, first):
    """How an on-time row is kept for a day or month starting on `first`. A finished dossier never asked
    for papers is on time or late for good (result day <= due date), so they are kept as two counts:
    on time as (due = result = first), late as (result the day after); the readers only compare the
    two dates. Open ones keep their due date (whether late depends on today); one row per dossier
    asked for papers (its 766 due date is worked out on reading)."""
    if dossier_id is None and done is not None:
        return ("completed", first, first + timedelta(days=1) if done > due else first, None, 0)
    return (status, due, done, dossier_id, supplements)


def _add(sums, key, count):
    sums[key] = sums.get(key, 0) + count


def _rows(sums, names):
    return [dict(zip((*names, "count"), (*key, count), strict=True)) for key, count in sums.items()]


def _day_rows(grouped):
    where = or_(*(submitted_between(min(ds), max(ds), p) for p, ds in grouped.items()))
    day = local_date_of(Dossier.submitted_at).label("day")
    group = (Dossier.point_id, day, Dossier.procedure_id, Dossier.channel, Dossier.status)
    counts, totals = {}, {}
    for point_id, on, *values, count in db.session.execute(
        counted(where, group + tuple(getattr(NationalFiling, t) for t in TICKS))
    ):
        if on in grouped.get(point_id, ()):
            _add(counts, (point_id, on, *values), count)
            totals.setdefault((point_id, on), {"dossiers": 0})["dossiers"] += count
    timed = timed_dossiers(None, None, where).cte("timed")
    timed_day = local_date_of(timed.c.submitted_at)
    plain, asked = timed_groups(timed)
    plain = plain.add_columns(timed.c.point_id, timed_day).group_by(timed.c.point_id, timed_day)
    asked = asked.add_columns(timed.c.point_id, timed_day)
    sums = {}
    for status, due, done, count, dossier_id, supplements, point_id, on in db.session.execute(
        union_all(plain, asked)
    ):
        if on in grouped.get(point_id, ()):
            _add(sums, (point_id, on, *_timed_key(status, due, done, dossier_id, supplements, on)), count)
    return totals, {
        DossierDayCount: _rows(counts, ("point_id", "day", *COUNT_COLUMNS)),
        DossierDayTimed: _rows(sums, ("point_id", "day", *TIMED_COLUMNS)),
    }


def _month_rows(grouped):
    """Each month's daily rows added up (finished dossiers never asked for papers: two counts a month)."""
    in_months = [(p, m) for p, months in grouped.items() for m in months]
    c, t = DossierDayCount, DossierDayTimed
    counts, timed = {}, {}
    columns = (c.point_id, c.day, *(getattr(c, n) for n in COUNT_COLUMNS), c.count)
    for point_id, day, *values, count in db.session.execute(
        select(*columns).where(where_month_days(c.point_id, c.day, in_months))
    ):
        _add(counts, (point_id, month_of(day), *values), count)
    columns = (t.point_id, t.day, *(getattr(t, n) for n in TIMED_COLUMNS), t.count)
    for point_id, day, *values, count in db.session.execute(
        select(*columns).where(where_month_days(t.point_id, t.day, in_months))
    ):
        month = month_of(day)
        _add(timed, (point_id, month, *_timed_key(*values, month)), count)
    return {
        DossierMonthCount: _rows(counts, ("point_id", "month", *COUNT_COLUMNS)),
        DossierMonthTimed: _rows(timed, ("point_id", "month", *TIMED_COLUMNS)),
    }


DOSSIERS = layers.Kind(
    name="dossiers",
    day_marker=DossierReportDay,
    day_tables=(DossierDayCount, DossierDayTimed),
    month_tables=(DossierMonthCount, DossierMonthTimed),
    day_rows=_day_rows,
    month_rows=_month_rows,
    totals={"dossiers": 0},
)


def rollup_dossier_range(first, last, point_ids=None, missing_only=False, echo=None):
    """Roll up every point's dossier days from `first` to `last` (at most yesterday) and their months."""
    return layers.roll_up_range(DOSSIERS, first, last, point_ids, missing_only, echo)


def first_dossier_day():
    first = db.session.execute(select(func.min(Dossier.submitted_at))).scalar()
    return to_local(first).date() if first else None


@event.listens_for(Session, "after_flush")
def _forget_changed_days(session, flush_context):
    """A dossier (or its events or ticks) changed through the ORM drops its submission day's rollup."""
    dossier_ids, pairs = set(), set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Dossier):
            state = inspect(obj)
            if obj in session.dirty and not any(
                state.attrs[f].history.has_changes() for f in ROLLED_UP_FIELDS
            ):
                continue
            points = [obj.point_id, *(state.attrs.point_id.history.deleted or ())]
            times = [obj.submitted_at, *(state.attrs.submitted_at.history.deleted or ())]
            pairs.update((p, at) for p in points for at in times if p is not None and at is not None)
        elif isinstance(obj, (DossierEvent, NationalFiling)) and obj.dossier_id is not None:
            dossier_ids.add(obj.dossier_id)
    if not pairs and not dossier_ids:
        return
    connection = session.connection()
    if dossier_ids:
        pairs.update(
            connection.execute(
                select(Dossier.point_id, Dossier.submitted_at).where(
                    Dossier.id.in_(sorted(dossier_ids)), Dossier.submitted_at.isnot(None)
                )
            ).all()
        )
    today = local_today()
    past = {(p, to_local(at).date()) for p, at in pairs if to_local(at).date() < today}
    if past:
        layers.forget(DOSSIERS, past, connection.execute)
