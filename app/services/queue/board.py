"""What the TV board and the home page's queue box show: desks, the latest call, the next numbers."""

from dataclasses import dataclass, field

from sqlalchemy import func, select

from ...extensions import db
from ...models import Post, Ticket
from ...models.queue import AT_DESK, WAITING
from .line import call_order, today
from .places import desks_at

NEXT_ON_BOARD = 6


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


def _waiting_count(point_id, day):
    return db.session.scalar(
        select(func.count(Ticket.id)).where(
            Ticket.point_id == point_id, Ticket.service_day == day, Ticket.status.in_(WAITING)
        )
    )


def board(point, now=None):
    day = today(now)
    desks = desks_at(point)
    at_desks = db.session.scalars(
        select(Ticket)
        .where(Ticket.point_id == point.id, Ticket.service_day == day, Ticket.status.in_(AT_DESK))
        .order_by(Ticket.called_at.desc())
    ).all()
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
    upcoming = db.session.scalars(
        select(Ticket)
        .where(Ticket.point_id == point.id, Ticket.service_day == day, Ticket.status.in_(WAITING))
        .order_by(*call_order())
        .limit(NEXT_ON_BOARD)
    ).all()
    announcement = db.session.scalars(
        select(Post)
        .where((Post.point_id == point.id) | (Post.point_id.is_(None)))
        .order_by(Post.pinned.desc(), Post.published_at.desc())
        .limit(1)
    ).first()
    return Board(
        day=day,
        desks=rows,
        latest=latest,
        latest_desk=latest.desk.number if latest else None,
        next_labels=[t.label for t in upcoming],
        waiting=_waiting_count(point.id, day),
        announcement=announcement,
    )


def summary(point, now=None):
    """For the home page: how many are waiting and which numbers are at the desks now."""
    day = today(now)
    serving = db.session.execute(
        select(Ticket.prefix, Ticket.number)
        .where(Ticket.point_id == point.id, Ticket.service_day == day, Ticket.status.in_(AT_DESK))
        .order_by(Ticket.called_at.desc())
        .limit(4)
    ).all()
    return {"waiting": _waiting_count(point.id, day), "serving": [f"{p}{n:03d}" for p, n in serving]}
