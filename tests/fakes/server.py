"""A local HTTP server for fakes of outside services: a free port on 127.0.0.1, a thread, and each
POST handed to the subclass's on_post(request), which answers through reply()."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalServer:
    def __init__(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                owner.on_post(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def on_post(self, request):
        raise NotImplementedError

    @staticmethod
    def body_of(request):
        return request.rfile.read(int(request.headers.get("Content-Length") or 0))

    @staticmethod
    def reply(request, status, data, headers=None):
        request.send_response(status)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
