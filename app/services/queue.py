"""The live queue: issuing tickets, the order desks call them in, and every move a ticket makes.

Numbers come from a counter row bumped atomically inside the ticket's own transaction, so
they are gap-free and unique per (point, day, prefix) across workers and app instances.
Moves use optimistic locking on Ticket.version: two desks pressing at once cannot both win.
"""

import math
import secrets
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..models import Desk, Post, Procedure, Team, Ticket, TicketCounter, TicketEvent, desk_procedures
from ..models.queue import AT_DESK, CHANNELS, FINISHED, PRIORITIES, WAITING
from ..timeutil import local_now, utcnow
from . import audit, schedule, throttle
from .sqlfuncs import upsert_insert

SOON_AHEAD = 3  # "sắp đến lượt" when this many people or fewer are ahead
NEXT_ON_BOARD = 6

DEFAULT_LIMITS = {
    # (tickets, window in seconds); public tickets only, office tickets are never limited
    "per_phone": (4, 3600),
    "per_browser": (6, 3600),
    # Generous: a room of residents behind one Wi-Fi, or a carrier's shared address.
    "per_ip": (300, 3600),
    "active_per_phone": 3,
}


class QueueError(Exception):
    """A move the queue refuses, with a message for the person who tried it."""

    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self):
        try:
            return str(self.message)
        except RuntimeError:  # no request (CLI, tests): the English message id
            return _untranslated(self.message)


def _untranslated(value):
    """A lazy message rendered with its English id, for use outside a request."""
    args, kwargs = getattr(value, "_args", None), getattr(value, "_kwargs", None)
    if not args:
        return str(value)
    return args[0] % {k: _untranslated(v) for k, v in kwargs.items()} if kwargs else args[0]


class QueueClosed(QueueError):
    """Outside opening hours: `next_slot` says when the point opens again (or None)."""

    def __init__(self, message, next_slot=None, closed_reason=None):
        super().__init__(message)
        self.next_slot = next_slot
        self.closed_reason = closed_reason


class TooManyTickets(QueueError):
    pass


class NobodyWaiting(QueueError):
    pass


def limits():
    return {**DEFAULT_LIMITS, **current_app.config.get("QUEUE_LIMITS", {})}


# ---------------------------------------------------------------- what a point serves


def procedures_at(point):
    """Active procedures residents can take a ticket for at `point`."""
    served = (
        select(desk_procedures.c.procedure_id)
        .join(Desk, Desk.id == desk_procedures.c.desk_id)
        .where(Desk.point_id == point.id, Desk.active.is_(True))
    )
    teams = select(Team.id).where(Team.point_id == point.id)
    return (
        Procedure.query.filter(
            Procedure.active.is_(True), or_(Procedure.id.in_(served), Procedure.team_id.in_(teams))
        )
        .order_by(Procedure.sort_order, Procedure.name_vi)
        .all()
    )


def team_for(point, procedure):
    """The team whose queue a ticket for `procedure` joins at `point` (None: the default queue)."""
    if procedure.team is not None and procedure.team.point_id == point.id:
        return procedure.team
    desk = (
        Desk.query.filter(
            Desk.point_id == point.id,
            Desk.active.is_(True),
            Desk.procedures.any(Procedure.id == procedure.id),
        )
        .order_by(Desk.number)
        .first()
    )
    return desk.team if desk else None


def desks_at(point):
    return Desk.query.filter_by(point_id=point.id, active=True).order_by(Desk.number).all()


def teams_at(point):
    return Team.query.filter_by(point_id=point.id).order_by(Team.ticket_prefix, Team.id).all()


# ---------------------------------------------------------------- issuing


def check_open(point, now=None):
    """Raise QueueClosed outside opening hours: nobody gets a ticket for a day that is over."""
    status = schedule.status(point, now or local_now())
    if not status.is_open:
        raise QueueClosed(
            _l("The service point is closed now, so tickets for today are not available."),
            next_slot=status.next_slot,
            closed_reason=status.closed_today_reason,
        )
    return status


def _next_number(point_id, day, prefix):
    """Bump the (point, day, prefix) counter in the current transaction and return the new number."""
    stmt = upsert_insert(TicketCounter).values(
        point_id=point_id, service_day=day, prefix=prefix, last_number=1
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[TicketCounter.point_id, TicketCounter.service_day, TicketCounter.prefix],
        set_={"last_number": TicketCounter.last_number + 1},
    ).returning(TicketCounter.last_number)
    return db.session.execute(stmt).scalar_one()


def active_tickets_for_phone(phone, day):
    return Ticket.query.filter(
        Ticket.phone == phone, Ticket.service_day == day, Ticket.status.in_(WAITING + AT_DESK)
    ).count()


def issue_ticket(
    point,
    procedure,
    channel="phone",
    phone=None,
    priority=None,
    user=None,
    now=None,
    max_active_per_phone=None,
    ip=None,
):
    """A new ticket in the procedure's queue at `point`, numbered 1, 2, 3... per day and prefix.

    Issued by a signed-in `user` (office PC, appointment check-in), it is audited as "ticket.issue".
    """
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {CHANNELS}")
    if priority not in (None, *PRIORITIES):
        raise ValueError(f"priority must be None or one of {PRIORITIES}")
    now = now or local_now()
    if procedure not in procedures_at(point):
        raise QueueError(_l("This procedure is not served at this point."))
    check_open(point, now)
    team = team_for(point, procedure)
    prefix = team.ticket_prefix if team else "A"
    day = now.date()
    try:
        # The first write of the transaction: it takes the counter's row lock (the database
        # write lock on SQLite) and holds it until the ticket is committed or rolled back.
        number = _next_number(point.id, day, prefix)
        if phone and max_active_per_phone is not None:
            if active_tickets_for_phone(phone, day) >= max_active_per_phone:
                raise TooManyTickets(
                    _l(
                        "This phone number already holds %(count)d tickets in line today. "
                        "Cancel one or wait until it is served.",
                        count=max_active_per_phone,
                    )
                )
        ticket = Ticket(
            point_id=point.id,
            service_day=day,
            prefix=prefix,
            number=number,
            procedure_id=procedure.id,
            team_id=team.id if team else None,
            channel=channel,
            priority=priority,
            phone=phone or None,
            status="waiting",
            token=secrets.token_urlsafe(16),
            issued_at=utcnow(),
            updated_at=utcnow(),
            issued_by_id=user.id if user else None,
        )
        db.session.add(ticket)
        db.session.flush()
        _record(ticket, "issue", None, "waiting", user=user)
        if user is not None:
            # Never the phone number: the log outlives the ticket's personal data.
            audit.record(
                "ticket.issue",
                "ticket",
                ticket.id,
                user=user,
                point_id=point.id,
                ip=ip,
                after={
                    "label": ticket.label,
                    "status": "waiting",
                    "channel": channel,
                    "procedure": procedure.code,
                    "priority": priority,
                },
            )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return ticket


def issue_public_ticket(point, procedure, phone, priority, browser_id, client_ip, now=None):
    """A resident's own ticket: throttled per phone and browser first, per address generously."""
    check_open(point, now)
    lim = limits()
    checks = []
    if phone:
        checks.append((f"queue:phone:{phone}", *lim["per_phone"]))
    if browser_id:
        checks.append((f"queue:browser:{browser_id}", *lim["per_browser"]))
    checks.append((f"queue:ip:{client_ip}", *lim["per_ip"]))
    # Throttles write in their own transaction, before the ticket's (see throttle.py).
    for key, limit, seconds in checks:
        if not throttle.hit(key, limit, seconds):
            raise TooManyTickets(
                _l(
                    "Too many tickets were taken from this phone or browser. "
                    "Please wait a while, or ask a volunteer at the point."
                )
            )
    return issue_ticket(
        point,
        procedure,
        "phone",
        phone=phone,
        priority=priority,
        now=now,
        max_active_per_phone=lim["active_per_phone"],
    )


def ticket_by_token(token):
    if not token or len(token) > 32:
        return None
    return Ticket.query.filter_by(token=token).first()


# ---------------------------------------------------------------- the order of the line


def call_order():
    """Appointments first, then priority (elderly, disabled, pregnant, small children), then FIFO."""
    return (
        case((Ticket.channel == "appointment", 0), else_=1),
        case((Ticket.priority.is_(None), 1), else_=0),
        Ticket.issued_at,
        Ticket.id,
    )


def _today(now=None):
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
    desks = Desk.query.filter(Desk.point_id == ticket.point_id, Desk.active.is_(True))
    if ticket.status == "transferred":
        return desks.filter(Desk.team_id == ticket.team_id).count()
    return desks.filter(Desk.procedures.any(Procedure.id == ticket.procedure_id)).count()


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
    query = Ticket.query.filter(
        Ticket.point_id == desk.point_id,
        Ticket.service_day == _today(now),
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
    ).order_by(*call_order())
    return query.limit(limit).all() if limit else query.all()


def desk_current(desk, now=None):
    """The ticket called to or being served at `desk`, if any."""
    return (
        Ticket.query.filter(
            Ticket.desk_id == desk.id, Ticket.service_day == _today(now), Ticket.status.in_(AT_DESK)
        )
        .order_by(Ticket.called_at.desc())
        .first()
    )


# ---------------------------------------------------------------- moves

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

ACTION_NAMES = {
    "call": _l("call"),
    "recall": _l("call again"),
    "start": _l("start serving"),
    "finish": _l("finish"),
    "no_show": _l("mark as not present"),
    "transfer": _l("transfer"),
    "cancel": _l("cancel"),
}

STATUS_NAMES = {
    "waiting": _l("waiting"),
    "called": _l("called"),
    "serving": _l("being served"),
    "done": _l("done"),
    "no_show": _l("not present"),
    "cancelled": _l("cancelled"),
    "transferred": _l("transferred"),
}

PRIORITY_NAMES = {
    "elderly": _l("Elderly person"),
    "disabled": _l("Person with a disability"),
    "pregnant": _l("Pregnant woman"),
    "child": _l("With a small child"),
}

CHANNEL_NAMES = {
    "phone": _l("own phone"),
    "office": _l("office PC"),
    "desk": _l("desk"),
    "appointment": _l("appointment"),
}


def _record(ticket, action, from_status, to_status, desk=None, user=None, note=None):
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
    try:
        _record(ticket, action, from_status, to_status, desk=desk, user=user, note=note)
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
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise QueueError(
            _l(
                "Someone else changed ticket %(label)s a moment ago. Check the list and try again.",
                label=ticket.label,
            )
        )
    except BaseException:
        db.session.rollback()  # the move, its event and its audit entry stand or fall together
        raise
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
    now = utcnow()
    return _move(
        ticket,
        "call",
        desk=desk,
        user=user,
        ip=ip,
        desk_id=desk.id,
        team_id=desk.team_id,
        called_at=now,
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
    before = before or _today()
    left = Ticket.query.filter(Ticket.service_day < before, Ticket.status.in_(WAITING + AT_DESK)).all()
    now = utcnow()
    for ticket in left:
        _record(ticket, "close_day", ticket.status, "cancelled", note="end of day")
        ticket.status, ticket.finished_at, ticket.phone = "cancelled", now, None
    db.session.commit()
    return len(left)


# ---------------------------------------------------------------- what people see


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


def now_serving(point_id, day, team_id):
    """The number most recently called in a queue, while it is at a desk."""
    team_filter = Ticket.team_id.is_(None) if team_id is None else Ticket.team_id == team_id
    row = (
        db.session.query(Ticket.prefix, Ticket.number)
        .filter(
            Ticket.point_id == point_id, Ticket.service_day == day, Ticket.status.in_(AT_DESK), team_filter
        )
        .order_by(Ticket.called_at.desc())
        .first()
    )
    return f"{row.prefix}{row.number:03d}" if row else None


def _point_day_version(point_id, day):
    """(tickets issued, sum of their versions) at a point on a day: it changes with every issue
    and every move there, since versions only grow, so it stands in for 'the line changed'."""
    stmt = _cached(
        "point_day",
        lambda: select(func.count(Ticket.id), func.coalesce(func.sum(Ticket.version), 0)).where(
            Ticket.point_id == bindparam("point_id"), Ticket.service_day == bindparam("day")
        ),
    )
    return tuple(db.session.execute(stmt, {"point_id": point_id, "day": day}).one())


_STATEMENTS = {}


def _cached(name, build):
    """Statements built once: polling endpoints answer 304s from one or two small queries."""
    if name not in _STATEMENTS:
        _STATEMENTS[name] = build()
    return _STATEMENTS[name]


def ticket_state(token):
    """A cheap fingerprint of everything the resident's page shows (None: no such ticket).

    It changes whenever anything changes in the ticket's line that day, a little more often
    than the page does; desk and procedure edits show at the next change in the line.
    """
    if not token or len(token) > 32:
        return None

    def build():
        other = Ticket.__table__.alias("other")
        line = select(func.count(other.c.id), func.coalesce(func.sum(other.c.version), 0)).where(
            other.c.point_id == Ticket.point_id, other.c.service_day == Ticket.service_day
        )
        return select(
            Ticket.id,
            Ticket.version,
            Ticket.status,
            line.with_only_columns(func.count(other.c.id)).scalar_subquery(),
            line.with_only_columns(func.coalesce(func.sum(other.c.version), 0)).scalar_subquery(),
        ).where(Ticket.token == bindparam("token"))

    row = db.session.execute(_cached("ticket_state", build), {"token": token}).first()
    return tuple(row) if row else None


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


@dataclass(frozen=True)
class DeskOnBoard:
    number: int
    team: str
    label: str | None
    status: str | None
    latest: bool = False


@dataclass(frozen=True)
class Board:
    """The TV board's content; `state` changes exactly when what it shows changes."""

    day: object
    desks: list
    latest: Ticket | None
    latest_desk: int | None
    next_labels: list = field(default_factory=list)
    waiting: int = 0
    announcement: Post | None = None

    @property
    def state(self):
        latest = (self.latest.id, self.latest.call_count, str(self.latest.called_at)) if self.latest else None
        notice = (self.announcement.id, str(self.announcement.published_at)) if self.announcement else None
        return (
            str(self.day),
            tuple((d.number, d.label, d.status) for d in self.desks),
            latest,
            tuple(self.next_labels),
            self.waiting,
            notice,
        )


def board_state(point, now=None):
    """A cheap fingerprint of the board (one query): the day's tickets, desks, announcements."""
    day = _today(now)

    def build():
        point_id = bindparam("point_id")
        tickets = select(func.count(Ticket.id), func.coalesce(func.sum(Ticket.version), 0)).where(
            Ticket.point_id == point_id, Ticket.service_day == bindparam("day")
        )
        posts = select(
            func.count(Post.id),
            func.max(Post.published_at),
            func.max(getattr(Post, "updated_at", Post.published_at)),
        ).where(or_(Post.point_id == point_id, Post.point_id.is_(None)))
        desks = select(func.count(Desk.id), func.coalesce(func.sum(Desk.team_id), 0)).where(
            Desk.point_id == point_id, Desk.active.is_(True)
        )
        columns = [
            query.with_only_columns(column).scalar_subquery()
            for query in (tickets, posts, desks)
            for column in query.selected_columns
        ]
        return select(*columns)

    row = db.session.execute(_cached("board_state", build), {"point_id": point.id, "day": day}).one()
    return (str(day), *(str(value) for value in row))


def board(point, now=None):
    day = _today(now)
    desks = desks_at(point)
    at_desks = (
        Ticket.query.filter(
            Ticket.point_id == point.id, Ticket.service_day == day, Ticket.status.in_(AT_DESK)
        )
        .order_by(Ticket.called_at.desc())
        .all()
    )
    by_desk = {}
    for ticket in at_desks:
        by_desk.setdefault(ticket.desk_id, ticket)
    latest = at_desks[0] if at_desks else None
    rows = [
        DeskOnBoard(
            d.number,
            d.team.t("name"),
            by_desk[d.id].label if d.id in by_desk else None,
            by_desk[d.id].status if d.id in by_desk else None,
            latest is not None and latest.desk_id == d.id,
        )
        for d in desks
    ]
    waiting = Ticket.query.filter(
        Ticket.point_id == point.id, Ticket.service_day == day, Ticket.status.in_(WAITING)
    ).order_by(*call_order())
    upcoming = waiting.limit(NEXT_ON_BOARD).all()
    announcement = (
        Post.query.filter((Post.point_id == point.id) | (Post.point_id.is_(None)))
        .order_by(Post.pinned.desc(), Post.published_at.desc())
        .first()
    )
    return Board(
        day=day,
        desks=rows,
        latest=latest,
        latest_desk=latest.desk.number if latest else None,
        next_labels=[t.label for t in upcoming],
        waiting=waiting.count(),
        announcement=announcement,
    )


def summary(point, now=None):
    """For the home page: how many are waiting and which numbers are at the desks now."""
    day = _today(now)
    waiting = Ticket.query.filter(
        Ticket.point_id == point.id, Ticket.service_day == day, Ticket.status.in_(WAITING)
    ).count()
    serving = (
        db.session.query(Ticket.prefix, Ticket.number)
        .filter(Ticket.point_id == point.id, Ticket.service_day == day, Ticket.status.in_(AT_DESK))
        .order_by(Ticket.called_at.desc())
        .limit(4)
        .all()
    )
    return {"waiting": waiting, "serving": [f"{p}{n:03d}" for p, n in serving]}
