"""How many times residents came is asked as a count; the 1-5 "visits" score it replaced, never asked
since, is kept in the database but no longer shown or averaged anywhere."""

from app.extensions import db
from app.models import Rating
from tests.conftest import html, text_of
from tests.outreach.conftest import form_fields, solve


def test_the_form_asks_how_many_times_as_a_number_not_on_a_scale(client, demo):
    page = html(client.get("/feedback"))
    assert page.find("input", attrs={"name": "visits"}) is None
    field = page.find("input", attrs={"name": "trips"})
    assert field["inputmode"] == "numeric"
    label = page.find("label", attrs={"for": "trips"}).get_text(" ", strip=True)
    assert label.startswith("Bạn đã phải đến điểm phục vụ mấy lần")


def test_the_count_is_saved_and_a_wrong_one_is_explained_beside_the_field(client, demo):
    page = client.get("/feedback")
    data = {**dict(form_fields(page)), "overall": "4", "trips": "ba", "captcha": solve(page)}
    response = client.post("/feedback", data=data)
    doc = html(response)
    assert "Nhập một số từ 1 đến 20" in doc.find(id="trips-error").get_text()
    assert doc.find("input", attrs={"name": "trips"})["value"] == "ba"  # kept as typed
    assert doc.find("input", attrs={"name": "overall", "value": "4"}).has_attr("checked")
    again = {**dict(form_fields(response)), "overall": "4", "trips": "3", "captcha": solve(response)}
    assert client.post("/feedback", data=again).status_code == 303
    rating = Rating.query.one()
    assert (rating.overall, rating.trips, rating.visits) == (4, 3, None)


def test_the_score_no_longer_asked_is_not_shown_but_past_answers_are_kept(client, demo):
    db.session.add(Rating(point_id=demo.id, overall=4, visits=2, status="approved"))  # before the change
    db.session.add(Rating(point_id=demo.id, overall=5, trips=1, status="approved"))
    db.session.add(Rating(point_id=demo.id, overall=5, trips=2, status="approved"))
    db.session.commit()
    rows = {
        dt.get_text(strip=True): dt.find_next("dd").get_text(strip=True)
        for dt in html(client.get("/feedback")).select("#rating-summary ~ dl dt")
    }
    assert rows["Số lần người dân phải đến cho một việc"] == "2 lượt đánh giá, trung bình 1,5"
    assert "Số lần phải đi lại" not in rows
    assert "Số lần phải đi lại" not in text_of(client.get("/feedback"))
    assert db.session.scalars(db.select(Rating.visits).where(Rating.visits.is_not(None))).all() == [2]


def test_the_report_and_its_exports_show_the_count_not_the_old_score(staff_client, demo, clock):
    from datetime import datetime

    from app.services import reports

    clock(2026, 11, 26, 15, 0)
    for trips, visits in ((1, None), (3, None), (None, 2)):
        db.session.add(
            Rating(
                point_id=demo.id,
                overall=4,
                trips=trips,
                visits=visits,
                status="approved",
                created_at=datetime(2026, 11, 26, 2, 0),
            )
        )
    db.session.commit()
    figures = reports.build(reports.period_for("week", datetime(2026, 11, 26).date()), demo).ratings
    assert figures["trips"] == {"count": 2, "average": 2.0}
    assert "visits" not in figures["criteria"]
    shown = text_of(staff_client.get("/reports?period=week&on=26/11/2026"))
    assert "Số lần người dân phải đến cho một việc" in shown and "Số lần phải đi lại" not in shown
    csv_text = staff_client.get("/reports/export.csv?period=week&on=26/11/2026").get_data(as_text=True)
    assert "Mức độ hài lòng,Chung" in csv_text and "Số lần phải đi lại" not in csv_text
