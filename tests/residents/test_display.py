"""Large text and high contrast: the switches in the header, the cookie, classes on <html>, ETags."""

import pytest

from app.models import Procedure
from app.services import display, queue
from tests.conftest import html, text_of

HX = {"HX-Request": "true"}


def html_classes(response):
    return set(html(response).find("html").get("class") or [])


def test_display_options_parse_only_what_they_know():
    assert display.parse("large.contrast.evil") == {"large", "contrast"}
    assert display.parse(None) == set()
    assert display.serialise(display.switched(frozenset({"contrast"}), "large", True)) == "large.contrast"
    assert display.switched(frozenset({"large"}), "large", False) == frozenset()


def test_every_public_page_offers_both_switches(client, demo):
    page = html(client.get("/procedures"))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".app-display a")}
    assert links["Chữ to"].startswith("/display/large/on?next=")
    assert links["Tương phản cao"].startswith("/display/contrast/on?next=")


def test_larger_text_sticks_and_comes_back_to_the_same_page(client, demo):
    response = client.get("/display/large/on?next=/procedures?q%3Dkhai")
    assert response.status_code == 303 and response.headers["Location"] == "/procedures?q=khai"
    assert "HttpOnly" in response.headers["Set-Cookie"]
    page = client.get("/procedures")
    assert html_classes(page) == {"app-large"}
    assert "Chữ thường" in text_of(page)  # the switch now turns it back
    client.get("/display/contrast/on?next=/")
    assert html_classes(client.get("/")) == {"app-large", "app-contrast"}
    client.get("/display/large/off?next=/")
    assert html_classes(client.get("/about")) == {"app-contrast"}


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_the_switch_never_sends_people_to_another_site(client, demo, target):
    response = client.get("/display/contrast/on", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_an_unknown_option_is_not_found(client, demo):
    assert client.get("/display/blink/on").status_code == 404


def test_fragments_stay_the_same_whatever_the_display(client, demo):
    plain = client.get("/procedures?q=khai", headers=HX).get_data()
    client.get("/display/large/on")
    client.get("/display/contrast/on")
    assert client.get("/procedures?q=khai", headers=HX).get_data() == plain


def test_the_ticket_page_etag_changes_with_the_display_but_not_the_fragment_etag(client, demo, clock):
    clock(2026, 11, 26, 9, 0)  # a Thursday morning session, whatever the hour the suite runs
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one(), channel="phone")
    url = f"/t/{ticket.token}"
    page_tag = client.get(url).headers["ETag"]
    fragment_tag = client.get(url, headers=HX).headers["ETag"]
    client.get("/display/large/on")
    larger = client.get(url, headers={"If-None-Match": page_tag})
    assert larger.status_code == 200 and "app-large" in html_classes(larger)
    assert client.get(url, headers={**HX, "If-None-Match": fragment_tag}).status_code == 304


def test_the_accessibility_statement_is_honest_and_says_how_to_report(client, demo):
    response = client.get("/accessibility")
    words = text_of(response)
    assert "tuân thủ một phần" in words.lower()
    assert "5 ngày làm việc" in words
    assert html(response).find("a", href="/feedback")
    assert html(client.get("/")).select_one("footer a[href='/accessibility']")
