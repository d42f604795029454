"""/sw.js (scope: the whole site, so it covers /t/<token>), the manifest, a resident's choice, the staff log."""

from pathlib import Path

from flask import abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...assets import asset_url
from ...auth_roles import public, roles_required
from ...clients import client_key
from ...extensions import db
from ...models.notify import NotifyPointSettings
from ...notifications import bookings, choices, health, point_settings, report, staff
from ...services import queue
from ...services.points import resolve_point
from ...timeutil import utcnow
from . import bp
from .choice import choice_page, push_refused, push_subscription
from .forms import BookingNotifyForm, BroadcastForm, NotifyForm, PointSettingsForm, TestMessageForm

SERVICE_WORKER = Path(__file__).with_name("sw.js")
CHANNEL_NAMES = {"sms": "SMS", "zns": "Zalo", "push": "Web push"}


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


STATUS_NAMES = {
    "pending": _l("waiting"),
    "sending": _l("sending"),
    "sent": _l("sent"),
    "failed": _l("failed"),
    "skipped": _l("not sent"),
}
EVENT_NAMES = {
    "issued": _l("number issued"),
    "ahead": _l("people ahead"),
    "leave_now": _l("leave now"),
    "called": _l("called"),
    "recalled": _l("called again"),
    "no_show": _l("missed"),
    "test": _l("test message"),
    "broadcast": _l("announcement"),
    "booked": _l("booking confirmed"),
    "reminder_day": _l("reminder the day before"),
    "reminder_hour": _l("reminder an hour before"),
    "booking_closed": _l("booking on a closed day"),
    "booking_hours": _l("booking outside new opening hours"),
    "dossier_watch": _l("dossier: messages chosen"),
    "dossier_received": _l("dossier received"),
    "dossier_supplement": _l("dossier needs supplement"),
    "dossier_ready": _l("dossier result ready"),
    "dossier_due": _l("dossier nearly overdue"),
}


def _staff_point():
    return resolve_point(user=current_user)


def _settings_form(point):
    own = db.session.get(NotifyPointSettings, point.id)  # empty quotas: the deployment's
    return PointSettingsForm(
        formdata=None,
        ahead_at=", ".join(str(n) for n in point_settings.ahead_positions(point.id)),
        quota_sms=own.quota_sms if own else None,
        quota_zns=own.quota_zns if own else None,
    )


def _log_page(test_form=None, broadcast_form=None, settings_form=None, status=200):
    point = _staff_point()
    page = render_template(
        "notify/log.html",
        notifications=report.delivery_log(current_user.point_id),
        usage=report.usage_today(current_user.point_id),
        lag=health.worker_lag(),
        channel_names=CHANNEL_NAMES,
        status_names=STATUS_NAMES,
        event_names=EVENT_NAMES,
        test_form=test_form or TestMessageForm(formdata=None),
        broadcast_form=broadcast_form or BroadcastForm(formdata=None),
        settings_form=settings_form or _settings_form(point),
        reach=staff.broadcast_reach(point),
        point=point,
        sent=request.args.get("sent"),
        count=request.args.get("count", type=int),
        now=utcnow(),  # a message held back (quiet hours, a retry) says until when
    )
    return page, status


@bp.get("/staff/notifications")
@roles_required("staff")
def delivery_log():
    return _log_page()


@bp.post("/staff/notifications/test")
@roles_required("staff")
def send_test():
    form = TestMessageForm()
    if not form.validate_on_submit():
        return _log_page(test_form=form, status=400)
    staff.send_test(_staff_point(), form.channel.data, form.phone.normalised, current_user, client_key())
    return redirect(url_for("notify.delivery_log", sent="test"), code=303)


@bp.post("/staff/notifications/settings")
@roles_required("staff")
def save_settings():
    form = PointSettingsForm()
    if not form.validate_on_submit():
        return _log_page(settings_form=form, status=400)
    point_settings.save(
        _staff_point(),
        form.ahead_at.positions,
        form.quota_sms.data,
        form.quota_zns.data,
        current_user,
        client_key(),
    )
    return redirect(url_for("notify.delivery_log", sent="settings"), code=303)


@bp.post("/staff/notifications/broadcast")
@roles_required("staff")
def broadcast():
    """Two steps: the message, then a confirmation saying how many people it reaches."""
    form = BroadcastForm()
    if not form.validate_on_submit():
        return _log_page(broadcast_form=form, status=400)
    point = _staff_point()
    if form.confirmed.data != "1":
        return render_template("notify/broadcast_confirm.html", form=form, reach=staff.broadcast_reach(point))
    count = staff.broadcast(point, form.text.data.strip(), current_user, client_key())
    return redirect(url_for("notify.delivery_log", sent="broadcast", count=count), code=303)


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
    back = url_for("queue.ticket", token=token)
    if ticket.is_finished:
        return redirect(back, code=303)
    form = NotifyForm()
    if request.method == "GET" and ticket.phone:
        form.phone.data = ticket.phone
    if form.validate_on_submit():
        lang = get_locale().language
        choices.choose(ticket, form.channel.data, form.phone.normalised, int(form.lead_minutes.data), lang)
        return redirect(back, code=303)
    consent = _(
        "%(point)s will use this number only to tell you about number %(label)s today: when to come back and "
        "when you are called. It is erased when the day closes, or at once if you stop the messages.",
        point=ticket.point.t("name"),
        label=ticket.label,
    )
    subject = _("Messages about number %(label)s", label=ticket.label)
    return choice_page(form, subject, consent, back, url_for("notify.choose", token=token))


@bp.route("/a/<token>/notify", methods=["GET", "POST"])
@public
def choose_for_booking(token):
    """The same choice for a booking: its confirmation now, reminders the evening before and an hour before."""
    appointment = bookings.by_token(token)
    if appointment is None:
        abort(404)
    back = url_for("appointments.show", token=token)
    if appointment.status != "booked":
        return redirect(back, code=303)
    form = BookingNotifyForm()
    if request.method == "GET":
        form.phone.data = appointment.phone
    if form.validate_on_submit():
        bookings.choose(appointment, form.channel.data, form.phone.normalised, get_locale().language)
        return redirect(back, code=303)
    code = f"{appointment.code[:3]}-{appointment.code[3:]}"
    consent = _(
        "%(point)s will use this number only for booking %(code)s: a confirmation now, a reminder the evening "
        "before and one an hour before. It is erased after the booking, or at once if you stop the messages.",
        point=appointment.point.t("name"),
        code=code,
    )
    subject = _("Messages about booking %(code)s", code=code)
    return choice_page(form, subject, consent, back, url_for("notify.choose_for_booking", token=token))


@bp.post("/a/<token>/notify/stop")
@public
def stop_for_booking(token):
    appointment = bookings.by_token(token)
    if appointment is None:
        abort(404)
    bookings.stop_all(appointment)
    return redirect(url_for("appointments.show", token=token), code=303)


@bp.post("/t/<token>/push")
@public
def push_subscribe(token):
    """The browser's push subscription (JSON from PushManager.subscribe), sent by static/js/push.js."""
    ticket = _ticket_or_404(token)
    subscription = push_subscription(ticket.is_finished)
    if subscription is None:
        return push_refused()
    choices.choose_push(ticket, *subscription, get_locale().language)
    return "", 204


@bp.post("/t/<token>/notify/stop")
@public
def stop(token):
    choices.stop_all(_ticket_or_404(token))
    return redirect(url_for("queue.ticket", token=token), code=303)
