"""Finding a booking again with its code and phone number; cancelling it or moving it."""

from flask import request, url_for

from ...auth_roles import public
from ...clients import client_key
from ...forms.appointments import LookupForm
from ...htmx import refused_status
from ...notifications import bookings as booking_messages
from ...services import appointments as service
from ...services.appointments.changes import ALREADY_YOURS, already_at
from . import bp
from .booking import _held, _picker
from .common import go, page, private


@bp.route("/appointments/find", methods=["GET", "POST"])
@public
def lookup():
    form = LookupForm()
    status, outcome = 200, None
    if request.method == "POST" and form.validate():
        attempt = service.lookup(form.code.data, form.phone.data, client_key())
        if attempt.throttled:
            # htmx does not swap 4xx answers, so the fragment says it with a 200.
            status, outcome = refused_status(429), "throttled"
        elif attempt.appointment is None:
            outcome = "not_found"
        else:
            return go(url_for("appointments.show", token=attempt.appointment.token))
    return private(
        page(
            "appointments/lookup.html",
            "appointments/_lookup.html",
            status_code=status,
            form=form,
            outcome=outcome,
        )
    )


@bp.get("/appointments/b/<token>/cancel")
@public
def confirm_cancel(token):
    """One tap must not destroy a booking: the cancel button leads here, to a form of its own."""
    appointment = _held(token)
    if not service.can_change(appointment):
        return go(url_for("appointments.show", token=token))
    return private(page("appointments/cancel.html", "appointments/_cancel.html", appointment=appointment))


@bp.post("/appointments/b/<token>/cancel")
@public
def cancel(token):
    appointment = _held(token)
    if appointment.status == "cancelled":
        # Cancelled already (the same form sent twice: a double tap): what the resident asked for is
        # done, so they see the booking as the first answer showed it, not an error.
        return go(url_for("appointments.show", token=token))
    try:
        service.cancel(appointment)
        # The consent promised: the number goes when the resident stops the messages, and a
        # cancelled booking has nothing more to say (messages still held are not sent: stale()).
        booking_messages.stop_all(appointment)
    except service.BookingError as error:
        return private(
            page(
                "appointments/show.html",
                "appointments/_confirmation.html",
                status_code=refused_status(),
                appointment=appointment,
                can_change=False,
                error=error.message,
            )
        )
    return go(url_for("appointments.show", token=token))


def _move_link(token):
    return lambda **args: url_for("appointments.move", token=token, **args)


@bp.route("/appointments/b/<token>/move", methods=["GET", "POST"])
@public
def move(token):
    appointment = _held(token)
    if not service.can_change(appointment):
        return go(url_for("appointments.show", token=token))
    point, procedure = appointment.point, appointment.procedure
    source = request.form if request.method == "POST" else request.args
    day, start = service.parse_day(source.get("day")), service.parse_slot(source.get("slot"))
    context = dict(appointment=appointment, point=point, procedure=procedure, step="slots", moving=True)
    if day and start and request.method == "POST" and already_at(appointment, day, start):
        # Already at that time: the move was made by the same form a moment ago (a double tap).
        # The booking page, as after the first; nothing is moved or announced again.
        return go(url_for("appointments.show", token=token))
    if day and start:
        try:
            if already_at(appointment, day, start):  # picked on purpose: say so before a confirm
                raise service.BookingError(ALREADY_YOURS)
            slot = service.find_slot(point, appointment.team, day, start)
            if request.method == "POST":
                service.move(appointment, day, start)
                booking_messages.tell_move(appointment)
                return go(url_for("appointments.show", token=token))
            return private(
                page(
                    "appointments/move.html",
                    "appointments/_booking.html",
                    **dict(context, step="confirm_move", slot=slot),
                )
            )
        except service.BookingError as error:
            status = 200 if request.method == "GET" else refused_status()
            return private(
                page(
                    "appointments/move.html",
                    "appointments/_booking.html",
                    status_code=status,
                    **context,
                    **_picker(point, procedure, day, error.message, _move_link(token)),
                )
            )
    return private(
        page(
            "appointments/move.html",
            "appointments/_booking.html",
            **context,
            **_picker(point, procedure, day, link=_move_link(token)),
        )
    )
