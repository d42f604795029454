"""Report figures against hand-computed fixtures (see tests/admin/fixtures.py), CSV, roles and views."""

import csv
import io
from datetime import date

import pytest

from app.extensions import db
from app.models import ReportTarget, ServicePoint, Ticket
from app.services import reports
from app.services.reports import rollups
from tests.admin.fixtures import WEEK, build_week, report_point
from tests.conftest import html, sign_in, text_of


@pytest.fixture(params=["rolled up", "live"])
def week(request, demo, clock, monkeypatch):
    """The hand-computed week, its days either rolled up beforehand or computed live from tickets."""
    clock(2024, 11, 25, 9, 0)  # the Monday after: the Tuesday paper dossier is overdue by now
    point = report_point()
    build_week(point)
    db.session.add(
        ReportTarget(point_id=point.id, metric="online_share", value=0.8, effective_from=date(2024, 1, 1))
    )
    db.session.commit()
    if request.param == "rolled up":
        rollups.rollup_range(date(2024, 10, 1), date(2024, 11, 24))
    else:
        monkeypatch.setattr(rollups.TICKETS, "lazy_limit", 0)
    return point


@pytest.fixture
def staff_client(app, week, make_user):
    """A staff member of the report's point (TDP 7)."""
    return sign_in(app.test_client(), make_user("staff", point=week))


def test_percentiles_interpolate_between_ranks():
    assert reports.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert reports.percentile(list(range(1, 11)), 0.9) == pytest.approx(9.1)
    assert reports.percentile([42], 0.9) == 42 and reports.percentile([], 0.5) is None


def test_periods_follow_the_calendar_and_the_previous_period():
    saturday = date(2024, 11, 23)
    assert reports.period_for("week", saturday) == reports.Period("week", WEEK, date(2024, 11, 24))
    assert reports.period_for("month", date(2027, 3, 15)).previous() == reports.Period(
        "month", date(2027, 2, 1), date(2027, 2, 28)
    )
    custom = reports.period_for("custom", start=date(2026, 11, 1), end=date(2026, 11, 10))
    assert custom.previous() == reports.Period("custom", date(2026, 10, 22), date(2026, 10, 31))


def test_period_boundaries_are_midnights_in_ho_chi_minh_city():
    first, after = reports.Period("day", WEEK, WEEK).utc_bounds()
    assert (str(first), str(after)) == ("2024-11-17 17:00:00", "2024-11-18 17:00:00")


def test_ticket_counts_and_times_match_the_hand_computed_week(week):
    report = reports.build(reports.period_for("week", WEEK), week)
    head = report.headline()
    assert (head["issued"], head["served"], head["no_show"], head["cancelled"]) == (8, 6, 1, 1)
    assert (head["wait_median"], head["wait_p90"]) == (300, pytest.approx(1020))
    assert (head["service_median"], head["service_p90"]) == (300, pytest.approx(750))
    one_stop, online = report.times["team"]["one-stop"], report.times["team"]["online"]
    assert (one_stop["wait"]["median"], one_stop["wait"]["p90"]) == (120, pytest.approx(264))
    assert (online["wait"]["median"], online["wait"]["p90"]) == (750, pytest.approx(1110))
    assert online["wait"]["count"] == 4


def test_saturday_session_is_compared_with_weekdays(week):
    report = reports.build(reports.period_for("week", WEEK), week)
    assert report.saturday["weekday"] == {
        "days": 2,
        "issued": 6,
        "served": 4,
        "per_day": 3.0,
        "wait_median": 120,
        "wait_p90": pytest.approx(480),
    }
    assert (report.saturday["saturday"]["per_day"], report.saturday["saturday"]["wait_median"]) == (2.0, 1050)


def test_dossier_shares_and_the_midnight_boundary(week):
    report = reports.build(reports.period_for("week", WEEK), week)
    d = report.dossiers
    assert (d["total"], d["online"], d["online_share"]) == (4, 3, 0.75)
    assert d["by_channel"] == {"self": 2, "volunteer": 1, "paper": 1}
    assert d["by_status"] == {"completed": 1, "returned": 1, "processing": 1, "received": 1}
    assert (d["on_time"], d["late"]) == (1, 2) and d["on_time_share"] == pytest.approx(1 / 3)
    assert report.previous["dossiers"] == 1  # the 23:59 Sunday dossier
    assert report.targets == {"online_share": 0.8}


def test_satisfaction_by_criterion_leaves_out_rejected_ratings(week):
    ratings = reports.build(reports.period_for("week", WEEK), week).ratings
    assert ratings["count"] == 2 and ratings["criteria"]["overall"]["average"] == 4.5
    assert ratings["criteria"]["attitude"]["average"] == 4.5
    assert ratings["criteria"]["on_time"] == {"count": 1, "average": 3.0}
    assert ratings["spread"] == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}


def test_bookings_and_their_use(week):
    bookings = reports.build(reports.period_for("week", WEEK), week).bookings
    assert bookings["by_status"] == {"booked": 0, "checked_in": 2, "cancelled": 1, "missed": 1}
    assert bookings["used_share"] == pytest.approx(2 / 3)


def test_a_single_day_counts_only_that_local_day(week):
    report = reports.build(reports.period_for("day", WEEK), week)
    assert report.tickets["issued"] == 4 and report.dossiers["total"] == 2
    assert report.previous["issued"] == 1 and report.previous["dossiers"] == 1


def test_report_page_shows_figures_trend_and_target(week, staff_client):
    response = staff_client.get("/reports?period=week&on=23/11/2024")
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    page = html(response)
    text = text_of(response)
    assert "18/11/2024 – 24/11/2024" in text and "11/11/2024 – 17/11/2024" in text
    online_row = page.find("th", string="Tỷ lệ trực tuyến").parent
    cells = [td.get_text(" ", strip=True) for td in online_row.find_all("td")]
    assert cells[0] == "75 %" and cells[3].startswith("80 %") and "chưa đạt" in cells[3]
    assert len(page.select("svg.app-chart__svg")) >= 4 and page.find("svg").find("title")
    assert "Buổi sáng thứ Bảy so với ngày thường" in text
    assert page.select_one("svg rect[style]") is None


def test_an_english_reader_gets_procedure_names_in_english_on_the_page_and_in_the_csv(week, staff_client):
    staff_client.set_cookie("lang", "en")
    text = text_of(staff_client.get("/reports?period=week&on=23/11/2024"))
    assert "Birth registration" in text and "Đăng ký khai sinh" not in text
    assert "Online share" in text
    rows = staff_client.get("/reports/export.csv?period=week&on=18/11/2024").get_data(as_text=True)
    assert "Birth registration" in rows and "Đăng ký khai sinh" not in rows


def _channel_rows(response, heading):
    section = html(response).find("h3", string=heading).parent
    assert section.find("svg")  # the bar chart, beside its table
    return {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in section.select("tbody tr")}


def test_tickets_by_channel_name_the_kiosk_in_vietnamese_and_english(week, staff_client):
    ticket = db.session.scalars(db.select(Ticket).filter_by(point_id=week.id, service_day=date(2024, 11, 19)))
    ticket.first().channel = "kiosk"  # a past day: its rollup is dropped and read again
    db.session.commit()
    url = "/reports?period=week&on=23/11/2024"
    vi = _channel_rows(staff_client.get(url), "Số thứ tự theo kênh lấy số")
    assert vi == {"Máy lấy số tự động": "1", "Điện thoại cá nhân": "7"}
    staff_client.set_cookie("lang", "en")
    assert _channel_rows(staff_client.get(url), "Tickets by channel") == {"Kiosk": "1", "Own phone": "7"}
    rows = list(
        csv.reader(io.StringIO(staff_client.get(f"/reports/export.csv?{url[9:]}").get_data(as_text=True)))
    )
    assert ["Tickets", "By channel", "Kiosk", "1", "", "count"] in rows


def test_htmx_asks_for_the_report_fragment_only(week, staff_client):
    response = staff_client.get("/reports?period=week&on=23/11/2024", headers={"HX-Request": "true"})
    page = html(response)
    assert page.find("html") is None and page.find(id="report") is not None
    assert "Tỷ lệ trực tuyến" in text_of(response)


def test_custom_range_needs_two_dates_in_order(week, staff_client):
    response = staff_client.get("/reports?period=custom&start=10/11/2024&end=01/11/2024")
    page = html(response)
    assert (
        page.title.text.startswith("Lỗi")
        and "Ngày cuối phải bằng hoặc sau ngày đầu" in page.find(id="end-error").text
    )
    assert page.find("input", attrs={"name": "start"})["value"] == "10/11/2024"
    response = staff_client.get("/reports?period=custom&start=1/13/2026")
    assert "dd/mm/yyyy" in html(response).find(id="start-error").text
    assert staff_client.get("/reports/export.csv?period=custom&start=x").status_code == 400


def test_csv_opens_in_excel_with_vietnamese_text_and_numbers(week, staff_client):
    response = staff_client.get("/reports/export.csv?period=week&on=18/11/2024")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Mục", "Chỉ tiêu", "Nhóm", "Giá trị", "Kỳ trước", "Đơn vị"]
    find = {(r[0], r[1], r[2]): r for r in rows[1:]}
    assert find[("Số thứ tự", "Đã phát", "")][3:5] == ["8", "1"]
    assert find[("Hồ sơ", "Trực tuyến", "")][3] == "3"  # dossiers submitted online
    assert find[("Hồ sơ", "Tỷ lệ trực tuyến", "")][3:] == ["75.0", "0.0", "%"]  # previous: one paper dossier
    assert find[("Thời gian chờ", "Trung vị", "Tất cả số thứ tự")][3] == "5.0"
    assert find[("Thời gian chờ", "Phân vị 90", "Tổ dịch vụ công trực tuyến")][3] == "18.5"
    assert find[("Mức độ hài lòng", "Chung", "")][3:5] == ["4.5", "3.0"]


def test_staff_see_only_their_own_point(week, app, make_user, staff_client):
    other = ServicePoint(slug="tdp-5", name_vi="TDP 5", ward="Phường Bắc Hà", address="Số 1")
    db.session.add(other)
    db.session.commit()
    assert staff_client.get(f"/reports?point={other.id}").status_code == 403
    assert staff_client.get(f"/reports/export.csv?point={other.id}").status_code == 403
    assert staff_client.get(f"/reports?point={week.id}").status_code == 200
    elsewhere = sign_in(app.test_client(), make_user("staff", point=other))
    response = elsewhere.get("/reports?period=week&on=18/11/2024")
    assert (
        "TDP 5" in text_of(response)
        and html(response).find("th", string="Tỷ lệ trực tuyến").parent.td.text == "–"
    )


def test_volunteers_cannot_open_reports(week, volunteer_client):
    assert volunteer_client.get("/reports").status_code == 403
    assert volunteer_client.get("/reports/export.csv").status_code == 403


def test_admins_can_report_on_every_point_together(week, admin_client):
    other = ServicePoint(slug="tdp-5", name_vi="TDP 5", ward="Phường Bắc Hà", address="Số 1")
    db.session.add(other)
    db.session.commit()
    response = admin_client.get("/reports?period=week&on=18/11/2024&point=0")
    assert "Tất cả các điểm phục vụ" in text_of(response)
    rows = list(
        csv.reader(
            io.StringIO(
                admin_client.get("/reports/export.csv?period=week&on=18/11/2024&point=0")
                .get_data()
                .decode("utf-8-sig")
            )
        )
    )
    assert ["Số thứ tự", "Đã phát", "", "8", "1", "lượt"] in rows
    response = admin_client.get(f"/reports?period=week&on=18/11/2024&point={other.id}")
    assert "TDP 5" in text_of(response)
