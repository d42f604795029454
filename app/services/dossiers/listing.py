"""The staff list of dossiers: overdue first, paged, counted by status."""

from flask import current_app
from sqlalchemy import case, func, select

from ...extensions import db
from ...models import Dossier
from ...timeutil import local_today
from .rules import OPEN


def staff_list(point=None, status="open", today=None):
    """Dossiers for the staff list: overdue first, then by due date; drafts never show."""
    return db.session.scalars(_staff_query(point, status, today)).all()


def staff_page(point=None, status="open", today=None, page=1, per_page=None):
    """One page of staff_list() (25 a page unless configured)."""
    per_page = per_page or current_app.config["DOSSIER_PAGE_SIZE"]
    return db.paginate(
        _staff_query(point, status, today), page=max(int(page or 1), 1), per_page=per_page, error_out=False
    )


def _staff_query(point, status, today):
    today = today or local_today()
    query = select(Dossier).where(Dossier.status != "draft")
    if point is not None:
        query = query.where(Dossier.point_id == point.id)
    if status == "open":
        query = query.where(Dossier.status.in_(OPEN))
    elif status and status != "all":
        query = query.where(Dossier.status == status)
    overdue = case((Dossier.status.in_(OPEN) & (Dossier.due_date < today), 0), else_=1)
    return query.order_by(
        overdue, Dossier.due_date.is_(None), Dossier.due_date, Dossier.submitted_at, Dossier.id
    )


def status_counts(point=None):
    query = select(Dossier.status, func.count(Dossier.id)).where(Dossier.status != "draft")
    if point is not None:
        query = query.where(Dossier.point_id == point.id)
    return dict(db.session.execute(query.group_by(Dossier.status)).all())


def is_overdue(dossier, today=None):
    return (
        dossier.status in OPEN
        and dossier.due_date is not None
        and dossier.due_date < (today or local_today())
    )
