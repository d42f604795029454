"""GET /reports/index/<code>: the dossiers behind one service-index indicator (viewing is logged)."""

from flask import abort, request
from flask_login import current_user

from ...auth_roles import roles_required
from ...clients import client_key
from ...extensions import db
from ...htmx import render
from ...services import audit
from ...services.reports import index_dossiers
from . import bp
from .index_view import indicator_texts
from .routes import filters_and_period, private


@bp.get("/reports/index/<code>")
@roles_required("staff")
def index_dossiers_page(code):
    if code not in index_dossiers.INDICATORS:
        abort(404)
    form, valid, point, period = filters_and_period()
    if not valid:
        abort(400)
    rows, total = index_dossiers.dossiers_behind(code, period, point.id if point else None)
    # Dossiers carry personal data: who looked at which list is kept in the audit log.
    audit.record(
        "report.index_dossiers",
        "report",
        code,
        user=current_user._get_current_object(),
        point_id=point.id if point else None,
        after={"period": f"{period.start:%d/%m/%Y}-{period.end:%d/%m/%Y}", "dossiers": total},
        ip=client_key(),
    )
    db.session.commit()
    name, formula = indicator_texts()[code]
    return private(
        render(
            "reports/index_dossiers.html",
            None,
            code=code,
            name=name,
            formula=formula,
            rows=rows,
            total=total,
            period=period,
            point=point,
            query=request.query_string.decode(),
        )
    )
