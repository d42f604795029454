"""Opening hours: weekly sessions with effective dates, closed days and extra openings."""

from datetime import timedelta

from flask import request
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...extensions import db
from ...forms.admin import ClosedDayForm, SessionForm
from ...htmx import render
from ...models import ClosedDay, OpeningSession, ServicePoint
from ...notifications import bookings as booking_messages
from ...services import admin as admin_service
from ...services.appointments import closures
from ...templating import weekday_names
from ...timeutil import local_today
from . import bp
from .common import actor, admin_url, back_to, form_page, get_or_404, point_choices, saved, values_of


def kinds():
    return {"closure": _("Closed"), "extra": _("Extra opening")}


@bp.get("/points/<int:point_id>/hours")
@roles_required("admin")
def hours(point_id):
    point = get_or_404(ServicePoint, point_id)
    since = local_today() - timedelta(days=30)
    closure = db.session.get(ClosedDay, request.args.get("closed", type=int) or 0)
    return render(
        "admin/hours.html",
        None,
        point=point,
        sessions=admin_service.sessions_of(point.id),
        closed=admin_service.closed_days(point.id, since),
        weekdays=weekday_names(),
        kinds=kinds(),
        today=local_today(),
        closure=closure,
        closure_hits=closures.hits_by_point(closures.bookings_hit(closure)) if closure else [],
        hours_hits=closures.hits_by_day(closures.bookings_outside_hours(point))
        if "hours" in request.args
        else [],
        told=request.args.get("told", type=int),
    )


@bp.route("/points/<int:point_id>/sessions/new", methods=["GET", "POST"])
@roles_required("admin")
def session_new(point_id):
    point = get_or_404(ServicePoint, point_id)
    return _session_form(OpeningSession(point_id=point.id), point, _("New weekly session"))


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def session_edit(session_id):
    session = get_or_404(OpeningSession, session_id)
    return _session_form(session, session.point, _("Edit weekly session"))


def _session_form(session, point, title):
    back = admin_url("hours", point_id=point.id)
    form = SessionForm(obj=session if request.method == "GET" else None)
    form.weekday.choices = [SelectChoice(day, name) for day, name in enumerate(weekday_names())]
    if form.validate_on_submit():
        values = values_of(form, admin_service.SESSION_FIELDS)
        values.update(point_id=point.id, weekday=form.weekday.data)
        if saved(form, lambda by: admin_service.save(session, values, by)):
            return back_to(_after_hours_change(point) or back)
    delete_url = admin_url("session_delete", session_id=session.id) if session.id else None
    return form_page(form, title, back, intro=point.name_vi, delete_url=delete_url)


@bp.post("/sessions/<int:session_id>/delete")
@roles_required("admin")
def session_delete(session_id):
    session = get_or_404(OpeningSession, session_id)
    point = session.point
    admin_service.delete(session, actor())
    return back_to(_after_hours_change(point) or admin_url("hours", point_id=point.id))


def _after_hours_change(point):
    """Sessions shortened, ended or deleted under bookings: tell the residents, show the admin (G7)."""
    hit = closures.bookings_outside_hours(point)
    if not hit:
        return None
    told = booking_messages.tell_hours_change(hit)
    return admin_url("hours", point_id=point.id, hours=1, told=told)


@bp.route("/points/<int:point_id>/closed-days/new", methods=["GET", "POST"])
@roles_required("admin")
def closed_day_new(point_id):
    point = get_or_404(ServicePoint, point_id)
    return _closed_day_form(
        ClosedDay(point_id=point.id, kind="closure"), point, _("New closed day or extra opening")
    )


@bp.route("/closed-days/<int:day_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def closed_day_edit(day_id):
    row = get_or_404(ClosedDay, day_id)
    point = row.point or get_or_404(ServicePoint, request.args.get("point", type=int) or 0)
    return _closed_day_form(row, point, _("Edit closed day or extra opening"))


def _closed_day_form(row, point, title):
    back = admin_url("hours", point_id=point.id)
    form = ClosedDayForm(obj=row if request.method == "GET" else None)
    form.point_id.choices = point_choices(_("Every point"))
    form.kind.choices = [SelectChoice(kind, name) for kind, name in kinds().items()]
    if request.method == "GET" and row.point_id is None:
        form.point_id.data = 0
    if form.validate_on_submit():
        values = values_of(form, admin_service.CLOSED_DAY_FIELDS)
        if values["kind"] == "closure":
            values.update(start=None, end=None)  # a closure lasts the whole day
        if saved(form, lambda by: admin_service.save(row, values, by)):
            return back_to(_after_closure(row, point) or back)
    delete_url = admin_url("closed_day_delete", day_id=row.id, point=point.id) if row.id else None
    intro = _("From/until are needed only for an extra opening.")
    return form_page(form, title, back, intro=intro, delete_url=delete_url)


def _after_closure(row, point):
    """A closure on a day residents have booked: tell them, and show the admin how many (F11)."""
    hit = closures.bookings_hit(row)
    if not hit:
        return None
    told = booking_messages.tell_closure(row, hit)
    return admin_url("hours", point_id=point.id, closed=row.id, told=told)


@bp.post("/closed-days/<int:day_id>/delete")
@roles_required("admin")
def closed_day_delete(day_id):
    row = get_or_404(ClosedDay, day_id)
    point_id = row.point_id or request.args.get("point", type=int)
    admin_service.delete(row, actor())
    return back_to(admin_url("hours", point_id=point_id) if point_id else admin_url("points"))
