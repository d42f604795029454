"""The Decision 766 service index against hand-computed dossiers (tests/admin/index_fixtures.py)."""

import pytest

from app.extensions import db
from app.models import AuditEvent, Dossier
from app.models.reports import NationalFiling
from app.services import reports
from app.services.reports import index766, index_dossiers
from tests.admin.fixtures import WEEK, report_point
from tests.admin.index_fixtures import build_index_week
from tests.conftest import csrf_token, html, sign_in, text_of


@pytest.fixture
def index_week(demo, clock):
    clock(2024, 12, 2, 9, 0)
    point = report_point()
    build_index_week(point)
    return point


@pytest.fixture
def staff_client(app, index_week, make_user):
    return sign_in(app.test_client(), make_user("staff", point=index_week))


def week_index(point):
    return index766.index_figures(reports.period_for("week", WEEK), point.id)


def test_on_time_by_766_deducts_supplement_waiting_and_a_second_request_is_late(index_week):
    figure = week_index(index_week)["2.1"]
    assert (figure["numerator"], figure["denominator"], figure["value"]) == (2, 5, 0.4)
    # Today's on-time figure follows the resident's due date (restarted after the papers came back).
    dossiers = reports.build(reports.period_for("week", WEEK), index_week).dossiers
    assert (dossiers["on_time"], dossiers["late"]) == (4, 2)


def test_national_ticks_give_the_online_payment_and_digitisation_shares(index_week):
    index = week_index(index_week)
    assert (index["dossiers"], index["ticked"]) == (6, 5)
    online = index["3.3"]
    assert (online["numerator"], online["denominator"], online["full"], online["partial"]) == (3, 6, 2, 1)
    assert online["value"] == 0.5 and online["threshold"] == 0.5
    assert (index["3.6"]["numerator"], index["3.6"]["denominator"]) == (1, 3)
    assert (index["4.2"]["numerator"], index["4.2"]["denominator"], index["4.2"]["threshold"]) == (2, 6, 0.8)
    assert (index["4.3"]["numerator"], index["4.5"]["numerator"]) == (1, 2)


def test_satisfaction_766_takes_off_the_late_share_and_the_dislikes(index_week):
    figure = week_index(index_week)["5.4"]
    assert (figure["late"], figure["timed"], figure["dislikes"], figure["ratings"]) == (3, 5, 1, 4)
    assert figure["value"] == pytest.approx(0.15) and figure["threshold"] == 0.9


def test_report_page_shows_the_panel_with_formula_threshold_and_plain_label(index_week, staff_client):
    response = staff_client.get("/reports?period=week&on=18/11/2024")
    row = html(response).find(id="index-2-1")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0].startswith("40 %") and "2 trên 5" in cells[0]
    assert "lần thứ hai" in row.th.get_text()  # the formula is written under the name
    assert "Đạt điểm tối đa khi ≥ 50 %" in html(response).find(id="index-3-3").get_text()
    assert "không phải điểm chính thức" in text_of(response)


def test_dossiers_behind_an_indicator_are_listed_and_the_viewing_is_logged(index_week, staff_client):
    rows, total = index_dossiers.dossiers_behind("2.1", reports.period_for("week", WEEK), index_week.id)
    assert total == 5 and [counted for _d, counted in rows] == [True, False, False, False, True]
    response = staff_client.get("/reports/index/3.6?period=week&on=18/11/2024")
    assert response.status_code == 200
    assert [td.get_text(strip=True) for td in html(response).select("tbody td:last-child")] == [
        "có",
        "không",
        "không",
    ]
    event = db.session.scalars(db.select(AuditEvent).filter_by(action="report.index_dossiers")).one()
    assert event.record_id == "3.6" and '"dossiers": 3' in event.after
    assert staff_client.get("/reports/index/9.9?period=week&on=18/11/2024").status_code == 404


def test_staff_tick_a_dossier_and_a_tampered_choice_is_refused(index_week, staff_client):
    dossier = db.session.scalars(
        db.select(Dossier).filter_by(status="processing", point_id=index_week.id)
    ).one()
    page = f"/staff/dossiers/{dossier.id}/national"
    token = csrf_token(staff_client, page)
    data = {"csrf_token": token, "national_channel": "online", "payment": "online", "ticks": ["digitised"]}
    response = staff_client.post(page, data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith(
        f"/staff/dossiers/{dossier.id}#national"
    )
    filing = db.session.get(NationalFiling, dossier.id)
    assert (filing.national_channel, filing.payment, filing.digitised, filing.data_reused) == (
        "online",
        "online",
        True,
        False,
    )
    assert db.session.scalars(db.select(AuditEvent).filter_by(action="dossier.national_filing")).one()
    response = staff_client.post(page, data=dict(data, national_channel="fax"))
    assert response.status_code == 400 and html(response).title.text.startswith("Lỗi")
    assert week_index(index_week)["4.2"]["numerator"] == 3
