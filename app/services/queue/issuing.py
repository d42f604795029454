"""Issuing tickets: opening hours, limits per phone and browser, gap-free numbers per day and prefix.

Numbers come from a counter row bumped atomically inside the ticket's own transaction, so
they are gap-free and unique per (point, day, prefix) across workers and app instances.
"""

import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import Ticket, TicketCounter
from ...models.queue import AT_DESK, CHANNELS, PRIORITIES, WAITING
from ...timeutil import local_now, utcnow
from .. import audit, schedule, throttle
from ..sqlfuncs import upsert_insert
from ..submissions import submission_key
from ..transaction import all_or_nothing
from .errors import QueueClosed, QueueError, TooManyTickets
from .moves import record_event
from .places import procedures_at, team_for

DEFAULT_LIMITS = {
    # (tickets, window in seconds); public tickets only, office tickets are never limited
    "per_phone": (4, 3600),
    "per_browser": (6, 3600),
    # Generous: a room of residents behind one Wi-Fi, or a carrier's shared address.
    "per_ip": (300, 3600),
    "active_per_phone": 3,
}


def limits():
    return {**DEFAULT_LIMITS, **current_app.config.get("QUEUE_LIMITS", {})}


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
    return db.session.scalar(
        select(func.count(Ticket.id)).where(
            Ticket.phone == phone, Ticket.service_day == day, Ticket.status.in_(WAITING + AT_DESK)
        )
    )


def _submitted(key):
    return db.session.scalars(select(Ticket).where(Ticket.submission_key == key)).first() if key else None


def _key(form_key, point, procedure, phone, priority):
    return submission_key(form_key, point.id, procedure.id, phone, priority)


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
    form_key=None,
):
    """A new ticket in the procedure's queue at `point`, numbered 1, 2, 3... per day and prefix.

    Issued by a signed-in `user` (office PC, appointment check-in), it is audited as "ticket.issue".
    The same form sent again (a double tap: `form_key` and the answers unchanged) gets the ticket it
    got the first time, even when both arrive at once (the key is unique; the loser's number is rolled back).
    """
    key = _key(form_key, point, procedure, phone, priority)
    if (first := _submitted(key)) is not None:
        return first
    try:
        return _issue(point, procedure, channel, phone, priority, user, now, max_active_per_phone, ip, key)
    except (IntegrityError, TooManyTickets):
        if (first := _submitted(key)) is not None:
            return first
        raise


def _issue(point, procedure, channel, phone, priority, user, now, max_active_per_phone, ip, key):
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
    with all_or_nothing():
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
            submission_key=key,
        )
        db.session.add(ticket)
        db.session.flush()
        record_event(ticket, "issue", None, "waiting", user=user)
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
    return ticket


def issue_public_ticket(
    point, procedure, phone, priority, browser_id, client_ip, now=None, channel="phone", form_key=None
):
    """A resident's own ticket: throttled per phone and browser first, per address generously.
    `channel` is "office" for a resident a volunteer hands the office PC to. A double tap on the
    same form (`form_key`) is not a second try: it gets the first ticket, unthrottled."""
    if (first := _submitted(_key(form_key, point, procedure, phone, priority))) is not None:
        return first
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
        channel,
        phone=phone,
        priority=priority,
        now=now,
        max_active_per_phone=lim["active_per_phone"],
        form_key=form_key,
    )


def ticket_by_token(token):
    if not token or len(token) > 32:
        return None
    return db.session.scalars(select(Ticket).where(Ticket.token == token)).first()
