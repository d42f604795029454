"""How long a resident will really wait: today's measured service times per team, else the typical ones.

The typical minutes of a procedure are a planning figure; once a team has served a few people today,
the median of their real service times is the better guess. `Estimate.guess` says which one it is.
"""

import math
import statistics
from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..models import Desk, Ticket, desk_procedures
from ..services.queue import estimated_wait, people_ahead

MEASURED_AFTER = 5  # served today by the team before its own times count


@dataclass(frozen=True)
class Estimate:
    minutes: int
    ahead: int
    guess: bool  # True: from typical service minutes, too few served today to measure


def service_minutes_today(point_id, team_id, day):
    """Median minutes from start to finish of the team's tickets done today, or None if too few."""
    team = Ticket.team_id.is_(None) if team_id is None else Ticket.team_id == team_id
    rows = db.session.execute(
        select(Ticket.started_at, Ticket.finished_at).where(
            Ticket.point_id == point_id,
            Ticket.service_day == day,
            team,
            Ticket.status == "done",
            Ticket.started_at.is_not(None),
            Ticket.finished_at.is_not(None),
        )
    ).all()
    if len(rows) < MEASURED_AFTER:
        return None
    return statistics.median((f - s).total_seconds() / 60 for s, f in rows)


def _desks_for(ticket):
    serving = select(desk_procedures.c.desk_id).where(desk_procedures.c.procedure_id == ticket.procedure_id)
    return db.session.scalar(
        select(func.count(Desk.id)).where(
            Desk.point_id == ticket.point_id, Desk.active.is_(True), Desk.id.in_(serving)
        )
    )


def expected_wait(ticket):
    ahead = people_ahead(ticket)
    measured = service_minutes_today(ticket.point_id, ticket.team_id, ticket.service_day)
    if measured is None:
        return Estimate(estimated_wait(ticket), ahead, guess=True)
    return Estimate(math.ceil(ahead * measured / max(_desks_for(ticket) or 0, 1)), ahead, guess=False)
