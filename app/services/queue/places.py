"""What a point serves: its procedures, desks, teams, and which team's line a procedure joins."""

from sqlalchemy import or_, select

from ...extensions import db
from ...models import Desk, Procedure, Team, desk_procedures


def procedures_at(point):
    """Active procedures residents can take a ticket for at `point`."""
    served = (
        select(desk_procedures.c.procedure_id)
        .join(Desk, Desk.id == desk_procedures.c.desk_id)
        .where(Desk.point_id == point.id, Desk.active.is_(True))
    )
    teams = select(Team.id).where(Team.point_id == point.id)
    return db.session.scalars(
        select(Procedure)
        .where(Procedure.active.is_(True), or_(Procedure.id.in_(served), Procedure.team_id.in_(teams)))
        .order_by(Procedure.sort_order, Procedure.name_vi)
    ).all()


def team_for(point, procedure):
    """The team whose queue a ticket for `procedure` joins at `point` (None: the default queue)."""
    if procedure.team is not None and procedure.team.point_id == point.id:
        return procedure.team
    desk = db.session.scalars(
        select(Desk)
        .where(
            Desk.point_id == point.id,
            Desk.active.is_(True),
            Desk.procedures.any(Procedure.id == procedure.id),
        )
        .order_by(Desk.number)
        .limit(1)
    ).first()
    return desk.team if desk else None


def desks_at(point):
    return db.session.scalars(
        select(Desk).where(Desk.point_id == point.id, Desk.active.is_(True)).order_by(Desk.number)
    ).all()


def teams_at(point):
    return db.session.scalars(
        select(Team).where(Team.point_id == point.id).order_by(Team.ticket_prefix, Team.id)
    ).all()
