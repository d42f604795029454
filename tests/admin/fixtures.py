"""Hand-computed report fixtures: one week, 18/11/2024 (Mon) to 24/11/2024 (Sun),
at a point of its own (TDP 7) so the demo point's sample data stays out of the figures.

Tickets (waiting = issued->called, service = started->finished, in seconds):
  Mon 18/11  one-stop, ket-hon:   done 60/300, done 120/600, no-show 300/-, cancelled -/-
  Tue 19/11  online, khai-sinh:   done 600/900, done 30/120
  Sat 23/11  online, khai-sinh:   done 900/300, done 1200/300
  Sun 17/11  (previous week)      done 100/100
All waits sorted 30 60 120 300 600 900 1200: median 300, p90 = 900 + 0.4 * 300 = 1020.
Services sorted 120 300 300 300 600 900: median 300, p90 = 600 + 0.5 * 300 = 750.
One-stop waits 60 120 300: median 120, p90 = 120 + 0.8 * 180 = 264.
Online waits 30 600 900 1200: median 750, p90 = 900 + 0.7 * 300 = 1110.
Weekdays: 2 open days, 6 tickets (3 per day), waits 30 60 120 300 600 -> median 120.
Saturday: 1 day, 2 tickets, waits 900 1200 -> median 1050.

Dossiers submitted in the week (local time): 00:00 Mon self completed on time; 09:00 Mon volunteer
returned late; Tue paper still processing past its due date (late); Thu self received, not yet due.
The paper dossier at 23:59 Sun 17/11 belongs to the previous week although both it and the
00:00 Monday one are stored on 17/11 in UTC. Online share 3/4 = 75 %, on time 1/3.
Ratings: 5 and 4 overall (4.5), attitude 4 and 5, on-time 3 once; a rejected 1 does not count.
Bookings: 2 checked in, 1 missed, 1 cancelled: used 2 of 3.
"""

import secrets
from datetime import date, datetime, time, timedelta

from app.extensions import db
from app.models import Appointment, Dossier, DossierEvent, Procedure, Rating, ServicePoint, Team, Ticket
from app.timeutil import LOCAL_TZ, to_utc_naive

WEEK = date(2024, 11, 18)


def local(day, hour=8, minute=0):
    return to_utc_naive(datetime.combine(day, time(hour, minute), LOCAL_TZ))


_last_number = [0]  # one counter for every ticket the fixtures add, so numbers never clash


def add_ticket(point, day, team_code, code, status, wait=None, service=None):
    number = _last_number
    number[0] += 1
    team = Team.query.filter_by(point_id=point.id, code=team_code).one()
    procedure = Procedure.query.filter_by(code=code).one()
    issued = local(day) + timedelta(minutes=number[0])
    called = issued + timedelta(seconds=wait) if wait is not None else None
    started = called + timedelta(seconds=30) if service is not None else None
    finished = (
        started + timedelta(seconds=service)
        if service is not None
        else (called if status == "no_show" else None)
    )
    db.session.add(
        Ticket(
            point_id=point.id,
            service_day=day,
            prefix=team.ticket_prefix,
            number=number[0],
            procedure_id=procedure.id,
            team_id=team.id,
            status=status,
            token=secrets.token_hex(8),
            issued_at=issued,
            called_at=called,
            started_at=started,
            finished_at=finished,
            channel="phone",
        )
    )


def add_dossier(point, submitted, channel, status, due, completed=None, code="khai-sinh"):
    procedure = Procedure.query.filter_by(code=code).one()
    dossier = Dossier(
        point_id=point.id,
        procedure_id=procedure.id,
        status=status,
        channel=channel,
        submitted_at=submitted,
        due_date=due,
        code=secrets.token_hex(4),
    )
    if completed:
        dossier.events.append(DossierEvent(status="completed", from_status="processing", at=completed))
    db.session.add(dossier)


def add_booking(point, day, status):
    team = Team.query.filter_by(point_id=point.id, code="online").one()
    db.session.add(
        Appointment(
            point_id=point.id,
            procedure_id=Procedure.query.filter_by(code="khai-sinh").one().id,
            team_id=team.id,
            day=day,
            start=time(8),
            end=time(8, 30),
            code=secrets.token_hex(3),
            token=secrets.token_hex(8),
            name="Nguyễn Văn A",
            phone="0912345678",
            status=status,
        )
    )


def report_point():
    point = ServicePoint(
        slug="tdp7-bao-cao",
        name_vi="Tổ dân phố điện tử TDP 7",
        ward="Phường Tân Giang",
        address="Nhà văn hóa TDP 7",
    )
    db.session.add(point)
    for code, name, prefix in (
        ("one-stop", "Bộ phận một cửa", "A"),
        ("online", "Tổ dịch vụ công trực tuyến", "B"),
    ):
        db.session.add(Team(point=point, code=code, name_vi=name, ticket_prefix=prefix))
    db.session.commit()
    return point


def build_week(point):
    monday, tuesday, saturday = WEEK, WEEK + timedelta(1), WEEK + timedelta(5)
    add_ticket(point, monday, "one-stop", "ket-hon", "done", 60, 300)
    add_ticket(point, monday, "one-stop", "ket-hon", "done", 120, 600)
    add_ticket(point, monday, "one-stop", "ket-hon", "no_show", 300)
    add_ticket(point, monday, "one-stop", "ket-hon", "cancelled")
    add_ticket(point, tuesday, "online", "khai-sinh", "done", 600, 900)
    add_ticket(point, tuesday, "online", "khai-sinh", "done", 30, 120)
    add_ticket(point, saturday, "online", "khai-sinh", "done", 900, 300)
    add_ticket(point, saturday, "online", "khai-sinh", "done", 1200, 300)
    add_ticket(point, WEEK - timedelta(1), "online", "khai-sinh", "done", 100, 100)

    add_dossier(point, local(monday, 0, 0), "self", "completed", date(2024, 11, 20), local(tuesday, 10))
    add_dossier(point, local(monday, 9), "volunteer", "returned", monday, local(tuesday, 9))
    add_dossier(point, local(tuesday, 9), "paper", "processing", date(2024, 11, 20))
    add_dossier(point, local(WEEK + timedelta(3), 9), "self", "received", date(2024, 11, 28))
    add_dossier(point, local(WEEK - timedelta(1), 23, 59), "paper", "received", date(2024, 11, 25))
    db.session.add(
        Dossier(
            point_id=point.id,
            procedure_id=Procedure.query.filter_by(code="khai-tu").one().id,
            status="draft",
            channel="self",
        )
    )

    db.session.add(
        Rating(point_id=point.id, overall=5, attitude=4, status="approved", created_at=local(monday, 10))
    )
    db.session.add(
        Rating(
            point_id=point.id,
            overall=4,
            attitude=5,
            on_time=3,
            status="pending",
            created_at=local(saturday, 11),
        )
    )
    db.session.add(Rating(point_id=point.id, overall=1, status="rejected", created_at=local(saturday, 11)))
    db.session.add(
        Rating(point_id=point.id, overall=3, status="approved", created_at=local(WEEK - timedelta(3), 10))
    )

    for status in ("checked_in", "checked_in", "missed", "cancelled"):
        add_booking(point, tuesday, status)
    db.session.commit()
