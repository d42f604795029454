"""Dossier figures of a period: counts by procedure, channel and status, the online and on-time shares.

Dossiers carry naive UTC timestamps, compared with the period's local midnights converted to UTC.
"""

from sqlalchemy import and_, func, select

from ...extensions import db
from ...models import Dossier, DossierEvent
from ...timeutil import local_today
from ..sqlfuncs import local_date_of
from .periods import share

ONLINE_CHANNELS = ("self", "volunteer")  # prepared online by the resident, or with a volunteer
OPEN_DOSSIER = ("submitted", "received", "processing", "supplement")
DONE_DOSSIER = ("completed", "returned")


def scope(condition, column, point_id):
    """`condition`, narrowed to one point unless point_id is None (every point)."""
    return condition if point_id is None else and_(condition, column == point_id)


def submitted_in(period, point_id):
    first, after = period.utc_bounds()
    return scope(
        and_(Dossier.submitted_at >= first, Dossier.submitted_at < after, Dossier.status != "draft"),
        Dossier.point_id,
        point_id,
    )


def dossier_figures(period, point_id=None, today=None):
    in_period = submitted_in(period, point_id)
    rows = db.session.execute(
        select(Dossier.procedure_id, Dossier.channel, Dossier.status, func.count())
        .where(in_period)
        .group_by(Dossier.procedure_id, Dossier.channel, Dossier.status)
    ).all()
    by_procedure, by_channel, by_status = {}, {}, {}
    total = online = 0
    for procedure_id, channel, status, count in rows:
        entry = by_procedure.setdefault(procedure_id, {"total": 0, "online": 0})
        entry["total"] += count
        by_channel[channel] = by_channel.get(channel, 0) + count
        by_status[status] = by_status.get(status, 0) + count
        total += count
        if channel in ONLINE_CHANNELS:
            entry["online"] += count
            online += count
    on_time, late = _on_time(in_period, today or local_today())
    return {
        "total": total,
        "online": online,
        "online_share": share(online, total),
        "by_procedure": by_procedure,
        "by_channel": by_channel,
        "by_status": by_status,
        "on_time": on_time,
        "late": late,
        "on_time_share": share(on_time, on_time + late),
    }


def _on_time(in_period, today):
    """(on time, late): the result was ready ("completed") on or before the due date.

    Open dossiers already past their due date count as late; open ones not yet due are left out.
    The join starts from the period's dossiers, so only their events are read (by dossier_id).
    Grouped on the database by (status, due date, local day the result was ready): a year of the
    city is a few thousand rows instead of one per dossier.
    """
    per_dossier = (
        select(
            Dossier.status.label("status"),
            Dossier.due_date.label("due"),
            func.min(DossierEvent.at).label("done_at"),
        )
        .select_from(Dossier)
        .outerjoin(
            DossierEvent, and_(DossierEvent.dossier_id == Dossier.id, DossierEvent.status == "completed")
        )
        .where(in_period, Dossier.due_date.isnot(None), Dossier.status.in_(DONE_DOSSIER + OPEN_DOSSIER))
        .group_by(Dossier.id, Dossier.status, Dossier.due_date)
    ).subquery()
    done_day = local_date_of(per_dossier.c.done_at)
    timed = db.session.execute(
        select(per_dossier.c.status, per_dossier.c.due, done_day, func.count()).group_by(
            per_dossier.c.status, per_dossier.c.due, done_day
        )
    ).all()
    on_time = late = 0
    for status, due, done_on, count in timed:
        if done_on is not None:
            if done_on <= due:
                on_time += count
            else:
                late += count
        elif status in OPEN_DOSSIER and due < today:
            late += count
    return on_time, late
