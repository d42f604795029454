"""A desk's state today (open, on a break, closed; who is at it) and its own counts of the day.

The state lives on the Desk row (state, state_day, state_since, staff_id), so changing it is a
desk change that the queue's one record of moves (services/queue/record.py) sees in the same
flush: the point's version for today is bumped, boards and phones refresh, cached answers and
snapshots are dropped. A state set on an earlier day no longer counts: every desk opens the day
open, as desks always did. A desk on a break or closed does not call (the console offers
"Back at the desk" instead), shows as such on the board, and is not counted among the open desks
that wait estimates divide by.
"""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..models import Ticket, TicketEvent
from ..models.procedure import DESK_STATES as STATES
from ..models.procedure import desk_state_on as state_on
from ..timeutil import local_today, utcnow
from . import audit
from .queue import QueueError, desk_current
from .reports.periods import Period

STATE_NAMES = {"open": _l("Open"), "break": _l("On a break"), "closed": _l("Desk closed")}
NUMBER = re.compile(r"^\s*([A-Za-z]?)\s*-?\s*0*(\d{1,4})\s*$")


def state_of(desk, day=None):
    return state_on(desk.state, desk.state_day, day or local_today())


def staff_at(desk, day=None):
    """Who said they are at the desk today (None when nobody has)."""
    return desk.staff if desk.state_day == (day or local_today()) else None


def set_state(desk, state, user, ip=None):
    """Open the desk (the person pressing is now at it), put it on a break, or close it; audited.

    Refused while someone is called to or served at the desk: finish them first."""
    if state not in STATES:
        raise QueueError(_l("Choose open, on a break or closed."))
    current = desk_current(desk)
    if state != "open" and current is not None:
        raise QueueError(_still_here(current))
    before = {"state": state_of(desk), "staff": getattr(staff_at(desk), "username", None)}
    desk.state, desk.state_day, desk.state_since = state, local_today(), utcnow()
    if state == "open" or desk.staff_id is None:
        desk.staff_id = user.id if user is not None else None
    audit.record(
        f"desk.{state}",
        "desk",
        desk.id,
        user=user,
        point_id=desk.point_id,
        ip=ip,
        before=before,
        after={"state": state, "staff": getattr(user, "username", None), "label": str(desk.number)},
    )
    db.session.commit()  # a desk change: record.py bumps the point's version in this transaction
    return desk


def _still_here(ticket):
    """Why the desk cannot be left, naming the buttons the console shows for this ticket now."""
    if ticket.status == "called":
        return _l(
            "Ticket %(label)s is called to this desk: start serving it, mark it not present or transfer it "
            "before leaving the desk.",
            label=ticket.label,
        )
    return _l("Finish ticket %(label)s, or transfer it, before leaving the desk.", label=ticket.label)


def refuse_unless_open(desk):
    """A desk on a break or closed does not call anyone."""
    state = state_of(desk)
    if state == "break":
        raise QueueError(_l("This desk is on a break. Press “Back at the desk” before calling."))
    if state == "closed":
        raise QueueError(_l("This desk is closed. Open it before calling."))


def ticket_by_number(desk, typed):
    """Today's ticket at the desk's point with the number typed ("A012", "a12", or "12" for the
    desk's own team prefix), or a QueueError saying what is wrong."""
    found = NUMBER.match(typed or "")
    if not found:
        raise QueueError(_l("Type a number such as A012."))
    prefix = (found.group(1) or desk.team.ticket_prefix or "").upper()
    ticket = db.session.scalars(
        select(Ticket).where(
            Ticket.point_id == desk.point_id,
            Ticket.service_day == local_today(),
            Ticket.prefix == prefix,
            Ticket.number == int(found.group(2)),
        )
    ).first()
    if ticket is None:
        raise QueueError(
            _l("There is no number %(label)s today.", label=f"{prefix}{int(found.group(2)):03d}")
        )
    return ticket


def counts_today(desk):
    """This desk's own counts today: {'call': tickets called, 'finish': served, 'no_show', 'transfer'}."""
    first, after = Period("day", local_today(), local_today()).utc_bounds()
    rows = db.session.execute(
        select(TicketEvent.action, func.count(func.distinct(TicketEvent.ticket_id)))
        .where(
            TicketEvent.desk_id == desk.id,
            TicketEvent.at >= first,
            TicketEvent.at < after,
            TicketEvent.action.in_(("call", "finish", "no_show", "transfer")),
        )
        .group_by(TicketEvent.action)
    ).all()
    counts = {"call": 0, "finish": 0, "no_show": 0, "transfer": 0}
    counts.update(dict(rows))
    return counts


def console_view(desk):
    """What the desk console shows of the desk itself (templates/desk/_state.html)."""
    return dict(
        desk_state=state_of(desk),
        desk_staff=staff_at(desk),
        desk_counts=counts_today(desk),
        state_names=STATE_NAMES,
    )
