"""What a resident sees on the home and procedure pages, in Vietnamese and English."""

import pytest

from tests.conftest import html, text_of

HX = {"HX-Request": "true"}


def test_home_says_open_now_during_a_session(client, demo, clock):
    clock(2026, 11, 26, 9, 0)
    text = text_of(client.get("/"))
    assert "Đang mở cửa" in text
    assert "Đến 11:30 hôm nay" in text


def test_home_says_closed_and_when_it_next_opens(client, demo, clock):
    clock(2026, 11, 27, 18, 0)  # Friday evening
    text = text_of(client.get("/"))
    assert "Đang đóng cửa" in text
    assert "Mở cửa lần tới: Thứ Bảy 28/11/2026, từ 07:30 đến 11:30" in text


def test_home_shows_weekly_hours_with_the_saturday_session(client, demo, clock):
    clock(2026, 11, 26, 9, 0)
    rows = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in html(client.get("/")).select(".app-hours tr")
    }
    assert rows["Thứ Hai"] == "07:30–11:30, 13:30–17:00"
    assert rows["Thứ Bảy"] == "07:30–11:30"
    assert rows["Chủ Nhật"] == "Nghỉ"


def test_home_shows_the_saturday_announcement_and_how_to_get_there(client, demo):
    page = text_of(client.get("/"))
    assert "mở cửa sáng thứ Bảy từ 07/09/2019" in page
    assert "Nhà văn hóa Tổ dân phố 12" in page
    assert (
        html(client.get("/"))
        .find("a", string="Xem bản đồ")["href"]
        .startswith("https://www.openstreetmap.org/")
    )


def test_extra_opening_shows_on_the_home_page(client, demo, clock, app):
    clock(2026, 11, 29, 8, 0)  # Sunday
    result = app.test_cli_runner().invoke(args=["extra-opening", "--hours", "3"])
    assert result.exit_code == 0, result.output
    text = text_of(client.get("/"))
    assert "Đang mở cửa" in text
    assert "mở cửa bổ sung 08:00–11:00" in text


def test_the_home_page_is_whole_even_when_htmx_asks(client, demo):
    # Nothing on the site swaps in a fragment of /, so an htmx request (a boosted link) gets the page.
    response = client.get("/", headers=HX)
    assert response.status_code == 200
    assert "<html" in response.text and 'id="status"' in response.text


@pytest.mark.parametrize(
    "query, expected",
    [
        ("khai tu", "Đăng ký khai tử"),
        ("dang ky ket hon", "Đăng ký kết hôn"),
        ("KHAI SINH", "Đăng ký khai sinh"),
        ("hôn nhân", "Xác nhận tình trạng hôn nhân"),
        ("marital", "Xác nhận tình trạng hôn nhân"),
        ("ｋｈａｉ ｓｉｎｈ", "Đăng ký khai sinh"),  # full-width letters, as some phone keyboards type
    ],
)
def test_search_ignores_diacritics_and_case(client, demo, query, expected):
    names = [
        a.get_text(strip=True)
        for a in html(client.get("/procedures", query_string={"q": query})).select(".app-procedures a")
    ]
    assert expected in names


def test_search_with_several_words_needs_all_of_them_and_puts_the_name_match_first(client, demo):
    names = [
        a.get_text(strip=True)
        for a in html(client.get("/procedures?q=dang+ky+ket+hon")).select(".app-procedures a")
    ]
    assert names[0] == "Đăng ký kết hôn"
    assert "Đăng ký khai sinh" not in names  # has "đăng ký" but not "kết hôn"


def test_search_results_fragment_for_htmx(client, demo):
    response = client.get("/procedures?q=khai+tu", headers=HX)
    assert "<html" not in response.text and "Đăng ký khai tử" in response.text


@pytest.mark.parametrize("query", ["!!!???", "😀"])
def test_a_search_with_nothing_to_look_for_lists_every_procedure_without_claiming_matches(
    client, demo, query
):
    response = client.get("/procedures", query_string={"q": query})
    assert response.status_code == 200
    assert len(html(response).select(".app-procedures li")) == 10
    results = text_of(response)
    assert "Tìm thấy" not in results  # "10 procedures found" read as if all ten matched
    assert "ví dụ “khai sinh”" in results


def test_a_2000_character_search_is_refused_politely_and_kept(client, demo):
    query = "khai sinh " * 200
    response = client.get("/procedures", query_string={"q": query})
    assert response.status_code == 200
    assert "Nội dung tìm kiếm quá dài" in text_of(response)
    assert html(response).find("input", id="q")["value"] == query


def test_no_match_says_so_in_vietnamese(client, demo):
    assert "Không có thủ tục nào khớp với “xyzzy”" in text_of(client.get("/procedures?q=xyzzy"))


def test_procedure_page_lists_papers_fee_time_limit_level_and_portal(client, demo):
    response = client.get("/procedures/xac-nhan-hon-nhan")
    text = text_of(response)
    for expected in [
        "Xác nhận tình trạng hôn nhân",
        "Tờ khai cấp giấy xác nhận tình trạng hôn nhân",
        "10.000 đồng",
        "03 ngày làm việc",
        "Toàn trình (mức độ 4)",
        "Luật Hộ tịch 60/2014/QH13",
    ]:
        assert expected in text
    assert html(response).find("a", href="https://dichvucong.gov.vn") is not None


def test_in_person_procedure_explains_it_is_done_in_person(client, demo):
    assert "Thủ tục này làm trực tiếp" in text_of(client.get("/procedures/chung-thuc-chu-ky"))


def test_unknown_procedure_code_is_a_vietnamese_404(client, demo):
    response = client.get("/procedures/khong-co")
    assert response.status_code == 404
    assert "Không có thủ tục nào mang mã “khong-co”" in text_of(response)


def test_unknown_page_is_a_404_in_the_site_style(client, demo):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in text_of(response)
    assert html(response).find("a", string="Về trang chủ") is not None


def test_about_page_has_address_phone_and_map(client, demo):
    response = client.get("/about")
    assert "Nhà văn hóa Tổ dân phố 12" in text_of(response)
    assert html(response).find("a", href="tel:02393855123") is not None


def test_switching_to_english_sticks_across_pages(client, demo):
    response = client.get("/lang/en?next=/procedures/khai-tu")
    assert response.status_code == 303 and response.headers["Location"] == "/procedures/khai-tu"
    page = text_of(client.get("/procedures/khai-tu"))
    assert "Death registration" in page and "Papers to bring" in page
    assert "Opening hours" in text_of(client.get("/"))
    client.get("/lang/vi")
    assert "Giờ làm việc" in text_of(client.get("/"))


def test_vietnamese_is_the_default_even_for_english_browsers(client, demo):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert html(response).html["lang"] == "vi"


def test_an_unknown_language_code_is_a_vietnamese_404(client, demo):
    response = client.get("/lang/fr")
    assert response.status_code == 404
    assert "Ngôn ngữ này chưa được hỗ trợ" in text_of(response)


def test_language_switch_never_redirects_to_another_site(client, demo):
    for target in ["https://evil.example", "//evil.example", "/\\evil.example"]:
        assert client.get("/lang/en", query_string={"next": target}).headers["Location"] == "/"


def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"


def test_home_without_any_service_point_explains_how_to_set_up(client):
    response = client.get("/")
    assert response.status_code == 503
    assert "seed-demo" in text_of(response)


def test_an_unexpected_error_shows_a_vietnamese_500_page_not_a_traceback(client, demo, monkeypatch):
    from app.services import procedures

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(procedures, "search", broken)
    response = client.get("/procedures")
    assert response.status_code == 500
    text = text_of(response)
    assert "Hệ thống gặp sự cố" in text and "database on fire" not in text


def test_static_files_are_not_sniffed(client):
    assert client.get("/static/css/app.css").headers["X-Content-Type-Options"] == "nosniff"


def test_favicon_requests_find_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert client.get(response.headers["Location"]).content_type.startswith("image/svg+xml")


def test_htmx_never_keeps_page_snapshots_in_local_storage(client, demo):
    """On the shared office PC a snapshot could hold the previous resident's answers."""
    import json

    config = json.loads(html(client.get("/")).find("meta", attrs={"name": "htmx-config"})["content"])
    assert config["historyCacheSize"] == 0 and config["allowEval"] is False


def test_procedure_page_leads_to_booking_a_time_and_taking_a_number(client, demo):
    page = html(client.get("/procedures/ket-hon"))
    assert (
        page.find("a", string="Đặt lịch hẹn đến làm thủ tục")["href"] == "/appointments/new?procedure=ket-hon"
    )
    assert page.find("a", string="Lấy số thứ tự")["href"] == "/tickets/new"


def test_home_offers_booking_a_time_at_this_point(client, demo):
    link = html(client.get("/")).find("a", string="Đặt lịch hẹn đến làm thủ tục")
    assert link["href"] == "/appointments/new?point=tdp12-tan-giang"
