"""Reading the period's dossiers for a report: rolled-up months and days from their rows
(dossier_rollups.py), the rest live with the same queries, in one statement each for the counts and
the on-time rows."""

from functools import partial

from sqlalchemy import String, cast, func, null, select, union_all

from ...extensions import db
from ...models import Dossier, Procedure
from ...models.reports import DossierDayCount, DossierDayTimed, DossierMonthCount, DossierMonthTimed
from .coverage import coverage
from .dossier_rollups import DOSSIERS, TICKS, submitted_between
from .dossiers import DossierRead, counted, timed_dossiers, timed_groups
from .spans import where_month_days, where_pairs


def read_days(period, point_id=None, lazy=True):
    """dossiers.DossierRead of the period: whole rolled-up months from monthly rows, other rolled-up
    days from daily rows, the rest live."""
    cover = coverage(DOSSIERS, period.start, period.end, point_id, lazy)
    live = []
    if cover.live:
        live.append(
            where_pairs(
                Dossier.point_id, None, cover.live, between=lambda first, last: submitted_between(first, last)
            )
        )
    if cover.today:
        live.append(submitted_between(*cover.today, point_id))
    # (count table, timed table, which rows, 1 to add them or -1 to take them off)
    rolled = [(DossierDayCount, DossierDayTimed, partial(_days, cover.days), 1)] if cover.days else []
    if cover.months:
        rolled.append((DossierMonthCount, DossierMonthTimed, partial(_months, cover.months), 1))
    if cover.minus:  # the days outside the period of a month read whole
        rolled.append((DossierDayCount, DossierDayTimed, partial(_days, cover.minus), -1))
    count_parts = [counted(where) for where in live]
    timed_parts = []
    for n, where in enumerate(live):
        timed_parts += timed_groups(timed_dossiers(None, None, where).cte(f"timed_{n}"))
    for count_table, timed_table, which, sign in rolled:
        count_parts.append(_rolled_counts(count_table, which(count_table), sign))
        timed_parts += _rolled_timed(timed_table, which(timed_table), sign)
    if not count_parts:
        return DossierRead([], [])
    counts, levels = {}, None
    for *key, count in db.session.execute(union_all(*count_parts)):
        if key[4] is None:  # a rolled-up group: the procedure's online level as it is now
            levels = levels or dict(db.session.execute(select(Procedure.id, Procedure.online_level)).all())
            key[4] = levels.get(key[1])
        counts[tuple(key)] = counts.get(tuple(key), 0) + int(count)
    timed = db.session.execute(union_all(*timed_parts)).all()
    return DossierRead([(*key, count) for key, count in counts.items() if count], timed)


def _days(pairs, table):
    return where_pairs(table.point_id, table.day, pairs)


def _months(pairs, table):
    return where_month_days(table.point_id, table.month, pairs)


def _rolled_counts(c, where, sign):
    group = (c.point_id, c.procedure_id, c.channel, c.status) + tuple(getattr(c, t) for t in TICKS)
    level = cast(null(), String)  # filled in on reading: a procedure's level is never stored
    return select(*group[:4], level, *group[4:], sign * func.sum(c.count)).where(where).group_by(*group)


def _rolled_timed(t, where, sign):
    """On-time rows; taken off (sign -1) they count -1 each, so the readers' sums come out right."""
    plain = (
        select(t.status, t.due, t.done_day, sign * func.sum(t.count), t.dossier_id, t.supplements)
        .where(where, t.dossier_id.is_(None))
        .group_by(t.status, t.due, t.done_day, t.dossier_id, t.supplements)
    )
    asked = select(t.status, t.due, t.done_day, sign * t.count, t.dossier_id, t.supplements).where(
        where, t.dossier_id.isnot(None)
    )
    return plain, asked
