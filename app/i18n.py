"""Language choice: Vietnamese by default, English on request; the choice sticks in a cookie."""

from flask import abort, current_app, has_request_context, redirect, request
from flask_babel import format_date, format_datetime, format_time
from flask_babel import gettext as _

from .redirects import safe_next

COOKIE = "lang"


def select_locale():
    if not has_request_context():
        # CLI commands and jobs: the English message ids, as services' errors already fall back
        # to (residents' texts from a job choose their language with force_locale).
        return "en"
    chosen = request.cookies.get(COOKIE)
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    # No choice yet: Vietnamese, even for browsers set to English (residents share phones).
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def set_language(code):
    if code not in current_app.config["LANGUAGES"]:
        abort(404, description=_("This language is not available. Choose Tiếng Việt or English."))
    response = redirect(safe_next(request.args.get("next")), code=303)
    response.set_cookie(
        COOKIE,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


def date_vn(value):
    """dd/mm/yyyy whatever the language: residents and forms use this form."""
    return format_date(value, "dd/MM/yyyy") if value else ""


def time_vn(value):
    return format_time(value, "HH:mm") if value else ""


def datetime_vn(value):
    return format_datetime(value, "HH:mm dd/MM/yyyy") if value else ""


def init_app(app):
    app.jinja_env.filters.update(date_vn=date_vn, time_vn=time_vn, datetime_vn=datetime_vn)
