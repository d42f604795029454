"""A refused CSRF token never answers with a ready-to-send form; our own pages get their text back to retype."""

import pytest

from tests.conftest import html, text_of

OURS = "http://localhost"

# Where a forged or stale post can claim to come from. Only our own origin sees what was typed.
FOREIGN_SOURCES = {
    "no Origin or Referer": {},
    "another site's Origin": {"Origin": "https://evil.example"},
    "opaque Origin": {"Origin": "null"},
    "a sibling subdomain": {"Origin": "http://evil.localhost"},
    "our host on another port": {"Origin": "http://localhost:8080"},
    "our host over another scheme": {"Origin": "https://localhost"},
    "another site's Referer": {"Referer": "https://evil.example/form"},
    "our name inside another host": {"Referer": "http://localhost.evil.example/admin"},
    "own Referer but foreign Origin": {"Origin": "https://evil.example", "Referer": f"{OURS}/tickets/new"},
}

OWN_SOURCES = {
    "own Origin": {"Origin": OURS},
    "own Referer": {"Referer": f"{OURS}/tickets/new"},
}


def assert_no_form_to_resend(response):
    main = html(response).find("main")
    assert main.find("form") is None
    assert main.find("input") is None
    assert "Gửi lại" not in text_of(response)


@pytest.mark.parametrize("headers", FOREIGN_SOURCES.values(), ids=FOREIGN_SOURCES.keys())
def test_a_post_from_elsewhere_gets_neither_a_form_nor_its_fields_back(client, headers):
    response = client.post("/tickets", data={"procedure": "khai-tu", "phone": "0912345678"}, headers=headers)
    assert response.status_code == 400
    assert_no_form_to_resend(response)
    assert "0912345678" not in response.text
    assert "Biểu mẫu đã hết hạn" in text_of(response)


@pytest.mark.parametrize("headers", OWN_SOURCES.values(), ids=OWN_SOURCES.keys())
def test_our_own_page_gets_what_was_typed_as_text_to_retype(client, headers):
    response = client.post(
        "/tickets",
        data={"procedure": "khai-tu", "phone": "0912345678", "password": "secret 1"},
        headers=headers,
    )
    assert response.status_code == 400
    assert_no_form_to_resend(response)
    typed = text_of(response)
    assert "0912345678" in typed and "khai-tu" in typed
    assert "secret 1" not in typed  # passwords are never echoed
    link = html(response).find("a", string=lambda s: s and "Mở lại biểu mẫu" in s)
    assert link["href"] == ("/tickets/new" if "Referer" in headers else "/")


def test_a_forged_role_change_is_not_one_click_away(admin_client, make_user):
    volunteer = make_user("volunteer")
    response = admin_client.post(
        f"/admin/users/{volunteer.id}/edit",
        data={"role": "admin", "full_name": "x", "point_id": "0", "active": "y"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 400
    assert_no_form_to_resend(response)
    assert "admin" not in [v.get_text() for v in html(response).select("main dd")]
