"""Cookies over HTTPS carry __Host- names; CSRF tokens end with the session that issued them."""

import itsdangerous
import pytest

from app import config as app_config
from app import create_app
from tests.conftest import PASSWORD, csrf_token, sign_in


@pytest.fixture
def https_app(app):
    config = app_config.TestConfig(app.config["SQLALCHEMY_DATABASE_URI"])
    config.SESSION_COOKIE_SECURE = True
    return create_app(config)


def test_over_https_the_session_cookie_is_a_host_only_secure_cookie(https_app, demo):
    client = https_app.test_client()
    response = client.get("/login", base_url="https://localhost")
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("__Host-session="))
    attributes = {part.strip().split("=")[0].lower() for part in header.split(";")}
    assert {"secure", "httponly", "path"} <= attributes and "domain" not in attributes
    assert "Path=/;" in header or header.rstrip().endswith("Path=/")


def test_without_https_the_cookie_keeps_its_plain_name(client, demo):
    client.get("/login")
    assert client.get_cookie("session") is not None


def post_with(client, token):
    return client.post("/login", data={"username": "x", "password": PASSWORD, "csrf_token": token})


# How a token can outlive its session -> must be refused.
def test_a_token_from_before_sign_out_is_refused(client, demo, make_user):
    sign_in(client, make_user("staff"))
    old = csrf_token(client, "/admin/")
    client.post("/logout", data={"csrf_token": old})
    assert post_with(client, old).status_code == 400


def test_a_token_from_before_an_idle_timeout_is_refused(client, demo, make_user, clock):
    clock(2026, 11, 26, 8, 0)
    sign_in(client, make_user("staff"))
    old = csrf_token(client, "/admin/")
    clock(2026, 11, 26, 9, 0)
    client.get("/admin/")  # the idle session ends here
    response = client.post("/account/password", data={"csrf_token": old})
    assert response.status_code in (302, 400)
    assert post_with(client, old).status_code == 400


def test_a_token_older_than_a_working_day_is_refused(client, demo, monkeypatch):
    real = itsdangerous.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda self: real(self) - 13 * 3600)
    old = csrf_token(client, "/login")
    monkeypatch.setattr(itsdangerous.TimestampSigner, "get_timestamp", real)
    assert post_with(client, old).status_code == 400
    assert post_with(client, csrf_token(client, "/login")).status_code == 401  # a fresh one works
