"""Sign-in under attack: throttles per (account, address) and per account, equal cost, audit, unlock, passwords."""

import pytest
import werkzeug.security
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.models.audit import AuditEvent
from tests.conftest import PASSWORD, csrf_token, html, sign_in, text_of


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def post_login(client, username, password):
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(client, "/login")},
    )


def test_a_guesser_is_refused_but_the_owner_elsewhere_still_signs_in(app, demo, make_user):
    make_user("staff", username="hoa")
    guesser = from_address(app, "203.0.113.7")
    for i in range(5):
        assert post_login(guesser, "hoa", f"guess {i}").status_code == 401
    refused = post_login(guesser, "hoa", PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert post_login(from_address(app, "10.0.0.2"), "hoa", PASSWORD).status_code == 303


def test_colleagues_behind_one_office_router_are_not_refused_for_each_others_typos(app, demo, make_user):
    office = from_address(app, "10.0.0.1")
    names = [make_user("staff", username=f"canbo{i}").username for i in range(8)]
    for name in names:
        for i in range(4):  # 32 wrong passwords from one address, none more than 4 per account
            post_login(office, name, f"typo {i}")
    for name in names:
        assert post_login(office, name, PASSWORD).status_code == 303
        office.post("/logout", data={"csrf_token": csrf_token(office, "/login")})


def test_guessing_one_account_from_many_addresses_is_refused_everywhere(app, demo, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_LIMIT_PER_USER", (12, 3600))
    make_user("staff", username="hoa")
    for n in range(4):
        bot = from_address(app, f"198.51.100.{n}")
        for i in range(3):
            post_login(bot, "hoa", f"guess {n} {i}")
    response = post_login(from_address(app, "198.51.100.99"), "hoa", PASSWORD)
    assert response.status_code == 429
    assert "Retry-After" in response.headers


# Who is asking -> the account state; every case must spend exactly the same hashing work.
SIGN_IN_CASES = {
    "known account, wrong password": ("hoa", "wrong password 1"),
    "unknown account": ("nobody-here", "wrong password 1"),
    "deactivated account": ("old", PASSWORD),
}


@pytest.mark.parametrize("username, password", SIGN_IN_CASES.values(), ids=SIGN_IN_CASES.keys())
def test_unknown_and_known_accounts_cost_the_same_hashing(
    client, demo, make_user, monkeypatch, username, password
):
    make_user("staff", username="hoa")
    old = make_user("staff", username="old")
    old.active = False
    db.session.commit()
    token = csrf_token(client, "/login")
    post_login(client, "warm-up", "the dummy hash is made once per process")
    methods = []
    real = werkzeug.security._hash_internal

    def counting(method, salt, secret):
        methods.append(method.split(":")[0])
        return real(method, salt, secret)

    monkeypatch.setattr(werkzeug.security, "_hash_internal", counting)
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": token})
    assert response.status_code == 401
    assert methods == [app_hash_method(client)]


def app_hash_method(client):
    return client.application.config.get("PASSWORD_HASH_METHOD", "scrypt").split(":")[0]


def test_sign_ins_and_failures_are_in_the_audit_log(app, demo, make_user):
    user = make_user("staff", username="hoa")
    client = from_address(app, "10.0.0.3")
    post_login(client, "hoa", "wrong password 1")
    post_login(client, "somebody", "hoa's password typed as a name")
    post_login(client, "hoa", PASSWORD)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/login")})
    db.session.expire_all()
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.user_id, e.ip) for e in events] == [
        ("auth.sign_in_failed", user.id, "10.0.0.3"),
        ("auth.sign_in_failed", None, "10.0.0.3"),
        ("auth.sign_in", user.id, "10.0.0.3"),
        ("auth.sign_out", user.id, "10.0.0.3"),
    ]
    assert "somebody" not in repr([(e.username, e.before, e.after, e.record_id) for e in events])


def test_an_admin_sees_a_refused_account_and_unlocks_it(app, admin_client, make_user):
    make_user("staff", username="hoa")
    desk = from_address(app, "10.0.0.4")
    for i in range(5):
        post_login(desk, "hoa", f"wrong {i}")
    assert post_login(desk, "hoa", PASSWORD).status_code == 429
    listing = admin_client.get("/admin/users")
    assert "tạm thời bị từ chối" in text_of(listing)
    account = db.session.scalars(select(User).filter_by(username="hoa")).one()
    page = admin_client.get(f"/admin/users/{account.id}/edit")
    assert page.headers["Cache-Control"] == "no-store"
    form = html(page).find("form", action=f"/admin/users/{account.id}/unlock")
    response = admin_client.post(form["action"], data={"csrf_token": form.find("input")["value"]})
    assert response.status_code == 303
    assert post_login(desk, "hoa", PASSWORD).status_code == 303
    assert "auth.unlock" in [e.action for e in db.session.scalars(select(AuditEvent))]


def test_a_password_reset_lets_a_refused_account_sign_in_at_once(app, admin_client, make_user):
    make_user("staff", username="hoa")
    desk = from_address(app, "10.0.0.5")
    for i in range(5):
        post_login(desk, "hoa", f"wrong {i}")
    account = db.session.scalars(select(User).filter_by(username="hoa")).one()
    form = html(admin_client.get(f"/admin/users/{account.id}/edit")).find(
        "form", action=f"/admin/users/{account.id}/reset-password"
    )
    page = admin_client.post(form["action"], data={"csrf_token": form.find("input")["value"]})
    new_password = html(page).find(id="password").get_text(strip=True)
    assert post_login(desk, "hoa", new_password).status_code == 303


def change(client, current, new, confirm=None):
    return client.post(
        "/account/password",
        data={
            "current_password": current,
            "new_password": new,
            "confirm": new if confirm is None else confirm,
            "csrf_token": csrf_token(client, "/account/password"),
        },
    )


# A new password that breaks a rule -> what the person is told beside the field.
REFUSED_NEW_PASSWORDS = {
    "too short": ("ngan qua 1", "ít nhất 12 ký tự"),
    "common": ("password1234", "quá phổ biến"),
    "common with spaces": ("1234 5665 4321", "quá phổ biến"),
    "a common word then digits": ("matkhau12345678", "quá phổ biến"),
    "digits and signs around a common word": ("2026!!password!!", "quá phổ biến"),
    "only digits": ("20261120261120", "quá phổ biến"),
    "one repeated character": ("aaaaaaaaaaaaaaa", "quá phổ biến"),
    "contains the username": ("hoa-hoa-2026-xyz", "không được chứa tên đăng nhập"),
    "confirmation differs": ("mot cau rat rieng 7", "không giống nhau"),
}


@pytest.mark.parametrize("new, message", REFUSED_NEW_PASSWORDS.values(), ids=REFUSED_NEW_PASSWORDS.keys())
def test_a_weak_new_password_is_refused_beside_its_field(client, demo, make_user, new, message):
    sign_in(client, make_user("staff", username="hoa"))
    confirm = "something else entirely" if "giống" in message else None
    response = change(client, PASSWORD, new, confirm)
    assert response.status_code in (200, 400)
    assert message in text_of(response)
    assert html(response).title.get_text().startswith("Lỗi: ")


def test_changing_ones_password_keeps_this_session_and_ends_the_others(app, demo, make_user):
    user = make_user("staff", username="hoa")
    here, elsewhere = sign_in(app.test_client(), user), sign_in(app.test_client(), user)
    response = change(here, PASSWORD, "mot cau rat rieng 7")
    assert response.status_code == 303
    assert "Đã đổi mật khẩu" in text_of(here.get(response.headers["Location"]))
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302
    assert post_login(app.test_client(), "hoa", "mot cau rat rieng 7").status_code == 303
    assert "auth.password_change" in [e.action for e in db.session.scalars(select(AuditEvent))]


def test_guessing_the_current_password_on_the_change_page_is_throttled(client, demo, make_user):
    sign_in(client, make_user("staff", username="hoa"))
    codes = [change(client, f"guess {i}", "mot cau rat rieng 7").status_code for i in range(6)]
    assert codes == [400] * 5 + [429]
    refused = change(client, PASSWORD, "mot cau rat rieng 7")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


CLI_REFUSED = {"too short": "short pw 1", "common": "qwertyuiop123", "the username": "canbo-moi-2026"}


@pytest.mark.parametrize("password", CLI_REFUSED.values(), ids=CLI_REFUSED.keys())
def test_create_user_refuses_a_weak_password(app, demo, password):
    result = app.test_cli_runner().invoke(
        args=["create-user", "canbo-moi", "--role", "staff", "--password", password]
    )
    assert result.exit_code != 0
    assert db.session.scalars(select(User).filter_by(username="canbo-moi")).first() is None
