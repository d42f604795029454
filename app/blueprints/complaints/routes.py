"""Staff: open complaints by deadline, comments to mark as complaints, the steps; public: the answers."""

from datetime import timedelta

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...auth_roles import own_point_or_404, public, roles_required
from ...extensions import db
from ...htmx import render
from ...models import Rating
from ...models.complaint import Complaint
from ...services import complaints as service
from ...services import points
from ...timeutil import local_today, utcnow
from . import bp

RECENT_DAYS = 30


def step_names():
    return {
        "more_info": _("Ask for more information"),
        "refuse": _("Refuse to handle it"),
        "answer": _("Answer"),
        "publish": _("Publish the answer"),
    }


def status_names():
    return {
        "received": _("Received"),
        "more_info": _("More information asked"),
        "refused": _("Refused"),
        "answered": _("Answered, not yet published"),
        "published": _("Answer published"),
    }


@bp.get("/staff/complaints")
@roles_required("staff")
def staff_list():
    point = current_user.point
    since = utcnow() - timedelta(days=RECENT_DAYS)
    comments = select(Rating).where(
        Rating.comment.isnot(None),
        Rating.comment != "",
        Rating.created_at >= since,
        ~select(Complaint.id).where(Complaint.rating_id == Rating.id).exists(),
    )
    if point is not None:
        comments = comments.where(Rating.point_id == point.id)
    return render(
        "complaints/staff_list.html",
        None,
        rows=service.open_complaints(point),
        comments=list(db.session.scalars(comments.order_by(Rating.created_at.desc()).limit(50))),
        step_names=step_names(),
        today=local_today(),
    )


@bp.post("/staff/complaints/from-rating/<int:rating_id>")
@roles_required("staff")
def mark(rating_id):
    rating = own_point_or_404(Rating, rating_id)
    try:
        complaint = service.mark(rating, current_user._get_current_object())
    except service.ComplaintError:
        abort(400)
    return redirect(url_for("complaints.staff_detail", complaint_id=complaint.id), code=303)


def _detail(complaint, error=None, typed="", status_code=200):
    allowed = [step for step, (starts, *_rest) in service.STEPS.items() if complaint.status in starts]
    return render(
        "complaints/staff_detail.html",
        None,
        status_code=status_code,
        complaint=complaint,
        deadlines=service.deadlines(complaint),
        verdict=service.verdict(complaint),
        allowed=allowed,
        step_names=step_names(),
        status_names=status_names(),
        error=error,
        typed=typed,
    )


@bp.get("/staff/complaints/<int:complaint_id>")
@roles_required("staff")
def staff_detail(complaint_id):
    return _detail(own_point_or_404(Complaint, complaint_id))


@bp.post("/staff/complaints/<int:complaint_id>/step")
@roles_required("staff")
def take_step(complaint_id):
    complaint = own_point_or_404(Complaint, complaint_id)
    step, text = request.form.get("step", ""), request.form.get("text", "")
    try:
        service.take_step(complaint, step, text, current_user._get_current_object())
    except service.ComplaintError as error:
        message = (
            _("Write the text the resident will read")
            if str(error) == "text_required"
            else _("This step is not possible now")
        )
        return _detail(complaint, error=message, typed=text, status_code=400)
    return redirect(url_for("complaints.staff_detail", complaint_id=complaint.id), code=303)


@bp.get("/complaints")
@public
def published():
    point = points.resolve_point(request.args.get("point"))
    return render("complaints/published.html", None, point=point, complaints=service.published(point.id))
