"""Appointments: residents book, look up, cancel and move; staff check in; admins set capacity."""

import click
from flask import Blueprint

from ...services import appointments as appointment_service

# cli_group=None: `flask --app wsgi mark-missed-appointments` sits beside the other commands.
bp = Blueprint("appointments", __name__, cli_group=None)


@bp.record_once
def _configure(state):
    appointment_service.configure(state.app)


@bp.url_defaults
def _keep_point(endpoint, values):
    """Links and forms of the booking steps stay at the point the resident chose."""
    from flask import g

    point = g.get("appointment_point")
    if point is not None and "point" not in values:
        values["point"] = point.slug


@bp.cli.command("mark-missed-appointments")
def mark_missed_appointments():
    """Mark bookings not checked in after their slot as missed (run every few minutes)."""
    count = appointment_service.mark_missed()
    click.echo(f"Marked {count} booking(s) as missed.")


from . import booking, manage, staff  # noqa: E402,F401
