"""Staff sessions end for real: sign-out on the server, an idle timeout and an absolute one; kiosks exempt."""

import pytest

from app import session_limits
from tests.conftest import csrf_token, sign_in, text_of


def copy_cookies(source, target):
    for cookie in ("session",):
        value = source.get_cookie(cookie)
        if value is not None:
            target.set_cookie(cookie, value.value)


def test_a_cookie_copied_before_sign_out_stops_working(app, client, demo, make_user):
    sign_in(client, make_user("staff"))
    thief = app.test_client()
    copy_cookies(client, thief)
    assert thief.get("/admin/").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert thief.get("/admin/").status_code == 302
    assert client.get("/admin/").status_code == 302


# (minutes after signing in of each request, whether it is an htmx poll) -> still signed in at the end?
IDLE_CASES = {
    "a click within 30 minutes": ([(29, False)], True),
    "31 minutes without a click": ([(31, False)], False),
    "clicks every 20 minutes": ([(20, False), (40, False), (60, False)], True),
    "only the page polling": ([(20, True), (40, False)], False),
}


@pytest.mark.parametrize("steps, alive", IDLE_CASES.values(), ids=IDLE_CASES.keys())
def test_staff_are_signed_out_after_30_idle_minutes(client, demo, make_user, clock, steps, alive):
    clock(2026, 11, 26, 8, 0)
    sign_in(client, make_user("staff"))
    for minutes, poll in steps[:-1]:
        clock(2026, 11, 26, 8 + minutes // 60, minutes % 60)
        client.get("/admin/", headers={"HX-Request": "true"} if poll else {})
    minutes, _ = steps[-1]
    clock(2026, 11, 26, 8 + minutes // 60, minutes % 60)
    response = client.get("/admin/")
    assert (response.status_code == 200) is alive
    if not alive:
        login = client.get(response.headers["Location"])
        assert "sau 30 phút không thao tác" in text_of(login)


def test_a_busy_day_still_ends_twelve_hours_after_signing_in(client, demo, make_user, clock):
    clock(2026, 11, 26, 7, 0)
    sign_in(client, make_user("staff"))
    for hour in range(7, 19):
        for minute in (0, 20, 40):
            clock(2026, 11, 26, hour, minute)
            assert client.get("/admin/").status_code == 200
    clock(2026, 11, 26, 19, 1)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "hơn 12 giờ trước" in text_of(client.get(response.headers["Location"]))


def test_a_kiosk_device_stays_signed_in(client, demo, make_user, clock, monkeypatch):
    # The kiosk role comes with the residents' issue; the hook exempts whichever roles it lists.
    monkeypatch.setattr(session_limits, "EXEMPT_ROLES", ("volunteer",))
    clock(2026, 11, 26, 7, 0)
    sign_in(client, make_user("volunteer"))
    clock(2026, 11, 27, 10, 0)
    assert client.get("/tickets/new").status_code == 200
    assert "Đăng xuất" in text_of(client.get("/tickets/new"))
