"""The dossier wizard residents and volunteers fill in: start, steps, check, receipt."""

from flask import abort, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...auth_roles import public
from ...clients import client_key
from ...forms.dossier_wizard import steps_for
from ...htmx import is_htmx, render
from ...services import dossiers as dossier_service
from ...services import procedures as procedure_service
from ...services.points import default_point
from ...shared_pc import channel_for_new_dossier, dossier_author, hold, key_for
from . import bp
from .labels import STATUS

CONSENT_PURPOSE = (
    "Chuẩn bị và nộp hồ sơ thủ tục hành chính “{procedure}”; cán bộ một cửa dùng để giải "
    "quyết hồ sơ và liên hệ khi có kết quả. Dữ liệu cá nhân được ẩn danh {days} ngày sau khi "
    "hồ sơ kết thúc; bản nháp không được sửa trong {draft_days} ngày bị xóa."
)


def _user():
    return dossier_author()


def _go(url):
    """A redirect that htmx follows as a full navigation when the page must change entirely."""
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)


def _procedure_or_404(code):
    procedure = procedure_service.by_code(code)
    if procedure is None:
        abort(404)
    return procedure


def _held(dossier_id):
    """The dossier this browser holds, or None."""
    return dossier_service.draft_for_key(dossier_id, key_for(dossier_id))


def _unavailable():
    return _go(url_for("dossiers.unavailable"))


def _open_draft(dossier_id):
    """(the draft this browser holds, None), or (None, where to send the browser instead)."""
    dossier = _held(dossier_id)
    if dossier is None:
        return None, _unavailable()
    if dossier.status != "draft":
        return None, _go(url_for("dossiers.receipt", dossier_id=dossier.id))
    return dossier, None


def _retention_days():
    return current_app.config["DOSSIER_RETENTION_DAYS"]


# --- start and steps ------------------------------------------------------------------------


@bp.get("/procedures/<code>/dossier")
@public
def start(code):
    procedure = _procedure_or_404(code)
    return render_template(
        "dossiers/start.html", procedure=procedure, steps=steps_for(dossier_service.form_kind(procedure))
    )


@bp.post("/procedures/<code>/dossier")
@public
def create(code):
    procedure = _procedure_or_404(code)
    point = procedure.team.point if procedure.team else default_point()
    try:
        dossier = dossier_service.start_draft(
            procedure, point, channel_for_new_dossier(), _user(), client_key=client_key()
        )
    except dossier_service.DossierError as refused:
        if refused.reason != "throttled":
            raise
        abort(
            429,
            description=_(
                "Too many new dossiers from this connection. Please wait an hour, or continue one you started with its resume code."
            ),
        )
    hold(dossier)
    return redirect(url_for("dossiers.step", dossier_id=dossier.id, name="consent"), code=303)


def _neighbours(steps, name):
    names = [s.name for s in steps]
    index = names.index(name)
    previous = names[index - 1] if index > 0 else None
    following = names[index + 1] if index + 1 < len(names) else None
    return index, previous, following


def step_url(dossier, name, back_to_check=False):
    if name is None:
        return url_for("dossiers.check", dossier_id=dossier.id)
    args = {"next": "check"} if back_to_check else {}
    return url_for("dossiers.step", dossier_id=dossier.id, name=name, **args)


@bp.route("/dossiers/<int:dossier_id>/steps/<name>", methods=["GET", "POST"])
@public
def step(dossier_id, name):
    dossier, elsewhere = _open_draft(dossier_id)
    if elsewhere is not None:
        return elsewhere
    steps = steps_for(dossier.form_kind)
    current = next((s for s in steps if s.name == name), None)
    if current is None:
        abort(404)
    if name != "consent" and dossier.consent_at is None:
        return redirect(step_url(dossier, "consent"), code=303)
    index, previous, following = _neighbours(steps, name)
    to_check = request.args.get("next") == "check"

    if request.method == "POST":
        form = current.form()
        form.answers = dossier.answers  # for the checks across steps
        action = request.form.get("action", "continue")
        valid = form.validate()
        if name == "consent":
            if action == "back":
                return _go(url_for("dossiers.start", code=dossier.procedure.code))
            if valid:
                dossier_service.give_consent(
                    dossier,
                    CONSENT_PURPOSE.format(
                        procedure=dossier.procedure.name_vi,
                        days=_retention_days(),
                        draft_days=current_app.config["DOSSIER_DRAFT_DAYS"],
                    ),
                )
                return redirect(step_url(dossier, None if to_check else following), code=303)
        else:
            # Kept whether valid or not: nothing typed is lost on an error, a back step or a pause.
            dossier_service.save_step(dossier, name, form.values(), complete=valid)
            if action == "back":
                return redirect(step_url(dossier, previous), code=303)
            if action == "later":
                return redirect(url_for("dossiers.saved", dossier_id=dossier.id), code=303)
            if valid:
                following = None if to_check else following
                return redirect(step_url(dossier, following), code=303)
    else:
        stored = dossier.answers.get(name, {})
        form = current.form(data={"agree": dossier.consent_at is not None} if name == "consent" else stored)
        if name != "consent" and not stored:
            form = current.form()  # defaults such as "Việt Nam"

    context = dict(
        dossier=dossier,
        procedure=dossier.procedure,
        form=form,
        step=current,
        steps=steps,
        index=index,
        previous=previous,
        to_check=to_check,
        action_url=step_url(dossier, name, to_check),
        retention_days=_retention_days(),
    )
    return render("dossiers/step.html", "dossiers/_step.html", **context)


def _summary(dossier, steps):
    """[(step, [(label, shown value)], complete)] for the check-your-answers page and staff."""
    answers = dossier.answers
    done = set(answers.get("_done", []))
    rows = []
    for s in steps:
        if s.name == "consent":
            continue
        form = s.form(formdata=None, data=answers.get(s.name, {}), meta={"csrf": False})
        fields = []
        for field in form:
            value = answers.get(s.name, {}).get(field.name, "")
            choices = (
                {c.value: c.label for c in field.iter_choices()} if hasattr(field, "iter_choices") else {}
            )
            fields.append((field.label.text, choices.get(value, value)))
        rows.append((s, fields, s.name in done))
    return rows


@bp.route("/dossiers/<int:dossier_id>/check", methods=["GET", "POST"])
@public
def check(dossier_id):
    dossier, elsewhere = _open_draft(dossier_id)
    if elsewhere is not None:
        return elsewhere
    steps = steps_for(dossier.form_kind)
    problem = None
    if request.method == "POST":
        try:
            dossier_service.submit(dossier, [s.name for s in steps], _user())
            return redirect(url_for("dossiers.receipt", dossier_id=dossier.id), code=303)
        except dossier_service.DossierError as error:
            problem = error.reason
    missing = dossier_service.missing_steps(dossier, [s.name for s in steps])
    return render(
        "dossiers/check.html",
        "dossiers/_check.html",
        dossier=dossier,
        procedure=dossier.procedure,
        rows=_summary(dossier, steps),
        missing=missing,
        problem=problem,
        late=dossier_service.late_birth(dossier),
        steps=steps,
    )


@bp.get("/dossiers/<int:dossier_id>/saved")
@public
def saved(dossier_id):
    dossier = _held(dossier_id)
    if dossier is None:
        return _unavailable()
    return render("dossiers/saved.html", "dossiers/_saved.html", dossier=dossier, procedure=dossier.procedure)


@bp.get("/dossiers/<int:dossier_id>/receipt")
@public
def receipt(dossier_id):
    dossier = _held(dossier_id)
    if dossier is None or dossier.status == "draft":
        return _unavailable()
    return render_template(
        "dossiers/receipt.html",
        dossier=dossier,
        procedure=dossier.procedure,
        late=dossier.answers.get("_late", False),
        status_label=STATUS,
        papers=dossier_service.papers_checklist(dossier),
    )


@bp.get("/dossiers/unavailable")
@public
def unavailable():
    return render_template("dossiers/unavailable.html"), 404
