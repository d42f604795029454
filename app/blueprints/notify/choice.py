"""A resident's choice of messages, alike for a ticket, a booking and a dossier: the one question
page, and the browser's push subscription sent by static/js/push.js."""

from flask import jsonify, render_template, request
from flask_babel import gettext as _

from ...notifications import choices


def choice_page(form, subject, consent, back, action):
    """templates/notify/choose.html; 400 when the answers were refused."""
    page = render_template(
        "notify/choose.html", form=form, subject=subject, consent=consent, back=back, action=action
    )
    return page, 400 if form.errors else 200


def push_subscription(finished):
    """(endpoint, p256dh, auth) from PushManager.subscribe's JSON; None if unusable or `finished`."""
    data = request.get_json(silent=True) or {}
    endpoint, keys = data.get("endpoint"), data.get("keys") or {}
    if finished or not choices.valid_push(endpoint, keys.get("p256dh"), keys.get("auth")):
        return None
    return endpoint, keys["p256dh"], keys["auth"]


def push_refused():
    return jsonify(error=_("This phone could not be set up for notifications. Use SMS or Zalo instead.")), 400
