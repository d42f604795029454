"""Grants within roles: staff see residents' phones and run every desk; volunteers see phones masked and run their team's desk."""

from datetime import datetime, time

import pytest

from app.auth_roles import mask_phone, may
from app.extensions import db
from app.models import Appointment, Procedure, Team
from app.timeutil import local_today
from tests.conftest import text_of

PHONE = "0912345678"


def booking_today(demo):
    team = db.session.scalars(db.select(Team).filter_by(point_id=demo.id)).first()
    procedure = db.session.scalars(db.select(Procedure)).first()
    db.session.add(
        Appointment(
            point_id=demo.id,
            procedure_id=procedure.id,
            team_id=team.id,
            day=local_today(),
            start=time(9),
            end=time(9, 30),
            code="ABC234",
            token="b" * 32,
            name="Nguyễn Thị Lan",
            phone=PHONE,
            created_at=datetime(2026, 1, 1),
        )
    )
    db.session.commit()


@pytest.mark.parametrize("who, shown", [("staff_client", PHONE), ("volunteer_client", "0912•••678")])
def test_the_day_list_shows_phones_as_the_role_may_see_them(request, demo, who, shown):
    client = request.getfixturevalue(who)
    booking_today(demo)
    page = text_of(client.get("/appointments/day"))
    assert shown in page
    if who == "volunteer_client":
        assert PHONE not in page


# role -> may it see whole phones?
GRANTS = {"admin": True, "staff": True, "volunteer": False, "kiosk": False}


@pytest.mark.parametrize("role, allowed", GRANTS.items(), ids=GRANTS.keys())
def test_who_holds_the_phone_grant(role, allowed):
    class Person:
        is_authenticated = True

    person = Person()
    person.role = role
    assert may("phones.full", person) is allowed


MASKS = {"mobile": ("0912345678", "0912•••678"), "short": ("113", "•••"), "empty": ("", "•••")}


@pytest.mark.parametrize("phone, masked", MASKS.values(), ids=MASKS.keys())
def test_masked_phones_keep_only_the_ends(phone, masked):
    assert mask_phone(phone) == masked


def desk(demo, number):
    from app.models import Desk

    return db.session.scalars(db.select(Desk).filter_by(point_id=demo.id, number=number)).one()


# desk number -> may a volunteer run it? (1 one-stop, 2 online team, 3 youth-union volunteers)
VOLUNTEER_DESKS = {
    "one-stop desk": (1, False),
    "online team's desk": (2, False),
    "volunteers' desk": (3, True),
}


@pytest.mark.parametrize("number, allowed", VOLUNTEER_DESKS.values(), ids=VOLUNTEER_DESKS.keys())
def test_volunteers_run_their_own_teams_desk_only(volunteer_client, demo, number, allowed):
    target = desk(demo, number)
    assert volunteer_client.get(f"/desk/{target.id}").status_code == (200 if allowed else 403)
    listed = f"/desk/{target.id}" in volunteer_client.get("/desk").text
    assert listed is allowed


def test_staff_run_every_desk(staff_client, demo):
    for number in (1, 2, 3):
        assert staff_client.get(f"/desk/{desk(demo, number).id}").status_code == 200
