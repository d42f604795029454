"""Queue benchmark: requests/s and p99 of the ticket and board fragments (200 and 304).

    .venv/bin/python bench/queue_bench.py                 # 50 connections, 10 s per scenario
    .venv/bin/python bench/queue_bench.py --duration 5 --connections 50 --write   # also updates RESULTS.md

Starts gunicorn (same settings as `make run`: --workers 2 --threads 4) on 127.0.0.1 with a
throw-away SQLite database holding the demo point, open all day, 30 tickets of which 3 are
at desks; and a second gunicorn with a bare Flask endpoint (bench/bare_app.py) as the
baseline. The load comes from a separate process: wrk when installed (apt-get install wrk),
else a small threaded Python client (slower: it competes for the same cores).
"""

import argparse
import contextlib
import http.client
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN_ARGS = ["--workers", "2", "--threads", "4", "--no-control-socket", "--log-level", "warning"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(database_url):
    """Migrate, seed the demo, open it all day and fill the queue a little; return a ticket token."""
    env = dict(os.environ, DATABASE_URL=database_url, SECURE_COOKIES="0", SECRET_KEY="bench")
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from datetime import time, timedelta
from flask_migrate import upgrade
from app import create_app
from app.extensions import db
from app.models import ClosedDay, Desk, Procedure, ServicePoint
from app.services import queue
from app.timeutil import local_today
app = create_app()
with app.app_context():
    upgrade(directory=app.extensions["migrate"].directory, revision="heads")
    from app.demo import seed
    seed(echo=lambda *a: None)
    point = ServicePoint.query.first()
    for day in (local_today(), local_today() + timedelta(days=1)):
        db.session.add(ClosedDay(point=point, date=day, kind="extra", start=time(0, 0), end=time(23, 59, 59),
                                 reason_vi="Đo tải"))
    db.session.commit()
    codes = ["khai-sinh", "ket-hon", "thuong-tru"]
    tickets = [queue.issue_ticket(point, Procedure.query.filter_by(code=codes[i % 3]).one(), "office")
               for i in range(30)]
    for desk in Desk.query.all():
        queue.call_next(desk)
    print(tickets[-1].token)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


@contextmanager
def gunicorn(app_spec, env_extra, chdir=ROOT):
    port = free_port()
    env = dict(os.environ, SECURE_COOKIES="0", SECRET_KEY="bench", **env_extra)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), *GUNICORN_ARGS, "--bind", f"127.0.0.1:{port}", app_spec], cwd=chdir, env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + ("/healthz" if app_spec == "wsgi:app" else "/ping"), timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def probe(url, headers):
    """(status, ETag, bytes on the wire) of one request."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers.get("ETag"), len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag"), len(error.read())


def run_wrk(url, headers, connections, duration):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args + [url], capture_output=True, text=True, timeout=duration + 30).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return rps, p99_ms, int(non2xx.group(1)) if non2xx else 0, errors.group(0) if errors else ""


def run_python(url, headers, connections, duration):
    """Fallback load: `connections` keep-alive clients in threads for `duration` seconds."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, bad, stop = [], [0], time.monotonic() + duration
    lock = threading.Lock()

    def client():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status >= 400:
                bad[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 10)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan")
    return len(latencies) / duration, p99, bad[0], ""


def machine():
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")
        )
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} vCPU {cpu}{memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--python-client", action="store_true", help="use the Python client even if wrk exists"
    )
    parser.add_argument("--write", action="store_true", help="write the Queue section of bench/RESULTS.md")
    parser.add_argument(
        "--instances",
        type=int,
        default=1,
        help="app instances (gunicorn masters) sharing the database; the load is split across them",
    )
    args = parser.parse_args(argv)
    tool = "wrk" if shutil.which("wrk") and not args.python_client else "python"
    load = run_wrk if tool == "wrk" else run_python

    load_before = os.getloadavg()[0]
    tmp = tempfile.mkdtemp(prefix="tdp-queue-bench-")
    database_url = f"sqlite:///{tmp}/bench.sqlite3"
    token = prepare(database_url)
    hx = {"HX-Request": "true", "Accept-Encoding": "gzip"}
    rows = []
    with contextlib.ExitStack() as stack:
        bare = stack.enter_context(gunicorn("bare_app:app", {}, chdir=ROOT / "bench"))
        bases = [
            stack.enter_context(gunicorn("wsgi:app", {"DATABASE_URL": database_url}))
            for _ in range(args.instances)
        ]
        scenarios = [("bare Flask endpoint (baseline)", [f"{bare}/ping"], {"Accept-Encoding": "gzip"}, False)]
        for name, path in (("ticket fragment", f"/t/{token}"), ("board fragment", "/board")):
            scenarios.append((f"{name}, 200", [b + path for b in bases], hx, False))
            scenarios.append((f"{name}, 304", [b + path for b in bases], hx, True))
        for name, urls, headers, conditional in scenarios:
            headers = dict(headers)
            status, etag, size = probe(urls[0], headers)
            if conditional:
                headers["If-None-Match"] = etag
                status, _, size = probe(urls[0], headers)
            rps, p99, bad, errors = split_load(load, urls, headers, args.connections, args.duration)
            rows.append((name, status, size, rps, p99, bad, errors))
            print(
                f"{name:34} {status} {size:5d} B  {rps:8.0f} req/s  p99 {p99:7.1f} ms  {errors}", flush=True
            )

    table = ["| scenario | status | body bytes (gzip) | requests/s | p99 latency |", "|---|---|---|---|---|"]
    for name, status, size, rps, p99, bad, errors in rows:
        note = f" ({bad} errors)" if bad else ""
        table.append(f"| {name} | {status} | {size} | {rps:,.0f}{note} | {p99:.1f} ms |")
    section = "\n".join(
        [
            "## Queue" + ("" if args.instances == 1 else f" ({args.instances} instances)"),
            "",
            f"Command: `.venv/bin/python bench/queue_bench.py --duration {args.duration} "
            f"--connections {args.connections} --instances {args.instances}"
            f"{' --python-client' if tool == 'python' else ''}` "
            f"(load from {tool}, {args.connections} connections, {args.duration} s per row, on 127.0.0.1).",
            f"Server: {args.instances} app instance(s), each gunicorn {' '.join(GUNICORN_ARGS[:4])}, one SQLite file (WAL), "
            "demo point with 30 tickets, 3 at desks.",
            f"Machine: {machine()}. The load generator shares these cores with the server.",
            f"Measured: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; 1-minute load average "
            f"{load_before:.1f} before and {os.getloadavg()[0]:.1f} after (other work on the machine skews the numbers).",
            "",
            *table,
            "",
            "Reading: a 304 answers from one small query (a fingerprint of the line: tickets issued and the sum",
            "of their versions, plus desks and announcements for the board) without rendering; a 200 renders the",
            "fragment. Residents and the board poll every 5 s (the board every 60 s when closed): 300 phones are about 60",
            "requests/s, nearly all 304s. 50 connections against 8 worker threads queue up, which is what the",
            "p99 mostly shows.",
            "",
        ]
    )
    print()
    print(section)
    if args.write:
        write_section(ROOT / "bench" / "RESULTS.md", section)


def split_load(load, urls, headers, connections, duration):
    """The load split evenly over the instances at once: summed requests/s, the worst p99."""
    from concurrent.futures import ThreadPoolExecutor

    share = max(1, connections // len(urls))
    with ThreadPoolExecutor(len(urls)) as pool:
        results = list(pool.map(lambda url: load(url, headers, share, duration), urls))
    rps = sum(r[0] for r in results)
    p99 = max(r[1] for r in results)
    bad = sum(r[2] for r in results)
    errors = "; ".join(str(r[3]) for r in results if r[3])
    return rps, p99, bad, errors


def write_section(path, section):
    """Replace (or append) this section (by its heading line), leaving other sections alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    heading = section.splitlines()[0]
    pattern = re.compile(r"^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
