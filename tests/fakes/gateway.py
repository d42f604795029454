"""A fake message gateway: a local HTTP server whose answers a test plans and whose requests it keeps.

The notification tests script it (refusals, timeouts, a held request); bench/notify_bench.py points
the real worker at it and notes when each message arrives.
"""

import json
import threading

from tests.fakes.server import LocalServer

ACCEPTED = (200, {"CodeResult": "100", "SMSID": "sms-1"}, {})  # eSMS's "sent"


class FakeGateway(LocalServer):
    """An HTTP server the test scripts: each request takes the next planned answer (or the default).

    An answer is (status, json_body, headers); ("hold",) keeps the request open until release();
    ("sleep", seconds) answers the default after that long. Every request is recorded as
    (path, headers, parsed JSON or form body).
    """

    def __init__(self):
        self.received = []
        self.plan = []
        self.default = ACCEPTED
        self.got_request = threading.Event()
        self.released = threading.Event()
        super().__init__()

    def on_post(self, request):
        raw = self.body_of(request)
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw
        self.received.append((request.path, {k.lower(): v for k, v in request.headers.items()}, body))
        self.got_request.set()
        answer = self.answer(body, self.plan.pop(0) if self.plan else self.default)
        if answer[0] == "hold":
            self.released.wait(30)
            return
        if answer[0] == "sleep":
            self.released.wait(answer[1])
            answer = self.default
        status, payload, headers = answer
        data = json.dumps(payload).encode() if payload is not None else b""
        self.reply(request, status, data, {**headers, "Content-Type": "application/json"})

    def answer(self, body, planned):
        """The answer to `body`: the planned one (a fixture may answer as its provider does)."""
        return planned

    def bodies(self):
        return [body for _, _, body in self.received]

    def close(self):
        self.released.set()
        super().close()
