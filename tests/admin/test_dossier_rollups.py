"""Daily dossier rollups: the hand-computed dossier and index figures are the same rolled up or live,
and a change to a past day's dossier drops that day's rollup in the same transaction."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Dossier, DossierEvent, ServicePoint
from app.models.reports import DossierDayCount, DossierDayTimed, DossierReportDay, NationalFiling
from app.services import reports
from app.services.reports import dossier_rollups, index766
from app.timeutil import utcnow
from tests.admin.fixtures import WEEK, build_week, report_point
from tests.admin.index_fixtures import build_index_week


@pytest.fixture
def point(demo, clock):
    clock(2024, 12, 2, 9, 0)
    return report_point()


def week():
    return reports.period_for("week", WEEK)


def figures(point):
    period = week()
    report = reports.build(period, point)
    index = index766.index_figures(period, point.id)
    return report.dossiers, {code: index[code]["numerator"] for code in ("2.1", "3.3", "3.6", "4.2", "4.3")}


def live_then_rolled_up(point, monkeypatch):
    monkeypatch.setattr(dossier_rollups.DOSSIERS, "lazy_limit", 0)
    live = figures(point)
    assert db.session.query(DossierReportDay).count() == 0
    done = dossier_rollups.rollup_dossier_range(WEEK - timedelta(days=7), WEEK + timedelta(days=6))
    assert done == 14 * db.session.query(ServicePoint).count()
    assert db.session.query(DossierDayCount).filter_by(point_id=point.id).count() > 0
    return live, figures(point)


def test_week_figures_are_the_same_live_and_rolled_up(point, monkeypatch):
    build_week(point)
    live, rolled = live_then_rolled_up(point, monkeypatch)
    assert live == rolled
    dossiers = rolled[0]
    # Hand-computed (tests/admin/fixtures.py): 4 dossiers, 3 prepared online; 1 on time, and late the
    # volunteer one, the Tuesday paper one and, by today 02/12, the Thursday one (due 28/11).
    assert (dossiers["total"], dossiers["online"], dossiers["on_time"], dossiers["late"]) == (4, 3, 1, 3)


def test_index_with_supplements_is_the_same_live_and_rolled_up(point, monkeypatch):
    build_index_week(point)
    live, rolled = live_then_rolled_up(point, monkeypatch)
    assert live == rolled
    # Hand-computed in tests/admin/index_fixtures.py: 2 of 5 on time by 766, 3 filed online, 1 paid online.
    assert rolled[1] == {"2.1": 2, "3.3": 3, "3.6": 1, "4.2": 2, "4.3": 1}
    # The two dossiers asked for papers are kept one row each (their 766 due date is worked out on reading).
    assert db.session.query(DossierDayTimed).filter(DossierDayTimed.dossier_id.isnot(None)).count() >= 2


def test_a_dossier_changed_later_drops_its_day_and_the_figure_follows(point, monkeypatch):
    build_week(point)
    dossier_rollups.rollup_dossier_range(WEEK, WEEK + timedelta(days=6))
    first, _after = week().utc_bounds()
    paper = db.session.scalars(
        db.select(Dossier).where(
            Dossier.point_id == point.id, Dossier.channel == "paper", Dossier.submitted_at >= first
        )
    ).one()
    day = week()
    tuesday = WEEK + timedelta(days=1)  # the paper dossier's day

    def rolled_up():
        return db.session.get(DossierReportDay, (point.id, tuesday)) is not None

    assert rolled_up()
    paper.channel = "self"  # a correction weeks later
    db.session.commit()
    assert not rolled_up()
    monkeypatch.setattr(dossier_rollups.DOSSIERS, "lazy_limit", 0)
    assert reports.build(day, point).dossiers["online"] == 4  # read live for that day, rolled up for the rest
    monkeypatch.undo()
    assert reports.build(day, point).dossiers["online"] == 4  # and rolled up again, lazily
    assert rolled_up()
    # A national tick and a new event drop the day too.
    db.session.add(NationalFiling(dossier_id=paper.id, national_channel="online"))
    db.session.commit()
    assert not rolled_up()
    assert index766.index_figures(day, point.id)["3.3"]["numerator"] == 1
    db.session.add(DossierEvent(dossier=paper, from_status="processing", status="completed", at=utcnow()))
    db.session.commit()
    assert not rolled_up()
