"""Daily rollups: the same figures whether a day is rolled up or computed live, and kept up to date."""

import random
import secrets
import threading
import time
from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import Procedure, Team, Ticket
from app.models.reports import ReportDay, TicketDaySummary
from app.services import reports
from app.services.reports import histograms, rollups
from tests.admin.fixtures import WEEK, build_week, local, report_point


def random_tickets(point, first, days, seed):
    """A few weeks of tickets with second-precision times, some left open, some not called."""
    rng = random.Random(seed)
    teams = Team.query.filter_by(point_id=point.id).all()
    procedures = Procedure.query.all()
    number = 0
    for offset in range(days):
        day = first + timedelta(days=offset)
        for _ in range(rng.randint(0, 25)):
            number += 1
            team = rng.choice(teams + [None])
            issued = local(day, 7) + timedelta(seconds=rng.randint(0, 9 * 3600))
            status = rng.choice(("done", "done", "done", "no_show", "cancelled", "waiting", "serving"))
            called = (
                None
                if status in ("cancelled", "waiting")
                else issued
                + timedelta(seconds=int(rng.expovariate(1 / 700)) - (5 if rng.random() < 0.02 else 0))
            )
            started = (
                called + timedelta(seconds=rng.randint(0, 60)) if status in ("done", "serving") else None
            )
            finished = started + timedelta(seconds=rng.randint(30, 4000)) if status == "done" else None
            db.session.add(
                Ticket(
                    point_id=point.id,
                    service_day=day,
                    prefix="A",
                    number=number,
                    procedure_id=rng.choice(procedures).id,
                    team_id=team.id if team else None,
                    status=status,
                    token=secrets.token_hex(8),
                    issued_at=issued,
                    called_at=called,
                    started_at=started,
                    finished_at=finished,
                    channel=rng.choice(("phone", "office", "desk", "appointment")),
                )
            )
    db.session.commit()


def figures(period, point):
    report = reports.build(period, point)
    return report.tickets, report.times, report.saturday, report.previous


@pytest.fixture
def point(demo, clock):
    clock(2024, 12, 20, 10, 0)
    return report_point()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rolled_up_and_live_reports_agree_on_random_data(point, monkeypatch, seed):
    random_tickets(point, date(2024, 10, 1), 81, seed)  # up to and including today, 20/12/2024
    period = reports.Period("custom", date(2024, 10, 20), date(2024, 12, 20))
    monkeypatch.setattr(rollups.TICKETS, "lazy_limit", 0)
    live = figures(period, point)
    assert ReportDay.query.count() == 0
    whole = reports.Period("custom", date(2024, 10, 1), date(2024, 12, 20))
    every_point_live = figures(whole, None)
    # Today (20/12) is never rolled up: 80 past days.
    assert rollups.rollup_range(date(2024, 10, 1), date(2024, 12, 31), point_ids=[point.id]) == 80
    rolled = figures(period, point)
    assert rolled == live
    assert live[0]["issued"] > 300 and live[1]["all"]["all"]["wait"]["count"] > 100
    assert figures(whole, None) == every_point_live  # the other point's days still live
    rollups.rollup_range(date(2024, 9, 1), date(2024, 12, 31))
    assert figures(whole, None) == every_point_live


def test_percentiles_from_minute_histograms_match_the_rounded_times(point):
    random_tickets(point, date(2024, 11, 1), 30, 9)
    rollups.rollup_range(date(2024, 11, 1), date(2024, 11, 30))
    period = reports.Period("month", date(2024, 11, 1), date(2024, 11, 30))
    times = reports.build(period, point).times["all"]["all"]["wait"]
    waits = sorted(
        histograms.minute_of(round((t.called_at - t.issued_at).total_seconds())) * 60
        for t in Ticket.query.filter(
            Ticket.service_day.between(period.start, period.end), Ticket.called_at.isnot(None)
        )
        if t.called_at >= t.issued_at
    )
    assert times["count"] == len(waits)
    assert times["median"] == pytest.approx(reports.percentile(waits, 0.5))
    assert times["p90"] == pytest.approx(reports.percentile(waits, 0.9))


def test_rolling_up_a_day_twice_gives_the_same_rows(point):
    build_week(point)
    assert rollups.rollup_day(point, WEEK)
    first = [(s.team_id, s.procedure_id, s.issued, s.served, s.wait_minutes) for s in TicketDaySummary.query]
    assert rollups.rollup_day(point, WEEK)
    again = [(s.team_id, s.procedure_id, s.issued, s.served, s.wait_minutes) for s in TicketDaySummary.query]
    assert sorted(first) == sorted(again) and len(again) == 1
    assert ReportDay.query.filter_by(point_id=point.id, day=WEEK).one().tickets == 4


def test_today_is_never_rolled_up_and_counts_live(point, clock):
    clock(2024, 11, 18, 15, 0)
    build_week(point)
    assert not rollups.rollup_day(point, WEEK)
    assert reports.build(reports.period_for("day", WEEK), point).tickets["issued"] == 4


def test_opening_a_report_rolls_up_its_past_days(point):
    build_week(point)
    reports.build(reports.period_for("week", WEEK), point)
    rolled = {d for (d,) in db.session.query(ReportDay.day).filter_by(point_id=point.id)}
    assert {WEEK + timedelta(days=n) for n in range(-7, 7)} <= rolled


def test_a_changed_ticket_of_a_past_day_is_counted_again(point):
    build_week(point)
    period = reports.period_for("week", WEEK)
    assert reports.build(period, point).tickets["no_show"] == 1
    assert ReportDay.query.filter_by(point_id=point.id, day=WEEK).count() == 1
    ticket = Ticket.query.filter_by(point_id=point.id, service_day=WEEK, status="no_show").one()
    ticket.status = "cancelled"
    db.session.commit()
    assert ReportDay.query.filter_by(point_id=point.id, day=WEEK).count() == 0
    report = reports.build(period, point)
    assert (report.tickets["no_show"], report.tickets["cancelled"]) == (0, 2)


def test_histograms_round_to_the_nearest_minute_and_cap_at_a_day():
    assert [histograms.minute_of(s) for s in (0, 29, 30, 89, 90, 86_400 * 3)] == [0, 0, 1, 1, 2, 1440]
    histogram = histograms.Histogram()
    histogram.add(histograms.decode(histograms.encode([0, 2, 0, 1, 0, 0])), 3)
    assert histograms.encode([0, 2, 0, 1, 0, 0]) == histograms.encode([0, 2, 0, 1])
    assert histogram.summary() == {"count": 3, "median": 60, "p90": pytest.approx(60 + 0.8 * 120)}


def test_the_command_rolls_up_missing_days_and_recomputes_from_a_date(app, point):
    build_week(point)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["rollup-reports"])
    assert result.exit_code == 0, result.output
    days = {d for (d,) in db.session.query(ReportDay.day).filter_by(point_id=point.id)}
    assert min(days) == WEEK - timedelta(days=1) and max(days) == date(2024, 12, 19)
    assert TicketDaySummary.query.filter_by(point_id=point.id, day=WEEK).count() == 1
    db.session.query(TicketDaySummary).delete()
    db.session.commit()
    result = runner.invoke(args=["rollup-reports", "--since", "18/11/2024"])
    assert result.exit_code == 0 and "rolled up" in result.output
    assert TicketDaySummary.query.filter_by(point_id=point.id, day=WEEK).count() == 1
    assert TicketDaySummary.query.filter_by(day=WEEK - timedelta(days=1)).count() == 0  # before --since
    assert runner.invoke(args=["rollup-reports", "--since", "yesterday"]).exit_code != 0


def test_a_rollup_started_during_an_uncommitted_change_waits_for_it_and_counts_it(app, point):
    """The change drops the day's marker before it commits (holding it); the rollup takes the marker
    first, so it waits for the change and then reads it, on SQLite (one writer) and PostgreSQL (row locks)."""
    build_week(point)
    assert rollups.rollup_day(point, WEEK)
    ticket_id = db.session.scalars(
        db.select(Ticket.id).filter_by(point_id=point.id, service_day=WEEK, status="done")
    ).first()
    db.session.commit()
    flushed, moments = threading.Event(), {}

    def change():
        with app.app_context():
            db.session.get(Ticket, ticket_id).status = "no_show"
            db.session.flush()  # written, and the rollup of WEEK dropped, not committed yet
            flushed.set()
            time.sleep(0.3)  # long enough for the rollup below to start and have to wait
            moments["committed"] = time.monotonic()
            db.session.commit()

    worker = threading.Thread(target=change)
    worker.start()
    assert flushed.wait(10)
    assert rollups.rollup_day(point, WEEK)
    moments["rolled up"] = time.monotonic()
    worker.join()
    assert moments["rolled up"] > moments["committed"]
    summary = TicketDaySummary.query.filter_by(point_id=point.id, day=WEEK).one()
    assert (summary.served, summary.no_show) == (1, 2)  # the hand-computed day had 2 served, 1 no-show
