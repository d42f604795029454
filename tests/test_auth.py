"""Signing in and out, throttling wrong passwords, CSRF on every form."""

from app.extensions import db
from tests.conftest import PASSWORD, csrf_token, html, sign_in, text_of


def post_login(client, username, password):
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(client, "/login")},
    )


def test_staff_signs_in_and_reaches_the_staff_page(client, demo, make_user):
    user = make_user("staff", username="hoa")
    response = post_login(client, "hoa", PASSWORD)
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "Xin chào, hoa" in text_of(page)
    assert page.headers["Cache-Control"] == "no-store"
    assert user.id


def test_username_is_not_case_sensitive(client, demo, make_user):
    make_user("volunteer", username="nam")
    assert post_login(client, "  NAM ", PASSWORD).status_code == 303


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(client, demo, make_user):
    make_user("staff", username="lan")
    token = csrf_token(client, "/login")
    response = client.post(
        "/login?next=https://evil.example/",
        data={"username": "lan", "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/admin/"


def test_wrong_password_keeps_the_username_and_says_so_in_vietnamese(client, demo, make_user):
    make_user("staff", username="hoa")
    response = post_login(client, "hoa", "sai mat khau")
    assert response.status_code == 401
    page = html(response)
    assert page.find("input", id="username")["value"] == "hoa"
    assert not page.find("input", id="password").get("value")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in text_of(response)
    assert page.title.get_text().startswith("Lỗi: ")


def test_empty_fields_are_explained_beside_each_field(client, demo):
    response = post_login(client, "", "")
    text = text_of(response)
    assert response.status_code == 200
    assert "Nhập tên đăng nhập" in text and "Nhập mật khẩu" in text
    assert html(response).select_one(".app-error-summary a")["href"] == "#username"


def test_five_wrong_passwords_refuse_that_account_from_that_address_even_the_right_one(
    client, demo, make_user
):
    make_user("staff", username="hoa")
    codes = [post_login(client, "hoa", f"wrong {i}").status_code for i in range(7)]
    assert codes[:5] == [401] * 5
    assert set(codes[5:]) == {429}
    refused = post_login(client, "hoa", PASSWORD)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert "Vui lòng chờ" in text_of(refused)


def test_the_refusal_ends_after_fifteen_minutes(client, demo, make_user, clock):
    make_user("staff", username="hoa")
    clock(2026, 11, 26, 8, 0)
    for i in range(5):
        post_login(client, "hoa", f"wrong {i}")
    assert post_login(client, "hoa", PASSWORD).status_code == 429
    clock(2026, 11, 26, 8, 16)
    assert post_login(client, "hoa", PASSWORD).status_code == 303


def test_throttling_is_per_account_not_for_everyone_behind_one_address(client, demo, make_user):
    make_user("staff", username="hoa")
    make_user("staff", username="lan")
    for i in range(6):
        post_login(client, "hoa", f"wrong {i}")
    assert post_login(client, "lan", PASSWORD).status_code == 303


def test_sign_out_ends_the_session(client, demo, make_user):
    sign_in(client, make_user("staff"))
    assert client.get("/admin/").status_code == 200
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert response.status_code == 303
    assert client.get("/admin/").status_code == 302


def test_changing_a_password_signs_the_user_out_everywhere(client, demo, make_user):
    user = make_user("staff")
    sign_in(client, user)
    user.set_password("a brand new password")
    db.session.commit()
    assert client.get("/admin/").status_code == 302


def test_a_deactivated_account_cannot_sign_in(client, demo, make_user):
    user = make_user("staff", username="old")
    user.active = False
    db.session.commit()
    assert post_login(client, "old", PASSWORD).status_code == 401


def test_a_form_posted_without_csrf_token_is_refused_and_shows_what_was_typed_as_text(client, demo):
    response = client.post(
        "/login", data={"username": "hoa", "password": "secret"}, headers={"Origin": "http://localhost"}
    )
    assert response.status_code == 400
    page = html(response)
    assert "Biểu mẫu đã hết hạn" in text_of(response)
    assert page.find("main").find("form") is None  # nothing ready to send again
    assert "hoa" in [dd.get_text() for dd in page.select("main dd")]
    assert "secret" not in response.text  # never echo a password back


def test_session_cookie_is_httponly_and_lax(client, demo):
    client.get("/login")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"
