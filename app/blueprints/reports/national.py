"""POST /staff/dossiers/<id>/national: the national-index ticks on a dossier (a small form of its own)."""

from flask import redirect, request, url_for
from flask_login import current_user

from ...auth_roles import roles_required
from ...htmx import render
from ...services.reports import national
from ..dossiers.staff import dossier_or_404
from . import bp


@bp.get("/staff/dossiers/<int:dossier_id>/national")
@roles_required("staff")
def national_form(dossier_id):
    dossier = dossier_or_404(dossier_id)
    return render(
        "reports/national_filing.html",
        "reports/_national_filing.html",
        dossier=dossier,
    )


@bp.post("/staff/dossiers/<int:dossier_id>/national")
@roles_required("staff")
def national_save(dossier_id):
    dossier = dossier_or_404(dossier_id)
    ticks = set(request.form.getlist("ticks"))
    try:
        national.record(
            dossier,
            request.form.get("national_channel"),
            request.form.get("payment"),
            ticks,
            current_user._get_current_object(),
        )
    except national.FilingError as error:
        return render(
            "reports/national_filing.html",
            None,
            status_code=400,
            dossier=dossier,
            error=error.field,
        )
    return redirect(url_for("dossiers.staff_detail", dossier_id=dossier.id) + "#national", code=303)
