"""Monthly rollups: a long period read from whole months gives the very figures read from days or live,
and a change to a day of a rolled-up month drops the month with the day."""

import random
import secrets
from datetime import date, timedelta

import pytest
from sqlalchemy import insert

from app.extensions import db
from app.models import Dossier, DossierEvent, Procedure, ServicePoint, Team, Ticket
from app.models.reports import DossierMonthTimed, NationalFiling, ReportMonth, TicketMonthSummary
from app.services import reports
from app.services.reports import dossier_rollups, layers, rollups
from app.services.reports.coverage import coverage
from app.services.reports.dossier_rollups import DOSSIERS
from app.services.reports.rollups import TICKETS
from app.services.reports.spans import each_day
from tests.admin.fixtures import local, report_point

FIRST, TODAY = date(2024, 9, 24), date(2024, 12, 20)
# Read as: October minus Oct 1-4 (fewer than the days inside), November whole, Dec 1-19 by day, today
# live; its previous period (Jul 20 - Oct 4) as July days, August and September whole, Oct 1-4 by day.
PERIOD = reports.Period("custom", date(2024, 10, 5), TODAY)


def bulk_rows(point, seed):
    """Tickets and dossiers on most days, written in bulk (no ORM flush: nothing is rolled up or dropped).

    Tickets: second-precision times, some left open or never called. Dossiers: on time, late, open,
    asked for papers once or twice, some ticked for the national index."""
    rng = random.Random(seed)
    teams = [t.id for t in Team.query.filter_by(point_id=point.id)] + [None]
    procedures = [p.id for p in Procedure.query]
    tickets, dossiers, events, filings = [], [], [], []
    for offset in range((TODAY - FIRST).days + 1):
        day = FIRST + timedelta(days=offset)
        for number in range(rng.randint(0, 12)):
            issued = local(day, 7) + timedelta(seconds=rng.randint(0, 9 * 3600))
            status = rng.choice(("done", "done", "done", "no_show", "cancelled", "waiting", "serving"))
            called = (
                None
                if status in ("cancelled", "waiting")
                else issued + timedelta(seconds=rng.randint(0, 3000))
            )
            started = (
                called + timedelta(seconds=rng.randint(0, 60)) if status in ("done", "serving") else None
            )
            finished = started + timedelta(seconds=rng.randint(30, 4000)) if status == "done" else None
            tickets.append(
                dict(point_id=point.id, service_day=day, prefix="A", number=number + 1, status=status)
                | dict(
                    procedure_id=rng.choice(procedures), team_id=rng.choice(teams), token=secrets.token_hex(8)
                )
                | dict(issued_at=issued, called_at=called, started_at=started, finished_at=finished)
                | dict(channel=rng.choice(("phone", "office", "desk", "appointment", "kiosk")))
            )
        for _ in range(rng.randint(0, 4)):
            dossier_id = 100_000 * (seed + 1) + len(dossiers)
            submitted = local(day, rng.randint(7, 17), rng.randint(0, 59))
            status = rng.choice(("received", "processing", "supplement", "completed", "returned", "returned"))
            due = day + timedelta(days=rng.randint(0, 12)) if rng.random() < 0.9 else None
            dossiers.append(
                dict(id=dossier_id, point_id=point.id, procedure_id=rng.choice(procedures), status=status)
                | dict(
                    channel=rng.choice(("self", "volunteer", "paper")), submitted_at=submitted, due_date=due
                )
                | dict(code=f"HS-{dossier_id}")
            )
            at = submitted
            events.append(dict(dossier_id=dossier_id, status="received", at=at))
            for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
                at += timedelta(days=rng.randint(0, 3), hours=1)
                events.append(dict(dossier_id=dossier_id, status="supplement", at=at))
                at += timedelta(days=rng.randint(1, 4))
                events.append(dict(dossier_id=dossier_id, status="received", at=at))
            if status in ("completed", "returned"):
                done = at + timedelta(days=rng.randint(0, 14))
                events.append(dict(dossier_id=dossier_id, status="completed", at=done))
            if rng.random() < 0.5:
                filings.append(
                    dict(
                        dossier_id=dossier_id,
                        national_channel=rng.choice(("in_person", "online", "postal", None)),
                    )
                    | dict(
                        payment=rng.choice(("none", "desk", "online", None)), vneid_level2=rng.random() < 0.4
                    )
                    | dict(digitised=rng.random() < 0.6, data_reused=rng.random() < 0.3)
                )
    for model, rows in (
        (Ticket, tickets),
        (Dossier, dossiers),
        (DossierEvent, events),
        (NationalFiling, filings),
    ):
        if rows:
            db.session.execute(insert(model), rows)
    db.session.commit()


def figures(point):
    """Everything a report shows that comes from tickets and dossiers, for one point and for all."""
    result = []
    for where in (point, None):
        report = reports.build(PERIOD, where)
        result.append(
            (report.tickets, report.times, report.saturday, report.previous, report.dossiers, report.units)
            + (report.index, report.index_previous)
        )
    return result


@pytest.fixture
def city(demo, clock, monkeypatch):
    clock(2024, 12, 20, 10, 0)
    point = report_point()
    for n, each in enumerate(db.session.scalars(db.select(ServicePoint)).all()):
        bulk_rows(each, seed=n)
    monkeypatch.setattr(TICKETS, "lazy_limit", 0)
    monkeypatch.setattr(DOSSIERS, "lazy_limit", 0)
    return point


def every_point_day():
    points = layers.all_point_ids()
    return [(p, d) for d in each_day(date(2024, 6, 1), TODAY) for p in points]


def test_months_days_and_live_give_the_same_figures(city):
    live = figures(city)
    assert db.session.query(ReportMonth).count() == 0
    for kind in (TICKETS, DOSSIERS):
        layers.roll_up_days(kind, every_point_day())
    assert db.session.query(ReportMonth).count() == 0  # days only
    by_day = figures(city)
    assert by_day == live
    months = [(p, d) for p, d in every_point_day() if d.day == 1]
    for kind in (TICKETS, DOSSIERS):
        done = layers.roll_up_months(kind, months)
        assert (city.id, date(2024, 11, 1)) in done and (
            city.id,
            date(2024, 12, 1),
        ) not in done  # Dec not over
    cover = coverage(TICKETS, PERIOD.start, PERIOD.end, None, lazy=False)
    assert {m for _p, m in cover.months} == {date(2024, 10, 1), date(2024, 11, 1)}
    assert {d for _p, d in cover.minus} == {date(2024, 10, day) for day in range(1, 5)}
    assert min(d for _p, d in cover.days) == date(2024, 12, 1) and cover.today == (TODAY, TODAY)
    by_month = figures(city)
    assert by_month == live
    tickets, dossiers = by_month[1][0], by_month[1][4]
    # Tickets by channel (compared above with the rest of report.tickets) add up to the tickets issued.
    assert set(tickets["by_channel"]) == {"phone", "office", "desk", "appointment", "kiosk"}
    assert sum(tickets["by_channel"].values()) == tickets["issued"]
    assert tickets["issued"] > 600 and dossiers["total"] > 200 and by_month[1][6]["2.1"]["denominator"] > 60
    # Finished dossiers never asked for papers are two rows a month, at most.
    finished = db.session.query(DossierMonthTimed).filter(
        DossierMonthTimed.dossier_id.is_(None), DossierMonthTimed.done_day.isnot(None)
    )
    assert finished.filter_by(point_id=city.id, month=date(2024, 10, 1)).count() <= 2


def test_rolling_up_a_month_again_gives_the_same_rows(city):
    rollups.rollup_range(date(2024, 10, 1), date(2024, 10, 31))

    def rows():
        return sorted(
            (r.point_id, r.day_type, r.team_id or 0, r.procedure_id or 0, r.issued, r.wait_minutes)
            + (r.channels,)
            for r in db.session.query(TicketMonthSummary)
        )

    first = rows()
    assert first and db.session.query(ReportMonth).filter_by(kind="tickets").count() == 2
    rollups.rollup_range(date(2024, 10, 1), date(2024, 10, 31))  # days and month again
    assert layers.roll_up_months(TICKETS, [(city.id, date(2024, 10, 1))]) == [(city.id, date(2024, 10, 1))]
    assert rows() == first


def test_a_change_to_a_day_drops_its_month_and_the_figure_follows(city):
    for kind_range in (rollups.rollup_range, dossier_rollups.rollup_dossier_range):
        kind_range(date(2024, 10, 1), date(2024, 11, 30))
    october = reports.Period("month", date(2024, 10, 1), date(2024, 10, 31))

    def month_marked(kind):
        return db.session.get(ReportMonth, (kind, city.id, date(2024, 10, 1))) is not None

    before = reports.build(october, city)
    assert month_marked("tickets") and month_marked("dossiers")
    ticket = db.session.scalars(
        db.select(Ticket).filter_by(point_id=city.id, service_day=date(2024, 10, 15), status="done")
    ).first()
    ticket.status = "no_show"  # a correction weeks later
    dossier = db.session.scalars(
        db.select(Dossier).where(
            Dossier.point_id == city.id, Dossier.submitted_at < local(date(2024, 10, 20))
        )
    ).all()[-1]
    dossier.channel = "paper" if dossier.channel != "paper" else "self"
    db.session.commit()
    assert not month_marked("tickets") and not month_marked("dossiers")
    assert db.session.get(ReportMonth, ("tickets", city.id, date(2024, 11, 1)))  # other months stay
    after = reports.build(october, city)
    assert after.tickets["no_show"] == before.tickets["no_show"] + 1
    assert after.dossiers["online"] != before.dossiers["online"]
    # Read again with lazy rollups on: the day and then the month are rolled up again, same figures.
    TICKETS.lazy_limit = DOSSIERS.lazy_limit = 400
    again = reports.build(october, city)
    assert month_marked("tickets") and month_marked("dossiers")
    assert (again.tickets, again.times, again.dossiers) == (after.tickets, after.times, after.dossiers)
