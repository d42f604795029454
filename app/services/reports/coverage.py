"""What a report reads rolled up and what live: whole months from monthly rows, other past days from
daily rows, the rest (days not rolled up, today, later) from the tickets or dossiers (see layers.py)."""

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from ...extensions import db
from ...timeutil import local_today
from .layers import all_point_ids, months_marked, roll_up_days, roll_up_months
from .spans import by_point, each_day, month_end, month_of, months_touching, where_pairs


@dataclass
class Coverage:
    """How a report reads a period: `months` (point, month) from monthly rows, `days` (point, day) from
    daily rows, `live` (point, day) past days from the source, and from `today` on (a (first, last)
    pair, or None) from the source too. A month only partly in the period may be read as its monthly
    rows minus the daily rows of its days outside the period (`minus`, (point, day)), when those are
    fewer than its days inside: counts and minute histograms add up and subtract exactly."""

    months: list
    days: list
    live: list
    today: tuple | None
    minus: list = field(default_factory=list)


def coverage(kind, first, last, point_id=None, lazy=True):
    """What of first..last (one point or every point) is rolled up by month, by day, or to be read
    live; when `lazy`, first rolls up to kind.lazy_limit missing days and the months they complete."""
    today = local_today()
    past_last = min(last, today - timedelta(days=1))
    from_today = (max(first, today), last) if last >= today else None
    if first > past_last:
        return Coverage([], [], [], from_today)
    points = [point_id] if point_id is not None else all_point_ids()
    whole, outside = [], {}
    for month in months_touching(first, past_last) if kind.use_months else ():
        if month >= first and month_end(month) <= past_last:
            whole.append(month)
        elif month_end(month) < today:  # over, partly in the period: the month minus the days outside?
            days_out = [d for d in each_day(month, month_end(month)) if not first <= d <= past_last]
            if 2 * len(days_out) < month_end(month).day:
                outside[month] = days_out
    by_month = months_marked(kind, whole + list(outside), point_id)
    need = []
    for day in each_day(first, past_last):
        month = month_of(day)
        need += [(p, day) for p in points if (p, month) not in by_month]
    marker = kind.day_marker
    by_day = set()
    if need:
        where = where_pairs(marker.point_id, marker.day, need)
        by_day = {(p, d) for p, d in db.session.execute(select(marker.point_id, marker.day).where(where))}
    missing = [pair for pair in need if pair not in by_day]
    unrolled = [(p, m) for m in whole for p in points if (p, m) not in by_month]
    if lazy and kind.lazy_limit and (missing or unrolled):
        # The most recent days first: the likeliest to be read again.
        by_day.update(roll_up_days(kind, missing[-kind.lazy_limit :]))
        days_of = by_point(by_day)
        complete = [
            (p, m) for p, m in unrolled if all(d in days_of.get(p, ()) for d in each_day(m, month_end(m)))
        ]
        if complete:
            roll_up_months(kind, complete)
        return coverage(kind, first, last, point_id, lazy=False)
    minus = [(p, d) for p, m in sorted(by_month) for d in outside.get(m, ())]
    return Coverage(sorted(by_month), [pair for pair in need if pair in by_day], missing, from_today, minus)
