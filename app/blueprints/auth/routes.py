"""Login and logout."""

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ... import session_limits
from ...auth_roles import public
from ...forms.auth import LoginForm
from ...redirects import safe_next
from ...services.accounts import authenticate, end_every_session
from . import bp


def _home_for(user):
    return url_for("admin.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    form = LoginForm()
    status = 200
    error = None
    if form.validate_on_submit():
        result = authenticate(form.username.data, form.password.data, request.remote_addr or "?")
        if result.user:
            session.clear()  # a fresh session for the signed-in person (no fixation)
            login_user(result.user)
            session_limits.start(result.user)
            return redirect(safe_next(request.args.get("next"), _home_for(result.user)), code=303)
        if result.reason in ("throttled", "locked"):
            error, status = (
                _("Too many wrong attempts. Please wait 15 minutes, or ask an admin to help."),
                429,
            )
        else:
            error, status = _("The username or password is not correct."), 401
        form.password.errors.append(error)
    ended = session_limits.ended_reason() if request.method == "GET" else None
    response = render_template("auth/login.html", form=form, error=error, ended=ended)
    return response, status, {"Cache-Control": "no-store"}


@bp.post("/logout")
@public
def logout():
    if current_user.is_authenticated:
        # Server-side: a copy of this cookie (or one on another device) stops working too.
        end_every_session(current_user._get_current_object())
        logout_user()
    session.clear()
    return redirect(url_for("public.home"), code=303)
