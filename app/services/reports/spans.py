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


def where_pairs(point_column, column, pairs, between=None):
    """SQL for "(point, day) is one of `pairs`": points sharing the same days share one clause, days
    as BETWEEN runs (`between(first, last)` builds the clause if the column is not a day)."""
    between = between or column.between
    by_days = {}
    for point_id, values in by_point(pairs).items():
        by_days.setdefault(frozenset(values), []).append(point_id)
    clauses = []
    for values, points in by_days.items():
        when = or_(*(between(first, last) for first, last in runs(values)))
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


def where_month_days(point_column, day_column, pairs):
    """SQL for "the day falls in one of these (point, month first day) pairs": points sharing the
    same months share one clause, consecutive months one BETWEEN."""
    by_months = {}
    for point_id, months in by_point(pairs).items():
        by_months.setdefault(frozenset(months), []).append(point_id)
    clauses = []
    for months, points in by_months.items():
        spans = []
        for month in sorted(months):
            if spans and month == spans[-1][1] + timedelta(days=1):
                spans[-1] = (spans[-1][0], month_end(month))
            else:
                spans.append((month, month_end(month)))
        when = or_(*(day_column.between(first, last) for first, last in spans))
        clauses.append(and_(point_column.in_(sorted(points)), when))
    return or_(false(), *clauses)
