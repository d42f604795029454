"""What every template can use: the point, user, language, display choices, share cards, shared helpers.

Globals and filters that templates of more than one blueprint call are registered here, not by
a blueprint, so a page never depends on another area's blueprint being registered.
"""

import segno
from flask import current_app, request, url_for
from flask_babel import format_number, get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from .models.base import current_language
from .notifications import bookings, choices, dossier_events
from .notifications.vapid import public_key_b64
from .request_hooks import visit_stats
from .services import appointments, display, queue, share
from .services.markup import plain_excerpt, render_body
from .services.points import default_point
from .shared_pc import template_context as shared_pc_context


def weekday_names():
    """Monday to Sunday in the reader's language; index 0 is Monday, as date.weekday() counts."""
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]


def post_body(post):
    """A post's body in the reader's language as sanitised HTML (see services/markup.py)."""
    return render_body(post.t("body") or "", post.body_format)


def post_excerpt(post, length=220):
    return plain_excerpt(post.t("body") or "", post.body_format, length)


def queue_summary(point):
    """Waiting count and numbers at the desks, for the home page's status box."""
    return queue.summary(point)


def appointment_next_slots(point, procedure=None, limit=3):
    """For templates/appointments/_next_slots.html, which the ticket page includes when closed."""
    return appointments.next_free_slots(point, procedure, limit) if point is not None else []


def absolute_url(path):
    return share.absolute_url(path, current_app.config.get("PUBLIC_BASE_URL"), request.host_url)


def share_card(point=None):
    """The picture for a page's Open Graph tags: the page's point, else the deployment's first."""
    point = point if getattr(point, "slug", None) else default_point()
    if point is None:
        return None
    version = share.hours_version(point)
    return {
        "point": point,
        "image": absolute_url(url_for("kit.preview", slug=point.slug, v=version)),
    }


def qr_svg(url):
    """A QR code as inline SVG (segno): no image request, nothing for the CSP to allow."""
    return Markup(segno.make(url, error="m").svg_inline(border=2, omitsize=True))


def notify_choices(token):
    """The ticket's active message channels, for the ticket page's block (templates/notify/_ticket.html)."""
    ticket = queue.ticket_by_token(token)
    return choices.active_for(ticket) if ticket is not None else []


def booking_notify_choices(token):
    """A booking's active message channels, for its confirmation page (templates/notify/_appointment.html)."""
    appointment = bookings.by_token(token)
    return bookings.active_for(appointment) if appointment is not None else []


def dossier_notify_choices(dossier):
    """The dossier's active message channels, for its receipt (templates/notify/_dossier*.html)."""
    return dossier_events.active_for(dossier)


def init_app(app):
    @app.context_processor
    def globals_for_templates():
        return {
            "lang": current_language(),
            "current_path": request.full_path.rstrip("?") if request else "/",
            "locale": get_locale(),
        }

    app.context_processor(shared_pc_context)

    @app.context_processor
    def display_choices():
        """Larger text and high contrast, chosen with the display switches (a cookie)."""
        chosen = display.parse(request.cookies.get(display.COOKIE)) if request else frozenset()
        return {"display_chosen": chosen, "display_classes": display.html_classes(chosen)}

    # Globals, not context: macros imported from components/ see them too.
    app.jinja_env.globals.update(
        csrf_token_value=generate_csrf,
        visit_stats=visit_stats,
        queue_summary=queue_summary,
        appointment_next_slots=appointment_next_slots,
        absolute_url=absolute_url,
        share_card=share_card,
        qr_svg=qr_svg,
        notify_choices=notify_choices,
        booking_notify_choices=booking_notify_choices,
        dossier_notify_choices=dossier_notify_choices,
        vapid_public_key=public_key_b64,
    )
    app.jinja_env.filters.update(number=format_number, post_body=post_body, post_excerpt=post_excerpt)
