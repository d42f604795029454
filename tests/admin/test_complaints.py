"""Complaints and petitions: legal deadlines in working days, the staff steps, 766's 5.2, the public answers.

A comment written Mon 18/11/2024 09:00: refuse by Wed 20/11, ask for more by Mon 25/11, answer by
Mon 09/12 (15 working days); answered Tue 26/11, it must be published by Thu 28/11.
"""

from datetime import date

import pytest

from app.extensions import db
from app.models import Rating
from app.models.complaint import Complaint
from app.services import complaints, reports
from tests.admin.fixtures import WEEK, local, report_point
from tests.conftest import csrf_token, html, sign_in, text_of


@pytest.fixture
def point(demo, clock):
    clock(2024, 11, 18, 10, 0)
    return report_point()


@pytest.fixture
def staff_client(app, point, make_user):
    return sign_in(app.test_client(), make_user("staff", point=point))


def comment(point, text, day=WEEK, hour=9):
    rating = Rating(point_id=point.id, overall=2, comment=text, status="pending", created_at=local(day, hour))
    db.session.add(rating)
    db.session.commit()
    return rating


def step(client, complaint, name, text=""):
    page = f"/staff/complaints/{complaint.id}"
    return client.post(
        f"{page}/step", data={"csrf_token": csrf_token(client, page), "step": name, "text": text}
    )


def test_deadlines_count_working_days_from_the_comment(point):
    complaint = complaints.mark(comment(point, "Chờ lâu quá"))
    due = complaints.deadlines(complaint)
    assert (due["refuse"], due["more_info"], due["answer"]) == (
        date(2024, 11, 20),
        date(2024, 11, 25),
        date(2024, 12, 9),
    )


def test_staff_mark_ask_answer_and_publish_late_and_the_public_page_shows_the_answer(
    point, staff_client, clock
):
    rating = comment(point, "Nhà văn hóa đóng cửa sáng thứ Bảy")
    assert "Nhà văn hóa đóng cửa" in text_of(staff_client.get("/staff/complaints"))
    response = staff_client.post(
        f"/staff/complaints/from-rating/{rating.id}",
        data={"csrf_token": csrf_token(staff_client, "/staff/complaints")},
    )
    complaint = db.session.scalars(db.select(Complaint).filter_by(rating_id=rating.id)).one()
    assert response.status_code == 303 and complaint.received_at == rating.created_at
    refused = step(staff_client, complaint, "answer", "   ")
    assert refused.status_code == 400 and html(refused).title.text.startswith("Lỗi")
    assert step(staff_client, complaint, "more_info", "Buổi nào, tuần nào?").status_code == 303
    db.session.refresh(complaint)
    assert complaint.status == "more_info" and complaint.note == "Buổi nào, tuần nào?"
    clock(
        2024, 11, 26, 9, 0
    )  # (a week later the staff session has timed out: the steps go through the service)
    complaints.take_step(complaint, "answer", "Từ 07/12 điểm mở cửa sáng thứ Bảy.")
    assert complaints.deadlines(complaint)["publish"] == date(2024, 11, 28)
    clock(2024, 11, 29, 9, 0)
    complaints.take_step(complaint, "publish")
    assert complaint.status == "published" and complaints.verdict(complaint) is False  # published a day late
    public = staff_client.application.test_client().get(f"/complaints?point={point.slug}")
    assert "Từ 07/12 điểm mở cửa sáng thứ Bảy." in text_of(public)
    assert "Nhà văn hóa đóng cửa" not in text_of(public)  # the resident's words stay private


def test_5_2_counts_complaints_handled_on_time_among_those_decided(point, clock):
    published = complaints.mark(comment(point, "A"))
    refused = complaints.mark(comment(point, "B"))
    forgotten = complaints.mark(comment(point, "C"))
    waiting = complaints.mark(comment(point, "D", WEEK.replace(day=29)))
    clock(2024, 11, 20, 9, 0)
    complaints.take_step(refused, "refuse", "Không thuộc thẩm quyền của phường")  # on the last day: on time
    complaints.take_step(published, "answer", "Đã sửa")
    clock(2024, 11, 22, 9, 0)
    complaints.take_step(published, "publish")  # within 2 working days of the answer: on time
    clock(2024, 12, 10, 9, 0)  # the answer to C was due 09/12
    november = reports.period_for("month", WEEK)
    assert complaints.figures(november, point.id) == {"on_time": 2, "decided": 3, "received": 4}
    index = reports.build(november, point).index
    assert (index["5.2"]["numerator"], index["5.2"]["denominator"]) == (2, 3)
    assert index["5.4"]["complaints"] == 4
    assert complaints.verdict(waiting) is None and complaints.verdict(forgotten) is False


def test_the_staff_start_page_reminds_of_complaints_due_soon(app, point, make_user, clock):
    complaints.mark(comment(point, "Xin cấp lại giấy hẹn"))
    clock(2024, 11, 19, 9, 0)  # refuse by 20/11: due tomorrow
    staff_client = sign_in(app.test_client(), make_user("staff", point=point))
    page = text_of(staff_client.get("/admin/"))
    assert "Phản ánh, kiến nghị sắp đến hạn" in page and "Xin cấp lại giấy hẹn" in page


def test_the_feedback_page_links_to_the_published_answers(client, demo):
    link = html(client.get("/feedback")).find("a", string="Trả lời phản ánh, kiến nghị")
    assert link["href"] == f"/complaints?point={demo.slug}"
    assert "Chưa có câu trả lời nào được công khai." in text_of(client.get(link["href"]))


def test_the_published_answers_name_the_point_in_the_readers_language(client, demo):
    client.set_cookie("lang", "en")
    page = text_of(client.get(f"/complaints?point={demo.slug}"))
    assert "E-residential group TDP 12" in page and "Tổ dân phố điện tử TDP 12" not in page
