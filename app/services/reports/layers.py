"""Report rollups, one mechanism for tickets and dossiers: past days, and whole months summed from them.

A `Kind` (rollups.TICKETS, dossier_rollups.DOSSIERS) says how a day's summary rows are computed from
its tickets or dossiers and how a month's rows are summed from its days; this module writes and drops
them and tells a report what it can read rolled up (`coverage`): whole months from monthly rows, the
other past days from daily rows, and the rest (today, later, days not rolled up) live, with the same
code, so a figure never depends on what was rolled up.

A day is rolled up while its marker row (`kind.day_marker`: ReportDay, DossierReportDay) exists, a month
while its ReportMonth row does; summary rows are written and dropped in the marker's transaction.

Writers that run at the same time stay correct because each one takes the markers before it reads what
it sums, always days before months:
- rolling up days upserts their markers first, then reads the source. A change that dropped one of
  them still holds that row until it commits (PostgreSQL row locks; SQLite has one writer at a time and
  the reads follow the transaction's first write), so the rollup reads the change, or the change
  drops the rollup after it.
- dropping (`forget`) inserts the marker if it is missing, then deletes it, so a rollup of a day
  never rolled up that started meanwhile waits for the change too.
- rolling up a month first touches its day markers and goes on only if every day is there; a change
  to one of its days then waits and drops the month after it.
Running a rollup again replaces a unit's rows with the same rows.
"""

import calendar
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import and_, delete, false, insert, or_, select, update

from ...extensions import db
from ...models import ServicePoint
from ...models.reports import ReportMonth
from ...timeutil import local_today, utcnow
from ..sqlfuncs import upsert_insert

CHUNK_DAYS = 31  # days rolled up per transaction
CHUNK_MONTHS = 12  # months per transaction


@dataclass
class Kind:
    """One kind of rollup. `day_rows(grouped)` -> ({(point, day): marker totals}, {table: rows}) for
    {point: days}; `month_rows(grouped)` -> {table: rows} for {point: month first days}."""

    name: str  # ReportMonth.kind
    day_marker: type
    day_tables: tuple
    month_tables: tuple
    day_rows: object
    month_rows: object
    totals: dict = field(default_factory=dict)  # the day marker's counters and their value when empty
    lazy_limit: int = 400  # point-days a report may roll up while it is opened; the rest is read live
    use_months: bool = True  # False: reports read rolled-up days only (the bench compares the two)


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


def all_point_ids():
    return [p for (p,) in db.session.execute(select(ServicePoint.id).order_by(ServicePoint.id))]


# --- writing ------------------------------------------------------------------------------------------


def _upsert_days(kind, values):
    statement = upsert_insert(kind.day_marker).values(values)
    columns = ("rolled_up_at", *kind.totals)
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["point_id", "day"], set_={c: getattr(statement.excluded, c) for c in columns}
        )
    )


def _delete_rows(run, tables, column, grouped):
    for point_id, values in grouped.items():
        for table in tables:
            run(delete(table).where(table.point_id == point_id, getattr(table, column).in_(sorted(values))))


def _drop_months(kind, pairs, run):
    """Drop the months of these (point, month) pairs (see the module's note on concurrent writers)."""
    if not pairs:
        return
    now = utcnow()
    rows = [{"kind": kind.name, "point_id": p, "month": m, "rolled_up_at": now} for p, m in sorted(pairs)]
    run(upsert_insert(ReportMonth).values(rows).on_conflict_do_nothing())
    for point_id, months in by_point(pairs).items():
        run(
            delete(ReportMonth).where(
                ReportMonth.kind == kind.name, ReportMonth.point_id == point_id, ReportMonth.month.in_(months)
            )
        )
    _delete_rows(run, kind.month_tables, "month", by_point(pairs))


def _insert(tables_rows):
    for table, rows in tables_rows.items():
        if rows:
            db.session.execute(insert(table), rows)


def roll_up_days(kind, pairs):
    """Roll up each (point id, day) given (days before today), replacing what was there; returns them."""
    today = local_today()
    wanted = sorted({(p, d) for p, d in pairs if d < today}, key=lambda pair: (pair[1], pair[0]))
    days = sorted({d for _, d in wanted})
    done = []
    for start in range(0, len(days), CHUNK_DAYS):
        chunk_days = set(days[start : start + CHUNK_DAYS])
        chunk = [(p, d) for p, d in wanted if d in chunk_days]
        grouped = by_point(chunk)
        now = utcnow()
        try:
            _upsert_days(
                kind, [{"point_id": p, "day": d, "rolled_up_at": now, **kind.totals} for p, d in chunk]
            )
            totals, rows = kind.day_rows(grouped)
            _upsert_days(
                kind,
                [
                    {"point_id": p, "day": d, "rolled_up_at": now, **totals.get((p, d), kind.totals)}
                    for p, d in chunk
                ],
            )
            _delete_rows(db.session.execute, kind.day_tables, "day", grouped)
            _drop_months(kind, {(p, month_of(d)) for p, d in chunk}, db.session.execute)
            _insert(rows)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        done += chunk
    return done


def roll_up_months(kind, pairs):
    """Sum the daily rows of each (point, month first day) given into monthly rows, for the months
    that are over and have every day rolled up; returns the pairs done."""
    yesterday = local_today() - timedelta(days=1)
    wanted = sorted(
        {(p, m) for p, m in pairs if month_end(m) <= yesterday}, key=lambda pair: (pair[1], pair[0])
    )
    done = []
    for start in range(0, len(wanted), CHUNK_MONTHS * 20):
        chunk = wanted[start : start + CHUNK_MONTHS * 20]
        try:
            complete = []
            for point_id, month in chunk:
                touched = db.session.execute(
                    update(kind.day_marker)
                    .where(
                        kind.day_marker.point_id == point_id,
                        kind.day_marker.day.between(month, month_end(month)),
                    )
                    .values(rolled_up_at=kind.day_marker.rolled_up_at)
                    .execution_options(synchronize_session=False)
                ).rowcount
                if touched == month_end(month).day:
                    complete.append((point_id, month))
            _drop_months(kind, set(complete), db.session.execute)
            if complete:
                now = utcnow()
                db.session.execute(
                    insert(ReportMonth),
                    [
                        {"kind": kind.name, "point_id": p, "month": m, "rolled_up_at": now}
                        for p, m in complete
                    ],
                )
                _insert(kind.month_rows(by_point(complete)))
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        done += complete
    return done


def month_day_ranges(pairs):
    """The (point, day) pairs of every day of these (point, month) pairs, for where_pairs."""
    return [(p, day) for p, m in pairs for day in each_day(m, month_end(m))]


def roll_up_range(kind, first, last, point_ids=None, missing_only=False, echo=None):
    """Roll up every point's days from `first` to `last` (at most yesterday), then the months they
    touch; returns the point-days done."""
    point_ids = point_ids or all_point_ids()
    last = min(last, local_today() - timedelta(days=1))
    total, day = 0, first
    while day <= last:
        until = min(day + timedelta(days=CHUNK_DAYS - 1), last)
        pairs = [(p, d) for d in each_day(day, until) for p in point_ids]
        if missing_only:
            marker = kind.day_marker
            have = {
                (p, d)
                for p, d in db.session.execute(
                    select(marker.point_id, marker.day).where(marker.day.between(day, until))
                )
            }
            pairs = [pair for pair in pairs if pair not in have]
        total += len(roll_up_days(kind, pairs))
        if echo:
            echo(f"{until:%d/%m/%Y}: {total} point-days of {kind.name} rolled up")
        day = until + timedelta(days=1)
    if first <= last:
        months = months_touching(first, last)
        have = _months_marked(kind, months, None)
        months = roll_up_months(kind, [(p, m) for m in months for p in point_ids if (p, m) not in have])
        if echo and months:
            echo(f"{len(months)} point-months of {kind.name} rolled up")
    return total


def forget(kind, pairs, run=None):
    """Drop the rollups of these (point id, day) pairs and of their months: reports read them live
    until they are rolled up again."""
    run = run or db.session.execute
    pairs = sorted(pairs)
    if not pairs:
        return
    now = utcnow()
    marker = kind.day_marker
    run(
        upsert_insert(marker)
        .values([{"point_id": p, "day": d, "rolled_up_at": now, **kind.totals} for p, d in pairs])
        .on_conflict_do_nothing()
    )
    grouped = by_point(pairs)
    for point_id, days in grouped.items():
        run(delete(marker).where(marker.point_id == point_id, marker.day.in_(sorted(days))))
    _delete_rows(run, kind.day_tables, "day", grouped)
    _drop_months(kind, {(p, month_of(d)) for p, d in pairs}, run)


# --- reading ------------------------------------------------------------------------------------------


@dataclass
class Coverage:
    """How a report reads a period: `months` (point, month) from monthly rows, `days` (point, day) from
    daily rows, `live` (point, day) past days from the source, and from `today` on (a (first, last)
    pair, or None) from the source too."""

    months: list
    days: list
    live: list
    today: tuple | None


def _months_marked(kind, months, point_id):
    if not months:
        return set()
    where = and_(ReportMonth.kind == kind.name, ReportMonth.month.in_(months))
    if point_id is not None:
        where = and_(where, ReportMonth.point_id == point_id)
    return {
        (p, m) for p, m in db.session.execute(select(ReportMonth.point_id, ReportMonth.month).where(where))
    }


def coverage(kind, first, last, point_id=None, lazy=True):
    """What of first..last (one point or every point) is rolled up by month, by day, or to be read
    live; when `lazy`, first rolls up to kind.lazy_limit missing days and the months they complete."""
    today = local_today()
    past_last = min(last, today - timedelta(days=1))
    from_today = (max(first, today), last) if last >= today else None
    if first > past_last:
        return Coverage([], [], [], from_today)
    points = [point_id] if point_id is not None else all_point_ids()
    whole = [m for m in months_touching(first, past_last) if m >= first and month_end(m) <= past_last]
    whole = whole if kind.use_months else []
    by_month = _months_marked(kind, whole, point_id)
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
    if lazy and kind.lazy_limit and (missing or len(by_month) < len(whole) * len(points)):
        # The most recent days first: the likeliest to be read again.
        by_day.update(roll_up_days(kind, missing[-kind.lazy_limit :]))
        days_of = by_point(by_day)
        complete = [
            (p, m)
            for m in whole
            for p in points
            if (p, m) not in by_month and all(d in days_of.get(p, ()) for d in each_day(m, month_end(m)))
        ]
        if complete:
            roll_up_months(kind, complete)
        return coverage(kind, first, last, point_id, lazy=False)
    return Coverage(sorted(by_month), [pair for pair in need if pair in by_day], missing, from_today)
