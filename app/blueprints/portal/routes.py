"""/staff/dossiers/import: upload the one-stop export, map its columns, see what changes, import, undo."""

from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth_roles import own_point_or_404, roles_required
from ...htmx import render
from ...models.portal_import import ImportBatch
from ...services import portal_import as service
from ...services.portal_csv import COLUMN_HINTS
from ..dossiers.labels import STATUS  # the one wording of dossier statuses
from . import bp


def _errors():
    return {
        "empty": _("Choose the CSV file exported from the one-stop system"),
        "too_large": _("The file is too large: at most 2 MB"),
        "no_rows": _("The file has no rows to import"),
    }


def _upload_page(error=None, status_code=200):
    return render(
        "portal/import.html",
        None,
        status_code=status_code,
        error=error,
        batches=service.recent(current_user.point_id),
    )


def _mapping(batch, values):
    """The mapping from the form (column numbers), else the one guessed or last used."""
    header, _rows = service.table(batch)
    mapping = service.mapping_of(batch)
    for name in COLUMN_HINTS:
        raw = values.get(name)
        if raw is not None:
            mapping[name] = int(raw) if raw.isdigit() and int(raw) < len(header) else None
    return mapping


@bp.get("/staff/dossiers/import")
@roles_required("staff")
def upload_form():
    return _upload_page()


@bp.post("/staff/dossiers/import")
@roles_required("staff")
def upload():
    file = request.files.get("file")
    raw = file.read() if file else b""
    try:
        batch = service.upload(
            raw, file.filename if file else None, current_user.point, current_user._get_current_object()
        )
    except service.PortalImportError as error:
        return _upload_page(_errors()[str(error)], status_code=400)
    return redirect(url_for("portal.preview", batch_id=batch.id), code=303)


@bp.get("/staff/dossiers/import/<int:batch_id>")
@roles_required("staff")
def preview(batch_id):
    batch = own_point_or_404(ImportBatch, batch_id)
    mapping = _mapping(batch, request.args)
    header, rows = service.table(batch)
    return render(
        "portal/preview.html",
        None,
        batch=batch,
        header=header,
        sample=rows[:5],
        mapping=mapping,
        plan=service.plan(batch, mapping),
        status_label=STATUS,
        fields={
            "code": _("Dossier code (ours or the national portal's)"),
            "status": _("Status"),
            "received": _("Received on (shown only)"),
            "due": _("Result due (shown only)"),
        },
    )


@bp.post("/staff/dossiers/import/<int:batch_id>/apply")
@roles_required("staff")
def apply(batch_id):
    batch = own_point_or_404(ImportBatch, batch_id)
    if batch.status == "preview":
        service.apply(batch, _mapping(batch, request.form), current_user._get_current_object())
    return redirect(url_for("portal.preview", batch_id=batch.id), code=303)


@bp.post("/staff/dossiers/import/<int:batch_id>/undo")
@roles_required("staff")
def undo(batch_id):
    batch = own_point_or_404(ImportBatch, batch_id)
    if batch.status == "applied":
        service.undo(batch, current_user._get_current_object())
    return redirect(url_for("portal.preview", batch_id=batch.id), code=303)
