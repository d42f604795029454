"""Service points, their teams and their desks (which procedures each desk serves)."""

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...extensions import db
from ...forms.admin import DeskForm, PointForm, TeamForm
from ...forms.fields import choices
from ...htmx import render
from ...models import Desk, Procedure, ServicePoint, Team
from ...services import admin as admin_service
from . import bp
from .common import admin_url, back_to, form_page, get_or_404, saved, values_of


@bp.get("/points")
@roles_required("admin")
def points():
    return render("admin/points.html", None, points=admin_service.points())


@bp.route("/points/new", methods=["GET", "POST"])
@roles_required("admin")
def point_new():
    return _point_form(ServicePoint(active=True), _("New service point"), admin_url("points"))


@bp.route("/points/<int:point_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def point_edit(point_id):
    point = get_or_404(ServicePoint, point_id)
    return _point_form(point, _("Edit %(name)s", name=point.name_vi), admin_url("point", point_id=point.id))


def _point_form(point, title, back):
    form = PointForm(obj=point if request.method == "GET" else None)
    if form.validate_on_submit():
        values = values_of(form, admin_service.POINT_FIELDS)
        if saved(form, lambda by: admin_service.save(point, values, by)):
            return back_to(admin_url("point", point_id=point.id))  # a new point has its id only now
    return form_page(form, title, back)


@bp.get("/points/<int:point_id>")
@roles_required("admin")
def point(point_id):
    point = get_or_404(ServicePoint, point_id)
    return render(
        "admin/point.html",
        None,
        point=point,
        teams=admin_service.teams_of(point.id),
        desks=admin_service.desks_of(point.id),
    )


@bp.route("/points/<int:point_id>/teams/new", methods=["GET", "POST"])
@roles_required("admin")
def team_new(point_id):
    point = get_or_404(ServicePoint, point_id)
    return _team_form(Team(point_id=point.id), point, _("New team"))


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def team_edit(team_id):
    team = get_or_404(Team, team_id)
    return _team_form(team, team.point, _("Edit team %(name)s", name=team.name_vi))


def _team_form(team, point, title):
    back = admin_url("point", point_id=point.id)
    form = TeamForm(obj=team if request.method == "GET" else None)
    if form.validate_on_submit():
        values = values_of(form, admin_service.TEAM_FIELDS)
        values["point_id"] = point.id
        if saved(form, lambda by: admin_service.save(team, values, by)):
            return back_to(back)
    return form_page(form, title, back, intro=point.name_vi)


@bp.route("/points/<int:point_id>/desks/new", methods=["GET", "POST"])
@roles_required("admin")
def desk_new(point_id):
    point = get_or_404(ServicePoint, point_id)
    return _desk_form(Desk(point_id=point.id, active=True), point, _("New desk"))


@bp.route("/desks/<int:desk_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def desk_edit(desk_id):
    desk = get_or_404(Desk, desk_id)
    return _desk_form(desk, desk.point, _("Edit desk %(number)s", number=desk.number))


def _desk_form(desk, point, title):
    back = admin_url("point", point_id=point.id)
    data = {"procedure_ids": [p.id for p in desk.procedures]} if desk.id else {}
    form = DeskForm(
        obj=desk if request.method == "GET" else None, data=data if request.method == "GET" else None
    )
    form.team_id.choices = choices(SelectChoice(t.id, t.name_vi) for t in admin_service.teams_of(point.id))
    form.procedure_ids.choices = [
        SelectChoice(p.id, p.name_vi)
        for p in db.session.scalars(select(Procedure).order_by(Procedure.sort_order, Procedure.name_vi))
    ]
    if form.validate_on_submit():
        values = values_of(form, admin_service.DESK_FIELDS)
        values["point_id"] = point.id
        procedure_ids = form.procedure_ids.data
        if saved(form, lambda by: admin_service.save_desk(desk, values, procedure_ids, by)):
            return back_to(back)
    if not form.team_id.choices:
        form.team_id.errors = list(form.team_id.errors) + [_("Add a team to this point first")]
    return form_page(form, title, back, intro=point.name_vi)
