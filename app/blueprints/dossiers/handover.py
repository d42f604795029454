"""The hand-over at the shared PC: "Giúp người dân", the end that wipes, the volunteer's return.

Starting the help signs the volunteer out of this browser only (their other sign-ins go on),
so the resident at the keyboard has a resident's session: no desk console, no booking list,
nobody else's data. Coming back as the volunteer asks for their password and ends the help.
Ending asks once, on a page of its own (there is no undo: the wipe is the point); the idle
end (dossiers.js, and the server in app/shared_pc.py) does not ask.
"""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from ... import session_limits
from ...auth_roles import public, roles_required
from ...clients import client_key
from ...i18n import COOKIE as LANGUAGE_COOKIE
from ...redirects import safe_next
from ...services import display
from ...services.accounts import authenticate
from ...services.procedures import search as all_procedures
from ...shared_pc import assisting, begin, helper, wipe
from . import bp

# Clear-Site-Data "storage": a notification the resident turned on for their ticket (a service
# worker) and anything a script kept (local storage) go with the resident, not to the next person.
WIPE_HEADERS = {"Cache-Control": "no-store", "Clear-Site-Data": '"storage"'}
NO_STORE = {"Cache-Control": "no-store"}


class ResumeForm(FlaskForm):
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Enter your password")),
            Length(max=200, message=_l("Password is too long")),
        ],
    )


@bp.get("/assist")
@roles_required("volunteer", "staff")
def assist():
    return render_template("dossiers/assist.html")


@bp.post("/assist/start")
@roles_required("volunteer", "staff")
def assist_start():
    user = current_user._get_current_object()
    logout_user()  # this browser only: the volunteer's sign-ins elsewhere go on
    begin(user)
    return redirect(url_for("dossiers.assist_resident"), code=303)


@bp.get("/assist/resident")
@public
def assist_resident():
    """The resident's start: the procedures they can file with help."""
    if not assisting():
        return redirect(url_for("dossiers.assist"), code=303)
    procedures = [p for p in all_procedures() if p.online_level != "in_person"]
    return render_template("dossiers/assist_resident.html", procedures=procedures)


@bp.get("/assist/end")
@public
def assist_end_confirm():
    if not assisting():
        return redirect(url_for("dossiers.assist_ended"), code=303)
    back = safe_next(request.args.get("next"), url_for("dossiers.assist_resident"))
    return render_template("dossiers/assist_end.html", back=back), 200, NO_STORE


@bp.post("/assist/end")
@public
def assist_end():
    # Public on purpose: the resident's session has no sign-in, and the idle end posts here too.
    wipe()
    response = redirect(url_for("dossiers.assist_ended"), code=303)
    response.headers.update(WIPE_HEADERS)
    return _fresh_start(response)


@bp.get("/assist/ended")
@public
def assist_ended():
    return render_template(
        "dossiers/assist_ended.html",
        idle=request.args.get("reason") == "idle",
        volunteer=helper() if not current_user.is_authenticated else None,
        form=ResumeForm(),
    )


@bp.route("/assist/resume", methods=["GET", "POST"])
@public
def assist_resume():
    """The volunteer comes back: their password, then the help ends and their account is theirs again."""
    volunteer = helper()
    if volunteer is None or current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for("dossiers.assist")), code=303)
    form = ResumeForm()
    status, headers = 200, dict(NO_STORE)
    if form.validate_on_submit():
        result = authenticate(volunteer.username, form.password.data, client_key())
        if result.user is not None and result.user.id == volunteer.id:
            wipe()
            login_user(result.user)
            session_limits.start(result.user)
            response = redirect(url_for("dossiers.assist"), code=303)
            response.headers.update(WIPE_HEADERS)
            return _fresh_start(response)
        if result.reason == "throttled":
            status, headers["Retry-After"] = 429, str(result.retry_after)
            form.password.errors.append(
                _(
                    "Too many wrong attempts. Please wait %(minutes)s minutes.",
                    minutes=-(-result.retry_after // 60),
                )
            )
        else:
            status = 401
            form.password.errors.append(
                _("This is not the password of %(name)s.", name=volunteer.display_name)
            )
    page = render_template("dossiers/assist_resume.html", form=form, volunteer=volunteer, helping=assisting())
    return page, status, headers


def _fresh_start(response):
    """The next person starts in Vietnamese with normal text, as at the kiosk."""
    response.delete_cookie(LANGUAGE_COOKIE)
    response.delete_cookie(display.COOKIE)
    return response
