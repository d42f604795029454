"""The real subscription flow in Chromium: push.js registers /sw.js, asks permission, the browser's
own PushManager.subscribe() makes a subscription (against a local stand-in for its push service,
fake_fcm.py), and the server keeps it; the ticket page then says notifications are on."""

import base64
import re

import pytest

from app.extensions import db
from app.models import NotifySubscription, Procedure
from app.models.notify import Notification
from app.notifications.vapid import public_key_b64
from app.services import queue
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.dossiers.conftest import ANSWERS
from tests.notifications.conftest import drain
from tests.notifications.fake_fcm import FakeFcm

pytestmark = pytest.mark.browser


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture
def fcm():
    fake = FakeFcm()
    yield fake
    fake.close()


@pytest.fixture
def phone_with_push(browser, fcm, tmp_path, live_server):
    """Chromium with a profile on disk: push is refused in the throwaway (incognito-like) contexts
    browser.new_context() makes ("Registration failed - permission denied")."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS + fcm.chromium_args()
    )
    context.grant_permissions(["notifications"], origin=live_server)
    yield context.new_page()
    context.close()


def test_a_phone_subscribes_with_its_own_push_service_and_the_server_keeps_it(
    app, demo, clock, live_server, phone_with_push, fcm, monkeypatch
):
    # Google's push service is out of reach here: the log provider stands in for the last hop
    # (web push encryption to a push service: test_push_choice.py and test_channels.py).
    monkeypatch.setitem(app.config, "NOTIFY_PUSH_PROVIDER", "log")
    clock(2026, 11, 26, 9, 0)
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one())
    db.session.commit()
    page = phone_with_push
    page.goto(f"{live_server}/t/{ticket.token}")
    page.click("button:has-text('Nhận thông báo trên điện thoại này')")
    page.wait_for_selector("text=Chúng tôi sẽ gửi thông báo đến điện thoại này", timeout=20000)

    # The browser registered with its push service for our VAPID key (the page's applicationServerKey).
    ours = [r for r in fcm.registrations if r.get("sender") == public_key_b64()]
    assert len(ours) == 1 and ours[0]["X-subtype"].startswith(f"wp:{live_server}/")
    kept = db.session.scalars(db.select(NotifySubscription).filter_by(ticket_id=ticket.id)).one()
    assert kept.channel == "push" and kept.address.startswith("https://")
    assert kept.address.endswith("/fcm/send/" + ours[0]["token"])
    # Keys the browser made: an uncompressed P-256 point and a 16-byte secret.
    assert unb64(kept.push_p256dh)[:1] == b"\x04" and len(unb64(kept.push_p256dh)) == 65
    assert len(unb64(kept.push_auth)) == 16
    # The "issued" message went to that push service; staff see its host, not the endpoint.
    host = kept.address.split("/")[2]
    drain()
    issued = db.session.scalars(db.select(Notification).filter_by(subscription_id=kept.id)).one()
    assert (issued.event, issued.status, issued.to_masked) == ("issued", "sent", host)


def test_a_dossier_receipt_turns_on_push_in_the_same_way(demo, clock, live_server, phone_with_push, fcm):
    clock(2026, 12, 7, 9, 0)
    page = phone_with_push
    web = page.context.request  # the wizard's posts, with the page's own cookies
    start = web.get(f"{live_server}/procedures/khai-sinh/dossier").text()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', start).group(1)
    made = web.post(
        f"{live_server}/procedures/khai-sinh/dossier", form={"csrf_token": token}, max_redirects=0
    )
    dossier_id = int(made.headers["location"].split("/")[2])
    steps = {"consent": {"agree": "y"}, **ANSWERS["birth"]}
    for step, values in steps.items():
        web.post(f"{live_server}/dossiers/{dossier_id}/steps/{step}", form={"csrf_token": token, **values})
    web.post(f"{live_server}/dossiers/{dossier_id}/check", form={"csrf_token": token})
    page.goto(f"{live_server}/dossiers/{dossier_id}/receipt")
    page.click("button:has-text('Nhận thông báo trên điện thoại này')")
    page.wait_for_selector("text=Chúng tôi sẽ gửi thông báo đến điện thoại này khi hồ sơ", timeout=20000)
    kept = db.session.scalars(db.select(NotifySubscription).filter_by(dossier_id=dossier_id)).one()
    ours = [r for r in fcm.registrations if r.get("sender") == public_key_b64()]
    assert kept.channel == "push" and kept.address.endswith("/fcm/send/" + ours[0]["token"])
