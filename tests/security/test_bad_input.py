"""Bad input is refused where it enters, with a 400/404/413 page, never a 500 (SQLite and PostgreSQL)."""

import pytest
from werkzeug.routing import IntegerConverter

from tests.conftest import csrf_token, text_of

GUARD_WORDS = ("không được phép", "ký tự điều khiển")

# (method, url, form data, headers) that carry a control or bidi character somewhere.
CONTROL_VARIANTS = {
    "NUL in the path": ("GET", "/procedures/khai%00tu", None, {}),
    "ESC in the path": ("GET", "/procedures/%1b%5b31m", None, {}),
    "NUL in a search": ("GET", "/procedures?q=khai%00tu", None, {}),
    "NUL in a query name": ("GET", "/procedures?q%00=1", None, {}),
    "newline in a query": ("GET", "/lookup?code=HS%0A1", None, {}),
    "right-to-left override in a query": ("GET", "/procedures?q=%E2%80%AEfdp.png", None, {}),
    "NUL in a form field": ("POST", "/tickets", {"phone": "0912\x00345678"}, {}),
    "bell in a form field": ("POST", "/tickets", {"phone": "0912\x07345678"}, {}),
    "NUL in a field name": ("POST", "/tickets", {"pho\x00ne": "0912345678"}, {}),
    "bidi override in a form field": ("POST", "/tickets", {"phone": "\u202e0912345678"}, {}),
    "bidi isolate in a form field": ("POST", "/tickets", {"phone": "\u20680912345678\u2069"}, {}),
    "NUL in User-Agent": ("GET", "/", None, {"User-Agent": "Mozilla\x00"}),
    "NUL in Referer": ("GET", "/", None, {"Referer": "http://localhost/\x00"}),
    "NUL in If-None-Match": ("GET", "/board", None, {"If-None-Match": '"a\x00"'}),
    "NUL in a cookie": ("GET", "/", None, {"cookie": ("lang", "vi\x00")}),
    "bidi override in a cookie": ("GET", "/", None, {"cookie": ("lang", "\u202evi")}),
}


@pytest.fixture(autouse=True)
def open_hours(clock):
    clock(2026, 11, 26, 9, 0)  # a Thursday morning: the ticket form is open


def send(client, method, url, data, headers):
    headers = dict(headers)
    if "cookie" in headers:
        client.set_cookie(*headers.pop("cookie"))
    if method == "POST" and data is not None:
        data = dict(data, procedure="khai-tu", csrf_token=csrf_token(client, "/tickets/new"))
    return client.open(url, method=method, data=data, headers=headers)


@pytest.mark.parametrize("method, url, data, headers", CONTROL_VARIANTS.values(), ids=CONTROL_VARIANTS.keys())
def test_control_and_bidi_characters_are_refused_with_a_400_page(client, demo, method, url, data, headers):
    response = send(client, method, url, data, headers)
    assert response.status_code == 400
    assert any(words in text_of(response) for words in GUARD_WORDS)


ALLOWED_VARIANTS = {
    "Vietnamese in a search": ("GET", "/procedures?q=khai%20t%E1%BB%AD", None, {}),
    "tab in a form field": ("POST", "/tickets", {"phone": "0912\t345678"}, {}),
    "CR/LF in a form field (multi-line text)": ("POST", "/tickets", {"phone": "0912345678\r\n"}, {}),
    "tab in User-Agent": ("GET", "/", None, {"User-Agent": "Mozilla/5.0\t(X11)"}),
}


@pytest.mark.parametrize("method, url, data, headers", ALLOWED_VARIANTS.values(), ids=ALLOWED_VARIANTS.keys())
def test_ordinary_text_passes_the_guard(client, demo, method, url, data, headers):
    response = send(client, method, url, data, headers)
    assert response.status_code < 500
    assert not any(words in text_of(response) for words in GUARD_WORDS)


def test_a_form_body_over_the_limit_is_refused_unread(client, demo):
    response = client.post(
        "/tickets", data={"phone": "0" * (600 * 1024), "csrf_token": csrf_token(client, "/tickets/new")}
    )
    assert response.status_code == 413


def int_routes(app):
    """Every GET route whose arguments are all integers, with the arguments' names."""
    for rule in app.url_map.iter_rules():
        converters = rule._converters
        if (
            "GET" in rule.methods
            and converters
            and all(isinstance(c, IntegerConverter) for c in converters.values())
        ):
            yield rule


HUGE_IDS = {"2^31": 2**31, "2^63": 2**63, "twenty digits": 10**20}


@pytest.mark.parametrize("number", HUGE_IDS.values(), ids=HUGE_IDS.keys())
def test_huge_ids_in_any_url_are_404s(app, admin_client, number):
    rules = list(int_routes(app))
    assert len(rules) > 10
    for rule in rules:
        url = rule.build(dict.fromkeys(rule.arguments, number), append_unknown=False)[1]
        response = admin_client.get(url)
        assert response.status_code in (404, 400, 302, 303), (url, response.status_code)


PAGE_NUMBERS = {
    "news 2^63": "/news?page=9223372036854775808",
    "news twenty digits": "/news?page=99999999999999999999",
    "news just under the cap": "/news?page=999999999999999",
    "documents 2^64": "/documents?page=18446744073709551616",
    "comments": "/feedback?page=99999999999999999999",
    "audit log": "/admin/audit?page=99999999999999999999",
    "staff dossiers": "/staff/dossiers?page=99999999999999999999",
    "accounts of a point": "/admin/users?point=99999999999999999999",
    "a negative page": "/news?page=-99999999999999999999",
}


@pytest.mark.parametrize("url", PAGE_NUMBERS.values(), ids=PAGE_NUMBERS.keys())
def test_huge_page_numbers_are_refused_or_empty_never_a_500(admin_client, url):
    assert admin_client.get(url).status_code in (200, 400, 404)


EXTREME_DATES = {
    "booking day 0001": "/appointments/day?day=0001-01-01",
    "booking day 9999": "/appointments/day?day=9999-12-31",
    "public booking day 9999": "/appointments/new?procedure=khai-tu&day=9999-12-31",
    "report day 9999": "/reports?period=day&on=31/12/9999",
    "report week 0001": "/reports?period=week&on=01/01/0001",
    "report month 9999": "/reports?period=month&on=31/12/9999",
    "report range 0001-9999": "/reports?period=custom&start=01/01/0001&end=31/12/9999",
    "report CSV 9999": "/reports/export.csv?period=week&on=31/12/9999",
    "audit 0001-9999": "/admin/audit?start=01/01/0001&end=31/12/9999",
}


@pytest.mark.parametrize("url", EXTREME_DATES.values(), ids=EXTREME_DATES.keys())
def test_years_0001_and_9999_are_explained_never_a_500(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code in (200, 400, 404), response.status_code
