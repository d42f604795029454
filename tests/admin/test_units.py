"""Administrative units that change: a merger is recorded from a date; past reports keep their names."""

from app.extensions import db
from app.models import ServicePoint
from tests.admin.fixtures import build_week, report_point
from tests.conftest import csrf_token, html, text_of

CSV = "/reports/export.csv?period=week&on=18/11/2024&point=0"


def merge(client, point_ids, name="Phường Thành Sen", day="01/07/2025"):
    token = csrf_token(client, "/reports/units")
    data = {
        "csrf_token": token,
        "points": [str(p) for p in point_ids],
        "kind": "ward",
        "name": name,
        "effective_from": day,
    }
    return client.post("/reports/units", data=data)


def test_a_merger_leaves_past_csvs_byte_identical_and_reports_can_use_todays_names(admin_client, demo, clock):
    clock(2026, 12, 1, 9, 0)
    point = report_point()
    build_week(point)
    before = admin_client.get(CSV).get_data()
    assert "Theo đơn vị hành chính".encode() in before and "Phường Tân Giang".encode() in before
    assert merge(admin_client, [point.id, demo.id]).status_code == 303
    assert admin_client.get(CSV).get_data() == before  # byte for byte
    as_was = html(admin_client.get("/reports?period=week&on=18/11/2024&point=0")).find(id="units")
    as_now = html(admin_client.get("/reports?period=week&on=18/11/2024&point=0&units=now")).find(id="units")
    assert "Phường Tân Giang" in as_was.text and "Phường Thành Sen" not in as_was.text
    assert "Phường Thành Sen" in as_now.text
    assert "Phường Thành Sen" in text_of(admin_client.get("/reports/units"))  # the name now, and its history
    this_year = admin_client.get("/reports/export.csv?period=month&on=01/11/2026&point=0").get_data()
    assert "Phường Thành Sen".encode() in this_year


def test_a_merger_form_explains_what_is_missing_and_keeps_what_was_typed(admin_client, demo):
    response = merge(admin_client, [], name="Phường Mới", day="31/02/2025")
    page = html(response)
    assert response.status_code == 400 and page.title.text.startswith("Lỗi")
    assert page.find("input", attrs={"name": "name"})["value"] == "Phường Mới"
    assert "dd/mm/yyyy" in text_of(response) and db.session.scalars(db.select(ServicePoint)).first().ward


def test_staff_cannot_record_a_merger(staff_client):
    assert staff_client.get("/reports/units").status_code == 403
