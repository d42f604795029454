"""Routes that set display preferences (links, so they work without JS) and the accessibility page."""

from flask import current_app, redirect, render_template, request

from ...auth_roles import public
from ...i18n import safe_next
from ...services import display
from ...services.points import default_point
from . import bp


@bp.get("/display/<any(large, contrast):option>/<any(on, off):state>")
@public
def switch(option, state):
    # A plain link like the language switch: no form, so browsing needs no session cookie.
    chosen = display.switched(display.parse(request.cookies.get(display.COOKIE)), option, state == "on")
    response = redirect(safe_next(request.args.get("next")), code=303)
    response.set_cookie(
        display.COOKIE,
        display.serialise(chosen),
        max_age=display.MAX_AGE,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("public/accessibility.html", point=default_point())
