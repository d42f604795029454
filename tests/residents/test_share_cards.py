"""Meta descriptions and Open Graph share cards on public pages, with the point's preview picture."""

import struct
import zlib

import pytest

from tests.conftest import html
from tests.test_conventions import public_get_pages


def og(page, name):
    tag = page.find("meta", attrs={"property": f"og:{name}"})
    return tag["content"] if tag else None


def test_every_public_page_has_a_description_and_a_card_with_absolute_urls(app, client, demo):
    seen = 0
    for url in public_get_pages(app):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        page = html(response)
        description = page.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 30, url
        if not page.select_one("header.app-header:not(.app-header--staff)"):
            continue  # the TV board and staff screens are not shared
        assert og(page, "title") and og(page, "description") == description["content"], url
        assert og(page, "url") == "http://localhost" + url.split("?")[0], url
        assert og(page, "image").startswith("http://localhost/points/tdp12-tan-giang/preview.png?v="), url
        seen += 1
    assert seen >= 10


def test_pages_describe_themselves(client, demo):
    home = html(client.get("/")).find("meta", attrs={"name": "description"})["content"]
    assert "Tổ dân phố điện tử TDP 12" in home and "thứ Bảy" in home
    procedure = html(client.get("/procedures/khai-sinh")).find("meta", attrs={"name": "description"})[
        "content"
    ]
    assert procedure.startswith("Đăng ký khai sinh")


def test_the_public_base_url_wins_over_the_host_asked(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://tdp.example.gov.vn/")
    page = html(client.get("/procedures/khai-sinh", base_url="http://10.0.0.5:8000"))
    assert og(page, "url") == "https://tdp.example.gov.vn/procedures/khai-sinh"
    assert og(page, "image").startswith("https://tdp.example.gov.vn/points/tdp12-tan-giang/preview.png?v=")


def png_size_and_pixels(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    return width, height, zlib.decompress(data[start : start + length])


def test_the_preview_picture_is_a_1200_by_630_png_that_changes_with_the_hours(client, demo):
    from app.extensions import db
    from app.models import OpeningSession

    first_url = og(html(client.get("/")), "image").replace("http://localhost", "")
    response = client.get(first_url)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert "max-age=86400" in response.headers["Cache-Control"]
    width, height, pixels = png_size_and_pixels(response.data)
    assert (width, height) == (1200, 630) and len(pixels) == height * (1 + width * 3)
    sunday = OpeningSession(point=demo, weekday=6, start=demo.sessions[0].start, end=demo.sessions[0].end)
    sunday.effective_from = demo.sessions[0].effective_from
    db.session.add(sunday)
    db.session.commit()
    second_url = og(html(client.get("/")), "image").replace("http://localhost", "")
    assert second_url != first_url
    assert client.get(second_url).data != response.data


@pytest.mark.parametrize("slug", ["no-such-point"])
def test_no_picture_for_an_unknown_point(client, demo, slug):
    assert client.get(f"/points/{slug}/preview.png").status_code == 404
