"""Login, logout and changing one's own password."""

from math import ceil

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ... import session_limits
from ...auth_roles import public, roles_required
from ...clients import client_key
from ...forms.auth import LoginForm, PasswordChangeForm
from ...redirects import safe_next
from ...services.accounts import PasswordChangeError, authenticate, change_password, end_every_session
from . import bp

NO_STORE = {"Cache-Control": "no-store"}


def _home_for(user):
    """Where a sign-in lands without a `next`: a kiosk device on its screen, everyone else on staff home."""
    return url_for("kiosk.index") if user.role == "kiosk" else url_for("admin.index")


def _wait_message(seconds):
    return _(
        "Too many wrong attempts. Please wait %(minutes)s minutes, or ask an administrator to unlock the account.",
        minutes=max(1, ceil(seconds / 60)),
    )


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    form = LoginForm()
    status, headers = 200, dict(NO_STORE)
    error = None
    if form.validate_on_submit():
        result = authenticate(form.username.data, form.password.data, client_key())
        if result.user:
            session.clear()  # a fresh session for the signed-in person (no fixation)
            login_user(result.user)
            session_limits.start(result.user)
            return redirect(safe_next(request.args.get("next"), _home_for(result.user)), code=303)
        if result.reason == "throttled":
            error, status = _wait_message(result.retry_after), 429
            headers["Retry-After"] = str(result.retry_after)
        else:
            error, status = _("The username or password is not correct."), 401
        form.password.errors.append(error)
    ended = session_limits.ended_reason() if request.method == "GET" else None
    response = render_template("auth/login.html", form=form, error=error, ended=ended)
    return response, status, headers


@bp.post("/logout")
@public
def logout():
    if current_user.is_authenticated:
        # Server-side: a copy of this cookie (or one on another device) stops working too.
        end_every_session(current_user._get_current_object(), client_key())
        logout_user()
    session.clear()
    return redirect(url_for("public.home"), code=303)


@bp.route("/account/password", methods=["GET", "POST"])
@roles_required("admin", "staff", "volunteer")
def password():
    form = PasswordChangeForm()
    status, headers = 200, dict(NO_STORE)
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            change_password(user, form.current_password.data, form.new_password.data, client_key())
        except PasswordChangeError as error:
            form[error.field].errors.append(error.message)
            if error.retry_after:
                status, headers["Retry-After"] = 429, str(error.retry_after)
            else:
                status = 400
        else:
            # Every other session ended with the change; this one goes on under the new version.
            login_user(user)
            session_limits.start(user)
            return redirect(url_for("auth.password", changed=1), code=303)
    changed = request.method == "GET" and request.args.get("changed") == "1"
    return render_template("auth/password.html", form=form, changed=changed), status, headers
