"""Error pages in the site's style and language, never a bare 500."""

import functools
import logging
from urllib.parse import urlsplit

from flask import current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from .db_deadlines import DatabaseSick
from .extensions import db
from .htmx import is_htmx
from .redirects import safe_next

log = logging.getLogger(__name__)

SECRET_FIELDS = ("password", "csrf_token", "new_password", "confirm")


def _titles():
    return {
        400: _("The request could not be understood"),
        403: _("You do not have access to this page"),
        404: _("Page not found"),
        405: _("This action is not allowed here"),
        413: _("The file or text is too large"),
        429: _("Too many attempts"),
        500: _("Something went wrong on our side"),
        503: _("The service is busy"),
    }


def _messages():
    return {
        400: _("Please go back, check what you entered and try again."),
        403: _("Sign in with an account that has access, or ask the ward's one-stop staff."),
        404: _("The address may be mistyped, or the page has moved."),
        405: _("Please go back and use the buttons on the page."),
        413: _("Please send a smaller file or shorter text."),
        429: _("Please wait a few minutes before trying again."),
        500: _("We have been told about it. Please try again in a moment."),
        503: _("Please try again in a moment."),
    }


def _origin_of(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def from_own_origin():
    """True when the browser says the request came from one of our pages (Origin, else Referer)."""
    ours = _origin_of(request.host_url)
    origin = request.headers.get("Origin")
    if origin:
        return _origin_of(origin) == ours
    return _origin_of(request.headers.get("Referer")) == ours


def _referer_path():
    parts = urlsplit(request.headers.get("Referer") or "")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def typed_values(limit=2000):
    """What a person typed into the failed form, secrets left out, for showing as text."""
    return [
        (name, value[:limit])
        for name, value in request.form.items(multi=True)
        if value.strip() and not any(secret in name for secret in SECRET_FIELDS)
    ]


def render_error(code, description=None, template="errors/error.html", **extra):
    title = _titles().get(code, _("Something went wrong"))
    message = description or _messages().get(code, "")
    name = "errors/_error.html" if is_htmx() else template
    return render_template(name, code=code, title=title, message=message, **extra), code


DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout, DatabaseSick)


def database_unavailable(error):
    # Unreachable, past a deadline, known sick, or out of connections: say "busy", never a 500. The page
    # stands alone (no layout): the layout would ask the same database for the user and counter.
    log.warning("Database unavailable on %s %s: %s", request.method, request.path, error)
    try:
        db.session.rollback()
    except Exception:  # the connection is already gone
        db.session.close()
    retry = str(current_app.config.get("DB_RETRY_AFTER_SECONDS", 10))
    if request.path == "/healthz":
        return {"status": "error", "database": "unreachable"}, 503, {"Retry-After": retry}
    body = render_template("errors/busy.html", lang=str(get_locale() or "vi"))
    return body, 503, {"Retry-After": retry, "Cache-Control": "no-store"}


def busy_if_database_down(handler):
    """An error page's layout asks the database too (signed-in user, counter): if it is down, say busy."""

    @functools.wraps(handler)
    def answer(error):
        try:
            return handler(error)
        except DATABASE_DOWN as down:
            return database_unavailable(down)

    return answer


def init_app(app):
    @app.errorhandler(CSRFError)
    @busy_if_database_down
    def csrf_error(error):
        # Never a ready-to-send form: re-posting the fields beside a fresh token would turn
        # another site's forged POST into one click. Only a page of ours gets its text back,
        # as plain text to retype; a post from elsewhere learns nothing and gets nothing.
        own = from_own_origin()
        kept = typed_values() if own else []
        return render_error(
            400,
            _("The form had expired or was sent from another page, so nothing was saved."),
            template="errors/csrf.html",
            kept=kept,
            again=safe_next(_referer_path(), url_for("public.home")) if own else url_for("public.home"),
        )

    @app.errorhandler(HTTPException)
    @busy_if_database_down
    def http_error(error):
        description = None
        # Our own abort(..., description=...) carries a message meant for the person.
        if error.description and error.description != type(error).description:
            description = error.description
        response = error.get_response()
        body, code = render_error(error.code or 500, description)
        response.set_data(body)
        response.content_type = "text/html; charset=utf-8"
        return response

    for down in DATABASE_DOWN:
        app.register_error_handler(down, database_unavailable)

    @app.errorhandler(OverflowError)
    @app.errorhandler(DataError)
    @busy_if_database_down
    def out_of_range(error):
        # A date or number past what Python or the database can hold (year 0001 minus a day,
        # 2^63 in SQLite): the request is wrong, not the server.
        db.session.rollback()
        log.info("Out-of-range input on %s %s: %s", request.method, request.path, error)
        return render_error(400, _("A date or number is outside the range this service can handle."))

    @app.errorhandler(Exception)
    @busy_if_database_down
    def unexpected(error):
        if isinstance(error, HTTPException):
            return http_error(error)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)

    app.register_error_handler(InternalServerError, busy_if_database_down(lambda e: render_error(500)))
