"""Open redirects: `next` only ever sends people to a path on this site, however it is disguised."""

import pytest

from app.redirects import safe_next
from tests.conftest import PASSWORD, csrf_token

# Each of these reaches another site (or injects a header) once a browser or a second decoding
# has cleaned it up; every one must fall back to the default page.
HOSTILE_TARGETS = {
    "tab after the slash": "/\t/evil.example",
    "tab before the slashes": "\t//evil.example",
    "CR/LF header injection": "/\r\nSet-Cookie: x=1",
    "lone LF": "/\n/evil.example",
    "NUL": "/\x00/evil.example",
    "backslash": "\\\\evil.example",
    "slash backslash": "/\\evil.example",
    "encoded double slash": "/%2F%2Fevil.example",
    "encoded slash then slash": "/%2F/evil.example",
    "double-encoded slashes": "/%252F%252Fevil.example",
    "encoded backslash": "/%5Cevil.example",
    "encoded tab": "/%09/evil.example",
    "scheme-relative": "//evil.example",
    "three slashes": "///evil.example",
    "https": "https://evil.example/",
    "https without slashes": "https:evil.example",
    "javascript": "javascript:alert(1)",
    "javascript after a space": " javascript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "userinfo": "//tdp.example@evil.example",
    "userinfo with scheme": "https://tdp.example@evil.example/",
    "IDN full stop": "//evil\u3002example",
    "IDN fullwidth letters": "//\uff45\uff56\uff49\uff4c.example",
    "right-to-left override": "/\u202e//evil.example",
    "empty": "",
    "relative path": "evil.example",
}

LOCAL_TARGETS = {
    "a page": "/procedures/khai-tu",
    "a search": "/procedures?q=khai%20t%E1%BB%AD",
    "admin": "/admin/users",
    "at-sign in a path": "/@tdp",
}


@pytest.mark.parametrize("target", HOSTILE_TARGETS.values(), ids=HOSTILE_TARGETS.keys())
def test_a_hostile_next_falls_back_to_the_default(target):
    assert safe_next(target, "/home") == "/home"


@pytest.mark.parametrize("target", LOCAL_TARGETS.values(), ids=LOCAL_TARGETS.keys())
def test_a_local_next_is_kept(target):
    assert safe_next(target, "/home") == target


@pytest.mark.parametrize("target", HOSTILE_TARGETS.values(), ids=HOSTILE_TARGETS.keys())
def test_the_language_switch_redirects_home_instead(client, target):
    response = client.get("/lang/en", query_string={"next": target})
    # Controls never reach the validator: the input guard answers 400 first.
    assert response.status_code == 400 or response.headers["Location"] == "/"


def test_the_language_switch_with_raw_encoded_controls_never_fails(client):
    for raw in ("/%09/evil.example", "/%0D%0ALocation:%20//evil.example", "%2F%2Fevil.example"):
        response = client.get(f"/lang/vi?next={raw}")
        assert response.status_code == 400 or response.headers["Location"] == "/"


def test_signing_in_never_sends_people_to_another_site(client, demo, make_user):
    make_user("staff", username="lan")
    for name, target in HOSTILE_TARGETS.items():
        client.post("/logout", data={"csrf_token": csrf_token(client, "/login")})
        response = client.post(
            "/login",
            query_string={"next": target},
            data={"username": "lan", "password": PASSWORD, "csrf_token": csrf_token(client, "/login")},
        )
        assert response.status_code == 400 or response.headers["Location"] == "/admin/", name


def test_signing_in_returns_to_the_local_page_asked_for(client, demo, make_user):
    make_user("staff", username="lan")
    response = client.post(
        "/login?next=/admin/users",
        data={"username": "lan", "password": PASSWORD, "csrf_token": csrf_token(client, "/login")},
    )
    assert response.headers["Location"] == "/admin/users"
