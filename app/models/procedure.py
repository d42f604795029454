"""Administrative procedures, the teams that handle them and the desks that serve them."""

from ..extensions import db
from .base import Bilingual

ONLINE_LEVELS = ("full", "partial", "in_person")

desk_procedures = db.Table(
    "desk_procedure",
    db.Column("desk_id", db.ForeignKey("desk.id", ondelete="CASCADE"), primary_key=True),
    db.Column("procedure_id", db.ForeignKey("procedure.id", ondelete="CASCADE"), primary_key=True),
)


class Team(Bilingual, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False, index=True)
    code = db.Column(db.String(30), nullable=False)
    name_vi = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200))
    ticket_prefix = db.Column(db.String(2), nullable=False, default="A")

    point = db.relationship("ServicePoint")
    desks = db.relationship("Desk", back_populates="team", order_by="Desk.number")

    __table_args__ = (db.UniqueConstraint("point_id", "code"),)


DESK_STATES = ("open", "break", "closed")


def desk_state_on(state, state_day, day):
    """What a desk's stored state means on `day`: what was set that day, else open (services/desk_state.py)."""
    return state if state in DESK_STATES and state_day == day else "open"


class Desk(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False, index=True)
    team_id = db.Column(db.ForeignKey("team.id"), nullable=False)
    number = db.Column(db.SmallInteger, nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    # Today's state (services/desk_state.py): "break" or "closed" on `state_day`; any other day open.
    state = db.Column(db.String(8))
    state_day = db.Column(db.Date)
    state_since = db.Column(db.DateTime)
    staff_id = db.Column(db.ForeignKey("user.id"))  # who is at the desk on state_day

    point = db.relationship("ServicePoint")
    staff = db.relationship("User")
    team = db.relationship("Team", back_populates="desks")
    procedures = db.relationship("Procedure", secondary=desk_procedures, order_by="Procedure.sort_order")

    __table_args__ = (db.UniqueConstraint("point_id", "number"),)


class Procedure(Bilingual, db.Model):
    """One administrative procedure as the point explains it. All of it is data staff can edit."""

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(40), unique=True, nullable=False)
    name_vi = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200))
    category_vi = db.Column(db.String(120), nullable=False)
    category_en = db.Column(db.String(120))
    summary_vi = db.Column(db.Text)
    summary_en = db.Column(db.Text)
    who_vi = db.Column(db.Text)
    who_en = db.Column(db.Text)
    papers_vi = db.Column(db.Text, nullable=False, default="")  # one paper per line
    papers_en = db.Column(db.Text)
    fee_vi = db.Column(db.String(300), nullable=False, default="")
    fee_en = db.Column(db.String(300))
    time_limit_days = db.Column(db.SmallInteger, nullable=False, default=0)  # working days; 0 = same day
    time_limit_vi = db.Column(db.String(300))
    time_limit_en = db.Column(db.String(300))
    result_vi = db.Column(db.String(300))
    result_en = db.Column(db.String(300))
    legal_basis = db.Column(db.Text)
    online_level = db.Column(db.String(12), nullable=False, default="partial")
    portal_url = db.Column(db.String(500))
    team_id = db.Column(db.ForeignKey("team.id"))
    service_minutes = db.Column(db.SmallInteger, nullable=False, default=10)
    sort_order = db.Column(db.SmallInteger, nullable=False, default=100)
    active = db.Column(db.Boolean, nullable=False, default=True)
    # Name, category and summary folded to plain ASCII, so "khai tu" finds "khai tử"
    # (kept up to date on every save by services/procedures.py).
    search_text = db.Column(db.Text, nullable=False, default="")

    team = db.relationship("Team")

    __table_args__ = (
        db.CheckConstraint("online_level IN ('full', 'partial', 'in_person')", name="online_level_values"),
    )

    def paper_list(self):
        text = self.t("papers") or ""
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]
