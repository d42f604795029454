"""The service index of Decision 766/QĐ-TTg, computed from one point's own records (not the official score).

Every indicator is a share: (numerator, denominator) over the dossiers submitted in the period
(drafts left out), written down beside the value on the page. Dossiers without national ticks
(NationalFiling) count as in person, not paid online, not digitised, no data reused.

2.1 on time follows the 766 formula, not the resident's due date: the limit counts from the first
receipt; the working days a dossier waited for the resident's supplement are added to it; a
second supplement request makes the dossier late. Without a supplement it is today's due date.
"""

from datetime import timedelta

from sqlalchemy import literal, select

from ...extensions import db
from ...models import Dossier, DossierEvent, Procedure
from ...timeutil import local_today, to_local
from ..sqlfuncs import local_date_of
from ..workdays import WorkingCalendar, first_counted_day
from .dossier_days import read_days as read
from .dossiers import OPEN_DOSSIER, timed_dossiers
from .periods import share
from .ratings import rating_figures

# indicator -> full points at (a share), or None for "no threshold"
THRESHOLDS = {
    "2.1": None,
    "3.3": 0.5,
    "3.6": None,
    "4.2": 0.8,
    "4.3": 0.8,
    "4.5": None,
    "5.2": None,
    "5.4": 0.9,
}


def _figure(numerator, denominator, **extra):
    return dict(extra, numerator=numerator, denominator=denominator, value=share(numerator, denominator))


def tick_figures(period, point_id=None, data=None):
    """3.3, 3.6, 4.2, 4.3 and 4.5 from the grouped counts of the period's dossiers and their ticks."""
    data = data or read(period, point_id)
    rows = [row[4:] for row in data.counts]  # (level, channel, payment, VNeID, digitised, reused, count)
    total = ticked = full = partial = paid = payable = vneid = digitised = reused = 0
    for level, channel, payment, has_vneid, is_digitised, is_reused, count in rows:
        total += count
        if channel is None and payment is None and not (has_vneid or is_digitised or is_reused):
            continue
        ticked += count
        if channel == "online":
            if level == "full":
                full += count
            else:
                partial += count
        if payment in ("desk", "online"):
            payable += count
            paid += count if payment == "online" else 0
        vneid += count if has_vneid else 0
        digitised += count if is_digitised else 0
        reused += count if is_reused else 0
    return {
        "dossiers": total,
        "ticked": ticked,
        "3.3": _figure(full + partial, total, full=full, partial=partial),
        "3.6": _figure(paid, payable),
        "4.2": _figure(digitised, total),
        "4.3": _figure(reused, total),
        "4.5": _figure(vneid, total),
    }


def on_time_766(period, point_id=None, today=None, verdicts=None, data=None):
    """2.1: (on time, late) by the 766 formula; `verdicts`, a dict, also gets {dossier id: on time?}."""
    today = today or local_today()
    if verdicts is None:  # counts: dossiers without a supplement request come grouped
        rows = (data or read(period, point_id)).timed
    else:  # the drill-down: every dossier with its id
        timed = timed_dossiers(period, point_id).subquery()
        done_day = local_date_of(timed.c.done_at)
        rows = db.session.execute(
            select(timed.c.status, timed.c.due, done_day, literal(1), timed.c.id, timed.c.supplements)
        ).all()
    due_766 = _due_after_supplement([row[4] for row in rows if row[5] == 1])
    on_time = late = 0
    for status, due, done_on, count, dossier_id, supplements in rows:
        if supplements >= 2:
            verdict = False  # a second supplement request counts as late
        elif supplements == 1:
            due = due_766.get(dossier_id)
            verdict = None if due is None else _verdict(status, due, done_on, today)
        else:
            verdict = _verdict(status, due, done_on, today)
        on_time += count if verdict is True else 0
        late += count if verdict is False else 0
        if verdicts is not None and verdict is not None:
            verdicts[dossier_id] = verdict
    return on_time, late


def _verdict(status, due, done_on, today):
    """True on time, False late, None not counted (open and not yet due)."""
    if done_on is not None:
        return done_on <= due
    if status in OPEN_DOSSIER and due < today:
        return False
    return None


def _due_after_supplement(dossier_ids):
    """{dossier id: 766 due date} for dossiers with one supplement request that came back.

    Due = the limit counted from the first receipt, plus the working days from the request's day
    up to (not including) the day the papers came back. Still waiting for the resident: left out.
    """
    if not dossier_ids:
        return {}
    details = db.session.execute(
        select(Dossier.id, Dossier.point_id, Procedure.time_limit_days)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .where(Dossier.id.in_(dossier_ids))
    ).all()
    events = {}
    for dossier_id, status, at in db.session.execute(
        select(DossierEvent.dossier_id, DossierEvent.status, DossierEvent.at)
        .where(DossierEvent.dossier_id.in_(dossier_ids), DossierEvent.status.in_(("received", "supplement")))
        .order_by(DossierEvent.dossier_id, DossierEvent.at, DossierEvent.id)
    ):
        events.setdefault(dossier_id, []).append((status, at))
    calendars, result = {}, {}
    for dossier_id, point_id, limit in details:
        history = events.get(dossier_id, [])
        received = [at for status, at in history if status == "received"]
        asked = next((at for status, at in history if status == "supplement"), None)
        back = next((at for at in received if asked and at > asked), None)
        if not received or asked is None or back is None:
            continue
        calendar = calendars.get(point_id)
        if calendar is None:
            calendar = calendars[point_id] = WorkingCalendar(point_id, to_local(received[0]).date())
        due = first_counted_day(received[0], point_id, calendar)
        day, back_day = to_local(asked).date(), to_local(back).date()
        waited = 0
        while day < back_day:
            waited += calendar.is_working_day(day)
            day += timedelta(days=1)
        for _ in range(max(0, int(limit or 0)) + waited):
            due = calendar.next_working_day(due, include=False)
        result[dossier_id] = due
    return result


def dislike_figures(period, point_id=None, ratings=None):
    """(dislikes, ratings): ratings of the period (rejected ones left out) with overall <= 2, of all."""
    ratings = ratings or rating_figures(period, point_id)
    return ratings["dislikes"], ratings["rows"]


def index_figures(period, point_id=None, today=None, complaints=None, data=None, ratings=None):
    """Every indicator of the panel for one period: {code: {value, numerator, denominator, ...}}.

    `data` (dossier_days.read_days) and `ratings` (ratings.rating_figures) are the period's dossiers and
    ratings already read for the report's own figures."""
    data = data or read(period, point_id)
    figures = tick_figures(period, point_id, data)
    on_time, late = on_time_766(period, point_id, today, data=data)
    figures["2.1"] = _figure(on_time, on_time + late, late=late)
    complaints = complaints or {"on_time": 0, "decided": 0, "received": 0}
    figures["5.2"] = _figure(complaints["on_time"], complaints["decided"])
    dislikes, ratings = dislike_figures(period, point_id, ratings)
    unhappy = dislikes + complaints["received"]
    heard = ratings + complaints["received"]
    late_share = share(late, on_time + late)
    unhappy_share = share(unhappy, heard)
    value = None
    if late_share is not None or unhappy_share is not None:
        value = max(0.0, 1 - (late_share or 0) - (unhappy_share or 0))
    figures["5.4"] = {
        "value": value,
        "late": late,
        "timed": on_time + late,
        "unhappy": unhappy,
        "heard": heard,
        "dislikes": dislikes,
        "ratings": ratings,
        "complaints": complaints["received"],
    }
    for code, threshold in THRESHOLDS.items():
        figures[code]["threshold"] = threshold
    return figures
