"""The report's "By procedure" table counts every ticket issued for a procedure, called or not, from live
tickets and from rolled-up months alike; the CSV carries the same figures and the service index."""

import csv
import io
from datetime import date

import openpyxl

from app.extensions import db
from app.models.reports import TicketMonthSummary
from app.services.reports import rollups
from tests.admin.fixtures import add_ticket, build_week, report_point
from tests.admin.index_fixtures import build_index_week
from tests.conftest import html, sign_in

COPY = "Chứng thực bản sao từ bản chính"


def issue_the_testers_nine(point, day):
    """5 copies certified still waiting, 1 marriage cancelled, 3 called (2 served, 1 at the desk)."""
    for _ in range(5):
        add_ticket(point, day, "one-stop", "chung-thuc-ban-sao", "waiting")
    add_ticket(point, day, "one-stop", "ket-hon", "cancelled")
    add_ticket(point, day, "online", "khai-sinh", "done", 60, 300)
    add_ticket(point, day, "online", "khai-tu", "called", 120)
    add_ticket(point, day, "online", "trich-luc-ho-tich", "done", 30, 200)
    db.session.commit()


def by_procedure(response):
    """{procedure: {column heading: cell}} of the page's "Theo thủ tục" table."""
    heading = html(response).find("h3", string="Theo thủ tục")
    table = heading.find_next("table")
    columns = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")][1:]
    return {
        tr.th.get_text(strip=True): dict(
            zip(columns, [td.get_text(strip=True) for td in tr.find_all("td")], strict=True)
        )
        for tr in table.tbody.find_all("tr")
        if tr.th
    }


def assert_the_nine_are_counted(response):
    table = by_procedure(response)
    issued = {name: row["Số thứ tự đã phát"] for name, row in table.items()}
    assert issued == {
        "Đăng ký khai sinh": "1",
        "Đăng ký khai tử": "1",
        "Cấp bản sao trích lục hộ tịch": "1",
        "Đăng ký kết hôn": "1",
        COPY: "5",
    }
    assert sum(int(n) for n in issued.values()) == 9
    assert (
        table[COPY]["Số thứ tự đã phục vụ"] == "0"
        and table["Đăng ký khai sinh"]["Số thứ tự đã phục vụ"] == "1"
    )
    assert table[COPY]["Chờ: trung vị"] == "–"  # nobody called yet: no waiting time


def test_todays_tickets_still_waiting_are_counted_under_their_procedure(app, demo, clock, make_user):
    clock(2026, 12, 7, 10, 0)
    point = report_point()
    issue_the_testers_nine(point, date(2026, 12, 7))
    client = sign_in(app.test_client(), make_user("staff", point=point))
    response = client.get("/reports?period=week&on=07/12/2026")
    headline = html(response).find("th", string="Số thứ tự: đã phát").find_next("td")
    assert headline.get_text(strip=True) == "9"
    assert_the_nine_are_counted(response)
    rows = list(csv.reader(io.StringIO(client.get("/reports/export.csv?period=week&on=07/12/2026").text)))
    assert ["Số thứ tự", "Theo thủ tục", COPY, "5", "", "lượt"] in rows


def test_a_rolled_up_month_gives_the_same_tickets_per_procedure(app, demo, clock, make_user):
    clock(2024, 12, 2, 9, 0)
    point = report_point()
    issue_the_testers_nine(point, date(2024, 10, 8))
    rollups.rollup_range(date(2024, 10, 1), date(2024, 10, 31))
    assert db.session.scalars(db.select(TicketMonthSummary).filter_by(point_id=point.id)).first()
    client = sign_in(app.test_client(), make_user("staff", point=point))
    assert_the_nine_are_counted(client.get("/reports?period=month&on=01/10/2024"))


def test_the_csv_carries_the_service_index_the_workbook_shows(app, demo, clock, make_user):
    clock(2024, 12, 2, 9, 0)
    point = report_point()
    build_week(point)
    build_index_week(point)
    client = sign_in(app.test_client(), make_user("staff", point=point))
    url = "/reports/export.{}?period=week&on=18/11/2024"
    book = openpyxl.load_workbook(io.BytesIO(client.get(url.format("xlsx")).get_data()))
    sheet = {r[0]: r for r in book["Chỉ số phục vụ 766"].iter_rows(min_row=2, values_only=True)}
    rows = list(csv.reader(io.StringIO(client.get(url.format("csv")).get_data().decode("utf-8-sig"))))
    index = [r for r in rows if r[0] == "Chỉ số phục vụ 766"]
    on_time = f"2.1 {sheet['2.1'][1]}"
    page = html(client.get("/reports?period=week&on=18/11/2024"))
    before = page.select_one("#index-2-1").find_all("td")[1].get_text(strip=True)  # the page's previous week
    assert before == "50 %"
    assert [r[2:] for r in index if r[1] == on_time] == [
        ["", "33.3", "50.0", "%"],
        ["Được tính", "3", "", "lượt"],
        ["Trên tổng số", "9", "", "lượt"],
    ]
    portal = f"3.3 {sheet['3.3'][1]}"
    assert ["Chỉ số phục vụ 766", portal, "Điểm tối đa khi đạt", "50.0", "", "%"] in index
    assert {r[1].split(" ", 1)[0] for r in index} == set(sheet)  # every indicator the workbook has
    everything = [list(r) for r in book["Tất cả số liệu"].iter_rows(min_row=2, values_only=True)]
    assert ["Chỉ số phục vụ 766", on_time, "Được tính", 3, None, "lượt"] in everything

    client.set_cookie("lang", "en")
    english = client.get(url.format("csv")).get_data().decode("utf-8-sig")
    assert "Service index 766,2.1 Results on time,Counted,3," in english
