"""Report rollups, one mechanism for tickets and dossiers: past days, and whole months summed from them.

A `Kind` (rollups.TICKETS, dossier_rollups.DOSSIERS) says how a day's summary rows are computed from
its tickets or dossiers and how a month's rows are summed from its days; this module writes and drops
them and tells a report what it can read rolled up (coverage.py): whole months from monthly rows, the
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

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import and_, delete, insert, select, update

from ...extensions import db
from ...models import ServicePoint
from ...models.reports import ReportMonth
from ...timeutil import local_today, utcnow
from ..sqlfuncs import upsert_insert
from .spans import by_point, each_day, month_end, month_of, months_touching

CHUNK_DAYS = 31  # days rolled up per transaction
CHUNK_POINT_MONTHS = 240  # point-months per transaction


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


@contextmanager
def _transaction():
    """Commit what the block wrote, or roll it back and raise."""
    try:
        yield
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise


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
        with _transaction():
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
    for start in range(0, len(wanted), CHUNK_POINT_MONTHS):
        chunk = wanted[start : start + CHUNK_POINT_MONTHS]
        with _transaction():
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
        done += complete
    return done


def months_marked(kind, months, point_id=None):
    """{(point, month)} of these months rolled up (one point, or every point when None)."""
    if not months:
        return set()
    where = and_(ReportMonth.kind == kind.name, ReportMonth.month.in_(months))
    if point_id is not None:
        where = and_(where, ReportMonth.point_id == point_id)
    return {
        (p, m) for p, m in db.session.execute(select(ReportMonth.point_id, ReportMonth.month).where(where))
    }


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
        have = months_marked(kind, months)
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
    for start in range(0, len(pairs), 1000):  # well under SQLite's limit of bound values
        rows = [
            {"point_id": p, "day": d, "rolled_up_at": now, **kind.totals}
            for p, d in pairs[start : start + 1000]
        ]
        run(upsert_insert(marker).values(rows).on_conflict_do_nothing())
    grouped = by_point(pairs)
    for point_id, days in grouped.items():
        run(delete(marker).where(marker.point_id == point_id, marker.day.in_(sorted(days))))
    _delete_rows(run, kind.day_tables, "day", grouped)
    _drop_months(kind, {(p, month_of(d)) for p, d in pairs}, run)
