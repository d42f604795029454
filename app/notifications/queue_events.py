"""Queue moves become notifications here, and only here: a listener on the one record of moves.

It runs inside the move's transaction (services/queue/record.py), so the outbox rows commit or roll
back with the move. Events: called / recalled ("Mời số B012 đến quầy 2"), no-show, "còn N người" at
the positions the point sets (point_settings.py; NOTIFY_AHEAD_AT, default 3 and 1), and "leave now" once the expected wait (timing.py:
today's measured service times once a team has served a few) is within the time the resident said they
need to come back, or one person is ahead.
"""

import logging

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ..models import Desk, ServicePoint, Ticket
from ..models.notify import NotifySubscription
from ..models.queue import AT_DESK, WAITING
from ..services.queue import record
from .links import public_url
from .outbox import queue_message
from .point_settings import ahead_positions
from .timing import expected_wait

log = logging.getLogger("tdp.notify")


def _subscriptions(session, point_days):
    """Active subscriptions of tickets in line or at a desk on the moved point-days."""
    points = {p for p, _ in point_days}
    days = {d for _, d in point_days}
    rows = session.execute(
        select(NotifySubscription, Ticket)
        .join(Ticket, Ticket.id == NotifySubscription.ticket_id)
        .where(
            NotifySubscription.stopped_at.is_(None),
            Ticket.point_id.in_(points),
            Ticket.service_day.in_(days),
            Ticket.status.in_(WAITING + AT_DESK + ("no_show",)),
        )
    ).all()
    return [(s, t) for s, t in rows if (t.point_id, t.service_day) in point_days]


def _params(ticket, **extra):
    return {"ticket": ticket.label, "tag": ticket.label, "url": public_url(f"/t/{ticket.token}"), **extra}


def ticket_moved(session, ticket, subscriptions, to_status):
    """The call, a recall or a no-show of `ticket` itself."""
    if to_status == "called":
        desk = session.get(Desk, ticket.desk_id) if ticket.desk_id else None
        event = "recalled" if (ticket.call_count or 0) > 1 else "called"
        params = _params(ticket, desk=desk.number if desk else "")
        for s in subscriptions:
            queue_message(
                event, params, f"t{ticket.id}:call{ticket.call_count}", subscription=s, session=session
            )
    elif to_status == "no_show":
        point = session.get(ServicePoint, ticket.point_id)
        for s in subscriptions:
            params = _params(
                ticket, point=point.name_en if s.lang == "en" and point.name_en else point.name_vi
            )
            queue_message("no_show", params, f"t{ticket.id}:noshow", subscription=s, session=session)


def line_moved(session, ticket, subscriptions):
    """A waiting ticket's place changed (or may have): "leave now", else "còn N người"."""
    estimate = expected_wait(ticket)
    ahead, wait = estimate.ahead, estimate.minutes
    for s in subscriptions:
        if ahead <= 1 or wait <= s.lead_minutes:
            queue_message(
                "leave_now",
                _params(ticket, ahead=ahead),
                f"t{ticket.id}:leave",
                subscription=s,
                session=session,
            )
            continue
        for position in sorted(ahead_positions(ticket.point_id)):
            if ahead <= position:
                params = _params(ticket, ahead=ahead)
                queue_message(
                    "ahead", params, f"t{ticket.id}:ahead{position}", subscription=s, session=session
                )
                break


@record.on_move
def queue_to_outbox(session, moves):
    point_days = {(m.point_id, m.day) for m in moves if m.point_id is not None}
    if not point_days:
        return
    try:
        _write_outbox(session, moves, point_days)
    except SQLAlchemyError:
        raise  # the transaction is spoilt: the move fails with it, as the record promises
    except Exception:  # a bug here must not stop a desk from calling the next person
        log.exception("notify: queue events of a move were not written")


def _write_outbox(session, moves, point_days):
    with session.no_autoflush:
        found = _subscriptions(session, point_days)
        if not found:
            return
        by_ticket = {}
        for s, t in found:
            by_ticket.setdefault(t.id, (t, []))[1].append(s)
        moved = {m.ticket.id: m for m in moves if m.kind == "ticket" and m.ticket is not None}
        for ticket_id, (ticket, subscriptions) in by_ticket.items():
            move = moved.get(ticket_id)
            if move is not None and move.to_status in ("called", "no_show"):
                ticket_moved(session, ticket, subscriptions, move.to_status)
            elif ticket.status in WAITING:
                line_moved(session, ticket, subscriptions)
