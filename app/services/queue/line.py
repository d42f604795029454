"""The order of the line: who desks call next, people ahead, waiting time, what a resident's card shows."""

import math
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select

from ...extensions import db
from ...models import Desk, Procedure, Ticket, desk_procedures
from ...models.queue import AT_DESK, WAITING
from ...timeutil import local_now

SOON_AHEAD = 3  # "sắp đến lượt" when this many people or fewer are ahead


def call_order():
    """Appointments first, then priority (elderly, disabled, pregnant, small children), then FIFO."""
    return (
        case((Ticket.channel == "appointment", 0), else_=1),
        case((Ticket.priority.is_(None), 1), else_=0),
        Ticket.issued_at,
        Ticket.id,
    )


def today(now=None):
    return (now or local_now()).date()


def _line(ticket):
    """(id, service minutes) of the tickets waiting in `ticket`'s queue, in call order."""
    team_filter = Ticket.team_id.is_(None) if ticket.team_id is None else Ticket.team_id == ticket.team_id
    stmt = (
        select(Ticket.id, Procedure.service_minutes)
        .join(Procedure, Procedure.id == Ticket.procedure_id)
        .where(
            Ticket.point_id == ticket.point_id,
            Ticket.service_day == ticket.service_day,
            Ticket.status.in_(WAITING),
            team_filter,
        )
        .order_by(*call_order())
    )
    return db.session.execute(stmt).all()


def people_ahead(ticket, line=None):
    """How many people desks will call before `ticket` (0 once it has been called)."""
    if not ticket.is_waiting:
        return 0
    line = _line(ticket) if line is None else line
    ids = [row.id for row in line]
    return ids.index(ticket.id) if ticket.id in ids else 0


def open_desks_for(ticket):
    """Active desks that can take this ticket: the transfer target, or those serving its procedure."""
    if ticket.status == "transferred" and ticket.desk_id is not None:
        return 1
    desks = select(func.count(Desk.id)).where(Desk.point_id == ticket.point_id, Desk.active.is_(True))
    if ticket.status == "transferred":
        return db.session.scalar(desks.where(Desk.team_id == ticket.team_id))
    return db.session.scalar(desks.where(Desk.procedures.any(Procedure.id == ticket.procedure_id)))


def estimated_wait(ticket, line=None, desks=None):
    """Minutes until `ticket` is likely called: service minutes of those ahead over open desks."""
    if not ticket.is_waiting:
        return 0
    line = _line(ticket) if line is None else line
    ahead = people_ahead(ticket, line)
    minutes = sum(row.service_minutes for row in line[:ahead])
    desks = open_desks_for(ticket) if desks is None else desks
    return math.ceil(minutes / max(desks, 1))


def waiting_for_desk(desk, limit=None, now=None):
    """Tickets this desk may call, in the order it should call them."""
    served = select(desk_procedures.c.procedure_id).where(desk_procedures.c.desk_id == desk.id)
    stmt = (
        select(Ticket)
        .where(
            Ticket.point_id == desk.point_id,
            Ticket.service_day == today(now),
            Ticket.status.in_(WAITING),
            or_(
                Ticket.desk_id == desk.id,
                and_(
                    Ticket.desk_id.is_(None),
                    or_(
                        Ticket.procedure_id.in_(served),
                        and_(Ticket.status == "transferred", Ticket.team_id == desk.team_id),
                    ),
                ),
            ),
        )
        .order_by(*call_order())
    )
    return db.session.scalars(stmt.limit(limit) if limit else stmt).all()


def desk_current(desk, now=None):
    """The ticket called to or being served at `desk`, if any."""
    return db.session.scalars(
        select(Ticket)
        .where(Ticket.desk_id == desk.id, Ticket.service_day == today(now), Ticket.status.in_(AT_DESK))
        .order_by(Ticket.called_at.desc())
        .limit(1)
    ).first()


def now_serving(point_id, day, team_id):
    """The number most recently called in a queue, while it is at a desk."""
    team_filter = Ticket.team_id.is_(None) if team_id is None else Ticket.team_id == team_id
    row = db.session.execute(
        select(Ticket.prefix, Ticket.number)
        .where(
            Ticket.point_id == point_id, Ticket.service_day == day, Ticket.status.in_(AT_DESK), team_filter
        )
        .order_by(Ticket.called_at.desc())
        .limit(1)
    ).first()
    return f"{row.prefix}{row.number:03d}" if row else None


@dataclass(frozen=True)
class TicketStatus:
    """Everything the resident's page shows that can change; `state` feeds the ETag."""

    ticket: Ticket
    ahead: int
    wait_minutes: int
    now_serving: str | None
    desk_number: int | None

    @property
    def soon(self):
        return self.ticket.is_waiting and self.ahead <= SOON_AHEAD

    @property
    def state(self):
        t = self.ticket
        return (t.id, t.version, t.status, self.ahead, self.wait_minutes, self.now_serving, self.desk_number)


def ticket_status(ticket):
    line = _line(ticket) if ticket.is_waiting else []
    ahead = people_ahead(ticket, line)
    return TicketStatus(
        ticket=ticket,
        ahead=ahead,
        wait_minutes=estimated_wait(ticket, line) if ticket.is_waiting else 0,
        now_serving=now_serving(ticket.point_id, ticket.service_day, ticket.team_id),
        desk_number=ticket.desk.number if ticket.desk_id and ticket.status in AT_DESK else None,
    )
