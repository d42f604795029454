"""Shared-PC mode: which drafts this browser holds, and a volunteer's "help a resident" session.

The session cookie holds only dossier ids and random keys, never answers. While a volunteer
helps a resident, drafts live in a separate "assist" scope; "Xong, xóa dữ liệu" or a few
minutes without activity drop that scope and void its keys in the database, so neither the
back button nor a copied cookie reopens the previous resident's pages.
"""

from flask import current_app, g, redirect, render_template, request, session, url_for
from flask_login import current_user

from ...auth_roles import public, roles_required
from ...services import dossiers as dossier_service
from ...services.procedures import search as all_procedures
from ...timeutil import timestamp
from . import bp

OWN = "dossiers"
ASSIST = "assist"


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


def end_assist():
    scope = session.pop(ASSIST, None)
    if scope:
        dossier_service.release_drafts(scope.get("dossiers", {}).values())


def channel_for_new_dossier():
    if assisting():
        return "volunteer"
    if current_user.is_authenticated:
        return "volunteer" if current_user.role == "volunteer" else "paper"
    return "self"


@bp.before_app_request
def _expire_idle_assist():
    if not assisting():
        return None
    now = _clock()
    if now - session[ASSIST].get("seen", now) > current_app.config["ASSIST_IDLE_SECONDS"]:
        end_assist()
        g.assist_expired = True
        if (
            request.endpoint
            and request.endpoint.startswith("dossiers.")
            and request.method == "GET"
            and request.endpoint not in ("dossiers.assist_ended", "dossiers.lookup")
        ):
            return redirect(url_for("dossiers.assist_ended", reason="idle"), code=303)
        return None
    session[ASSIST]["seen"] = now
    session.modified = True
    return None


@bp.after_app_request
def _no_store_personal_pages(response):
    # Every dossier page and every page seen while helping a resident: never cached, so the
    # back button must ask the server, which no longer shows them.
    if assisting() or g.get("assist_expired") or (request.endpoint or "").startswith("dossiers."):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


@bp.app_context_processor
def _assist_context():
    return {
        "assist_mode": assisting(),
        "assist_idle_seconds": current_app.config.get("ASSIST_IDLE_SECONDS", 300),
    }


@bp.post("/assist/start")
@roles_required("volunteer", "staff")
def assist_start():
    end_assist()  # a forgotten previous hand-over ends here too
    session[ASSIST] = {"seen": _clock(), "dossiers": {}}
    return redirect(url_for("dossiers.assist"), code=303)


@bp.get("/assist")
@roles_required("volunteer", "staff")
def assist():
    procedures = [p for p in all_procedures() if p.online_level != "in_person"]
    return render_template("dossiers/assist.html", procedures=procedures)


@bp.post("/assist/end")
@public
def assist_end():
    # Public on purpose: ending a hand-over must work even after the login has lapsed.
    end_assist()
    session.pop(OWN, None)
    return redirect(url_for("dossiers.assist_ended"), code=303)


@bp.get("/assist/ended")
@public
def assist_ended():
    return render_template("dossiers/assist_ended.html", idle=request.args.get("reason") == "idle")
