"""Hand-over at the shared PC: the resident gets a resident's session; the volunteer comes back with a password."""

import pytest

from app.extensions import db
from app.models import Desk, Dossier
from tests.conftest import PASSWORD, csrf_token, html, sign_in, text_of
from tests.dossiers.test_personal_pages import ONLY_WHILE_HELPING, untyped_fields
from tests.dossiers.test_wizard import fill, start

STAFF_PAGES = ("/admin/", "/appointments/day", "/staff/dossiers", "/desk")


@pytest.fixture
def volunteer(demo, make_user):
    return make_user("volunteer", point=demo)


@pytest.fixture
def pc(app, volunteer):
    """The shared PC's browser, the volunteer signed in."""
    return sign_in(app.test_client(), volunteer)


def hand_over(pc):
    token = csrf_token(pc, "/assist")
    response = pc.post("/assist/start", data={"csrf_token": token})
    assert response.headers["Location"] == "/assist/resident"
    return csrf_token(pc, "/assist/resident")  # the resident's session is a new one, with its own token


def resume(pc, password, url="/assist/resume"):
    form = html(pc.get(url)).find("form", action="/assist/resume")
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    return pc.post("/assist/resume", data={"csrf_token": token, "password": password})


def test_the_resident_at_the_keyboard_has_none_of_the_volunteers_powers(pc, demo):
    desk = Desk.query.filter_by(point_id=demo.id).first()
    hand_over(pc)
    for url in (*STAFF_PAGES, f"/desk/{desk.id}"):
        response = pc.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), url
    call = pc.post(f"/desk/{desk.id}/call-next", data={"csrf_token": csrf_token(pc, "/assist/resident")})
    assert call.status_code == 302 and call.headers["Location"].startswith("/login")
    page = html(pc.get("/assist/resident"))
    assert page.find("a", href="/procedures/khai-sinh/dossier")
    assert page.find("a", href="/admin/") is None  # no "Staff" menu entry
    assert page.find("form", action="/logout") is None  # nobody is signed in to sign out
    banner = page.select_one("aside.app-assist")
    links = {a.get_text(strip=True): a["href"] for a in banner.find_all("a")}
    assert links["Xong, xóa dữ liệu"].startswith("/assist/end")
    assert links["Tình nguyện viên: quay lại tài khoản"] == "/assist/resume"


def test_the_volunteers_sign_ins_elsewhere_go_on(app, pc, volunteer):
    desk_pc = sign_in(app.test_client(), volunteer)  # the same volunteer at a desk
    hand_over(pc)
    assert desk_pc.get("/admin/").status_code == 200


def test_a_dossier_filed_with_help_is_recorded_as_the_volunteers(pc, volunteer):
    hand_over(pc)
    dossier_id, token = start(pc)
    fill(pc, dossier_id, token)
    pc.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    dossier = db.session.get(Dossier, dossier_id)
    assert (dossier.channel, dossier.created_by_id, dossier.status) == (
        "volunteer",
        volunteer.id,
        "submitted",
    )


def test_ending_asks_once_and_only_the_answer_erases(pc):
    token = hand_over(pc)
    dossier_id, _ = start(pc)
    fill(pc, dossier_id, token, until="origin")
    question = pc.get(f"/assist/end?next=/dossiers/{dossier_id}/steps/child")
    assert question.headers["Cache-Control"] == "no-store"
    assert "Kết thúc và xóa dữ liệu của người dân?" in text_of(question)
    assert "Không thể hoàn tác" in text_of(question)
    page = html(question)
    assert page.find("a", string="Không, quay lại")["href"] == f"/dossiers/{dossier_id}/steps/child"
    answer_form = [f for f in page.find_all("form", action="/assist/end") if f.find("button")]
    assert [f.find("button").get_text(strip=True) for f in answer_form] == ["Có, xóa dữ liệu"]
    db.session.expire_all()
    assert db.session.get(Dossier, dossier_id).draft_key  # looking at the question erased nothing
    pc.get("/lang/en")
    pc.get("/display/large/on")
    answer = pc.post("/assist/end", data={"csrf_token": token})
    assert answer.headers["Location"] == "/assist/ended"
    assert answer.headers["Clear-Site-Data"] == '"storage"'
    cookies = " ".join(answer.headers.getlist("Set-Cookie"))
    assert "lang=;" in cookies and "display=;" in cookies  # the next person starts afresh
    db.session.expire_all()
    assert db.session.get(Dossier, dossier_id).draft_key is None
    assert pc.get(f"/dossiers/{dossier_id}/steps/requester").status_code == 303
    assert pc.get("/admin/").status_code == 302  # "Xong" does not hand the volunteer's account back


def test_the_volunteer_comes_back_only_with_their_password(pc, volunteer):
    hand_over(pc)
    dossier_id, _ = start(pc)
    page = html(pc.get("/assist/resume"))
    assert volunteer.display_name in page.get_text()
    assert (
        page.find("input", attrs={"name": "password"})["autocomplete"] == "off"
    )  # never saved on a shared PC
    wrong = resume(pc, "not-the-password")
    assert wrong.status_code == 401 and "Đây không phải mật khẩu của" in text_of(wrong)
    assert pc.get("/admin/").status_code == 302
    db.session.expire_all()
    assert db.session.get(Dossier, dossier_id).draft_key  # a wrong password ends nothing
    right = resume(pc, PASSWORD)
    assert right.status_code == 303 and right.headers["Location"] == "/assist"
    assert right.headers["Clear-Site-Data"] == '"storage"'
    assert pc.get("/admin/").status_code == 200
    db.session.expire_all()
    assert db.session.get(Dossier, dossier_id).draft_key is None  # coming back ended the help
    assert pc.get(f"/dossiers/{dossier_id}/steps/requester").status_code == 303
    assert html(pc.get("/procedures")).select_one("aside.app-assist") is None


def test_after_the_end_the_ended_page_offers_the_volunteers_way_back(pc, volunteer):
    token = hand_over(pc)
    pc.post("/assist/end", data={"csrf_token": token})
    ended = pc.get("/assist/ended")
    assert f"Tiếp tục với tư cách {volunteer.display_name}" in text_of(ended)
    assert resume(pc, PASSWORD, "/assist/ended").headers["Location"] == "/assist"
    assert pc.get("/desk").status_code == 200


def test_guessing_the_volunteers_password_is_throttled(pc, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_PAIR", (2, 900))
    hand_over(pc)
    codes = [resume(pc, f"guess-{n}").status_code for n in range(3)]
    assert codes == [401, 401, 429]
    assert resume(pc, PASSWORD).status_code == 429  # not even the right one, for now
    assert pc.get("/admin/").status_code == 302


def test_no_one_to_resume_sends_to_the_sign_in_page(client, demo):
    assert client.get("/assist/resume").headers["Location"].startswith("/login")
    assert client.get("/assist/resident").headers["Location"] == "/assist"


def test_the_pages_of_the_help_are_no_store_and_nothing_typed_autocompletes(app, pc):
    hand_over(pc)
    for endpoint in sorted(ONLY_WHILE_HELPING):
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        response = pc.get(rule.rule)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", endpoint
        assert untyped_fields(html(response)) == [], endpoint  # a shared PC keeps no one's password


def test_a_booking_the_resident_made_while_helped_is_closed_to_this_pc_after(app, pc, demo, clock):
    from datetime import date, time

    from app.models import Procedure
    from app.services import appointments

    clock(2026, 11, 26, 8, 0)
    token = hand_over(pc)
    booking = appointments.book(
        demo,
        Procedure.query.filter_by(code="khai-sinh").one(),
        date(2026, 11, 27),
        time(9),
        "Nguyễn Thị Lan",
        "0912345678",
        "127.0.0.1",
    )
    page = f"/appointments/b/{booking.token}"
    assert "Nguyễn Thị Lan" in text_of(pc.get(page))  # the resident sees their booking
    pc.post("/assist/end", data={"csrf_token": token})
    back = pc.get(page)  # the back button, for the next person
    assert back.status_code == 303 and back.headers["Location"] == "/assist/ended"
    assert resume(pc, PASSWORD, "/assist/ended").status_code == 303
    assert pc.get(page).status_code == 303  # still closed here once the volunteer is back
    assert "Nguyễn Thị Lan" in text_of(app.test_client().get(page))  # the resident's phone still opens it


def test_every_page_of_the_help_carries_the_banner_and_the_idle_end(pc):
    hand_over(pc)
    for url in ("/", "/procedures", "/appointments/new", "/lookup"):
        page = html(pc.get(url))
        banner = page.select_one("aside.app-assist")
        assert banner is not None, url
        idle = banner.find("form", action="/assist/end")
        assert idle["data-idle-end"] == "300" and idle.find("input", attrs={"name": "csrf_token"}), url
        assert banner.find("script", src=lambda src: src and "/js/handover" in src), url


def test_every_resident_helped_at_the_office_pc_can_take_a_number(pc, demo, clock):
    """The office PC is one browser to the per-browser limit (6 an hour): the seventh resident a
    volunteer helped within the hour was refused, and told to ask a volunteer, who sat beside them."""
    from app.models import Ticket

    clock(2026, 11, 26, 9, 0)  # a Thursday morning session
    for _ in range(7):
        hand_over(pc)
        token = csrf_token(pc, "/tickets/new")
        taken = pc.post("/tickets", data={"procedure": "khai-sinh", "csrf_token": token})
        assert taken.status_code == 303 and taken.headers["Location"].startswith("/t/")
        pc.post("/assist/end", data={"csrf_token": csrf_token(pc, "/assist/end")})
        assert resume(pc, PASSWORD).status_code == 303
    tickets = Ticket.query.filter_by(point_id=demo.id).all()
    assert len(tickets) == 7 and {t.channel for t in tickets} == {"office"}  # taken at the office PC
