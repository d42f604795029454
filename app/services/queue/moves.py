"""Every move a ticket makes after it is issued: call, recall, start, finish, no-show, transfer, cancel.

Moves use optimistic locking on Ticket.version: two desks pressing at once cannot both win.
Each move writes a TicketEvent and, when a staff member made it, an audit entry, in the same
transaction as the move.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ...extensions import db
from ...models import Desk, Ticket, TicketEvent
from ...models.queue import ACTION_NAMES, AT_DESK, FINISHED, STATUS_NAMES, WAITING
from ...timeutil import utcnow
from .. import audit
from ..transaction import all_or_nothing
from .errors import NobodyWaiting, QueueError
from .line import desk_current, today, waiting_for_desk

# action: (statuses it may start from, status it leads to)
TRANSITIONS = {
    "call": (WAITING, "called"),
    "recall": (("called",), "called"),
    "start": (("called",), "serving"),
    "finish": (("serving",), "done"),
    "no_show": (("called",), "no_show"),
    "transfer": (("waiting", "called", "serving", "transferred"), "transferred"),
    "cancel": (("waiting", "transferred", "called"), "cancelled"),
}


def record_event(ticket, action, from_status, to_status, desk=None, user=None, note=None):
    """The ticket's own history row (who, where, from which status to which)."""
    db.session.add(
        TicketEvent(
            ticket=ticket,
            action=action,
            from_status=from_status,
            to_status=to_status,
            desk_id=desk.id if desk else ticket.desk_id,
            user_id=user.id if user else None,
            at=utcnow(),
            note=note,
        )
    )


def _desk_number(desk_id, acting=None):
    """A desk's number for the audit log, from the session's identity map (no query in practice)."""
    if desk_id is None:
        return None
    if acting is not None and acting.id == desk_id:
        return acting.number
    found = db.session.get(Desk, desk_id)
    return found.number if found else desk_id


def _audit_place(ticket, desk):
    """What a staff move changes on a ticket, as the audit log shows it (numbers, not ids)."""
    return {
        "status": ticket.status,
        "desk": _desk_number(ticket.desk_id, desk),
        "team_id": ticket.team_id,
        "call_count": ticket.call_count,
    }


def _refuse(ticket, action):
    raise QueueError(
        _l(
            "Cannot %(action)s %(label)s now: it is “%(status)s”.",
            action=ACTION_NAMES[action],
            label=ticket.label,
            status=STATUS_NAMES[ticket.status],
        )
    )


def _move(ticket, action, desk=None, user=None, note=None, ip=None, **changes):
    """Apply one transition, record it, commit; refuse illegal or concurrent moves.

    A move made by a staff member or volunteer is also audited, in the same transaction.
    """
    allowed, to_status = TRANSITIONS[action]
    if ticket.status not in allowed:
        _refuse(ticket, action)
    from_status = ticket.status
    before = _audit_place(ticket, desk) if user is not None else None
    ticket.status = to_status
    for name, value in changes.items():
        setattr(ticket, name, value)
    if user is not None:
        ticket.staff_id = user.id
    if to_status in FINISHED:
        ticket.phone = None  # kept only to reach the resident while in line (personal data: the minimum)
        # The form's one-time key (a hash over the phone too) goes with it: the same page sent
        # again after a cancel takes a new number, not the cancelled one.
        ticket.submission_key = None
    try:
        with all_or_nothing():  # the move, its event and its audit entry stand or fall together
            record_event(ticket, action, from_status, to_status, desk=desk, user=user, note=note)
            if user is not None:
                # record() keeps what changed; "label" and "at_desk" (where the button was pressed)
                # are never in `before`, so they always show.
                audit.record(
                    f"ticket.{action}",
                    "ticket",
                    ticket.id,
                    user=user,
                    point_id=ticket.point_id,
                    ip=ip,
                    before=before,
                    after={
                        **_audit_place(ticket, desk),
                        "label": ticket.label,
                        "at_desk": desk.number if desk is not None else None,
                    },
                )
    except StaleDataError:
        raise QueueError(
            _l(
                "Someone else changed ticket %(label)s a moment ago. Check the list and try again.",
                label=ticket.label,
            )
        )
    return ticket


def _at_this_desk(ticket, desk, action):
    if ticket.point_id != desk.point_id:
        raise QueueError(_l("This ticket belongs to another service point."))
    if ticket.status in AT_DESK and ticket.desk_id != desk.id:
        raise QueueError(
            _l(
                "Ticket %(label)s is at desk %(desk)s, not at this desk.",
                label=ticket.label,
                desk=ticket.desk.number,
            )
        )
    if ticket.status not in TRANSITIONS[action][0]:
        _refuse(ticket, action)


def call(ticket, desk, user=None, ip=None):
    """Call one particular waiting ticket to `desk` (call_next picks it for you)."""
    if ticket.point_id != desk.point_id:
        raise QueueError(_l("This ticket belongs to another service point."))
    current = desk_current(desk)
    if current is not None and current.id != ticket.id:
        raise QueueError(
            _l(
                "Finish ticket %(label)s, or mark it not present, before calling another.",
                label=current.label,
            )
        )
    return _move(
        ticket,
        "call",
        desk=desk,
        user=user,
        ip=ip,
        desk_id=desk.id,
        team_id=desk.team_id,
        called_at=utcnow(),
        call_count=(ticket.call_count or 0) + 1,
    )


def call_next(desk, user=None, ip=None):
    """Call the first ticket this desk may serve; refused while the desk still has someone."""
    current = desk_current(desk)
    if current is not None:
        raise QueueError(
            _l(
                "Finish ticket %(label)s, or mark it not present, before calling the next one.",
                label=current.label,
            )
        )
    for _attempt in range(8):
        candidates = waiting_for_desk(desk, limit=1)
        if not candidates:
            raise NobodyWaiting(_l("Nobody is waiting for this desk."))
        try:
            return call(candidates[0], desk, user, ip=ip)
        except QueueError:
            # Another desk took it a moment ago: try the next one in line.
            db.session.expire_all()
    raise QueueError(_l("The queue is very busy right now. Please try again."))


def recall(ticket, desk, user=None, ip=None):
    _at_this_desk(ticket, desk, "recall")
    return _move(
        ticket,
        "recall",
        desk=desk,
        user=user,
        ip=ip,
        called_at=utcnow(),
        call_count=(ticket.call_count or 0) + 1,
    )


def start(ticket, desk, user=None, ip=None):
    _at_this_desk(ticket, desk, "start")
    return _move(ticket, "start", desk=desk, user=user, ip=ip, started_at=utcnow())


def finish(ticket, desk, user=None, ip=None):
    _at_this_desk(ticket, desk, "finish")
    return _move(ticket, "finish", desk=desk, user=user, ip=ip, finished_at=utcnow())


def no_show(ticket, desk, user=None, ip=None):
    _at_this_desk(ticket, desk, "no_show")
    return _move(ticket, "no_show", desk=desk, user=user, ip=ip, finished_at=utcnow())


def transfer(ticket, desk, user=None, to_desk=None, to_team=None, ip=None):
    """Send the ticket to another desk or another team's line; it keeps its number and place."""
    _at_this_desk(ticket, desk, "transfer")
    if (to_desk is None) == (to_team is None):
        raise QueueError(_l("Choose one desk or one team to transfer to."))
    if to_desk is not None:
        if to_desk.point_id != ticket.point_id or not to_desk.active:
            raise QueueError(_l("That desk is not open at this point."))
        if to_desk.id == desk.id and ticket.status in AT_DESK:
            raise QueueError(_l("The ticket is already at this desk."))
        target = dict(desk_id=to_desk.id, team_id=to_desk.team_id)
        note = f"desk:{to_desk.number}"
    else:
        if to_team.point_id != ticket.point_id:
            raise QueueError(_l("That team does not work at this point."))
        target = dict(desk_id=None, team_id=to_team.id)
        note = f"team:{to_team.code}"
    _move(ticket, "transfer", desk=desk, user=user, note=note, ip=ip, **target)
    return ticket


def cancel(ticket):
    """The resident gives up their place (from their own page)."""
    return _move(ticket, "cancel", finished_at=utcnow())


def close_days(before=None):
    """Close tickets still open from earlier days (nobody finished them): cancelled, phone erased.

    Run daily (`flask queue close-days`); returns how many were closed.
    """
    before = before or today()
    left = db.session.scalars(
        select(Ticket).where(Ticket.service_day < before, Ticket.status.in_(WAITING + AT_DESK))
    ).all()
    now = utcnow()
    for ticket in left:
        record_event(ticket, "close_day", ticket.status, "cancelled", note="end of day")
        ticket.status, ticket.finished_at, ticket.phone = "cancelled", now, None
    db.session.commit()
    return len(left)
