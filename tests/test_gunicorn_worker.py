"""Silent connections do not hold the server's threads (app/gunicorn_worker.py)."""

import socket
from urllib.parse import urlsplit

from tests.live import gunicorn, request


def test_a_poll_is_answered_while_more_phones_than_threads_hold_silent_connections(app, tmp_path):
    """A phone's browser opens a connection before it knows what to ask (a preconnect), and a phone
    on a slow network connects well before its request arrives. Stock gunicorn gives each such
    connection a thread for up to 5 s, so with two threads four silent phones kept everyone else
    waiting 10 s; the client below gives up after 4."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    with gunicorn(uri, tmp_path / "gunicorn.log", workers=1, threads=2) as base:
        address = urlsplit(base)
        silent = [socket.create_connection((address.hostname, address.port)) for _ in range(4)]
        try:
            answers = [request("GET", base + "/healthz", timeout=4)[0] for _ in range(3)]
        finally:
            for connection in silent:
                connection.close()
    assert answers == [200, 200, 200]
