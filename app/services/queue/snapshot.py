"""Loading point-days (pointday.py) and keeping one per process per version.

A snapshot is loaded in a few small queries (the day's tickets, the point's desks and what they
serve, procedures, the announcement, the chosen way-back times) and kept for as long as the
point-day's version (fresh.py) stays the same, so a thousand phones polling one point cost one
load per change, not a line load each.

One thread of a process loads at a time, and it loads every kept point-day that has fallen
behind its version in the same queries. After a desk's move that is one point; after a city-wide
edit (an announcement, a procedure's name) it is every point the process serves, in one load
instead of one per point, while the other threads wait for it rather than load the same ones
again.
"""

import threading
from collections import OrderedDict

from sqlalchemy import func, select

from ...extensions import db
from ...models import Desk, Post, Procedure, Team, Ticket, desk_procedures
from ...models.notify import NotifySubscription
from ...models.procedure import desk_state_on
from . import fresh
from .pointday import DeskRow, Names, PointDay, Row, work_out

MAX_SNAPSHOTS = 1000  # point-days kept per process (a city of 200 points needs 200)
PER_LOAD = 250  # point-days read in one set of queries (well under SQLite's 32,766 parameters)


def _load(versions, day):
    """{point id: PointDay} for the points in `versions` ({point id: version}) on `day`."""
    ids = list(versions)
    session = db.session
    rows = {point_id: [] for point_id in ids}
    for r in session.execute(
        select(Ticket.point_id, *(getattr(Ticket, name) for name in Row._fields)).where(
            Ticket.point_id.in_(ids), Ticket.service_day == day
        )
    ):
        rows[r[0]].append(Row(*r[1:]))
    desks = {point_id: {} for point_id in ids}
    desk_moves = {point_id: [] for point_id in ids}
    for r in session.execute(
        select(
            Desk.point_id,
            Desk.id,
            Desk.number,
            Desk.team_id,
            Desk.active,
            Team.name_vi,
            Team.name_en,
            Desk.state,
            Desk.state_day,
            Desk.state_since,
        )
        .join(Team, Team.id == Desk.team_id)
        .where(Desk.point_id.in_(ids))
    ):
        desks[r.point_id][r.id] = DeskRow(*r[1:7], desk_state_on(r.state, r.state_day, day))
        if r.state_day == day and r.state_since is not None:
            desk_moves[r.point_id].append((r.team_id, r.state_since))  # opened, paused or closed today
    serving = {point_id: {} for point_id in ids}
    for point_id, desk_id, procedure_id in session.execute(
        select(Desk.point_id, desk_procedures.c.desk_id, desk_procedures.c.procedure_id)
        .join(Desk, Desk.id == desk_procedures.c.desk_id)
        .where(Desk.point_id.in_(ids), Desk.active.is_(True))
    ):
        if desks[point_id][desk_id].state == "open":
            serving[point_id][procedure_id] = serving[point_id].get(procedure_id, 0) + 1
    procedures = {
        r.id: (Names(r.name_vi, r.name_en), r.service_minutes)
        for r in session.execute(
            select(Procedure.id, Procedure.name_vi, Procedure.name_en, Procedure.service_minutes)
        )
    }
    announcements = _announcements(ids)
    snaps = {
        point_id: PointDay(
            point_id,
            day,
            version,
            {r.id: r for r in rows[point_id]},
            {r.token: r for r in rows[point_id]},
            desks[point_id],
            serving[point_id],
            procedures,
            announcements.get(point_id),
        )
        for point_id, version in versions.items()
    }
    for point_id, ticket_id, lead in session.execute(
        select(Ticket.point_id, NotifySubscription.ticket_id, func.min(NotifySubscription.lead_minutes))
        .join(Ticket, Ticket.id == NotifySubscription.ticket_id)
        .where(
            Ticket.point_id.in_(ids),
            Ticket.service_day == day,
            NotifySubscription.stopped_at.is_(None),
        )
        .group_by(Ticket.point_id, NotifySubscription.ticket_id)
    ):
        snaps[point_id].leads[ticket_id] = lead
    for point_id, snap in snaps.items():
        work_out(snap, desk_moves[point_id])
    return snaps


def _announcements(ids):
    """{point id: Names} of the post each board shows: pinned first; among those the point's own
    before a city-wide one (an admin's choice); then the newest."""
    session = db.session
    city = session.execute(
        select(Post.title_vi, Post.title_en, Post.pinned)
        .where(Post.point_id.is_(None))
        .order_by(Post.pinned.desc(), Post.published_at.desc())
        .limit(1)
    ).first()
    best = {}
    newest_first = (
        select(Post.point_id, Post.title_vi, Post.title_en, Post.pinned)
        .where(Post.point_id.in_(ids))
        .order_by(Post.point_id, Post.pinned.desc(), Post.published_at.desc())
    )
    for r in session.execute(newest_first):
        best.setdefault(r.point_id, r)  # each point's own first post in that order
    shown = {}
    for point_id in ids:
        own = best.get(point_id)
        # The point's newest (pinned first) unless only the city-wide one is pinned.
        post = city if own is None or (city is not None and city.pinned and not own.pinned) else own
        if post is not None:
            shown[point_id] = Names(post.title_vi, post.title_en)
    return shown


_lock = threading.Lock()  # held while a thread loads
_snapshots = OrderedDict()  # (point id, day) -> PointDay


def point_day(point_id, day):
    """The snapshot of a point-day at its current version (loaded again when the version moved).

    Inside a move's own transaction (a record.on_move listener, say), it is what that transaction
    has written so far: kept in the session until its next flush, never shared.
    """
    if fresh.moved_in_this_transaction():
        kept = db.session.info.setdefault("queue_snapshots", {})  # emptied by every flush (record.py)
        if (point_id, day) not in kept:
            kept[(point_id, day)] = _load({point_id: None}, day)[point_id]
        return kept[(point_id, day)]
    version = fresh.version_of(point_id, day)
    if version is None:  # nothing recorded yet: nothing to key a copy on
        return _load({point_id: None}, day)[point_id]
    snap = _current(point_id, day, version)
    if snap is not None:
        return snap
    with _lock:
        snap = _current(point_id, day, version)  # another thread may have loaded it meanwhile
        if snap is not None:
            return snap
        behind = {point_id: version}
        versions = fresh.copied_versions(day)  # today's, as this process knows them; no query
        for (kept_id, kept_day), kept_snap in _snapshots.items():
            now = versions.get(kept_id) if kept_day == day else None
            if now is not None and now != kept_snap.version and len(behind) < PER_LOAD:
                behind[kept_id] = now
        loaded = _load(behind, day)
        for loaded_id, loaded_snap in loaded.items():
            _snapshots[(loaded_id, day)] = loaded_snap
            _snapshots.move_to_end((loaded_id, day))
        while len(_snapshots) > MAX_SNAPSHOTS:
            _snapshots.popitem(last=False)
    return loaded[point_id]


def _current(point_id, day, version):
    snap = _snapshots.get((point_id, day))
    return snap if snap is not None and snap.version == version else None


def kept():
    """How many point-day snapshots this process keeps (for the operator's stats)."""
    return len(_snapshots)


def forget_all():
    """Drop every kept snapshot (tests that swap databases under a running process)."""
    with _lock:
        _snapshots.clear()
