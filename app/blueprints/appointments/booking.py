"""Booking, step by step: a procedure, a day and a time, name and phone, then the confirmation."""

from flask import Response, abort, request, url_for
from flask_babel import gettext as _

from ...auth_roles import public
from ...clients import client_key
from ...forms.appointments import DetailsForm
from ...htmx import refused_status
from ...services import appointments as service
from ...services.appointments.closures import HOURS_CHANGED, closure_of
from . import bp
from .common import go, page, point_or_503, private


def _picker(point, procedure, day, error=None, link=None):
    """The context of the day-and-time step: days with places, the chosen day's slots."""
    days = service.free_days(point, procedure)
    chosen = next((d for d, _slots in days if d == day), None)
    if chosen is None:
        chosen = next((d for d, slots in days if any(s.left for s in slots)), days[0][0] if days else None)
    link = link or (lambda **args: url_for("appointments.new", procedure=procedure.code, **args))
    return dict(
        days=days,
        chosen=chosen,
        slots=dict(days).get(chosen, []),
        error=error,
        link=link,
        team=service.team_for(point, procedure),
    )


def _step(step, status_code=200, **context):
    """One step of the booking: the whole page, or only the booking panel for htmx."""
    return page(
        "appointments/new.html", "appointments/_booking.html", status_code=status_code, step=step, **context
    )


def _procedure_step(point, procedures):
    """Which procedure? Reached from a team's free time on a closed page (?day, slot, team), it
    offers that team's procedures and keeps the time, so the next step is name and phone."""
    day, slot = request.args.get("day"), None
    team_id = request.args.get("team", type=int)
    if team_id is not None:
        of_team = [p for p in procedures if service.team_for(point, p).id == team_id]
        if of_team:
            procedures, slot = of_team, request.args.get("slot")
    return _step("procedure", procedures=procedures, point=point, day=day, slot=slot)


def _slots_page(point, procedure, day, message=None, status_code=200):
    """The day-and-time step, with why a chosen time cannot be booked when there is a message."""
    return _step(
        "slots", status_code, point=point, procedure=procedure, **_picker(point, procedure, day, message)
    )


def _details_page(point, procedure, slot, form, status_code=200):
    """The name-and-phone step for the chosen time."""
    return _step("details", status_code, point=point, procedure=procedure, slot=slot, form=form)


def _slots_again(point, procedure, day, message):
    """A refused booking: back to the times with the reason (409, or 200 so htmx swaps it in)."""
    return _slots_page(point, procedure, day, message, status_code=refused_status())


@bp.get("/appointments/new")
@public
def new():
    point = point_or_503()
    procedures = service.bookable_procedures(point)
    procedure = next((p for p in procedures if p.code == request.args.get("procedure")), None)
    if procedure is None:
        return _procedure_step(point, procedures)
    day = service.parse_day(request.args.get("day"))
    start = service.parse_slot(request.args.get("slot"))
    if day and start:
        try:
            slot = service.find_slot(point, service.team_for(point, procedure), day, start)
        except service.BookingError as error:
            return _slots_page(point, procedure, day, error.message)
        form = DetailsForm(data={"procedure": procedure.code, "day": day.isoformat(), "slot": slot.key})
        return _details_page(point, procedure, slot, form)
    return _slots_page(point, procedure, day)


@bp.post("/appointments")
@public
def create():
    point = point_or_503()
    form = DetailsForm()
    procedure = next((p for p in service.bookable_procedures(point) if p.code == form.procedure.data), None)
    if procedure is None:
        return go(url_for("appointments.new"))
    day, start = service.parse_day(form.day.data), service.parse_slot(form.slot.data)
    # Sent again (a double tap): the booking it made, before its now-taken place is checked.
    first = service.booked_with(
        form.submission.data, point, procedure, day, start, form.name.data, form.phone.data
    )
    if first is not None:
        return go(url_for("appointments.show", token=first.token, booked=1))
    team = service.team_for(point, procedure)
    try:
        slot = service.find_slot(point, team, day, start)
    except service.BookingError as error:
        return _slots_again(point, procedure, day, error.message)
    if form.validate():
        try:
            appointment = service.book(
                point,
                procedure,
                day,
                start,
                form.name.data,
                form.phone.data,
                client_key=client_key(),
                form_key=form.submission.data,
            )
        except (service.TooManyBookings, service.Throttled) as error:
            form.phone.errors.append(error.message)
            status = refused_status(429 if isinstance(error, service.Throttled) else 200)
            return _details_page(point, procedure, slot, form, status)
        except service.BookingError as error:
            return _slots_again(point, procedure, day, error.message)
        return go(url_for("appointments.show", token=appointment.token, booked=1))
    return _details_page(point, procedure, slot, form)


def _held(token):
    appointment = service.by_token(token)
    if appointment is None:
        abort(
            404,
            description=_(
                "This booking link is not valid. Find your booking with its code and your phone number."
            ),
        )
    return appointment


@bp.get("/appointments/b/<token>")
@public
def show(token):
    appointment = _held(token)
    closed_reason = closure_of(appointment)
    return private(
        page(
            "appointments/show.html",
            "appointments/_confirmation.html",
            appointment=appointment,
            just_booked=request.args.get("booked") == "1",
            can_change=service.can_change(appointment),
            closed_reason=closed_reason,
            hours_changed=closed_reason == str(HOURS_CHANGED),  # open that day, not at that time
        )
    )


@bp.get("/appointments/b/<token>.ics")
@public
def calendar(token):
    appointment = _held(token)
    point = appointment.point
    summary = f"{appointment.procedure.t('name')} – {point.t('name')}"
    description = "\n".join(
        [
            _("Booking code: %(code)s", code=appointment.display_code),
            _("Booked for: %(name)s", name=appointment.name),
            _(
                "Bring the papers listed for the procedure. Show this code at the point to get a priority ticket."
            ),
            url_for("appointments.show", token=appointment.token, _external=True),
        ]
    )
    body = service.ics(appointment, summary, description, host=request.host.split(":")[0] or "tdp")
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="lich-hen-{appointment.code}.ics"'
    return private(response)
