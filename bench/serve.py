"""Start the app under gunicorn on a throw-away SQLite database with the demo data (bench helper)."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers=2, threads=4, database_url=None, instances=1, extra_env=None, open_now=False):
    """Yield the base URLs of `instances` gunicorn processes sharing one database.

    open_now: add an extra opening from now, so the point behaves as in opening hours.
    """
    tmp = tempfile.mkdtemp(prefix="tdp-bench-")
    env = dict(
        os.environ,
        SECURE_COOKIES="0",
        INSTANCE_PATH=tmp,
        SECRET_KEY="bench-" + str(os.getpid()),
        DATABASE_URL=database_url or f"sqlite:///{tmp}/bench.sqlite3",
        **(extra_env or {}),
    )
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    subprocess.run(flask + ["db", "upgrade", "heads"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    if open_now:
        subprocess.run(
            flask + ["extra-opening", "--hours", "3"], cwd=ROOT, env=env, check=True, capture_output=True
        )
    procs, urls = [], []
    try:
        for _ in range(instances):
            port = free_port()
            procs.append(
                subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "--workers",
                        str(workers),
                        "--threads",
                        str(threads),
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--no-control-socket",
                        "--log-level",
                        "warning",
                        "wsgi:app",
                    ],
                    cwd=ROOT,
                    env=env,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=10)
