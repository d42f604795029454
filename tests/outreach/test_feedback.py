"""Rating the service point: verification code, one rating per visit, moderation, throttling."""

import secrets
from datetime import date

import pytest

from app.extensions import db
from app.models import Rating
from app.services.text import fold
from tests.conftest import html, text_of
from tests.outreach.conftest import form_fields, solve, sum_answer

WRONG_CODE = "Mã xác thực không đúng."


def rating_data(response, **extra):
    data = dict(form_fields(response))
    data.update({"overall": "4", "attitude": "5", "comment": "Cán bộ nhiệt tình, hướng dẫn rõ ràng."})
    data.update(extra)
    return data


def test_feedback_page_offers_the_five_point_scale_and_a_code_with_a_text_alternative(client, demo):
    response = client.get("/feedback")
    page = text_of(response)
    assert response.status_code == 200
    assert "Rất không hài lòng" in page and "Rất hài lòng" in page
    assert "Mã xác thực" in page
    assert "cộng" in page and "bằng mấy?" in page  # the question in words, for screen readers
    svg = html(response).find("svg", class_="app-captcha__image")
    assert svg is not None and svg.get("role") == "img"
    assert solve(response) not in response.get_data(as_text=True)  # drawn, never written
    assert "no-store" in response.headers["Cache-Control"]


def test_wrong_code_says_so_beside_the_field_and_keeps_the_rating_and_comment(client, demo):
    page = client.get("/feedback")
    response = client.post("/feedback", data=rating_data(page, captcha="ZZZZZ"))
    assert response.status_code == 200
    doc = html(response)
    error = doc.find(id="captcha-error")
    assert error is not None and error.get_text(" ", strip=True).endswith(WRONG_CODE)
    assert error.find_parent(class_="app-captcha") is not None
    assert doc.title.get_text().startswith("Lỗi: ")
    assert doc.find("input", attrs={"name": "overall", "value": "4"}).has_attr("checked")
    assert doc.find("input", attrs={"name": "attitude", "value": "5"}).has_attr("checked")
    assert (
        doc.find("textarea", attrs={"name": "comment"}).get_text().strip()
        == "Cán bộ nhiệt tình, hướng dẫn rõ ràng."
    )
    assert Rating.query.count() == 0

    # Then the right code (a new picture was shown): the rating goes through, nothing retyped.
    again = client.post("/feedback", data=rating_data(response, captcha=solve(response)))
    assert again.status_code == 303 and again.headers["Location"].endswith("/feedback/thanks")
    rating = Rating.query.one()
    assert (rating.overall, rating.attitude, rating.on_time) == (4, 5, None)
    assert rating.comment == "Cán bộ nhiệt tình, hướng dẫn rõ ràng."


def test_the_sum_in_words_is_accepted_instead_of_the_picture(client, demo):
    page = client.get("/feedback")
    response = client.post("/feedback", data=rating_data(page, captcha=sum_answer(page), comment=""))
    assert response.status_code == 303
    assert Rating.query.one().status == "approved"  # no comment: nothing to moderate


VI_NUMBERS = ["hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"] + [
    "mười " + unit for unit in ["một", "hai", "ba", "bốn", "lăm", "sáu", "bảy", "tám"]
]


@pytest.mark.parametrize("spell", ["digits", "words", "words without marks"])
def test_the_sum_is_accepted_in_digits_or_in_vietnamese_words(client, demo, spell):
    page = client.get("/feedback")
    total = int(sum_answer(page))
    words = VI_NUMBERS[total - 2]
    answer = {"digits": str(total), "words": words, "words without marks": fold(words)}[spell]
    response = client.post("/feedback", data=rating_data(page, captcha=answer))
    assert response.status_code == 303
    assert Rating.query.count() == 1


@pytest.mark.parametrize("kind", ["word", "letter", "arabic digits"])
def test_a_wrong_answer_with_non_ascii_letters_says_so_and_keeps_the_rating(client, demo, kind):
    page = client.get("/feedback")
    total = int(sum_answer(page))
    wrong = total + 1 if total < 18 else 2
    answer = {
        "word": VI_NUMBERS[wrong - 2],  # "tám", "mười một"
        "letter": "Đ",
        "arabic digits": "".join(chr(0x660 + int(d)) for d in str(wrong)),
    }[kind]
    response = client.post("/feedback", data=rating_data(page, captcha=answer))
    assert response.status_code == 200
    doc = html(response)
    assert doc.find(id="captcha-error").get_text(" ", strip=True).endswith(WRONG_CODE)
    assert doc.find("input", attrs={"name": "overall", "value": "4"}).has_attr("checked")
    assert doc.find("textarea", attrs={"name": "comment"}).get_text().strip().startswith("Cán bộ nhiệt tình")
    assert Rating.query.count() == 0


def test_a_code_works_only_once(client, demo, monkeypatch):
    monkeypatch.setattr("app.services.feedback.REPEAT_WAIT", 0)
    page = client.get("/feedback")
    data = rating_data(page, captcha=solve(page))
    assert client.post("/feedback", data=data).status_code == 303
    # The solved code with other answers is a second rating, not the same form sent again.
    replay = client.post("/feedback", data=dict(data, overall="1", comment="Một đánh giá khác"))
    assert WRONG_CODE in text_of(replay)
    assert Rating.query.count() == 1


def test_another_code_keeps_everything_typed_without_an_error(client, demo):
    page = client.get("/feedback")
    response = client.post("/feedback", data=rating_data(page, captcha="", new_code="1"))
    doc = html(response)
    assert doc.find(id="captcha-error") is None and not doc.title.get_text().startswith("Lỗi")
    assert form_fields(response)["captcha_token"] != form_fields(page)["captcha_token"]
    assert doc.find("input", attrs={"name": "overall", "value": "4"}).has_attr("checked")


def test_enter_in_a_field_sends_the_rating_the_first_submit_button(client, demo):
    form = html(client.get("/feedback")).find("form", id="feedback-form")
    buttons = [b for b in form.find_all("button") if b.get("type", "submit") == "submit"]
    assert buttons[0].get_text(strip=True) == "Gửi đánh giá" and not buttons[0].get("name")
    assert [b.get_text(strip=True) for b in buttons[1:]] == ["Đổi mã khác"]


def test_missing_overall_score_is_asked_for_and_the_code_typed_is_kept(client, demo):
    page = client.get("/feedback")
    code = solve(page)
    response = client.post("/feedback", data=rating_data(page, overall="", captcha=code))
    doc = html(response)
    assert "Chọn mức độ hài lòng chung của bạn" in text_of(response)
    assert doc.find("input", attrs={"name": "captcha"})["value"] == code
    done = client.post("/feedback", data=rating_data(response, captcha=code))
    assert done.status_code == 303


def test_with_htmx_the_form_fragment_comes_back_and_success_replaces_it(client, demo):
    page = client.get("/feedback")
    hx = {"HX-Request": "true"}
    wrong = client.post("/feedback", data=rating_data(page, captcha="ZZZZZ"), headers=hx)
    assert wrong.status_code == 200 and "HX-Request" in wrong.headers["Vary"]
    assert "<html" not in wrong.get_data(as_text=True)
    assert WRONG_CODE in text_of(wrong)
    ok = client.post("/feedback", data=rating_data(wrong, captcha=solve(wrong)), headers=hx)
    assert ok.status_code == 200 and "<html" not in ok.get_data(as_text=True)
    assert "Cảm ơn bạn đã đánh giá" in text_of(ok)
    full = client.get("/feedback", headers=hx)
    assert "<html" not in full.get_data(as_text=True) and html(full).find("form", id="feedback-form")


def test_a_pending_comment_is_hidden_until_staff_approve_it(client, staff_client, demo):
    page = client.get("/feedback")
    client.post("/feedback", data=rating_data(page, comment="Phòng chờ hơi nóng", captcha=solve(page)))
    rating = Rating.query.one()
    assert rating.status == "pending"
    assert "Phòng chờ hơi nóng" not in text_of(client.get("/feedback"))
    assert "Phòng chờ hơi nóng" in text_of(staff_client.get("/admin/outreach/comments"))

    token = html(staff_client.get("/admin/outreach/comments")).find("input", attrs={"name": "csrf_token"})[
        "value"
    ]
    response = staff_client.post(
        f"/admin/outreach/comments/{rating.id}", data={"csrf_token": token, "decision": "approved"}
    )
    assert response.status_code == 303
    assert "Phòng chờ hơi nóng" in text_of(client.get("/feedback"))
    assert "Phòng chờ hơi nóng" not in text_of(staff_client.get("/admin/outreach/comments"))


def test_a_rejected_comment_is_never_shown_and_its_scores_stop_counting(client, staff_client, demo):
    page = client.get("/feedback")
    client.post(
        "/feedback", data=rating_data(page, overall="1", comment="quảng cáo rác", captcha=solve(page))
    )
    rating = Rating.query.one()
    assert "1 lượt đánh giá, trung bình 1,0" in text_of(client.get("/feedback"))
    token = html(staff_client.get("/admin/outreach/comments")).find("input", attrs={"name": "csrf_token"})[
        "value"
    ]
    response = staff_client.post(
        f"/admin/outreach/comments/{rating.id}",
        headers={"HX-Request": "true"},
        data={"csrf_token": token, "decision": "rejected"},
    )
    assert response.status_code == 200 and "Đã từ chối" in text_of(response)
    assert "<html" not in response.get_data(as_text=True)
    page = text_of(client.get("/feedback"))
    assert "quảng cáo rác" not in page and "trung bình 1,0" not in page


def test_script_in_a_comment_is_shown_as_text(client, demo):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = client.get("/feedback")
    client.post("/feedback", data=rating_data(page, comment=attack, captcha=solve(page)))
    rating = Rating.query.one()
    rating.status = "approved"
    db.session.commit()
    response = client.get("/feedback")
    doc = html(response)
    assert doc.find("img", attrs={"onerror": True}) is None
    assert not [s for s in doc.find_all("script") if "alert" in s.get_text()]
    assert attack in doc.get_text()


def test_summary_shows_count_and_average_per_criterion(client, demo):
    for overall, on_time in ((5, 4), (4, None), (4, 5)):
        db.session.add(Rating(point_id=demo.id, overall=overall, on_time=on_time, status="approved"))
    db.session.commit()
    page = text_of(client.get("/feedback"))
    assert "3 lượt đánh giá, trung bình 4,3" in page  # overall: (5 + 4 + 4) / 3
    assert "2 lượt đánh giá, trung bình 4,5" in page  # on time: two people answered


def finished_ticket(demo, status="done"):
    from app.models import Procedure, Ticket

    procedure = Procedure.query.first()
    ticket = Ticket(
        point_id=demo.id,
        service_day=date(2026, 11, 26),
        prefix="A",
        number=Ticket.query.count() + 1,
        procedure_id=procedure.id,
        status=status,
        token=secrets.token_urlsafe(16),
    )
    db.session.add(ticket)
    db.session.commit()
    return ticket


def test_one_rating_per_finished_ticket(client, demo):
    ticket = finished_ticket(demo)
    page = client.get(f"/feedback?ticket={ticket.token}")
    assert form_fields(page)["ticket"] == ticket.token
    assert client.post("/feedback", data=rating_data(page, captcha=solve(page))).status_code == 303
    assert Rating.query.one().ticket_ref == ticket.token

    again = client.get(f"/feedback?ticket={ticket.token}")
    assert "Lượt phục vụ này đã được đánh giá" in text_of(again)
    assert html(again).find("form", id="feedback-form") is None

    # A second tab that loaded the form before the first rating was sent is refused too.
    stale = rating_data(page)
    fresh = client.get("/feedback")
    stale.update(captcha_token=form_fields(fresh)["captcha_token"], captcha=solve(fresh))
    response = client.post("/feedback", data=stale)
    assert "Lượt phục vụ này đã được đánh giá" in text_of(response)
    assert Rating.query.count() == 1


def test_a_ticket_still_waiting_cannot_be_rated_as_a_visit(client, demo):
    ticket = finished_ticket(demo, status="waiting")
    page = client.get(f"/feedback?ticket={ticket.token}")
    assert "Không tìm thấy lượt phục vụ đã hoàn thành" in text_of(page)
    assert form_fields(page)["ticket"] == ""


def test_one_rating_per_dossier_even_if_the_database_sees_both(app, demo):
    """The unique constraint is the last word when two workers save the same visit at once."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    db.session.add(Rating(point_id=demo.id, overall=5, dossier_ref="HS-2611-7K3Q"))
    db.session.commit()
    db.session.add(Rating(point_id=demo.id, overall=1, dossier_ref="HS-2611-7K3Q"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_flood_of_ratings_from_one_client_is_throttled(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "FEEDBACK_LIMIT_PER_IP", (2, 3600))
    for _ in range(2):
        page = client.get("/feedback")
        assert client.post("/feedback", data=rating_data(page, captcha=solve(page))).status_code == 303
    page = client.get("/feedback")
    response = client.post("/feedback", data=rating_data(page, captcha=solve(page)))
    assert response.status_code == 429
    assert "quá nhiều lượt đánh giá" in text_of(response)
    assert html(response).find("textarea", attrs={"name": "comment"}).get_text().strip()  # kept
    assert Rating.query.count() == 2


def dossier(demo, status, code):
    from app.models import Dossier, Procedure

    row = Dossier(point_id=demo.id, procedure_id=Procedure.query.first().id, code=code, status=status)
    db.session.add(row)
    db.session.commit()
    return row


def test_a_completed_dossier_is_rated_once_by_its_code_typed_in_any_case(client, demo):
    dossier(demo, "completed", "HS-2611-7K3Q")
    page = client.get("/feedback?dossier=hs-2611-7k3q")
    assert "HS-2611-7K3Q" in text_of(page)
    assert client.post("/feedback", data=rating_data(page, captcha=solve(page))).status_code == 303
    assert Rating.query.one().dossier_ref == "HS-2611-7K3Q"
    assert html(client.get("/feedback?dossier=HS-2611-7K3Q")).find("form", id="feedback-form") is None


def test_a_dossier_still_in_progress_is_not_a_finished_visit(client, demo):
    dossier(demo, "processing", "HS-2611-AAAA")
    page = client.get("/feedback?dossier=HS-2611-AAAA")
    assert "Không tìm thấy lượt phục vụ đã hoàn thành" in text_of(page)
    assert form_fields(page)["dossier"] == ""


def test_the_code_picture_is_drawn_with_strokes_not_written_as_text(client, demo):
    svg = html(client.get("/feedback")).find("svg", class_="app-captcha__image")
    assert svg.find("text") is None and len(svg.find_all("path")) >= 5


FORGED_SCORES = {
    "overall 9": {"overall": "9"},
    "overall in words": {"overall": "abc"},
    "attitude 0": {"attitude": "0"},
}


@pytest.mark.parametrize("forged", FORGED_SCORES.values(), ids=FORGED_SCORES.keys())
def test_a_score_not_offered_gets_a_vietnamese_message_and_saves_nothing(client, demo, forged):
    page = client.get("/feedback")
    response = client.post("/feedback", data=rating_data(page, captcha=solve(page), **forged))
    name = next(iter(forged))
    assert (
        html(response)
        .find(id=f"{name}-error")
        .get_text(" ", strip=True)
        .endswith("Chọn một trong các lựa chọn")
    )
    assert "Not a valid" not in response.get_data(as_text=True) and "Invalid" not in response.get_data(
        as_text=True
    )
    assert Rating.query.count() == 0
