"""The order of the line: which ticket a desk calls next, who is at a desk, people ahead and waiting time."""

from sqlalchemy import and_, case, or_, select

from ...extensions import db
from ...models import Ticket, desk_procedures
from ...models.queue import AT_DESK, WAITING
from ...timeutil import local_now
from .snapshot import point_day


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


def people_ahead(ticket):
    """How many people desks will call before `ticket` (0 once it has been called)."""
    if not ticket.is_waiting:
        return 0
    return point_day(ticket.point_id, ticket.service_day).ahead.get(ticket.id, (0, 0))[0]


def estimated_wait(ticket):
    """Minutes until `ticket` is likely called: service minutes of those ahead over open desks."""
    snap = point_day(ticket.point_id, ticket.service_day)
    row = snap.tickets.get(ticket.id)
    return snap.wait_minutes(row) if row is not None else 0


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
