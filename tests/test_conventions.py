"""Rules every route and page must keep, checked over app.url_map and the rendered HTML.

New features inherit these checks without writing them again: a staff page that forgets its
role check, a POST form without its CSRF token, or an htmx element with no working link or
form for phones without JavaScript fails here.
"""

import re

import pytest

from tests.conftest import csrf_token, html

SAMPLE_VALUES = {"code": "khai-sinh", "slug": "tdp12-tan-giang", "token": "x" * 22, "filename": "css/app.css"}


def view_of(app, endpoint):
    return app.view_functions[endpoint]


def rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint != "static"]


def staff_rules(app):
    return [r for r in rules(app) if getattr(view_of(app, r.endpoint), "required_roles", None)]


def build(rule, **extra):
    values = {}
    for arg in rule.arguments:
        converter = rule._converters[arg]
        if converter.__class__.__name__ == "IntegerConverter":
            values[arg] = 1
        elif hasattr(converter, "items"):  # any(a, b, c)
            values[arg] = sorted(converter.items)[0]
        else:
            values[arg] = SAMPLE_VALUES.get(arg, "x")
    values.update(extra)
    return rule.build(values, append_unknown=False)[1]


def test_every_route_says_who_may_use_it(app):
    unmarked = [
        r.rule
        for r in rules(app)
        if not getattr(view_of(app, r.endpoint), "is_public", False)
        and not getattr(view_of(app, r.endpoint), "required_roles", None)
    ]
    assert unmarked == [], "decorate these views with @public or @roles_required(...)"


def test_staff_routes_send_anonymous_visitors_to_sign_in(app, demo):
    client = app.test_client()
    # A valid token of this anonymous session, so a POST gets past CSRF and meets the role check.
    token = csrf_token(client, "/login")
    checked = set()
    for rule in staff_rules(app):
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(build(rule), method=method, data={"csrf_token": token})
            assert response.status_code == 302, (method, rule.rule, response.status_code)
            assert "/login" in response.headers["Location"], (method, rule.rule)
            checked.add(method)
    assert checked >= {"GET", "POST"}


def test_staff_routes_refuse_the_wrong_role(app, demo, make_user):
    from tests.conftest import sign_in

    clients = {}
    for role in ("volunteer", "staff"):
        clients[role] = sign_in(app.test_client(), make_user(role, point=demo))
    checked = 0
    for rule in staff_rules(app):
        allowed = set(view_of(app, rule.endpoint).required_roles)
        for role, client in clients.items():
            if role in allowed or "GET" not in rule.methods:
                continue
            assert client.get(build(rule)).status_code == 403, f"{role} opened {rule.rule}"
            checked += 1
    admin_only = [r for r in staff_rules(app) if set(view_of(app, r.endpoint).required_roles) <= {"admin"}]
    assert checked >= len([r for r in admin_only if "GET" in r.methods])


def public_get_pages(app):
    pages = []
    for rule in rules(app):
        view = view_of(app, rule.endpoint)
        if getattr(view, "is_public", False) and "GET" in rule.methods and not rule.arguments:
            if rule.rule not in ("/healthz", "/logout") and not rule.rule.endswith(DOWNLOADS):
                pages.append(rule.rule)
    return pages + ["/procedures/khai-sinh", "/procedures?q=khai+tu"]


DOWNLOADS = (".csv", ".xlsx", ".ics", ".svg", ".png", ".pdf")


def staff_get_pages(app):
    return [
        build(r)
        for r in staff_rules(app)
        if "GET" in r.methods and not r.arguments and not r.rule.endswith(DOWNLOADS)
    ]


def test_every_post_form_carries_a_csrf_token(app, demo, admin_client, client):
    seen = 0
    for browser, urls in ((client, public_get_pages(app)), (admin_client, staff_get_pages(app))):
        for url in urls:
            response = browser.get(url)
            if response.status_code != 200 or "text/html" not in response.content_type:
                continue
            for form in html(response).find_all("form"):
                if (form.get("method") or "get").lower() == "post":
                    seen += 1
                    assert form.find("input", attrs={"name": "csrf_token"}), f"{url}: {form.get('action')}"
    assert seen >= 1


HX_ATTRS = ("hx-get", "hx-post", "hx-put", "hx-delete", "hx-patch")


def test_every_htmx_element_has_a_no_javascript_twin(app, demo, admin_client, client):
    for browser, urls in ((client, public_get_pages(app)), (admin_client, staff_get_pages(app))):
        for url in urls:
            response = browser.get(url)
            if response.status_code != 200 or "text/html" not in response.content_type:
                continue
            for element in html(response).find_all(lambda tag: any(tag.has_attr(a) for a in HX_ATTRS)):
                if element.has_attr("data-poll") or element.has_attr("data-nojs-twin"):
                    continue  # polling regions: the page itself (or its refresh link) is the twin
                works = (
                    (element.name == "a" and element.get("href"))
                    or (element.name == "form" and element.get("action"))
                    or (element.name == "button" and element.find_parent("form") is not None)
                )
                assert works, f"{url}: <{element.name} {dict(element.attrs)}> needs an href or a form"


def test_no_inline_scripts_styles_or_handlers_in_any_page(app, demo, admin_client, client):
    for browser, urls in ((client, public_get_pages(app)), (admin_client, staff_get_pages(app))):
        for url in urls:
            response = browser.get(url)
            if "text/html" not in response.content_type:
                continue
            page = html(response)
            for script in page.find_all("script"):
                assert script.get("src"), f"{url}: inline <script>"
            offenders = [
                t.name
                for t in page.find_all(True)
                if t.has_attr("style") or any(a.startswith("on") for a in t.attrs)
            ]
            assert offenders == [], f"{url}: inline style or event handler on {offenders}"


def test_vietnamese_catalog_translates_every_message():
    from tools.po import VI, _load, untranslated

    assert [m.id for m in untranslated(_load(VI))] == []


def test_templates_use_only_translated_text():
    """Visible English sentences in templates must go through _(): look for bare text nodes."""
    from pathlib import Path

    bare = []
    for path in Path("templates").rglob("*.html"):
        source = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", path.read_text(encoding="utf-8"), flags=re.S)
        source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
        for text in re.findall(r">([^<>]+)<", source):
            words = re.findall(r"[A-Za-z]{3,}", text)
            if len(words) >= 2 and " " in text.strip() and not re.search(r"[À-ỹđĐ]", text):
                bare.append(f"{path}: {text.strip()[:60]}")
    assert bare == []


@pytest.mark.parametrize(
    "header, must",
    [
        ("Content-Security-Policy", "frame-ancestors 'none'"),
        ("Content-Security-Policy", "script-src 'self'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ],
)
def test_security_headers_on_every_page(client, demo, header, must):
    for url in ("/", "/procedures", "/login", "/khong-co"):
        assert must in client.get(url).headers[header]


def test_csp_never_allows_inline_or_eval(client, demo):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_production_cookies_are_secure_by_default(monkeypatch):
    import importlib

    import app.config as config

    monkeypatch.delenv("SECURE_COOKIES", raising=False)
    reloaded = importlib.reload(config)
    try:
        assert reloaded.Config.SESSION_COOKIE_SECURE is True
    finally:
        importlib.reload(config)
