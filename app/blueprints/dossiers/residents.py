"""Residents come back to a dossier: resume a draft, withdraw consent for it, look a dossier up."""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...auth_roles import public
from ...clients import client_key
from ...forms.dossier_wizard import steps_for
from ...forms.dossiers import LookupForm, ResumeForm, WithdrawDraftForm
from ...htmx import refused_status, render
from ...services import dossiers as dossier_service
from ...shared_pc import forget, hold
from . import bp
from .labels import STATUS, TIMELINE
from .routes import step_url


def _refused(form, attempt):
    """The status of a resume code that found no draft, its reason beside the field (200 if found)."""
    if attempt.throttled:
        form.code.errors.append(_("Too many attempts. Please wait 10 minutes and try again."))
        return 429
    if attempt.dossier is None:
        form.code.errors.append(_("No draft has this code. Check the code on your note."))
    return 200


# --- resume ---------------------------------------------------------------------------------


@bp.route("/dossiers/resume", methods=["GET", "POST"])
@public
def resume():
    form = ResumeForm()
    status = 200
    if form.validate_on_submit():
        attempt = dossier_service.resume(form.code.data, client_key())
        status = _refused(form, attempt)
        if attempt.dossier is not None:
            dossier = attempt.dossier
            hold(dossier)
            steps = [s.name for s in steps_for(dossier.form_kind)]
            missing = dossier_service.missing_steps(dossier, steps)
            target = (
                step_url(dossier, missing[0]) if missing else url_for("dossiers.check", dossier_id=dossier.id)
            )
            return redirect(target, code=303)
    return render_template("dossiers/resume.html", form=form), status


@bp.route("/dossiers/withdraw", methods=["GET", "POST"])
@public
def withdraw():
    """A resident withdraws consent for a draft: with its resume code, its personal data is erased."""
    form = WithdrawDraftForm()
    status = 200
    if form.validate_on_submit():
        attempt = dossier_service.withdraw_draft(
            form.code.data, client_key(), note=_("Consent withdrawn by the resident")
        )
        status = _refused(form, attempt)
        if attempt.dossier is not None:
            forget(attempt.dossier.id)
            return render_template("dossiers/withdrawn.html")
    return render_template("dossiers/withdraw.html", form=form), status


# --- lookup ---------------------------------------------------------------------------------


@bp.route("/lookup", methods=["GET", "POST"])
@public
def lookup():
    form = LookupForm(data={"code": request.args.get("code", "")[:20]} if request.method == "GET" else None)
    status, result, searched = 200, None, False
    if request.method == "POST" and form.validate():
        attempt = dossier_service.lookup(form.code.data, form.phone.data, client_key())
        searched = True
        if attempt.throttled:
            # htmx does not swap 4xx answers, so the fragment says it with a 200.
            status = refused_status(429)
            result = "throttled"
        else:
            result = attempt.dossier
    found = result not in (None, "throttled")
    events = dossier_service.timeline(result) if found else []
    return render(
        "dossiers/lookup.html",
        "dossiers/_lookup_result.html",
        status_code=status,
        form=form,
        result=result,
        searched=searched,
        events=events,
        # Late while still being worked on; once completed, the result waits at the desk.
        overdue=found and result.status != "completed" and dossier_service.is_overdue(result),
        timeline_text=TIMELINE,
        status_label=STATUS,
    )
