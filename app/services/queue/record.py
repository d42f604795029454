"""The one record of queue moves: every change a resident or the board would see bumps a version.

Each point has one version per service day (models.queue.QueueVersion). Any flush that
inserts, changes or deletes a Ticket, Desk, Team, Procedure, Post, OpeningSession or ClosedDay
bumps the versions it touches in the same transaction, from one place: the `after_flush` hook below, so no move
can forget it. A bulk `session.execute(update(Ticket)...)` or `delete(...)` is caught by the
`do_orm_execute` hook (it reads which point-days the statement matches first). Raw SQL text
bypasses both: never write those tables that way (tests/queue/test_move_record.py watches
every statement of the queue suite and fails on a ticket write without a bump).

Which versions a change bumps: a ticket its point and service day; a desk or team its point
today (a desk opening, going on a break or closing included: services/desk_state.py writes the
Desk row, and its Move says from which state to which); a procedure (names shown everywhere) or
a city-wide announcement every point today; opening hours and closed days (whether the point is
open: the board's poll rate, the ticket form) their point today, or every point for a city-wide one.

Hanging work on a move (the notifications outbox does this):

    from app.services.queue import record

    @record.on_move
    def write_outbox(session, moves):
        for move in moves:
            if move.ticket is not None and move.to_status == "called":
                session.add(Outbox(ticket_id=move.ticket.id, ...))

A listener gets the session and the list of Move records of one flush, after the versions
are bumped and inside the same transaction: rows it adds are written when the transaction
commits (commit flushes them), so a move and what hangs on it stand or fall together.
queue.people_ahead(), estimated_wait() and ticket_status() called from a listener see the
line as this transaction has left it (snapshot.point_day loads it for them, uncached).
Listeners must not commit, and should not raise unless the move itself must fail.
"""

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ...models import ClosedDay, Desk, OpeningSession, Post, Procedure, ServicePoint, Team, Ticket
from ...models.procedure import desk_state_on
from ...models.queue import QueueVersion
from ...timeutil import local_today
from ..sqlfuncs import upsert_insert
from . import fresh

WATCHED = (Ticket, Desk, Team, Procedure, Post, OpeningSession, ClosedDay)


@dataclass(frozen=True)
class Move:
    """One change seen by the record. `ticket` is set for a single ticket's change."""

    kind: str  # "ticket", "desk", "team", "procedure", "post", or "bulk" for a bulk statement
    point_id: int | None  # None: every point
    day: date
    ticket: Ticket | None = None
    # A ticket's status before and after (None: a new / a deleted ticket); for a desk that
    # opened, went on a break or closed, its state today before and after (desk_state.STATES).
    from_status: str | None = None
    to_status: str | None = None
    desk: Desk | None = None  # set for a desk's change


_listeners = []


def on_move(listener):
    """Call `listener(session, moves)` in the transaction of every flush that records moves."""
    _listeners.append(listener)
    return listener


def _ticket_move(ticket, session, deleted=False):
    history = inspect(ticket).attrs.status.history
    if ticket in session.new:
        before, after = None, ticket.status
    elif deleted:
        before, after = ticket.status, None
    else:
        before = history.deleted[0] if history.deleted else ticket.status
        after = ticket.status
    return Move("ticket", ticket.point_id, ticket.service_day, ticket, before, after)


def _before(attribute):
    history = attribute.history
    return history.deleted[0] if history.deleted else attribute.value


def _desk_move(desk, session, deleted=False):
    """A desk's change; one that opened, paused or closed it says so (the board shows it, and
    the open desks divide the waiting estimates)."""
    today = local_today()
    if deleted or desk in session.new:
        return Move("desk", desk.point_id, today, desk=desk)
    attrs = inspect(desk).attrs
    before = desk_state_on(_before(attrs.state), _before(attrs.state_day), today)
    after = desk_state_on(desk.state, desk.state_day, today)
    if before == after:
        return Move("desk", desk.point_id, today, desk=desk)
    return Move("desk", desk.point_id, today, from_status=before, to_status=after, desk=desk)


def _move_of(obj, session, deleted=False):
    if isinstance(obj, Ticket):
        return _ticket_move(obj, session, deleted)
    if isinstance(obj, Desk):
        return _desk_move(obj, session, deleted)
    if isinstance(obj, Procedure):
        return Move("procedure", None, local_today())
    return Move(type(obj).__name__.lower(), obj.point_id, local_today())


@event.listens_for(Session, "after_flush")
def _record_flush(session, flush_context):
    session.info.pop("queue_snapshots", None)  # what this transaction has written has changed
    moves = [_move_of(o, session) for o in session.new if isinstance(o, WATCHED)]
    moves += [
        _move_of(o, session)
        for o in session.dirty
        # A desk's procedures are a collection; a ticket's events are its history, not a change.
        if isinstance(o, WATCHED) and session.is_modified(o, include_collections=isinstance(o, Desk))
    ]
    moves += [_move_of(o, session, deleted=True) for o in session.deleted if isinstance(o, WATCHED)]
    if moves:
        _bump(session, {(m.point_id, m.day) for m in moves})
        for listener in _listeners:
            listener(session, moves)


@event.listens_for(Session, "do_orm_execute")
def _record_bulk(state):
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    entity = state.bind_mapper.class_
    if entity not in WATCHED:
        return
    session = state.session
    if entity is Ticket:
        matched = select(Ticket.point_id, Ticket.service_day).distinct()
        if state.statement.whereclause is not None:
            matched = matched.where(state.statement.whereclause)
        keys = {tuple(row) for row in session.connection().execute(matched)}
    else:
        keys = {(None, local_today())}
    if keys:
        _bump(session, keys)
        moves = [Move("bulk", point_id, day) for point_id, day in sorted(keys, key=str)]
        for listener in _listeners:
            listener(session, moves)


def _bump(session, keys):
    """A fresh random version for each (point, day); (None, day) means every point."""
    connection = session.connection()
    if any(point_id is None for point_id, _day in keys):
        points = connection.execute(select(ServicePoint.id)).scalars().all()
        keys = {(p, day) for point_id, day in keys for p in ([point_id] if point_id else points)}
    keys = sorted(k for k in keys if k[0] is not None)  # one order everywhere: no lock cycles
    if not keys:
        return
    rows = [{"point_id": p, "service_day": d, "version": secrets.randbits(62)} for p, d in keys]
    stmt = upsert_insert(QueueVersion.__table__, connection).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=["point_id", "service_day"], set_={"version": stmt.excluded.version}
    )
    connection.execute(stmt)
    session.info["queue_moved"] = True
    session.info.setdefault("queue_bumped", {}).update(
        {(row["point_id"], row["service_day"]): row["version"] for row in rows}
    )


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session):
    # This worker sees its own moves at once (their versions go into its copy, no read needed);
    # other workers within fresh.interval().
    session.info.pop("queue_snapshots", None)
    bumped = session.info.pop("queue_bumped", None)
    if session.info.pop("queue_moved", False):
        fresh.learn(bumped)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session):
    session.info.pop("queue_moved", None)
    session.info.pop("queue_bumped", None)
    session.info.pop("queue_snapshots", None)
