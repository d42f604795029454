"""Residents' ratings of a service point: one per visit, comments published after moderation."""

import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Dossier, Rating, Ticket
from ..models.outreach import RATING_CRITERIA
from ..timeutil import utcnow
from . import audit, captcha, throttle

COMMENT_MAX = 1000
REPEAT_WAIT = 2.0  # seconds a repeated form waits for the first one to be saved


class FeedbackError(ValueError):
    """Why a rating was not saved: "throttled", "captcha", "captcha_expired", "rated", "visit"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# --- Which visit is rated -------------------------------------------------------------------
# A rating may name a finished ticket or dossier; its point is then the visit's point.

FINISHED_TICKET = {"done"}
FINISHED_DOSSIER = {"completed", "returned", "refused"}


def _ticket_point(ref):
    """The point of the finished ticket with this token, else None."""
    ticket = db.session.scalars(select(Ticket).filter_by(token=ref)).first()
    return ticket.point_id if ticket is not None and ticket.status in FINISHED_TICKET else None


def _dossier_point(ref):
    """The point of the finished dossier with this code, else None."""
    dossier = db.session.scalars(select(Dossier).filter_by(code=ref)).first()
    return dossier.point_id if dossier is not None and dossier.status in FINISHED_DOSSIER else None


VISIT_POINTS = {"ticket": _ticket_point, "dossier": _dossier_point}


@dataclass(frozen=True)
class Visit:
    kind: str | None = None  # "ticket", "dossier" or None (a rating not tied to a visit)
    ref: str | None = None
    point_id: int | None = None


def visit_for(ticket=None, dossier=None, client_ip=None):
    """The visit named by ?ticket= or ?dossier=, or raise FeedbackError("visit").

    Each answer says whether a finished dossier has that code, so misses are counted per
    address (`client_ip`) and past FEEDBACK_LOOKUP_MISSES every lookup from there is refused
    for the window. Only misses count: a real code never uses up a resident's or the office
    PC's lookups, and a stranger's guesses at one code cannot block its owner.
    """
    kind, ref = ("ticket", ticket) if ticket else ("dossier", dossier) if dossier else (None, None)
    if kind is None:
        return Visit()
    limit, window = current_app.config.get("FEEDBACK_LOOKUP_MISSES", (10, 600))
    key = f"feedback:miss:{client_ip}"
    if client_ip is not None and throttle.count(key, window) >= limit:
        raise FeedbackError("lookups")
    ref = ref.strip().upper() if kind == "dossier" else ref.strip()  # codes are printed in capitals
    point_id = VISIT_POINTS[kind](ref) if ref and len(ref) <= 64 else None
    if point_id is None:
        if client_ip is not None:
            throttle.hit(key, limit, window)
        raise FeedbackError("visit")
    return Visit(kind, ref, point_id)


def already_rated(visit):
    if visit.kind is None:
        return False
    column = Rating.ticket_ref if visit.kind == "ticket" else Rating.dossier_ref
    return db.session.execute(select(Rating.id).where(column == visit.ref)).first() is not None


def _saved_meanwhile(captcha_token, answers):
    """A double tap's second request can arrive while the first is still saving: wait for it a
    moment. True when the first saved this very form (then this one is only a repeat)."""
    deadline = time.monotonic() + REPEAT_WAIT
    while not captcha.accepted(captcha_token, *answers):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def submit(point, scores, comment, visit, captcha_token, captcha_answer, client_ip, trips=None):
    """Save a rating after the flood limit and the verification code; returns the Rating, or None
    when this very form (its code and answers) was saved already: a double tap is not a second try.

    `scores` maps each of RATING_CRITERIA to 1-5 (overall required, others may be None).
    """
    comment = (comment or "").strip()[:COMMENT_MAX] or None
    answers = (point.id, visit.kind, visit.ref, trips, comment, captcha_answer)
    answers += tuple(scores.get(name) for name in RATING_CRITERIA)
    if captcha.accepted(captcha_token, *answers):
        return None
    limit, window = current_app.config.get("FEEDBACK_LIMIT_PER_IP", (5, 3600))
    tries, tries_window = current_app.config.get("FEEDBACK_CAPTCHA_TRIES_PER_IP", (20, 600))
    # Throttles and the single-use code write in their own transactions, before this request's.
    if throttle.count(f"feedback:ip:{client_ip}", window) >= limit:
        raise FeedbackError("throttled")
    if not throttle.hit(f"feedback:try:{client_ip}", tries, tries_window):
        raise FeedbackError("throttled")
    result = captcha.verify(captcha_token, captcha_answer)
    if result == "used" and _saved_meanwhile(captcha_token, answers):
        return None
    if result != "ok":
        raise FeedbackError("captcha_expired" if result == "expired" else "captcha")
    if already_rated(visit):
        raise FeedbackError("rated")
    rating = Rating(
        point_id=visit.point_id or point.id,
        comment=comment,
        status="pending" if comment else "approved",
        ticket_ref=visit.ref if visit.kind == "ticket" else None,
        dossier_ref=visit.ref if visit.kind == "dossier" else None,
        trips=trips,
        **{name: scores.get(name) for name in RATING_CRITERIA},
    )
    db.session.add(rating)
    try:
        db.session.commit()
    except IntegrityError:  # the same visit rated at the same moment from another tab or worker
        db.session.rollback()
        raise FeedbackError("rated")
    throttle.hit(f"feedback:ip:{client_ip}", limit, window)
    captcha.remember_accepted(captcha_token, *answers)
    return rating


@dataclass(frozen=True)
class CriterionSummary:
    name: str
    count: int
    average: float | None


def summary(point):
    """Per criterion: how many ratings gave it a score, and their average."""
    columns = []
    names = (*RATING_CRITERIA, "trips")  # scores, then the count of times residents came
    for name in names:
        column = getattr(Rating, name)
        columns += [func.count(column), func.avg(column)]
    # Rejected ratings (spam, abuse) drop out of the figures; pending ones count at once.
    row = db.session.execute(
        select(*columns).where(Rating.point_id == point.id, Rating.status != "rejected")
    ).one()
    return [
        CriterionSummary(
            name, int(row[2 * i] or 0), float(row[2 * i + 1]) if row[2 * i + 1] is not None else None
        )
        for i, name in enumerate(names)
    ]


def published_comments(point, page=1, per_page=10):
    return db.paginate(
        select(Rating)
        .where(Rating.point_id == point.id, Rating.status == "approved", Rating.comment.is_not(None))
        .order_by(Rating.created_at.desc()),
        page=page,
        per_page=per_page,
        error_out=False,
    )


def pending_comments(page=1, per_page=20, point_id=None):
    """Comments waiting for moderation: one point's for its staff (point_id), every point's for admins."""
    query = select(Rating).where(Rating.status == "pending")
    if point_id is not None:
        query = query.where(Rating.point_id == point_id)
    return db.paginate(
        query.order_by(Rating.created_at),
        page=page,
        per_page=per_page,
        error_out=False,
    )


def moderate(rating_id, decision, user, ip=None):
    """Approve or reject a comment; returns the rating, or None if there is no such rating.

    Audited as "rating.approve" / "rating.reject" with the status before and after.
    """
    if decision not in ("approved", "rejected"):
        raise ValueError(decision)
    rating = db.session.get(Rating, rating_id)
    if rating is None or (user.point_id is not None and rating.point_id != user.point_id):
        return None  # another point's comments are not this person's to moderate
    before = rating.status
    rating.status = decision
    rating.moderated_at = utcnow()
    rating.moderated_by_id = user.id
    audit.record(
        "rating.approve" if decision == "approved" else "rating.reject",
        "rating",
        rating.id,
        user=user,
        point_id=rating.point_id,
        before={"status": before},
        after={"status": decision},
        ip=ip,
    )
    db.session.commit()
    return rating
