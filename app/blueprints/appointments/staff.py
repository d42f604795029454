"""Staff: the day's bookings per team and slot, one-tap check-in; admins: booking settings per team."""

from datetime import timedelta

from flask import abort, flash, get_flashed_messages, request, url_for
from flask_babel import gettext as _

from ...auth_roles import roles_required
from ...extensions import db
from ...forms.appointments import SettingsForm
from ...htmx import is_htmx, render
from ...models import BookingSettings, Team
from ...services import appointments as service
from ...services.appointments.closures import closure_reason, outside_hours_on
from ...services.queue import QueueError
from ...timeutil import local_today
from . import bp
from .common import go, private, staff_point, user


def _day_context(point, day, error=None):
    teams = service.day_list(point, day)
    return dict(
        point=point,
        day=day,
        teams=teams,
        closed_reason=closure_reason(point, day),
        outside_hours=outside_hours_on(point, day),  # the hours were shortened under them
        held=sum(b.status == "booked" for _team, rows in teams for row in rows for b in row.bookings),
        error=error,
        previous_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
        today=local_today(),
        messages=get_flashed_messages(),
    )


@bp.get("/appointments/day")
@roles_required("staff", "volunteer")
def day_list():
    day = service.parse_day(request.args.get("day")) or local_today()
    return private(
        render("appointments/day.html", "appointments/_day.html", **_day_context(staff_point(), day))
    )


@bp.post("/appointments/<int:appointment_id>/check-in")
@roles_required("staff", "volunteer")
def check_in(appointment_id):
    appointment = service.appointment_for_staff(appointment_id, user())
    if appointment is None:
        abort(404)
    error, ticket = None, None
    try:
        ticket = service.check_in(appointment, user=user())
    except (service.BookingError, QueueError) as refused:
        error = str(refused.message)
    if is_htmx():
        return private(
            render(
                "appointments/_row.html",
                "appointments/_row.html",
                booking=appointment,
                row_error=error,
                today=local_today(),
            )
        )
    if error:
        return private(
            render(
                "appointments/day.html",
                "appointments/_day.html",
                status_code=409,
                **_day_context(appointment.point, appointment.day, error),
            )
        )
    flash(_("%(name)s is checked in: ticket %(label)s.", name=appointment.name, label=ticket.label))
    return go(url_for("appointments.day_list", day=appointment.day.isoformat()))


def _settings_forms(point, posted_team_id=None, posted_form=None):
    rows = []
    for team, settings in service.teams_with_settings(point):
        if team.id == posted_team_id:
            form = posted_form
        else:
            form = SettingsForm(
                prefix=f"t{team.id}",
                meta={"csrf": False},
                data={k: getattr(settings, k) for k in settings.DEFAULTS},
            )
        rows.append((team, form))
    return rows


@bp.get("/appointments/settings")
@roles_required("admin")
def settings():
    point = staff_point()
    return private(
        render(
            "appointments/settings.html",
            "appointments/_settings.html",
            point=point,
            rows=_settings_forms(point),
            messages=get_flashed_messages(),
            saved=None,
        )
    )


def _team_settings(team, form, saved):
    """One team's settings row, swapped in place by htmx after a save."""
    template = "appointments/_settings_team.html"
    return private(render(template, template, team=team, form=form, saved=saved))


@bp.post("/appointments/settings/<int:team_id>")
@roles_required("admin")
def save_settings(team_id):
    team = db.get_or_404(Team, team_id)
    point = team.point
    form = SettingsForm(prefix=f"t{team.id}", meta={"csrf": False})  # CSRFProtect checked the token
    if form.validate():
        service.update_settings(team, user=user(), **{k: form[k].data for k in BookingSettings.DEFAULTS})
        if not is_htmx():
            flash(_("Booking settings saved for %(team)s.", team=team.t("name")))
            return go(url_for("appointments.settings"))
        form = SettingsForm(
            prefix=f"t{team.id}",
            formdata=None,
            meta={"csrf": False},
            data={k: form[k].data for k in BookingSettings.DEFAULTS},
        )
        return _team_settings(team, form, saved=True)
    if is_htmx():
        return _team_settings(team, form, saved=False)
    return private(
        render(
            "appointments/settings.html",
            "appointments/_settings.html",
            point=point,
            rows=_settings_forms(point, team.id, form),
            messages=[],
            saved=None,
            form=form,
        )
    )
