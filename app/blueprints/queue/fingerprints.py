"""Cheap fingerprints of what the ticket page and the board show, for their ETags (one query each)."""

from sqlalchemy import bindparam, func, or_, select

from ...extensions import db
from ...models import Desk, Post, Ticket
from ...timeutil import local_now

_STATEMENTS = {}


def _cached(name, build):
    """Statements built once: polling endpoints answer 304s from one or two small queries."""
    if name not in _STATEMENTS:
        _STATEMENTS[name] = build()
    return _STATEMENTS[name]


def ticket_state(token):
    """A fingerprint of everything the resident's page shows (None: no such ticket).

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


def board_state(point):
    """A fingerprint of the board: the day's tickets, desks, announcements."""
    day = local_now().date()

    def build():
        point_id = bindparam("point_id")
        tickets = select(func.count(Ticket.id), func.coalesce(func.sum(Ticket.version), 0)).where(
            Ticket.point_id == point_id, Ticket.service_day == bindparam("day")
        )
        posts = select(func.count(Post.id), func.max(Post.published_at), func.max(Post.updated_at)).where(
            or_(Post.point_id == point_id, Post.point_id.is_(None))
        )
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
