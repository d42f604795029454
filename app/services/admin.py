"""Administration: saving points, teams, desks, procedures, accounts, hours and targets, audited.

Every change goes through save()/delete() so that it is validated against the database's own
rules (unique codes) and recorded with its before/after values in the same transaction.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import ClosedDay, Desk, OpeningSession, Procedure, ServicePoint, Team, User
from ..models.admin import ReportTarget
from . import audit

POINT_FIELDS = (
    "slug",
    "name_vi",
    "name_en",
    "ward",
    "residential_group",
    "city",
    "province",
    "address",
    "directions_vi",
    "directions_en",
    "phone",
    "latitude",
    "longitude",
    "ticket_header",
    "active",
)
TEAM_FIELDS = ("point_id", "code", "name_vi", "name_en", "ticket_prefix")
DESK_FIELDS = ("point_id", "team_id", "number", "active")
PROCEDURE_FIELDS = (
    "code",
    "name_vi",
    "name_en",
    "category_vi",
    "category_en",
    "summary_vi",
    "summary_en",
    "who_vi",
    "who_en",
    "papers_vi",
    "papers_en",
    "fee_vi",
    "fee_en",
    "time_limit_days",
    "time_limit_vi",
    "time_limit_en",
    "result_vi",
    "result_en",
    "legal_basis",
    "online_level",
    "portal_url",
    "team_id",
    "service_minutes",
    "sort_order",
    "active",
)
USER_FIELDS = ("username", "full_name", "role", "point_id", "active")
SESSION_FIELDS = (
    "point_id",
    "weekday",
    "start",
    "end",
    "effective_from",
    "effective_to",
    "note_vi",
    "note_en",
)
CLOSED_DAY_FIELDS = ("point_id", "date", "kind", "start", "end", "reason_vi", "reason_en")
TARGET_FIELDS = ("point_id", "metric", "value", "effective_from", "note")

RECORD_TYPES = {
    ServicePoint: ("point", POINT_FIELDS),
    Team: ("team", TEAM_FIELDS),
    Desk: ("desk", DESK_FIELDS),
    Procedure: ("procedure", PROCEDURE_FIELDS),
    User: ("user", USER_FIELDS),
    OpeningSession: ("session", SESSION_FIELDS),
    ClosedDay: ("closed_day", CLOSED_DAY_FIELDS),
    ReportTarget: ("target", TARGET_FIELDS),
}


class AdminError(ValueError):
    """A change the rules refuse; `field` names the form field the message belongs beside."""

    def __init__(self, field, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def _point_of(obj):
    if isinstance(obj, ServicePoint):
        return obj.id
    return getattr(obj, "point_id", None)


def _snapshot(obj, extra=None):
    record_type, fields = RECORD_TYPES[type(obj)]
    data = audit.snapshot(obj, fields)
    if extra:
        data.update(extra)
    return data


# What must be unique, per model: (the field, the fields that scope it, the refusal shown beside it).
UNIQUE = {
    ServicePoint: ("slug", (), _l("Another point already uses this address name")),
    Team: ("code", ("point_id",), _l("This point already has a team with this code")),
    Desk: ("number", ("point_id",), _l("This point already has a desk with this number")),
    Procedure: ("code", (), _l("Another procedure already uses this code")),
    User: ("username", (), _l("This username is already taken")),
    ReportTarget: (
        "effective_from",
        ("point_id", "metric"),
        _l("A target for this figure and point already starts on this date"),
    ),
}


def _unique_rules(obj, values):
    """Refuse (AdminError beside the field) a value another row of the same scope already has."""
    if type(obj) not in UNIQUE:
        return
    model = type(obj)
    field, scope, message = UNIQUE[model]
    get = lambda name: values.get(name, getattr(obj, name, None))  # noqa: E731
    taken = exists().where(getattr(model, field) == get(field))
    for name in scope:
        column, scoped = getattr(model, name), get(name)
        taken = taken.where(column.is_(None) if scoped is None else column == scoped)
    if obj.id is not None:
        taken = taken.where(model.id != obj.id)
    if db.session.scalar(select(taken)):
        raise AdminError(field, message)


def save(obj, values, user, extra_before=None, extra_after=None, apply=None):
    """Apply `values` to `obj` (new or existing), audit the difference and commit.

    `apply(obj)` may set what plain attributes cannot (a desk's procedures); `extra_*` add
    such values to the audit record. Raises AdminError when a unique rule is broken.
    """
    record_type, _fields = RECORD_TYPES[type(obj)]
    is_new = obj.id is None
    before = None if is_new else _snapshot(obj, extra_before)
    _unique_rules(obj, values)
    for name, value in values.items():
        setattr(obj, name, value)
    if apply:
        apply(obj)
    db.session.add(obj)
    try:
        db.session.flush()
    except IntegrityError:
        # Someone saved the same code in between: the database's constraint decides.
        db.session.rollback()
        raise AdminError(
            next(iter(values)), _l("This conflicts with a record saved just now: check and try again")
        )
    after = _snapshot(obj, extra_after)
    audit.record(
        f"{record_type}.{'create' if is_new else 'update'}",
        record_type,
        obj.id,
        user=user,
        point_id=_point_of(obj),
        before=before,
        after=after,
    )
    db.session.commit()
    return obj


def delete(obj, user):
    record_type, _fields = RECORD_TYPES[type(obj)]
    audit.record(
        f"{record_type}.delete",
        record_type,
        obj.id,
        user=user,
        point_id=_point_of(obj),
        before=_snapshot(obj),
    )
    db.session.delete(obj)
    db.session.commit()


# --- desks ----------------------------------------------------------------------------------


def save_desk(desk, values, procedure_ids, user):
    codes_before = [p.code for p in desk.procedures] if desk.id else []
    chosen = _all(
        select(Procedure).where(Procedure.id.in_(procedure_ids or [0])).order_by(Procedure.sort_order)
    )

    def apply(obj):
        obj.procedures = chosen

    return save(
        desk,
        values,
        user,
        extra_before={"procedures": codes_before},
        extra_after={"procedures": [p.code for p in chosen]},
        apply=apply,
    )


# --- lists ----------------------------------------------------------------------------------


def _all(query):
    return db.session.scalars(query).all()


def points():
    return _all(select(ServicePoint).order_by(ServicePoint.id))


def procedures():
    return _all(select(Procedure).order_by(Procedure.sort_order, Procedure.name_vi))


def accounts(point_id=None):
    query = select(User).order_by(User.active.desc(), User.role, User.username)
    return _all(query.where(User.point_id == point_id) if point_id else query)


def teams_of(point_id):
    return _all(select(Team).filter_by(point_id=point_id).order_by(Team.code))


def desks_of(point_id):
    return _all(select(Desk).filter_by(point_id=point_id).order_by(Desk.number))


def sessions_of(point_id):
    order = (OpeningSession.weekday, OpeningSession.start, OpeningSession.effective_from)
    return _all(select(OpeningSession).filter_by(point_id=point_id).order_by(*order))


def closed_days(point_id, since):
    return _all(
        select(ClosedDay)
        .where(ClosedDay.date >= since, (ClosedDay.point_id == point_id) | ClosedDay.point_id.is_(None))
        .order_by(ClosedDay.date)
    )


def targets():
    return _all(
        select(ReportTarget).order_by(ReportTarget.metric, ReportTarget.point_id, ReportTarget.effective_from)
    )
