"""Days, months and (point, day) pairs for the rollups: runs of days, calendar months, and SQL that
picks rows by (point, day) pairs without a clause per pair."""

import calendar
from datetime import timedelta

from sqlalchemy import and_, false, or_


def by_point(pairs):
    grouped = {}
    for point_id, when in pairs:
        grouped.setdefault(point_id, set()).add(when)
    return grouped


def runs(days):
    """(first, last) of each run of consecutive days."""
    result = []
    for day in sorted(days):
        if result and day == result[-1][1] + timedelta(days=1):
            result[-1] = (result[-1][0], day)
        else:
            result.append((day, day))
    return result


def where_pairs(point_column, column, pairs, as_runs=True, between=None):
    """SQL for "(point, day) is one of `pairs`": points sharing the same days share one clause, days
    as BETWEEN runs (as_runs; `between(first, last)` builds the clause if the column is not a day) or
    an IN list (months)."""
    between = between or column.between
    by_days = {}
    for point_id, values in by_point(pairs).items():
        by_days.setdefault(frozenset(values), []).append(point_id)
    clauses = []
    for values, points in by_days.items():
        if as_runs:
            when = or_(*(between(first, last) for first, last in runs(values)))
        else:
            when = column.in_(sorted(values))
        clauses.append(and_(point_column.in_(sorted(points)), when))
    return or_(false(), *clauses)


def month_of(day):
    return day.replace(day=1)


def month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def months_touching(first, last):
    month, result = month_of(first), []
    while month <= last:
        result.append(month)
        month = month_end(month) + timedelta(days=1)
    return result


def each_day(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def month_day_ranges(pairs):
    """The (point, day) pairs of every day of these (point, month) pairs, for where_pairs."""
    return [(p, day) for p, m in pairs for day in each_day(m, month_end(m))]
