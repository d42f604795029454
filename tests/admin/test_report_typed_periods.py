"""A leader types the period the way it is said: "2026" for a yearly report, "11/2026" for a month."""

import pytest

from tests.conftest import html, text_of


@pytest.fixture
def today(clock):
    clock(2026, 12, 7, 9, 0)


def _title(response):
    return " ".join(html(response).find(class_="app-report__title").text.split())


def test_a_year_alone_or_a_month_alone_is_enough(today, staff_client):
    response = staff_client.get("/reports?period=year&on=2026")
    assert response.status_code == 200
    assert _title(response).endswith("01/01/2026 – 31/12/2026")
    assert _title(staff_client.get("/reports?period=month&on=11/2026")).endswith("01/11/2026 – 30/11/2026")
    assert _title(staff_client.get("/reports?period=quarter&on=5/2026")).endswith("01/04/2026 – 30/06/2026")
    assert _title(staff_client.get("/reports?period=year&on=15/03/2025")).endswith("01/01/2025 – 31/12/2025")


def test_a_day_or_week_report_still_needs_the_day(today, staff_client):
    page = html(staff_client.get("/reports?period=week&on=11/2026"))
    assert "nhập ngày theo dạng dd/mm/yyyy" in page.find(id="on-error").text
    page = html(staff_client.get("/reports?period=month&on=2026"))
    assert "Chỉ báo cáo năm" in page.find(id="on-error").text
    page = html(staff_client.get("/reports?period=year&on=13/2026"))
    assert "mm/yyyy" in page.find(id="on-error").text


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_downloads_take_a_year_too_and_explain_a_wrong_date(today, staff_client, extension):
    response = staff_client.get(f"/reports/export.{extension}?period=year&on=2026")
    assert response.status_code == 200
    assert "20260101-20261231" in response.headers["Content-Disposition"]
    response = staff_client.get(f"/reports/export.{extension}?period=week&on=2026")
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = html(response)
    assert page.find(id="on-error") is not None and "Báo cáo" in page.title.text
    assert "Sửa bộ lọc phía trên để xem báo cáo" in text_of(response)
