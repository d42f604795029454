"""Demo data for Tân Giang ward, TDP 12 (Hà Tĩnh): `seed()` makes the point and calls the others.

procedures: teams and procedures; outreach: news, documents, links; appointments: bookings;
dossiers: sample dossiers. From the project's domain notes (DOMAIN.md).

Fees and time limits marked [U] there come from secondary sources: staff correct them as data.
"""

import secrets
from datetime import date, time

from sqlalchemy import select

from ..extensions import db
from ..models import Desk, OpeningSession, Procedure, ServicePoint, Team, User
from ..services.accounts import create_user
from .appointments import seed_demo_bookings
from .dossiers import seed_demo_dossiers
from .outreach import seed_outreach
from .procedures import TEAMS
from .procedures import procedures as demo_procedures

PILOT_START = date(2019, 4, 2)
SATURDAY_START = date(2019, 9, 7)


def seed(echo=print):
    """Create the demo point if it is not there yet; print the passwords of the users it makes."""
    if db.session.scalars(select(ServicePoint).filter_by(slug="tdp12-tan-giang")).first():
        echo("Demo data already present: nothing changed.")
        return False
    point = ServicePoint(
        slug="tdp12-tan-giang",
        name_vi="Tổ dân phố điện tử TDP 12",
        name_en="E-residential group TDP 12",
        ward="Phường Tân Giang",
        residential_group="Tổ dân phố 12",
        city="Thành phố Hà Tĩnh",
        province="Hà Tĩnh",
        address="Nhà văn hóa Tổ dân phố 12, phường Tân Giang, thành phố Hà Tĩnh",
        directions_vi="Trong nhà văn hóa của tổ dân phố; có máy tính, máy quét và máy in để làm dịch vụ công trực tuyến. "
        "Bản chính giấy tờ được kiểm tra và nhận kết quả tại bộ phận một cửa UBND phường.",
        directions_en="Inside the group's cultural house, with a computer, scanner and printer for online services. "
        "Originals are checked and results collected at the ward's one-stop office.",
        phone="0239 3855 123",
        latitude=18.3429,
        longitude=105.9057,
        ticket_header="UBND phường Tân Giang – Tổ dân phố điện tử TDP 12",
    )
    db.session.add(point)
    for weekday in range(5):
        db.session.add(
            OpeningSession(
                point=point, weekday=weekday, start=time(7, 30), end=time(11, 30), effective_from=PILOT_START
            )
        )
        db.session.add(
            OpeningSession(
                point=point, weekday=weekday, start=time(13, 30), end=time(17, 0), effective_from=PILOT_START
            )
        )
    db.session.add(
        OpeningSession(
            point=point,
            weekday=5,
            start=time(7, 30),
            end=time(11, 30),
            effective_from=SATURDAY_START,
            note_vi="Buổi sáng thứ Bảy",
            note_en="Saturday morning",
        )
    )
    teams = {}
    for code, name_vi, name_en, prefix in TEAMS:
        teams[code] = Team(point=point, code=code, name_vi=name_vi, name_en=name_en, ticket_prefix=prefix)
        db.session.add(teams[code])
    procedures = []
    for row in demo_procedures():
        team = teams[row.pop("team")]
        procedure = Procedure(team=team, **row)
        procedures.append(procedure)
        db.session.add(procedure)
    for number, team_code in enumerate(["one-stop", "online", "volunteers"], start=1):
        desk = Desk(point=point, team=teams[team_code], number=number)
        desk.procedures = [p for p in procedures if p.team is teams[team_code]]
        db.session.add(desk)
    seed_outreach(point)  # news, issued documents, useful links
    db.session.commit()
    seed_demo_bookings(point)  # a few bookings on the next open days

    echo("Demo data created for Tân Giang ward, TDP 12. Sign-in accounts (shown once):")
    for username, role, full_name in [
        ("admin", "admin", "Quản trị hệ thống"),
        ("canbo", "staff", "Nguyễn Thị Hoa"),
        ("tinhnguyen", "volunteer", "Trần Văn Nam"),
    ]:
        if db.session.scalars(select(User).filter_by(username=username)).first():
            continue
        password = secrets.token_urlsafe(9)
        create_user(username, role, password, full_name=full_name, point=None if role == "admin" else point)
        echo(f"  {role:<10} {username:<12} {password}")
    seed_demo_dossiers(point)  # sample dossiers in several states for the staff list
    return True
