"""Complaints and petitions: marking a comment as one, the legal steps with their deadlines, 766's 5.2.

Deadlines in working days (weekends, public holidays and the point's closures do not count) from
the day the complaint was received: refuse within 2, ask for more within 5, answer within 15; and
publish the answer on the point's public page within 2 working days of answering.
A complaint is on time when every step it took met its deadline; it is decided once refused or
published, or once a deadline it has not met has passed (then it is late).
"""

from sqlalchemy import and_, select

from ..extensions import db
from ..models.complaint import Complaint
from ..timeutil import local_today, to_local, utcnow
from . import audit
from .workdays import WorkingCalendar

LIMITS = {"refuse": 2, "more_info": 5, "answer": 15, "publish": 2}
OPEN = ("received", "more_info", "answered")
FIELDS = ("status", "note", "answer")
# step -> (statuses it may start from, status it leads to, timestamp it sets, text column)
STEPS = {
    "more_info": (("received",), "more_info", "more_info_at", "note"),
    "refuse": (("received", "more_info"), "refused", "refused_at", "note"),
    "answer": (("received", "more_info"), "answered", "answered_at", "answer"),
    "publish": (("answered",), "published", "published_at", None),
}


class ComplaintError(ValueError):
    """A step not possible from the complaint's status, or a step without its text."""


def _after(day, days, calendar):
    for _ in range(days):
        day = calendar.next_working_day(day, include=False)
    return day


def deadlines(complaint, calendar=None):
    """{step: last day} for the complaint (publish only once answered)."""
    received = to_local(complaint.received_at).date()
    calendar = calendar or WorkingCalendar(complaint.point_id, received)
    result = {step: _after(received, LIMITS[step], calendar) for step in ("refuse", "more_info", "answer")}
    if complaint.answered_at:
        result["publish"] = _after(to_local(complaint.answered_at).date(), LIMITS["publish"], calendar)
    return result


def _day(at):
    return to_local(at).date() if at else None


def verdict(complaint, today=None, calendar=None):
    """True on time, False late, None not decided yet."""
    today = today or local_today()
    due = deadlines(complaint, calendar)
    if complaint.refused_at:
        return _day(complaint.refused_at) <= due["refuse"]
    if complaint.more_info_at and _day(complaint.more_info_at) > due["more_info"]:
        return False
    if complaint.answered_at is None:
        return False if today > due["answer"] else None
    if _day(complaint.answered_at) > due["answer"]:
        return False
    if complaint.published_at:
        return _day(complaint.published_at) <= due["publish"]
    return False if today > due["publish"] else None


def figures(period, point_id=None, today=None):
    """766's 5.2 for complaints received in the period: {on_time, decided, received}."""
    first, after = period.utc_bounds()
    where = and_(Complaint.received_at >= first, Complaint.received_at < after)
    if point_id is not None:
        where = and_(where, Complaint.point_id == point_id)
    complaints = list(db.session.scalars(select(Complaint).where(where)))
    calendars, on_time, decided = {}, 0, 0
    for complaint in complaints:
        calendar = calendars.get(complaint.point_id)
        if calendar is None:
            calendar = calendars[complaint.point_id] = WorkingCalendar(complaint.point_id, period.start)
        result = verdict(complaint, today, calendar)
        decided += result is not None
        on_time += result is True
    return {"on_time": on_time, "decided": decided, "received": len(complaints)}


def mark(rating, user=None):
    """Mark a rating's comment as a complaint (once); received when the comment was written."""
    existing = db.session.scalars(select(Complaint).filter_by(rating_id=rating.id)).first()
    if existing:
        return existing
    if not (rating.comment or "").strip():
        raise ComplaintError("no_text")
    complaint = Complaint(
        point_id=rating.point_id,
        rating_id=rating.id,
        text=rating.comment.strip(),
        received_at=rating.created_at,
        created_by_id=getattr(user, "id", None),
    )
    db.session.add(complaint)
    db.session.flush()
    audit.record("complaint.create", "complaint", complaint.id, user=user, point_id=complaint.point_id)
    db.session.commit()
    return complaint


def take_step(complaint, step, text=None, user=None):
    """Refuse, ask for more, answer or publish; each step is audited."""
    if step not in STEPS or complaint.status not in STEPS[step][0]:
        raise ComplaintError("illegal_step")
    _from, to_status, stamp, column = STEPS[step]
    text = (text or "").strip()
    if column and not text:
        raise ComplaintError("text_required")
    before = audit.snapshot(complaint, FIELDS)
    complaint.status = to_status
    setattr(complaint, stamp, utcnow())
    if column:
        setattr(complaint, column, text)
    audit.record(
        f"complaint.{step}",
        "complaint",
        complaint.id,
        user=user,
        point_id=complaint.point_id,
        before=before,
        after=audit.snapshot(complaint, FIELDS),
    )
    db.session.commit()
    return complaint


def open_complaints(point=None, today=None):
    """[(complaint, next step, its last day, overdue?)] of complaints still open, most urgent first."""
    today = today or local_today()
    query = select(Complaint).where(Complaint.status.in_(OPEN)).order_by(Complaint.received_at)
    if point is not None:
        query = query.where(Complaint.point_id == getattr(point, "id", point))
    rows = []
    for complaint in db.session.scalars(query):
        due = deadlines(complaint)
        if complaint.status == "answered":
            step = "publish"
        elif complaint.status == "received":
            step = "refuse" if today <= due["refuse"] else "answer"
        else:
            step = "answer"
        rows.append((complaint, step, due[step], today > due[step]))
    return sorted(rows, key=lambda row: row[2])


def published(point_id, limit=50):
    """Answered complaints published on the point's public page, newest first (no personal data)."""
    return list(
        db.session.scalars(
            select(Complaint)
            .where(Complaint.point_id == point_id, Complaint.status == "published")
            .order_by(Complaint.published_at.desc())
            .limit(limit)
        )
    )


def due_soon(point=None, today=None, within_days=2):
    """The open complaints whose next step is overdue or due within `within_days` calendar days."""
    today = today or local_today()
    return [row for row in open_complaints(point, today) if row[3] or (row[2] - today).days <= within_days]
