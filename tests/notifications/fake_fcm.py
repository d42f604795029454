"""A local stand-in for the push service Chromium itself talks to (Google's GCM/FCM), so the real
PushManager.subscribe() runs in headless Chromium with no internet.

Chromium has no setting for another push service, but it does take the endpoints of its GCM client
from the command line (google_apis/gcm/engine/gservices_switches.cc): --gcm-checkin-url,
--gcm-registration-url and --gcm-mcs-endpoint. subscribe() needs two of them: a device check-in
(a protobuf AndroidCheckinResponse giving a device id and security token) and a registration (a form
POST whose answer is "token=..."), which becomes the subscription's endpoint .../fcm/send/<token>.
The browser makes the p256dh and auth keys itself. The third endpoint is where delivered messages
would come from (Google's MCS protocol on port 5228): it points at a closed port, so this stand-in
cannot deliver a message back to the browser; the service worker's push handler is driven through
DevTools instead (test_service_worker.py).
"""

import struct
from urllib.parse import parse_qs

from tests.fakes.server import LocalServer

DEVICE_ID, SECURITY_TOKEN = 4_242_424_242_424_242, 7_777_777_777_777


def _varint(value):
    out = b""
    while True:
        low, value = value & 0x7F, value >> 7
        out += bytes([low | (0x80 if value else 0)])
        if not value:
            return out


def checkin_answer():
    """AndroidCheckinResponse: stats_ok = true (1), time_msec (3), android_id (7), security_token (8)."""
    return (
        b"\x08\x01"
        + b"\x18"
        + _varint(1_700_000_000_000)
        + b"\x39"
        + struct.pack("<Q", DEVICE_ID)
        + b"\x41"
        + struct.pack("<Q", SECURITY_TOKEN)
    )


class FakeFcm(LocalServer):
    def __init__(self):
        # Each registration Chromium asked for (its form fields) with the token it got. Chromium
        # also registers itself (sender 745476177629), in no fixed order with the page's one.
        self.registrations = []
        super().__init__()

    def on_post(self, request):
        raw = self.body_of(request)
        if request.path.startswith("/checkin"):
            body = checkin_answer()
        else:
            form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            form["token"] = f"fake-fcm-token-{len(self.registrations) + 1}"  # what we answered
            self.registrations.append(form)
            body = f"token={form['token']}".encode()
        self.reply(request, 200, body)

    def chromium_args(self):
        return [
            f"--gcm-checkin-url={self.url}/checkin",
            f"--gcm-registration-url={self.url}/register",
            "--gcm-mcs-endpoint=https://127.0.0.1:9",  # a closed port: nothing comes back this way
        ]
