"""purge-personal-data erases every personal field; a new column that looks personal must be listed."""

import re
from datetime import date, datetime, time

from app.extensions import db
from app.models import Appointment, Complaint, Procedure, Rating, Team, Ticket
from app.models.notify import Notification, NotifySubscription
from app.services import personal_data

LOOKS_PERSONAL = re.compile(
    r"phone|name|address|id_number|email|comment|note|contact|applicant|push_|answers|(^|_)ip$|"
    r"user_agent|body|message|text|birth|resident",
    re.I,
)


def test_every_column_that_looks_personal_is_purged_or_said_not_to_be():
    purged = {
        (model.__tablename__, name) for model, fields in personal_data.PERSONAL.items() for name in fields
    }
    unexplained = [
        f"{table.name}.{column.name}"
        for table in db.metadata.sorted_tables
        for column in table.columns
        if LOOKS_PERSONAL.search(column.name)
        and (table.name, column.name) not in purged
        and (table.name, column.name) not in personal_data.NOT_PERSONAL
    ]
    assert unexplained == [], "add to personal_data.PERSONAL (with a rule in _aged) or NOT_PERSONAL"


def test_every_purged_model_but_dossiers_has_an_age_rule():
    handled_by_dossiers = {"dossier", "dossier_event"}
    aged = {model.__tablename__ for model in personal_data._aged()}
    assert {m.__tablename__ for m in personal_data.PERSONAL} - handled_by_dossiers == aged


def old_records(demo):
    """One row of each kind, with personal data, from January 2026."""
    procedure = db.session.scalars(db.select(Procedure)).first()
    team = db.session.scalars(db.select(Team)).first()
    when = datetime(2026, 1, 5, 2, 0)
    ticket = Ticket(
        point_id=demo.id,
        service_day=date(2026, 1, 5),
        prefix="A",
        number=1,
        procedure_id=procedure.id,
        phone="0912345678",
        token="t" * 22,
        issued_at=when,
        status="done",
    )
    db.session.add(ticket)
    db.session.flush()
    booking = Appointment(
        point_id=demo.id,
        procedure_id=procedure.id,
        team_id=team.id,
        day=date(2026, 1, 5),
        start=time(9),
        end=time(9, 30),
        code="ABC234",
        token="b" * 32,
        name="Nguyễn Thị Lan",
        phone="0912345678",
        status="checked_in",
        created_at=when,
    )
    rating = Rating(point_id=demo.id, overall=2, comment="Chị Lan ở số 5 chờ lâu", created_at=when)
    db.session.add_all([booking, rating])
    db.session.flush()
    complaint = Complaint(
        point_id=demo.id, rating_id=rating.id, text="Chị Lan ở số 5 chờ lâu", received_at=when
    )
    subscription = NotifySubscription(
        point_id=demo.id, ticket_id=ticket.id, channel="sms", address="0912345678", created_at=when
    )
    db.session.add_all([complaint, subscription])
    db.session.flush()
    notification = Notification(
        key="k1",
        point_id=demo.id,
        subscription_id=subscription.id,
        channel="sms",
        address="0912345678",
        to_masked="…678",
        event="called",
        created_at=when,
    )
    db.session.add(notification)
    db.session.commit()
    return [ticket, booking, rating, complaint, subscription, notification]


def test_the_purge_erases_every_personal_field_of_old_records_and_keeps_the_rows(app, demo, clock):
    records = old_records(demo)
    clock(2026, 12, 7, 9, 0)
    result = app.test_cli_runner().invoke(args=["purge-personal-data", "--older-than", "90"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    for record in records:
        row = db.session.get(type(record), record.id)
        assert row is not None  # counts stay
        for name, erased in personal_data.PERSONAL[type(record)].items():
            assert getattr(row, name) == erased, f"{type(record).__name__}.{name}"


def test_recent_records_keep_their_personal_fields(app, demo, clock):
    records = old_records(demo)
    clock(2026, 1, 20, 9, 0)
    personal_data.purge(90)
    db.session.expire_all()
    assert db.session.get(Appointment, records[1].id).phone == "0912345678"
