"""GET /staff/dossiers/export.csv and .json: the period's dossiers in our documented format."""

from datetime import datetime

from flask import abort, make_response, request
from flask_babel import gettext as _
from flask_login import current_user

from ...auth_roles import roles_required
from ...services import portal_export
from ...services.reports import Period, period_for
from . import bp

TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _period():
    """?start=&end= (dd/mm/yyyy), else this month."""
    start, end = request.args.get("start"), request.args.get("end")
    if not start and not end:
        return period_for("month")
    try:
        first, last = (datetime.strptime(value or "", "%d/%m/%Y").date() for value in (start, end))
    except ValueError:
        abort(400, description=_("Dates as dd/mm/yyyy, e.g. 01/11/2026"))
    if last < first:
        abort(400, description=_("The end date must be on or after the start date"))
    return Period("custom", first, last)


@bp.get("/staff/dossiers/export.<any(csv, json):kind>")
@roles_required("staff")
def export(kind):
    period = _period()
    point_id = current_user.point_id
    body = (
        portal_export.to_csv(period, point_id) if kind == "csv" else portal_export.to_json(period, point_id)
    )
    response = make_response(body.encode("utf-8"))
    response.headers["Content-Type"] = TYPES[kind]
    name = f"ho-so-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{kind}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
