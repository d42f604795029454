"""Residents check a dossier by code and phone; staff list, move and annotate dossiers."""

from app.extensions import db
from app.services import dossiers as service
from tests.conftest import csrf_token, html, text_of

from .conftest import make_dossier

HX = {"HX-Request": "true"}


def ask(client, code, phone, headers=None):
    token = csrf_token(client, "/lookup")
    return client.post(
        "/lookup", data={"csrf_token": token, "code": code, "phone": phone}, headers=headers or {}
    )


def test_the_lookup_form_is_a_page_and_a_fragment(client, demo):
    page = client.get("/lookup?code=HS-2612-ABCD")
    assert page.status_code == 200 and "<html" in page.text
    assert html(page).find("input", attrs={"name": "code"})["value"] == "HS-2612-ABCD"
    assert html(page).find("input", attrs={"name": "phone"})["autocomplete"] == "off"
    fragment = client.get("/lookup", headers=HX)
    assert "<html" not in fragment.text and html(fragment).find(id="lookup-result") is not None
    assert page.headers["Cache-Control"] == "no-store" and "HX-Request" in page.headers["Vary"]


def test_the_right_code_and_phone_show_a_plain_timeline(client, demo):
    dossier = make_dossier(demo, "birth")
    service.move(dossier, "received")
    service.move(dossier, "supplement", note="Bản chính giấy chứng sinh")
    for headers in ({}, HX):
        response = ask(client, dossier.code.lower().replace("-", " "), "+84 912 345 678", headers)
        assert response.status_code == 200
        shown = text_of(response)
        assert dossier.code in shown
        assert "Bạn đã nộp hồ sơ" in shown and "Bộ phận một cửa đã tiếp nhận" in shown
        assert "cần bổ sung" in shown and "Bản chính giấy chứng sinh" in shown
        assert "Nguyễn Thị Lan" not in shown  # no personal details beyond what the person typed
    assert ("<html" in ask(client, dossier.code, "0912345678").text) and (
        "<html" not in ask(client, dossier.code, "0912345678", HX).text
    )


def test_a_phone_typed_with_digits_of_another_script_is_read_never_a_server_error(client, demo):
    dossier = make_dossier(demo, "birth")
    arabic = ask(client, dossier.code, "0912٣٤٥٦٧٨")  # Arabic-Indic 3-8: the same number
    assert arabic.status_code == 200 and dossier.code in text_of(arabic)
    not_digits = ask(client, dossier.code, "091234567八")
    assert not_digits.status_code == 200 and dossier.code not in text_of(not_digits)


def test_a_wrong_phone_and_an_unknown_code_get_the_same_answer(client, demo):
    dossier = make_dossier(demo, "death")
    wrong_phone = ask(client, dossier.code, "0912000000")
    unknown = ask(client, "HS-2001-ZZZZ", "0987654321")
    assert wrong_phone.status_code == unknown.status_code == 200
    assert html(wrong_phone).find(id="lookup-result") == html(unknown).find(id="lookup-result")
    assert "Không tìm thấy hồ sơ" in text_of(unknown)


def test_lookups_are_throttled_per_address_without_revealing_anything(client, demo, app):
    dossier = make_dossier(demo, "extract")
    limit, _ = app.config["DOSSIER_LOOKUP_LIMIT"]
    for n in range(limit):
        assert ask(client, f"HS-2001-AAA{'23456789ABCDEFGHJK'[n]}", "0356789012").status_code == 200
    blocked = ask(client, dossier.code, "0356789012")
    assert blocked.status_code == 429
    result = html(blocked).find(id="lookup-result").get_text()
    assert dossier.code not in result and "đợi 10 phút" in result
    htmx = ask(client, dossier.code, "0356789012", HX)
    assert htmx.status_code == 200 and "đợi 10 phút" in text_of(htmx)


def test_one_code_cannot_be_tried_with_many_phones_but_its_owner_still_finds_it(app, demo):
    dossier = make_dossier(demo, "extract")
    limit, _ = app.config["DOSSIER_LOOKUP_PER_CODE"]
    for n in range(limit):
        assert service.lookup(dossier.code, f"09123456{n:02d}", f"10.0.0.{n}").throttled is False
    assert service.lookup(dossier.code, "0911111111", "10.0.1.1").throttled
    assert service.lookup(dossier.code, "0356789012", "10.0.1.2").dossier == dossier  # the owner


def test_staff_pages_refuse_residents_and_volunteers(client, volunteer_client, demo):
    dossier = make_dossier(demo, "birth")
    for url in ("/staff/dossiers", f"/staff/dossiers/{dossier.id}"):
        assert client.get(url).status_code == 302
        assert volunteer_client.get(url).status_code == 403


def test_staff_see_open_dossiers_overdue_first_as_page_and_fragment(staff_client, demo, clock):
    clock(2026, 12, 1, 9, 0)
    overdue = make_dossier(demo, "marital")
    clock(2026, 12, 7, 9, 0)
    fresh = make_dossier(demo, "birth")
    page = staff_client.get("/staff/dossiers")
    fragment = staff_client.get("/staff/dossiers?status=open", headers=HX)
    assert "<html" in page.text and "<html" not in fragment.text
    assert page.headers["Cache-Control"] == "no-store"
    rows = html(page).select("#dossier-list tbody tr")
    codes = [row.find("a").get_text() for row in rows]
    assert codes.index(overdue.code) < codes.index(fresh.code)
    assert "app-overdue" in rows[codes.index(overdue.code)]["class"] and "quá hạn" in rows[0].get_text()
    tab = html(page).find("a", href="/staff/dossiers?status=supplement")
    assert tab["hx-get"] == tab["href"]


def test_staff_move_a_dossier_with_a_note_and_the_history_keeps_it(staff_client, demo):
    dossier = make_dossier(demo, "marital")
    url = f"/staff/dossiers/{dossier.id}"
    token = csrf_token(staff_client, url)
    detail = html(staff_client.get(url))
    assert [i["value"] for i in detail.find_all("input", attrs={"name": "to_status"})] == [
        "received",
        "supplement",
        "refused",
        "withdrawn",
    ]
    missing_note = staff_client.post(url + "/move", data={"csrf_token": token, "to_status": "supplement"})
    assert missing_note.status_code == 200 and html(missing_note).find(id="note-error")
    assert html(missing_note).title.string.startswith("Lỗi")
    illegal = staff_client.post(url + "/move", data={"csrf_token": token, "to_status": "returned"})
    assert illegal.status_code == 200 and html(illegal).find(id="to_status-error")
    ok = staff_client.post(
        url + "/move", data={"csrf_token": token, "to_status": "supplement", "note": "Thiếu bản án ly hôn"}
    )
    assert ok.status_code == 303
    db.session.refresh(dossier)
    assert dossier.status == "supplement"
    history = html(staff_client.get(url)).find("ol", class_="app-timeline").find_all("li")
    assert "Yêu cầu bổ sung: Thiếu bản án ly hôn" in history[-1].get_text()
    assert "Đã nộp" in history[0].get_text()


def test_staff_record_the_portal_code_and_the_channel(staff_client, demo):
    dossier = make_dossier(demo, "death")
    url = f"/staff/dossiers/{dossier.id}"
    token = csrf_token(staff_client, url)
    response = staff_client.post(
        url + "/filing",
        data={"csrf_token": token, "channel": "volunteer", "portal_code": "G22.42-261207-0001"},
    )
    assert response.status_code == 303
    db.session.refresh(dossier)
    assert (dossier.channel, dossier.portal_code) == ("volunteer", "G22.42-261207-0001")
    bad = staff_client.post(url + "/filing", data={"csrf_token": token, "channel": "fax"})
    assert bad.status_code == 200 and html(bad).find(id="channel-error")


def test_staff_of_another_point_cannot_open_the_dossier(app, demo, make_user):
    from app.models import ServicePoint
    from tests.conftest import sign_in

    other = ServicePoint(slug="other", name_vi="Điểm khác", ward="Phường Nam Hà", address="Số 1")
    db.session.add(other)
    db.session.commit()
    client = sign_in(app.test_client(), make_user("staff", point=other))
    dossier = make_dossier(demo, "birth")
    assert client.get(f"/staff/dossiers/{dossier.id}").status_code == 404
    assert dossier.code not in client.get("/staff/dossiers").text


def test_a_draft_never_shows_to_staff(staff_client, demo):
    draft = make_dossier(demo, "birth", submit=False)
    assert staff_client.get(f"/staff/dossiers/{draft.id}").status_code == 404
