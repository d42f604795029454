"""How long a staff sign-in lasts: an idle timeout and an absolute one, started at sign-in; kiosks exempt.

The session cookie is signed but never expires by itself (a copied cookie would open staff pages
until the account's session_version changes), so the sign-in time and the last activity are kept
in the session and checked on every request that carries a signed-in session.
"""

from flask import current_app, request, session
from flask_login import logout_user

from . import timeutil
from .htmx import is_htmx


def _seconds():
    return int(timeutil.timestamp())  # the app's one clock, which tests move


SIGNED_IN = "_signed_in"
SEEN = "_seen"
EXEMPT = "_kiosk"
ENDED = "_ended"  # why the last sign-in ended, for the login page to say

# Devices that stay signed in all day on purpose (a kiosk at the door, the TV board's PC).
EXEMPT_ROLES = ("kiosk",)


def start(user):
    """Call right after login_user(): the clocks start now."""
    now = _seconds()
    session[SIGNED_IN] = now
    session[SEEN] = now
    if getattr(user, "role", None) in EXEMPT_ROLES:
        session[EXEMPT] = True


def _is_activity():
    # A page that polls by itself (the desk's waiting list) is not a person at the desk.
    return request.method != "GET" or not is_htmx()


def check():
    """End an idle or too-old sign-in before the view runs; its page then asks to sign in again."""
    cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    if cookie not in request.cookies or "_user_id" not in session or session.get(EXEMPT):
        return
    now = _seconds()
    config = current_app.config
    signed_in = session.get(SIGNED_IN)
    seen = session.get(SEEN, signed_in)
    if signed_in is None or now - signed_in > config["STAFF_SESSION_ABSOLUTE_SECONDS"]:
        end("absolute")
    elif now - seen > config["STAFF_SESSION_IDLE_SECONDS"]:
        end("idle")
    elif _is_activity() and now - seen >= 15:
        session[SEEN] = now  # not on every click: each change costs a new cookie


def end(reason):
    logout_user()
    session.clear()
    session[ENDED] = reason


def ended_reason():
    """Why the last sign-in ended ("idle", "absolute"), once, or None."""
    return session.pop(ENDED, None) if ENDED in session else None


def init_app(app):
    app.before_request(check)
