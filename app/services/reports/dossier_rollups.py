"""Daily dossier rollups: per (point, local day of submission), the grouped counts and on-time rows.

The dossier side of rollups.py. A past day is rolled up once (`rollup_dossier_pairs`, the
`flask rollup-reports` command, or lazily when a report covers it); reports then read its few
summary rows instead of its dossiers (dossier_days.py reads them). Today, later days and days not rolled up are read live with
the same queries (dossiers.counted / timed_dossiers), in the same statement, so a figure never
depends on whether its days were rolled up.

Dossiers keep changing long after their day (received, completed, ticked): any ORM change to a
dossier, its events or its national ticks drops its submission day's rollup in the same
transaction (`_forget_changed_days`). What depends on today (open dossiers past their due date)
is decided when the report is read, from the rows' status and due date, never stored.
"""

from datetime import timedelta
from itertools import chain

from sqlalchemy import (
    and_,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import Dossier, DossierEvent
from ...models.reports import DossierDayCount, DossierDayTimed, DossierReportDay, NationalFiling
from ...timeutil import local_today, to_local, utcnow
from ..sqlfuncs import local_date_of, upsert_insert
from .dossiers import counted, timed_dossiers, timed_groups
from .periods import Period
from .rollups import CHUNK_DAYS, all_point_ids

LAZY_LIMIT = 400  # point-days a report may roll up while it is opened; the rest stay live
TICKS = ("national_channel", "payment", "vneid_level2", "digitised", "data_reused")
# Dossier columns whose change alters a rolled-up day.
ROLLED_UP_FIELDS = ("point_id", "procedure_id", "channel", "status", "submitted_at", "due_date")
COUNT_COLUMNS = ("procedure_id", "channel", "status", *TICKS)


def submitted_between(first, last, point_id=None):
    start, after = Period("custom", first, last).utc_bounds()
    where = and_(Dossier.submitted_at >= start, Dossier.submitted_at < after, Dossier.status != "draft")
    return where if point_id is None else and_(where, Dossier.point_id == point_id)


def by_point(pairs):
    grouped = {}
    for point_id, day in pairs:
        grouped.setdefault(point_id, set()).add(day)
    return grouped


# --- rolling up ---------------------------------------------------------------------------------


def rollup_dossier_pairs(pairs):
    """Roll up each (point id, day) given (days before today), replacing what was there; returns them."""
    today = local_today()
    wanted = sorted({(p, d) for p, d in pairs if d < today}, key=lambda pair: (pair[1], pair[0]))
    days = sorted({d for _, d in wanted})
    done = []
    for start in range(0, len(days), CHUNK_DAYS):
        chunk_days = set(days[start : start + CHUNK_DAYS])
        chunk = {(p, d) for p, d in wanted if d in chunk_days}
        grouped = by_point(chunk)
        where = or_(*(submitted_between(min(ds), max(ds), p) for p, ds in grouped.items()))
        day = local_date_of(Dossier.submitted_at).label("day")
        count_rows = db.session.execute(
            counted(
                where,
                (Dossier.point_id, day, Dossier.procedure_id, Dossier.channel, Dossier.status)
                + tuple(getattr(NationalFiling, t) for t in TICKS),
            )
        ).all()
        timed = timed_dossiers(None, None, where).cte("timed")
        timed_day = local_date_of(timed.c.submitted_at)
        plain, asked = timed_groups(timed)
        plain = plain.add_columns(timed.c.point_id, timed_day).group_by(timed.c.point_id, timed_day)
        asked = asked.add_columns(timed.c.point_id, timed_day)
        timed_rows = db.session.execute(union_all(plain, asked)).all()
        totals = {}
        counts = []
        for point_id, on, *values, count in count_rows:
            if (point_id, on) in chunk:
                totals[(point_id, on)] = totals.get((point_id, on), 0) + count
                counts.append(
                    dict(
                        zip(
                            ("point_id", "day", *COUNT_COLUMNS, "count"),
                            (point_id, on, *values, count),
                            strict=True,
                        )
                    )
                )
        timed_values = _timed_values([row for row in timed_rows if (row[-2], row[-1]) in chunk])
        try:
            statement = upsert_insert(DossierReportDay).values(
                [
                    {"point_id": p, "day": d, "dossiers": totals.get((p, d), 0), "rolled_up_at": utcnow()}
                    for p, d in sorted(chunk)
                ]
            )
            db.session.execute(
                statement.on_conflict_do_update(
                    index_elements=["point_id", "day"],
                    set_={
                        "dossiers": statement.excluded.dossiers,
                        "rolled_up_at": statement.excluded.rolled_up_at,
                    },
                )
            )
            _delete_rows(grouped, db.session)
            if counts:
                db.session.execute(insert(DossierDayCount), counts)
            if timed_values:
                db.session.execute(insert(DossierDayTimed), timed_values)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        done += sorted(chunk)
    return done


def _timed_values(rows):
    """The timed rows to store. A finished dossier never asked for papers is on time or late for
    good (result day <= due date), so they are kept as two counts a day: on time as (due = result
    = the day), late as (result the day after); the readers only compare the two dates."""
    values, finished = [], {}
    for status, due, done, count, dossier_id, supplements, point_id, on in rows:
        if dossier_id is None and done is not None:
            key = (point_id, on, done > due)
            finished[key] = finished.get(key, 0) + count
            continue
        values.append(
            dict(status=status, due=due, done_day=done, count=count, dossier_id=dossier_id)
            | dict(supplements=supplements, point_id=point_id, day=on)
        )
    for (point_id, on, late), count in finished.items():
        done_day = on + timedelta(days=1) if late else on
        values.append(
            dict(status="completed", due=on, done_day=done_day, count=count, dossier_id=None)
            | dict(supplements=0, point_id=point_id, day=on)
        )
    return values


def _delete_rows(grouped, session):
    for point_id, days in grouped.items():
        for table in (DossierDayCount, DossierDayTimed):
            session.execute(delete(table).where(table.point_id == point_id, table.day.in_(sorted(days))))


def rollup_dossier_range(first, last, point_ids=None, missing_only=False, echo=None):
    """Roll up every point's dossier days from `first` to `last` (at most yesterday); returns point-days."""
    point_ids = point_ids or all_point_ids()
    last = min(last, local_today() - timedelta(days=1))
    total, day = 0, first
    while day <= last:
        until = min(day + timedelta(days=CHUNK_DAYS - 1), last)
        pairs = [(p, day + timedelta(days=n)) for n in range((until - day).days + 1) for p in point_ids]
        if missing_only:
            have = set(
                db.session.execute(
                    select(DossierReportDay.point_id, DossierReportDay.day).where(
                        DossierReportDay.day.between(day, until)
                    )
                ).all()
            )
            pairs = [pair for pair in pairs if pair not in have]
        total += len(rollup_dossier_pairs(pairs))
        if echo:
            echo(f"{until:%d/%m/%Y}: {total} point-days of dossiers rolled up")
        day = until + timedelta(days=1)
    return total


def first_dossier_day():
    first = db.session.execute(select(func.min(Dossier.submitted_at))).scalar()
    return to_local(first).date() if first else None


# --- keeping rollups correct ----------------------------------------------------------------------


def forget_dossier_days(pairs, connection=None):
    """Drop the rollups of these (point id, day) pairs: reports read them live until rolled up again."""
    run = connection or db.session
    grouped = by_point(pairs)
    for point_id, days in grouped.items():
        run.execute(
            delete(DossierReportDay).where(
                DossierReportDay.point_id == point_id, DossierReportDay.day.in_(sorted(days))
            )
        )
    _delete_rows(grouped, run)


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
    if not pairs:
        return
    today = local_today()
    past = {(p, to_local(at).date()) for p, at in pairs if to_local(at).date() < today}
    if past:
        forget_dossier_days(past, connection)
