"""Staff workflow: dossiers by status and due date, the history, moves with notes, filing details."""

from flask import abort, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ...auth_roles import own_point_or_404, roles_required
from ...forms.dossier_wizard import steps_for
from ...forms.dossiers import EraseForm, FilingForm, MoveForm, PapersForm
from ...htmx import is_htmx, render
from ...models import Dossier
from ...models.dossier import STATUSES
from ...services import dossiers as dossier_service
from ...timeutil import local_today
from . import bp
from .labels import CHANNEL, MOVE, STATUS
from .routes import _summary

# The staff list's filters: open ones, each status a finished or sent dossier can have, all.
FILTERS = ("open", *(s for s in STATUSES if s not in ("draft", "cancelled")), "all")


def dossier_or_404(dossier_id):
    """A sent dossier of the staff member's point (a draft is the resident's alone), else 404."""
    dossier = own_point_or_404(Dossier, dossier_id)
    if dossier.status == "draft":
        abort(404)
    return dossier


def _point():
    return current_user.point  # None for admins: every point


@bp.get("/staff/dossiers")
@roles_required("staff")
def staff_list():
    status = request.args.get("status", "open")
    if status not in FILTERS:
        status = "open"
    today = local_today()
    page = dossier_service.staff_page(_point(), status, today, request.args.get("page", 1, type=int))
    return render(
        "dossiers/staff_list.html",
        "dossiers/_staff_list.html",
        dossiers=page.items,
        pages=page,
        status=status,
        counts=dossier_service.status_counts(_point()),
        filters=FILTERS,
        today=today,
        is_overdue=dossier_service.is_overdue,
        status_label=STATUS,
        channel_label=CHANNEL,
    )


def _detail(dossier, move_form=None, filing_form=None, status_code=200):
    # Every rendering shows the personal details (also after a form error), so each is logged.
    dossier_service.record_view(dossier, current_user._get_current_object())
    move_form = move_form or MoveForm(formdata=None)
    move_form.to_status.choices = [SelectChoice(s, MOVE[s]) for s in dossier_service.allowed_moves(dossier)]
    filing_form = filing_form or FilingForm(
        formdata=None, data={"channel": dossier.channel, "portal_code": dossier.portal_code or ""}
    )
    return render(
        "dossiers/staff_detail.html",
        None,
        status_code=status_code,
        dossier=dossier,
        procedure=dossier.procedure,
        rows=_summary(dossier, steps_for(dossier.form_kind)),
        move_form=move_form,
        filing_form=filing_form,
        status_label=STATUS,
        channel_label=CHANNEL,
        overdue=dossier_service.is_overdue(dossier),
        late=dossier.answers.get("_late", False),
        papers=dossier_service.papers_checklist(dossier),
        papers_form=PapersForm(formdata=None),
    )


@bp.get("/staff/dossiers/<int:dossier_id>")
@roles_required("staff")
def staff_detail(dossier_id):
    return _detail(dossier_or_404(dossier_id))


@bp.post("/staff/dossiers/<int:dossier_id>/move")
@roles_required("staff")
def staff_move(dossier_id):
    dossier = dossier_or_404(dossier_id)
    form = MoveForm()
    form.to_status.choices = [SelectChoice(s, MOVE[s]) for s in dossier_service.allowed_moves(dossier)]
    if not form.validate():
        return _detail(dossier, move_form=form)
    try:
        dossier_service.move(dossier, form.to_status.data, form.note.data, current_user._get_current_object())
    except dossier_service.DossierError:
        form.to_status.errors = list(form.to_status.errors) + [
            _("This move is not possible from the current status")
        ]
        return _detail(dossier, move_form=form, status_code=409)
    return redirect(url_for("dossiers.staff_detail", dossier_id=dossier.id), code=303)


@bp.post("/staff/dossiers/<int:dossier_id>/filing")
@roles_required("staff")
def staff_filing(dossier_id):
    dossier = dossier_or_404(dossier_id)
    form = FilingForm()
    if not form.validate():
        return _detail(dossier, filing_form=form)
    dossier_service.record_filing(
        dossier, form.channel.data, form.portal_code.data, current_user._get_current_object()
    )
    return redirect(url_for("dossiers.staff_detail", dossier_id=dossier.id), code=303)


def _back_to_detail(dossier):
    url = url_for("dossiers.staff_detail", dossier_id=dossier.id)
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)


@bp.get("/staff/dossiers/<int:dossier_id>/erase")
@roles_required("staff")
def staff_erase_confirm(dossier_id):
    dossier = dossier_or_404(dossier_id)
    if dossier.anonymised:
        return _back_to_detail(dossier)
    return render(
        "dossiers/erase.html",
        "dossiers/_erase.html",
        dossier=dossier,
        procedure=dossier.procedure,
        form=EraseForm(formdata=None),
        status_label=STATUS,
    )


@bp.post("/staff/dossiers/<int:dossier_id>/erase")
@roles_required("staff")
def staff_erase(dossier_id):
    """Consent withdrawn at the one-stop desk: personal data erased now, the dossier closed."""
    dossier = dossier_or_404(dossier_id)
    form = EraseForm()
    if not form.validate():
        abort(400)
    if not dossier.anonymised:
        dossier_service.erase(
            dossier, current_user._get_current_object(), note=_("Consent withdrawn: personal data erased")
        )
    return _back_to_detail(dossier)


@bp.post("/staff/dossiers/<int:dossier_id>/papers")
@roles_required("staff")
def staff_papers(dossier_id):
    """Tick the originals checked at the desk; htmx gets the checklist back, others the page."""
    dossier = dossier_or_404(dossier_id)
    form = PapersForm()
    if not form.validate():
        abort(400)
    dossier_service.check_papers(dossier, form.papers.data or [], current_user._get_current_object())
    if is_htmx():
        return render(
            "dossiers/_papers.html",
            None,
            dossier=dossier,
            saved=True,
            papers=dossier_service.papers_checklist(dossier),
            papers_form=form,
        )
    return redirect(url_for("dossiers.staff_detail", dossier_id=dossier.id), code=303)
