"""Each team's booking settings (slot length, capacity, horizon, phone limit) and what can be booked."""

from sqlalchemy import select

from ...extensions import db
from ...models import BookingSettings, Team
from .. import audit, queue


def settings_for(team):
    """The team's booking settings; defaults (not saved) until an admin changes them."""
    row = db.session.get(BookingSettings, team.id)
    if row is None:
        row = BookingSettings(team_id=team.id, point_id=team.point_id, **BookingSettings.DEFAULTS)
    return row


def update_settings(team, user=None, **values):
    """An admin's change to a team's slot length, capacity, horizon or phone limit (audited)."""
    row = db.session.get(BookingSettings, team.id)
    fields = tuple(BookingSettings.DEFAULTS)
    if row is None:
        row = BookingSettings(team_id=team.id, point_id=team.point_id, **BookingSettings.DEFAULTS)
        db.session.add(row)
    before = audit.snapshot(row, fields)
    for name in fields:
        if values.get(name) is not None:
            setattr(row, name, int(values[name]))
    audit.record(
        "booking_settings.update",
        "team",
        team.id,
        user=user,
        point_id=team.point_id,
        before=before,
        after=audit.snapshot(row, fields),
    )
    db.session.commit()
    return row


def teams_at(point):
    return db.session.scalars(
        select(Team).filter_by(point_id=point.id).order_by(Team.ticket_prefix, Team.id)
    ).all()


def teams_with_settings(point):
    return [(team, settings_for(team)) for team in teams_at(point)]


def team_for(point, procedure):
    return queue.team_for(point, procedure)


def bookable_procedures(point):
    """Procedures served at `point` whose team takes bookings (capacity above zero)."""
    found = []
    for procedure in queue.procedures_at(point):
        team = team_for(point, procedure)
        if team is not None and settings_for(team).capacity > 0:
            found.append(procedure)
    return found
