"""The TV board shows a QR code to follow the queue on a phone, in the page, not in the polled part."""

from tests.conftest import html, text_of

HX = {"HX-Request": "true"}


def test_the_board_page_has_a_qr_code_to_the_point_and_the_polls_do_not(client, demo, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://tdp.example.gov.vn")
    page = client.get("/board")
    follow = html(page).find("aside", class_="app-tv__follow")
    assert follow is not None and follow.find("svg") is not None
    assert "Quét mã để lấy số và theo dõi hàng chờ trên điện thoại" in text_of(page)
    from app.templating import qr_svg

    assert str(qr_svg("https://tdp.example.gov.vn/points/tdp12-tan-giang")) in page.get_data(as_text=True)
    poll = client.get("/board", headers=HX).get_data(as_text=True)
    assert "app-tv__follow" not in poll and "<svg" not in poll
