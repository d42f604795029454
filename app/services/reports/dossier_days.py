"""Reading the period's dossiers for a report: rolled-up point-days from their rows (dossier_rollups.py),
the rest live with the same queries, in the same statement."""

from datetime import timedelta

from sqlalchemy import String, and_, cast, exists, false, func, null, or_, select, union_all

from ...extensions import db
from ...models import Dossier, Procedure
from ...models.reports import DossierDayCount, DossierDayTimed, DossierReportDay
from ...timeutil import local_today
from ..sqlfuncs import local_date_of
from . import dossier_rollups
from .dossier_rollups import TICKS, by_point, rollup_dossier_pairs, submitted_between
from .dossiers import DossierRead, counted, timed_dossiers, timed_groups
from .rollups import all_point_ids


def read_days(period, point_id=None, lazy=True):
    """dossiers.DossierRead of the period: rolled-up point-days from their rows, the rest live.

    Both halves are one statement each, so a day rolled up meanwhile is counted once."""
    today = local_today()
    past_last = min(period.end, today - timedelta(days=1))
    scope = DossierReportDay.day.between(period.start, past_last)
    if point_id is not None:
        scope = and_(scope, DossierReportDay.point_id == point_id)
    marked = set(
        db.session.execute(select(DossierReportDay.point_id, DossierReportDay.day).where(scope)).all()
    )
    missing = []
    if period.start <= past_last:
        points = [point_id] if point_id is not None else all_point_ids()
        day = period.start
        while day <= past_last:
            missing += [(p, day) for p in points if (p, day) not in marked]
            day += timedelta(days=1)
    if missing and lazy and dossier_rollups.LAZY_LIMIT:
        rollup_dossier_pairs(
            missing[-dossier_rollups.LAZY_LIMIT :]
        )  # the most recent first: the likeliest to be read again
        missing = missing[: -dossier_rollups.LAZY_LIMIT]
    ranges = _runs(missing)
    if period.end >= today:
        ranges.append((point_id, max(period.start, today), period.end))
    live = or_(false(), *(submitted_between(first, last, p) for p, first, last in ranges))
    live = and_(live, ~_rolled_up(Dossier.point_id, local_date_of(Dossier.submitted_at)))
    # Nothing to read live: leave the live half out (SQLite would still walk it).
    count_parts = ([counted(live)] if ranges else []) + [_rolled_counts(period, point_id)]
    counts, levels = {}, None
    for *key, count in db.session.execute(union_all(*count_parts)):
        if key[4] is None:  # a rolled-up group: the procedure's online level as it is now
            levels = levels or dict(db.session.execute(select(Procedure.id, Procedure.online_level)).all())
            key[4] = levels.get(key[1])
        counts[tuple(key)] = counts.get(tuple(key), 0) + int(count)
    timed_parts = timed_groups(timed_dossiers(None, None, live).cte("timed")) if ranges else ()
    timed = db.session.execute(union_all(*timed_parts, *_rolled_timed(period, point_id))).all()
    return DossierRead([(*key, count) for key, count in counts.items()], timed)


def _rolled_up(point_column, day_column):
    return exists().where(DossierReportDay.point_id == point_column, DossierReportDay.day == day_column)


def _runs(pairs):
    """(point, first, last) for each run of consecutive days of a point."""
    runs = []
    for point_id, days in by_point(pairs).items():
        days = sorted(days)
        first = previous = days[0]
        for day in days[1:]:
            if day != previous + timedelta(days=1):
                runs.append((point_id, first, previous))
                first = day
            previous = day
        runs.append((point_id, first, previous))
    return runs


def _in_period(table, period, point_id):
    # Rows exist only while their day's marker does (written and dropped in one transaction).
    where = table.day.between(period.start, period.end)
    return where if point_id is None else and_(where, table.point_id == point_id)


def _rolled_counts(period, point_id):
    c = DossierDayCount
    group = (c.point_id, c.procedure_id, c.channel, c.status) + tuple(getattr(c, t) for t in TICKS)
    level = cast(null(), String)  # filled in on reading: a procedure's level is never stored
    return (
        select(*group[:4], level, *group[4:], func.sum(c.count))
        .where(_in_period(c, period, point_id))
        .group_by(*group)
    )


def _rolled_timed(period, point_id):
    t = DossierDayTimed
    where = _in_period(t, period, point_id)
    plain = (
        select(t.status, t.due, t.done_day, func.sum(t.count), t.dossier_id, t.supplements)
        .where(where, t.dossier_id.is_(None))
        .group_by(t.status, t.due, t.done_day, t.dossier_id, t.supplements)
    )
    asked = select(t.status, t.due, t.done_day, t.count, t.dossier_id, t.supplements).where(
        where, t.dossier_id.isnot(None)
    )
    return plain, asked
