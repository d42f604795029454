"""/sw.js (scope: the whole site, so it covers /t/<token>), the manifest, a resident's choice, the staff log."""

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ...assets import asset_url
from ...auth_roles import public, roles_required
from ...config import ROOT
from ...notifications import choices, health, report
from ...services import queue
from . import bp
from .forms import NotifyForm

SERVICE_WORKER = Path(__file__).with_name("sw.js")
CLIPS = ROOT / "static" / "audio" / "vi"
CHANNEL_NAMES = {"sms": "SMS", "zns": "Zalo", "push": "Web push"}


@bp.app_template_global()
@lru_cache(maxsize=1)
def voice_clips_version():
    """One fingerprint for the board's voice clips: re-voicing them changes every clip's URL."""
    digest = hashlib.sha256()
    for path in sorted(CLIPS.glob("*.mp3")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


@bp.get("/sw.js")
@public
def service_worker():
    # A stable URL at the root: a service worker only controls pages at or below its own path.
    # Kept beside this module, not in static/: pages never load it, so it is no part of their JS budget.
    body = SERVICE_WORKER.read_bytes()
    response = current_app.response_class(body, mimetype="application/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/manifest.webmanifest")
@public
def manifest():
    response = jsonify(
        name=_("E-residential group"),
        short_name=_("Residential group"),
        start_url="/",
        scope="/",
        display="standalone",
        background_color="#ffffff",
        theme_color="#0b5394",
        lang="vi",
        icons=[{"src": asset_url("favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    )
    response.mimetype = "application/manifest+json"
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.get("/staff/notifications")
@roles_required("staff")
def delivery_log():
    point_id = current_user.point_id
    return render_template(
        "notify/log.html",
        notifications=report.delivery_log(point_id),
        usage=report.usage_today(point_id),
        lag=health.worker_lag(),
        channel_names=CHANNEL_NAMES,
        status_names={
            "pending": _("waiting"),
            "sending": _("sending"),
            "sent": _("sent"),
            "failed": _("failed"),
            "skipped": _("not sent"),
        },
        event_names={
            "issued": _("number issued"),
            "ahead": _("people ahead"),
            "leave_now": _("leave now"),
            "called": _("called"),
            "recalled": _("called again"),
            "no_show": _("missed"),
            "test": _("test message"),
            "broadcast": _("announcement"),
        },
    )


def _ticket_or_404(token):
    ticket = queue.ticket_by_token(token)
    if ticket is None:
        abort(404)
    return ticket


@bp.route("/t/<token>/notify", methods=["GET", "POST"])
@public
def choose(token):
    """One question page: SMS or Zalo, the phone, how long the resident needs, and consent."""
    ticket = _ticket_or_404(token)
    form = NotifyForm()
    if request.method == "GET" and ticket.phone:
        form.phone.data = ticket.phone
    if ticket.is_finished:
        return redirect(url_for("queue.ticket", token=token), code=303)
    if form.validate_on_submit():
        choices.choose(
            ticket,
            form.channel.data,
            form.phone.normalised,
            int(form.lead_minutes.data),
            get_locale().language,
        )
        return redirect(url_for("queue.ticket", token=token), code=303)
    return render_template(
        "notify/choose.html", form=form, ticket=ticket, point=ticket.point
    ), 200 if not form.errors else 400


@bp.post("/t/<token>/notify/stop")
@public
def stop(token):
    choices.stop_all(_ticket_or_404(token))
    return redirect(url_for("queue.ticket", token=token), code=303)


@bp.app_template_global()
def notify_choices(token):
    """The ticket's active message channels, for the ticket page's block (templates/notify/_ticket.html)."""
    ticket = queue.ticket_by_token(token)
    return choices.active_for(ticket) if ticket is not None else []
