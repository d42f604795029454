"""Dossier figures of a period: counts by procedure, channel and status, the online and on-time shares.

Dossiers carry naive UTC timestamps, compared with the period's local midnights converted to UTC.
"""

from dataclasses import dataclass

from sqlalchemy import Integer, and_, case, cast, func, literal, null, select

from ...models import Dossier, DossierEvent, Procedure
from ...models.reports import NationalFiling
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


@dataclass
class DossierRead:
    """The period's dossiers read once, for the report's dossier figures and the service index.

    counts: (point, procedure, channel, status, procedure's online level, national channel,
    payment, VNeID, digitised, reused, count) groups. timed: (status, due date, local day the result
    was ready, count, dossier id, supplement requests) over dossiers with a due date: grouped when
    there was no supplement request, one row per dossier (with its id) when there was.
    """

    counts: list
    timed: list


def timed_dossiers(period, point_id, where=None):
    """Per dossier of the period (or matching `where`) with a due date: status, due date, first
    result, supplement requests (and its point and submission time, for the daily rollups)."""
    return (
        select(
            Dossier.id.label("id"),
            Dossier.status.label("status"),
            Dossier.due_date.label("due"),
            func.min(case((DossierEvent.status == "completed", DossierEvent.at))).label("done_at"),
            func.count(case((DossierEvent.status == "supplement", 1))).label("supplements"),
            Dossier.point_id.label("point_id"),
            Dossier.submitted_at.label("submitted_at"),
        )
        .select_from(Dossier)
        .outerjoin(
            DossierEvent,
            and_(DossierEvent.dossier_id == Dossier.id, DossierEvent.status.in_(("completed", "supplement"))),
        )
        .where(
            submitted_in(period, point_id) if where is None else where,
            Dossier.due_date.isnot(None),
            Dossier.status.in_(DONE_DOSSIER + OPEN_DOSSIER),
        )
        .group_by(Dossier.id, Dossier.status, Dossier.due_date, Dossier.point_id, Dossier.submitted_at)
    )


COUNT_GROUP = (
    Dossier.point_id,
    Dossier.procedure_id,
    Dossier.channel,
    Dossier.status,
    Procedure.online_level,
    NationalFiling.national_channel,
    NationalFiling.payment,
    NationalFiling.vneid_level2,
    NationalFiling.digitised,
    NationalFiling.data_reused,
)


def counted(where, group=COUNT_GROUP):
    """The grouped counts of the dossiers matching `where`, with their national ticks."""
    return (
        select(*group, func.count())
        .select_from(Dossier)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .outerjoin(NationalFiling, NationalFiling.dossier_id == Dossier.id)
        .where(where)
        .group_by(*group)
    )


def timed_groups(timed):
    """The on-time rows of a timed_dossiers() CTE: grouped without a supplement request, else one each."""
    done_day = local_date_of(timed.c.done_at)
    plain = (
        select(timed.c.status, timed.c.due, done_day, func.count(), cast(null(), Integer), literal(0))
        .where(timed.c.supplements == 0)
        .group_by(timed.c.status, timed.c.due, done_day)
    )
    asked = select(timed.c.status, timed.c.due, done_day, literal(1), timed.c.id, timed.c.supplements).where(
        timed.c.supplements > 0
    )
    return plain, asked


def dossier_figures(period, point_id, today, data):
    """The report's dossier section from `data`, the period's dossier_days.read_days()."""
    by_procedure, by_channel, by_status = {}, {}, {}
    total = online = 0
    for _point, procedure_id, channel, status, *_ticks, count in data.counts:
        entry = by_procedure.setdefault(procedure_id, {"total": 0, "online": 0})
        entry["total"] += count
        by_channel[channel] = by_channel.get(channel, 0) + count
        by_status[status] = by_status.get(status, 0) + count
        total += count
        if channel in ONLINE_CHANNELS:
            entry["online"] += count
            online += count
    on_time, late = _on_time(data.timed, today or local_today())
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


def _on_time(timed, today):
    """(on time, late) by the resident's due date: the result was ready ("completed") on or before it.

    Open dossiers already past their due date count as late; open ones not yet due are left out.
    """
    on_time = late = 0
    for status, due, done_on, count, *_rest in timed:
        if done_on is not None:
            if done_on <= due:
                on_time += count
            else:
                late += count
        elif status in OPEN_DOSSIER and due < today:
            late += count
    return on_time, late
