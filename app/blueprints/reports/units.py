"""GET/POST /reports/units (admins): the points' ward and group names over time; record a merger."""

from datetime import datetime

from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...auth_roles import roles_required
from ...extensions import db
from ...htmx import render
from ...models import ServicePoint
from ...services.reports import units as unit_service
from ...timeutil import local_today
from . import bp


def _page(errors=None, typed=None, status_code=200):
    points = list(db.session.scalars(select(ServicePoint).order_by(ServicePoint.id)))
    return render(
        "reports/units.html",
        None,
        status_code=status_code,
        points=points,
        now=unit_service.names_on(local_today()),
        history={p.id: unit_service.history(p.id) for p in points},
        errors=errors or {},
        typed=typed or {},
    )


@bp.get("/reports/units")
@roles_required("admin")
def units():
    return _page()


@bp.post("/reports/units")
@roles_required("admin")
def record_merger():
    typed = {
        "points": request.form.getlist("points"),
        "kind": request.form.get("kind", "ward"),
        "name": request.form.get("name", ""),
        "effective_from": request.form.get("effective_from", ""),
    }
    errors = {}
    point_ids = [int(p) for p in typed["points"] if p.isdigit()]
    if not point_ids:
        errors["points"] = _("Choose the points whose ward or group changes")
    if not typed["name"].strip():
        errors["name"] = _("Enter the new name")
    try:
        day = datetime.strptime(typed["effective_from"].strip(), "%d/%m/%Y").date()
    except ValueError:
        day = None
        errors["effective_from"] = _("Enter the date as dd/mm/yyyy, for example 01/07/2025")
    if typed["kind"] not in ("ward", "group"):
        errors["kind"] = _("Choose ward or residential group")
    if errors:
        return _page(errors, typed, status_code=400)
    unit_service.record_merger(
        point_ids, typed["kind"], typed["name"], day, current_user._get_current_object()
    )
    return redirect(url_for("reports.units"), code=303)
