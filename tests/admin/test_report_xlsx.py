"""The .xlsx workbook beside the CSV: one sheet per table, real numbers and dates, text never a formula."""

import csv
import io
from datetime import datetime

import openpyxl
import pytest

from app.extensions import db
from app.models import Team
from tests.admin.fixtures import build_week, report_point
from tests.admin.index_fixtures import build_index_week
from tests.conftest import sign_in

URL = "/reports/export.{}?period=week&on=18/11/2024"


@pytest.fixture
def staff_client(app, demo, clock, make_user):
    clock(2024, 12, 2, 9, 0)
    point = report_point()
    build_week(point)
    build_index_week(point)
    for team in db.session.scalars(db.select(Team).filter_by(code="online")):  # reports name teams by code
        team.name_vi = '=HYPERLINK("http://x")'  # typed by someone: must stay text everywhere
    db.session.commit()
    return sign_in(app.test_client(), make_user("staff", point=point))


def test_the_workbook_reads_back_with_numbers_dates_and_text(staff_client):
    response = staff_client.get(URL.format("xlsx"))
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    assert 'filename="bao-cao-tdp7-bao-cao-20241118-20241124.xlsx"' in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames[:3] == ["Tất cả số liệu", "Chỉ số phục vụ 766", "Số thứ tự theo ngày"]
    everything = {
        (r[0], r[1], r[2]): r for r in book["Tất cả số liệu"].iter_rows(min_row=2, values_only=True)
    }
    assert everything[("Số thứ tự", "Đã phát", None)][3:5] == (8, 1)  # numbers, not text
    index = {r[0]: r for r in book["Chỉ số phục vụ 766"].iter_rows(min_row=2, values_only=True)}
    # 2.1: the week fixtures' 1 on time of 4 (on 02/12 the dossier due 28/11 is late) + the index's 2 of 5
    assert index["2.1"][2:5] == (pytest.approx(1 / 3), 3, 9) and index["3.3"][5] == 0.5
    assert book["Chỉ số phục vụ 766"]["C2"].number_format == "0.0%"
    days = list(book["Số thứ tự theo ngày"].iter_rows(min_row=2, values_only=True))
    assert days[0] == (datetime(2024, 11, 18), 4, 2)
    teams = book["Thời gian theo tổ"]
    cells = [row[0] for row in teams.iter_rows(min_row=2)]
    typed = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert typed.data_type == "s"  # a string, never a formula


def test_csv_cells_that_look_like_formulas_are_escaped_and_numbers_stay(staff_client):
    body = staff_client.get(URL.format("csv")).get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    groups = {r[2] for r in rows}
    assert '\'=HYPERLINK("http://x")' in groups and '=HYPERLINK("http://x")' not in groups
    assert ["Số thứ tự", "Đã phát", "", "8", "1", "lượt"] in rows
