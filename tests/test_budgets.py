"""Bandwidth budgets of ARCHITECTURE.md, measured compressed as served."""

import gzip
from pathlib import Path

import pytest

from tests.conftest import html
from tests.test_conventions import public_get_pages

STATIC = Path(__file__).resolve().parent.parent / "static"
KB = 1024


def test_every_public_page_fits_one_round_trip(app, demo, client):
    sizes = {}
    for url in public_get_pages(app):
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        if "text/html" not in response.content_type:
            continue
        body = response.get_data()
        if len(body) > 200 and response.status_code < 300:  # Flask-Compress: 2xx only
            assert response.headers.get("Content-Encoding") == "gzip", url
        sizes[url] = len(body)
    assert sizes and all(size <= 14 * KB for size in sizes.values()), sizes


def test_stylesheets_fit_the_css_budget():
    for css in STATIC.glob("css/*.css"):
        assert len(gzip.compress(css.read_bytes(), 9)) <= 8 * KB, css.name


def test_our_own_javascript_fits_the_js_budget(app, demo, client):
    # ARCHITECTURE.md: our own JS <= 3 KB gzipped as served, written readably (not minified by hand):
    # what one page loads of our own scripts (the board loads app.js and its voice, board_voice.js).
    for url in public_get_pages(app):
        response = client.get(url)
        if "text/html" not in response.content_type:
            continue
        ours = [
            s["src"].split("?")[0] for s in html(response).find_all("script") if "/static/js/" in s["src"]
        ]
        total = sum(
            len(gzip.compress((STATIC / src.split("/static/", 1)[1]).read_bytes(), 9)) for src in ours
        )
        assert total <= 3 * KB, (url, ours, total)


def test_vendored_htmx_is_2_0_11_with_its_licence():
    source = (STATIC / "vendor" / "htmx-2.0.11.min.js").read_text()
    assert 'version:"2.0.11"' in source.replace(" ", "")
    assert (STATIC / "vendor" / "htmx-2.0.11.LICENSE.txt").exists()


def test_scripts_are_deferred_and_fingerprinted(client, demo):
    scripts = html(client.get("/")).find_all("script")
    assert scripts and all(s.has_attr("defer") and "?v=" in s["src"] for s in scripts)


def test_static_files_are_cached_for_a_year_and_served_compressed(client, demo):
    src = html(client.get("/")).find("script")["src"]
    response = client.get(src, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert response.headers.get("Content-Encoding") == "gzip"


def test_no_render_blocking_stylesheet_links(client, demo):
    page = html(client.get("/"))
    assert page.find("link", rel="stylesheet") is None
    assert page.find("style") is not None  # critical CSS inline, allowed by its CSP hash


@pytest.mark.parametrize("url", ["/", "/procedures"])
def test_pages_answer_in_brotli_when_the_phone_asks(client, demo, url):
    assert client.get(url, headers={"Accept-Encoding": "br, gzip"}).headers["Content-Encoding"] == "br"
