"""A fake message gateway: a local HTTP server whose answers a test plans and whose requests it keeps.

The notification tests script it (refusals, timeouts, a held request); bench/notify_bench.py points
the real worker at it and notes when each message arrives.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCEPTED = (200, {"CodeResult": "100", "SMSID": "sms-1"}, {})  # eSMS's "sent"


class FakeGateway:
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
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw
                gateway.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                gateway.got_request.set()
                answer = gateway.answer(body, gateway.plan.pop(0) if gateway.plan else gateway.default)
                if answer[0] == "hold":
                    gateway.released.wait(30)
                    return
                if answer[0] == "sleep":
                    gateway.released.wait(answer[1])
                    answer = gateway.default
                status, payload, headers = answer
                data = json.dumps(payload).encode() if payload is not None else b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, body, planned):
        """The answer to `body`: the planned one (a fixture may answer as its provider does)."""
        return planned

    def bodies(self):
        return [body for _, _, body in self.received]

    def close(self):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
