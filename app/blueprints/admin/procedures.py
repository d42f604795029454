"""Procedures: every field residents see (fees, time limits, papers, legal basis, portal link) and who serves it."""

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...extensions import db
from ...forms.admin import ProcedureForm
from ...forms.fields import choices
from ...htmx import render
from ...models import Procedure, Team
from ...services import admin as admin_service
from . import bp
from .common import admin_url, back_to, form_page, get_or_404, saved, values_of


def online_levels():
    return {"full": _("Fully online"), "partial": _("Partly online"), "in_person": _("In person")}


@bp.get("/procedures")
@roles_required("admin")
def procedures():
    return render(
        "admin/procedures.html", None, procedures=admin_service.procedures(), levels=online_levels()
    )


@bp.route("/procedures/new", methods=["GET", "POST"])
@roles_required("admin")
def procedure_new():
    return _procedure_form(
        Procedure(active=True, sort_order=100, service_minutes=10, time_limit_days=0), _("New procedure")
    )


@bp.route("/procedures/<int:procedure_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def procedure_edit(procedure_id):
    procedure = get_or_404(Procedure, procedure_id)
    return _procedure_form(procedure, _("Edit %(name)s", name=procedure.name_vi))


def _procedure_form(procedure, title):
    form = ProcedureForm(obj=procedure if request.method == "GET" else None)
    form.online_level.choices = [SelectChoice(level, name) for level, name in online_levels().items()]
    teams = db.session.scalars(select(Team).order_by(Team.point_id, Team.code)).all()
    form.team_id.choices = choices(
        (SelectChoice(t.id, f"{t.name_vi} – {t.point.name_vi}") for t in teams), _("No team")
    )
    if request.method == "GET" and procedure.team_id is None:
        form.team_id.data = 0
    if form.validate_on_submit():
        values = values_of(form, admin_service.PROCEDURE_FIELDS)
        values["papers_vi"] = "\n".join(
            line.strip() for line in values["papers_vi"].splitlines() if line.strip()
        )
        values["sort_order"] = values.get("sort_order") if values.get("sort_order") is not None else 100
        if saved(form, lambda by: admin_service.save(procedure, values, by)):
            return back_to(admin_url("procedures"))
    return form_page(form, title, admin_url("procedures"))
