"""Shared-PC mode: which drafts this browser holds, and the resident's session while a volunteer helps.

The session cookie holds only dossier ids and random keys, never answers. When a volunteer
starts "Giúp người dân" they are signed out of this browser (blueprints/dossiers/handover.py) and the resident
gets a resident's session: no staff pages, nobody else's data. The resident's drafts live in
a separate "assist" scope; ending the help (or a few minutes without activity) wipes the
session and voids those keys in the database, so neither the back button nor a copied
cookie reopens the previous resident's pages.

The mode covers every page, not the dossiers' alone (a ticket or booking opened while helped), so
request_hooks.py runs guard() and no_store_personal_pages() on every request, and templating.py
hands template_context() to every page.
"""

import hashlib
import secrets

from flask import current_app, g, redirect, request, session, url_for
from flask_login import current_user

from .extensions import db
from .models import User
from .services import dossiers as dossier_service
from .timeutil import timestamp

OWN = "dossiers"
ASSIST = "assist"
HELPER = "helped_by"  # the volunteer's user id, kept after the end so they can come back with their password
# Link tokens (hashed) of the pages the resident opened while helped: the resident's own
# booking or ticket page stays closed to this browser, so the back button cannot show it
# to the next person; the resident follows it on their phone (its QR code, SMS or Zalo).
CLOSED = "closed_here"
MAX_CLOSED = 20
IDLE_SECONDS = 5 * 60  # ASSIST_IDLE_SECONDS unless configured: a helped resident idle this long is wiped


def _clock():
    """Seconds now on the app's clock (tests move it with timeutil, or replace this function)."""
    return int(timestamp())


def assisting():
    return ASSIST in session


def _scope():
    return session[ASSIST].setdefault("dossiers", {}) if assisting() else session.setdefault(OWN, {})


def key_for(dossier_id):
    scope = session.get(ASSIST, {}).get("dossiers", {}) if assisting() else session.get(OWN, {})
    return scope.get(str(dossier_id))


def hold(dossier):
    _scope()[str(dossier.id)] = dossier.draft_key
    session.modified = True


def forget(dossier_id):
    """This browser no longer holds the dossier (its draft was erased)."""
    for scope in (session.get(ASSIST, {}).get("dossiers", {}), session.get(OWN, {})):
        if scope.pop(str(dossier_id), None) is not None:
            session.modified = True


def begin(user):
    """The resident's scope starts; the caller signs the volunteer out of this browser."""
    wipe()  # a forgotten previous hand-over ends here too
    session[ASSIST] = {"seen": _clock(), "dossiers": {}}
    session[HELPER] = user.id


def browser_id():
    """While a volunteer helps: this help's own browser id for the per-browser ticket limit, so each
    resident at the office PC counts as a browser of their own and the PC's long-lived cookie
    neither refuses the seventh resident of the hour nor links one resident's tickets to the next.
    None when nobody is being helped."""
    if not assisting():
        return None
    session.modified = True
    return session[ASSIST].setdefault("browser", secrets.token_hex(12))


def helper():
    """The volunteer who is helping (or just helped) at this browser, or None."""
    user_id = session.get(HELPER)
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    return user if user is not None and user.active and user.has_role("volunteer", "staff") else None


def wipe():
    """End the help: void the draft keys this browser held and forget everything else in its session.

    Only who helped stays, so that the volunteer can come back with their password, and which
    link-token pages are closed here.
    """
    keys = list(session.get(ASSIST, {}).get("dossiers", {}).values()) + list(session.get(OWN, {}).values())
    if keys:
        dossier_service.release_drafts(keys)
    helped_by = session.get(HELPER)
    closed = (session.get(CLOSED, []) + session.get(ASSIST, {}).get("tokens", []))[-MAX_CLOSED:]
    session.clear()
    if helped_by is not None:
        session[HELPER] = helped_by
    if closed:
        session[CLOSED] = closed


def channel_for_new_dossier():
    if assisting():
        return "volunteer"
    if current_user.is_authenticated:
        return "volunteer" if current_user.role == "volunteer" else "paper"
    return "self"


def dossier_author():
    """Who a new or submitted dossier is recorded as made by: the signed-in person or the helper."""
    if current_user.is_authenticated:
        return current_user._get_current_object()
    return helper() if assisting() else None


def guard():
    """Before every request: end an idle help, and keep closed the link-token pages closed here."""
    if assisting():
        now = _clock()
        if now - session[ASSIST].get("seen", now) > current_app.config["ASSIST_IDLE_SECONDS"]:
            wipe()
            g.assist_expired = True
            if (
                request.endpoint
                and request.endpoint.startswith("dossiers.")
                and request.method == "GET"
                and request.endpoint not in ("dossiers.assist_ended", "dossiers.lookup")
            ):
                return redirect(url_for("dossiers.assist_ended", reason="idle"), code=303)
        else:
            session[ASSIST]["seen"] = now
            _remember_link_token()
            session.modified = True
            return None
    if _closed_here():
        return redirect(url_for("dossiers.assist_ended"), code=303)
    return None


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def _remember_link_token():
    """A page reached by a link token (a ticket, a booking) while helping: closed here after the help."""
    token = (request.view_args or {}).get("token")
    if isinstance(token, str):
        seen = session[ASSIST].setdefault("tokens", [])
        if _token_hash(token) not in seen:
            seen.append(_token_hash(token))
            del seen[:-MAX_CLOSED]


def _closed_here():
    token = (request.view_args or {}).get("token")
    return isinstance(token, str) and _token_hash(token) in session.get(CLOSED, ())


def no_store_personal_pages(response):
    # Every dossier page and every page seen while helping a resident: never cached, so the
    # back button must ask the server, which no longer shows them.
    if assisting() or g.get("assist_expired") or (request.endpoint or "").startswith("dossiers."):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def template_context():
    return {
        "assist_mode": assisting(),
        "assist_idle_seconds": current_app.config["ASSIST_IDLE_SECONDS"],
    }
