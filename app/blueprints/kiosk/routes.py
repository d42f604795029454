"""Kiosk pages for a device signed in with the kiosk role: procedures as big buttons, the slip, reset."""

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth_roles import roles_required
from ...i18n import COOKIE as LANGUAGE_COOKIE
from ...models.queue import PRIORITY_NAMES
from ...services import display, queue, throttle
from ...services.points import default_point
from ...services.submissions import new_form_key
from ...templating import absolute_url, qr_svg
from . import bp

ROLE = "kiosk"  # admins pass too (roles_required), so a kiosk can be tried before one is set up
PRIORITIES = ("elderly", "disabled", "pregnant")  # the desk confirms the priority


def _point():
    point = getattr(current_user, "point", None) or default_point()
    if point is None:
        abort(503)
    return point


def _index(point, error=None, status=200):
    choices = [(code, PRIORITY_NAMES[code]) for code in PRIORITIES]
    page = render_template(
        "kiosk/index.html",
        point=point,
        procedures=queue.procedures_at(point),
        priorities=choices,
        error=error,
        form_key=new_form_key(),  # a double tap on a button makes one ticket (services/submissions.py)
        idle_ms=int(current_app.config.get("KIOSK_IDLE_MS", 60000)),  # the start screen starts again
    )
    # Never from the browser's cache (the back button after a slip): each page its own key, or the
    # next person's tap on the same button would get the last person's slip.
    return page, status, {"Cache-Control": "no-store"}


@bp.get("/kiosk")
@roles_required(ROLE)
def index():
    return _index(_point())


@bp.post("/kiosk/tickets")
@roles_required(ROLE)
def take():
    point = _point()
    procedure = next((p for p in queue.procedures_at(point) if p.code == request.form.get("procedure")), None)
    priority = request.form.get("priority") or None
    if procedure is None or priority not in (None, *PRIORITIES):
        return _index(point, error="choose", status=400)
    # One device serves the whole crowd, so the public form's per-address limits do not fit; a
    # ceiling per kiosk account still stops a child (or a stuck key) from emptying the day's numbers.
    limit, window = current_app.config.get("KIOSK_LIMIT", (30, 60))
    if not throttle.hit(f"kiosk:{current_user.id}", limit, window):
        return _index(
            point, error=_("Many numbers were just taken here. Wait a moment, then tap again."), status=429
        )
    try:
        ticket = queue.issue_ticket(
            point, procedure, channel="kiosk", priority=priority, form_key=request.form.get("submission")
        )
    except queue.QueueError as refused:
        return _index(point, error=refused.message, status=409)
    return redirect(url_for("kiosk.slip", token=ticket.token), code=303)


@bp.get("/kiosk/t/<token>")
@roles_required(ROLE)
def slip(token):
    ticket = queue.ticket_by_token(token)
    if ticket is None or ticket.channel != "kiosk":
        abort(404)
    url = absolute_url(url_for("queue.ticket", token=ticket.token))
    reset_ms = int(current_app.config.get("KIOSK_RESET_MS", 20000))
    return render_template(
        "kiosk/slip.html",
        t=ticket,
        point=ticket.point,
        ahead=queue.people_ahead(ticket),
        url=url,
        qr=qr_svg(url),
        reset_ms=reset_ms,
        reset_seconds=max(1, -(-reset_ms // 1000)),
    )


@bp.get("/kiosk/reset")
@roles_required(ROLE)
def reset():
    """The next person starts afresh: Vietnamese, normal text, nothing of the last person's choices."""
    response = redirect(url_for("kiosk.index"), code=303)
    response.delete_cookie(LANGUAGE_COOKIE)
    response.delete_cookie(display.COOKIE)
    return response
