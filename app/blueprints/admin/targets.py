"""Report targets: what the ward aims for, per point or for every point, from a date on."""

from flask import request
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...forms.admin import TargetForm
from ...htmx import render
from ...models.admin import ReportTarget
from ...services import admin as admin_service
from ...services.reports import metric_names, shown_value, stored_value
from . import bp
from .common import actor, admin_url, back_to, form_page, get_or_404, point_choices, saved, values_of


@bp.get("/targets")
@roles_required("admin")
def targets():
    return render(
        "admin/targets.html", None, targets=admin_service.targets(), metrics=metric_names(), shown=shown_value
    )


@bp.route("/targets/new", methods=["GET", "POST"])
@roles_required("admin")
def target_new():
    return _target_form(ReportTarget(), _("New report target"))


@bp.route("/targets/<int:target_id>/edit", methods=["GET", "POST"])
@roles_required("admin")
def target_edit(target_id):
    target = get_or_404(ReportTarget, target_id)
    return _target_form(target, _("Edit report target"))


def _target_form(target, title):
    form = TargetForm(obj=target if request.method == "GET" else None)
    form.point_id.choices = point_choices(_("Every point"))
    form.metric.choices = [SelectChoice(metric, name) for metric, name in metric_names().items()]
    if request.method == "GET" and target.id:
        form.point_id.data = target.point_id or 0
        form.value.data = shown_value(target.metric, target.value)
    if form.validate_on_submit():
        values = values_of(form, admin_service.TARGET_FIELDS)
        values["value"] = stored_value(values["metric"], float(form.value.data))
        if saved(form, lambda by: admin_service.save(target, values, by)):
            return back_to(admin_url("targets"))
    return form_page(
        form,
        title,
        admin_url("targets"),
        delete_url=admin_url("target_delete", target_id=target.id) if target.id else None,
    )


@bp.post("/targets/<int:target_id>/delete")
@roles_required("admin")
def target_delete(target_id):
    admin_service.delete(get_or_404(ReportTarget, target_id), actor())
    return back_to(admin_url("targets"))
