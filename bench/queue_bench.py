"""Queue poll benchmark: what phones and TV boards ask every 5 s, next to a bare Flask endpoint.

    apt-get install -y wrk                                   # the load generator
    .venv/bin/python bench/queue_bench.py --write            # about 3 minutes; writes bench/RESULTS.md

Starts gunicorn (as `make run`: --workers 2 --threads 4) on 127.0.0.1 over a throw-away SQLite
database holding the demo point, open all day, with a line of tickets, and a second gunicorn
serving bench/bare_app.py. Rows are interleaved: each round runs every row once, for
--duration seconds each, and a row's "x bare" is its requests/s over the bare endpoint's in
the same round (the median over --rounds rounds), so load from other work on the machine
skews both alike. "server idle" is the share of CPU time the machine spent idle during the
row (the load generator runs on the same cores).

Rows: polls with nothing new (the client's ETag is current: 304), polls after a change (200,
the answer already rendered for that card), and misses: wrk cycles over --miss-tokens tickets
of one line while a side process moves that line (no-show + call next at a desk) every
--move-every seconds, so each ticket's card changes between its polls. The answer cache's
hit and miss counters (GET /queue/answers, per worker) say how many were misses.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN_ARGS = ["--workers", "2", "--threads", "4", "--no-control-socket", "--log-level", "warning"]
# The app's own worker for both (app/gunicorn_worker.py), so the bare endpoint is served alike.
WORKER_ARGS = ["--worker-class", "app.gunicorn_worker.Worker", "--pythonpath", str(ROOT)]
HX = {"HX-Request": "true", "Accept-Encoding": "gzip"}
ADMIN = ("bench-admin", "bench password 42")

PREPARE = """
import json, sys
sys.path.insert(0, {root!r})
from datetime import time, timedelta
from flask_migrate import upgrade
from app import create_app
from app.extensions import db
from app.models import ClosedDay, Desk, Procedure, ServicePoint
from app.services import queue
from app.services.accounts import create_user
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
    create_user({admin!r}, "admin", {password!r})
    proc = lambda code: Procedure.query.filter_by(code=code).one()
    one_stop = [queue.issue_ticket(point, proc("ket-hon"), "office") for _ in range(10)]
    line = [queue.issue_ticket(point, proc("khai-sinh"), "office") for _ in range({misses} + 20)]
    for desk in Desk.query.filter_by(point_id=point.id).all():
        try:
            queue.call_next(desk)
        except queue.NobodyWaiting:
            pass
    print(json.dumps({{"slug": point.slug, "ticket": one_stop[-1].token,
                      "line": [t.token for t in line[-{misses}:]]}}))
"""

MOVER = """
import sys, time
sys.path.insert(0, {root!r})
from app import create_app
from app.models import Desk
from app.services import queue
app = create_app()
with app.app_context():
    desk = Desk.query.filter_by(number=2).one()
    print("ready", flush=True)
    while True:
        current = queue.desk_current(desk)
        if current is not None:
            queue.no_show(current, desk)
        queue.call_next(desk)
        time.sleep({every})
"""

CYCLE_LUA = """
local tokens, i = {}, 0
for line in io.lines(os.getenv("QUEUE_BENCH_TOKENS")) do tokens[#tokens + 1] = line end
request = function()
  i = i + 1
  local n = (i * 7919 + math.random(0, 1000)) % #tokens + 1
  return wrk.format("GET", "/t/" .. tokens[n], {["HX-Request"] = "true", ["Accept-Encoding"] = "gzip"})
end
"""


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env, misses):
    script = PREPARE.format(root=str(ROOT), admin=ADMIN[0], password=ADMIN[1], misses=misses)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"preparing the database failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


@contextmanager
def gunicorn(app_spec, env, chdir=ROOT):
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), *GUNICORN_ARGS, *WORKER_ARGS, "--bind", f"127.0.0.1:{port}", app_spec],
        cwd=chdir,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + ("/healthz" if app_spec == "wsgi:app" else "/ping"), timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield Server(base, process.pid)
    finally:
        process.terminate()
        process.wait(30)


class Server(str):
    """A server's base URL that also knows its master process (for its CPU time)."""

    def __new__(cls, base, pid):
        server = super().__new__(cls, base)
        server.pid = pid
        return server

    def cpu_seconds(self):
        """User + system CPU time of the master and its workers so far (Linux /proc)."""
        pids = [self.pid]
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{self.pid}/task"):
                pids += [int(p) for p in open(f"/proc/{self.pid}/task/{task}/children").read().split()]
        total = 0
        for pid in pids:
            with contextlib.suppress(OSError):
                fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
        return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def mover(env, every):
    process = subprocess.Popen(
        [sys.executable, "-c", MOVER.format(root=str(ROOT), every=every)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        process.stdout.readline()  # "ready"
        yield
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


def cpu_times():
    fields = [int(v) for v in open("/proc/stat").readline().split()[1:]]
    return fields[3] + fields[4], sum(fields)  # idle + iowait, total


def run_wrk(url, headers, connections, duration, script=None, env=None, server=None):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    if script:
        args += ["-s", script]
    idle_before, total_before = cpu_times()
    server_before = server.cpu_seconds() if server else 0
    out = subprocess.run(args + [url], capture_output=True, text=True, timeout=duration + 30, env=env).stdout
    idle_after, total_after = cpu_times()
    server_cpu = (server.cpu_seconds() - server_before) if server else 0
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    idle = (idle_after - idle_before) / max(total_after - total_before, 1)
    bad = int(non2xx.group(1)) if non2xx else 0
    return {
        "rps": rps,
        "p99": p99_ms,
        "bad": bad,
        "errors": errors.group(0) if errors else "",
        "idle": idle,
        "cpu_ms": 1000 * server_cpu / max(requests, 1),  # server CPU per request
    }


class Operator:
    """Signed in as an admin, reads each worker's answer-cache counters."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = self.opener.open(base + "/login").read().decode()
        token = re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page
        )
        data = {"username": ADMIN[0], "password": ADMIN[1], "csrf_token": token.group(1) or token.group(2)}
        self.opener.open(base + "/login", urllib.parse.urlencode(data).encode())

    def counters(self, asks=30):
        seen = {}
        for _ in range(asks):
            stats = json.loads(self.opener.open(self.base + "/queue/answers").read())
            seen[stats["pid"]] = stats["answers"]
        return seen


def delta(before, after):
    pids = before.keys() & after.keys()
    return {k: sum(after[p][k] - before[p][k] for p in pids) for k in ("hits", "misses")}


def machine():
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")
        )
    return f"{os.cpu_count()} vCPU {cpu}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per row and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--miss-tokens", type=int, default=1500, help="tickets the miss row cycles over")
    parser.add_argument("--move-every", type=float, default=1.0, help="seconds between moves in the miss row")
    parser.add_argument("--write", action="store_true", help="write the Queue section of bench/RESULTS.md")
    parser.add_argument(
        "--note", default="", help="a paragraph written under the table (the machine's state)"
    )
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    load_before = os.getloadavg()[0]
    tmp = tempfile.mkdtemp(prefix="tdp-queue-bench-")
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        SECURE_COOKIES="0",
        SECRET_KEY="bench",
        INSTANCE_PATH=tmp,
    )
    data = prepare(env, args.miss_tokens)
    tokens_file = Path(tmp) / "tokens.txt"
    tokens_file.write_text("\n".join(data["line"]) + "\n")
    script = Path(tmp) / "cycle.lua"
    script.write_text(CYCLE_LUA)
    wrk_env = dict(os.environ, QUEUE_BENCH_TOKENS=str(tokens_file))

    with gunicorn("bare_app:app", env, chdir=ROOT / "bench") as bare, gunicorn("wsgi:app", env) as app:
        operator = Operator(app)
        ticket, board = f"{app}/t/{data['ticket']}", f"{app}/board?point={data['slug']}"
        rows = [
            ("bare Flask endpoint (baseline)", f"{bare}/ping", "plain"),
            ("ticket poll, nothing new (304)", ticket, "304"),
            ("board poll, nothing new (304)", board, "304"),
            ("ticket poll after a change (200, rendered once)", ticket, "200"),
            ("board poll after a change (200, rendered once)", board, "200"),
            (
                f"ticket poll, misses ({args.miss_tokens} tickets, line moved every {args.move_every:g} s)",
                f"{app}/t/",
                "miss",
            ),
        ]
        # Each worker learns which point-day a token belongs to once (a phone polls all day):
        # warm that up, unmeasured, so the miss row measures answers, not first lookups.
        run_wrk(f"{app}/t/", dict(HX), args.connections, max(3, args.duration), str(script), wrk_env)
        results = {name: [] for name, _url, _kind in rows}
        shapes, counters = {}, {}
        for round_number in range(args.rounds):
            for name, url, kind in rows:
                headers = {"Accept-Encoding": "gzip"} if kind == "plain" else dict(HX)
                if kind == "miss":
                    before = operator.counters()
                    with mover(env, args.move_every):
                        result = run_wrk(
                            url, headers, args.connections, args.duration, str(script), wrk_env, server=app
                        )
                    counts = delta(before, operator.counters())
                    counters[name] = {k: counters.get(name, {}).get(k, 0) + v for k, v in counts.items()}
                    shapes[name] = ("200", "~650")
                else:
                    status, etag, size = probe(url, headers)
                    if kind == "304":
                        headers["If-None-Match"] = etag
                        status, _etag, size = probe(url, headers)
                    shapes[name] = (str(status), str(size))
                    server = bare if kind == "plain" else app
                    result = run_wrk(url, headers, args.connections, args.duration, server=server)
                results[name].append(result)
                print(
                    f"round {round_number + 1} {name:70} {result['rps']:8.0f} req/s  p99 {result['p99']:6.1f} ms"
                    f"  server CPU {result['cpu_ms']:.3f} ms/request",
                    flush=True,
                )

    bare_name = rows[0][0]
    table = [
        "| row | status | body bytes (gzip) | requests/s | x bare | p99 | server idle | server CPU per request "
        "| x bare by CPU | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, _url, _kind in rows:
        runs = results[name]
        paired = list(zip(runs, results[bare_name], strict=True))
        ratio = statistics.median(r["rps"] / b["rps"] for r, b in paired)
        cpu_ratio = statistics.median(b["cpu_ms"] / max(r["cpu_ms"], 1e-9) for r, b in paired)
        bad = sum(r["bad"] for r in runs)
        note = ""
        if name in counters:
            c = counters[name]
            note = f" ({c['misses']:,} misses, {c['hits']:,} hits)"
        table.append(
            f"| {name}{note} | {shapes[name][0]} | {shapes[name][1]} | {statistics.median(r['rps'] for r in runs):,.0f} "
            f"| {ratio:.2f} | {statistics.median(r['p99'] for r in runs):.1f} ms "
            f"| {statistics.median(r['idle'] for r in runs):.0%} | {statistics.median(r['cpu_ms'] for r in runs):.3f} ms "
            f"| {cpu_ratio:.2f} | {bad} |"
        )
    section = "\n".join(
        [
            "## Queue",
            "",
            f"Command: `.venv/bin/python bench/queue_bench.py --duration {args.duration} --rounds {args.rounds} "
            f"--connections {args.connections} --miss-tokens {args.miss_tokens} --move-every {args.move_every:g} --write`",
            f"(wrk, {args.connections} connections, on 127.0.0.1; rows interleaved, {args.rounds} rounds of "
            f"{args.duration} s per row; medians).",
            f"Server: gunicorn {' '.join(GUNICORN_ARGS[:4])}, one SQLite file (WAL), the demo point open all day.",
            f"Machine: {machine()}. The load generator shares these cores with the server.",
            f"Measured: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; 1-minute load average "
            f"{load_before:.1f} before and {os.getloadavg()[0]:.1f} after (other work on the machine skews the numbers;"
            " the interleaved ratios less so).",
            "",
            *table,
            "",
            '"x bare" is requests/s over the bare endpoint\'s in the same round (the goal\'s measure); "server',
            "CPU per request\" is the user + system time of gunicorn's master and workers over the requests wrk",
            "completed, and \"x bare by CPU\" the bare endpoint's CPU per request over the row's: how many",
            "of these one core answers per bare request, which other work on the machine skews far less.",
            *([args.note, ""] if args.note else []),
            "",
            "Before (issue 13, same machine): ticket 200 0.06x, ticket 304 0.30x, board 200 0.05x, board 304 0.23x",
            "of the bare endpoint. What changed: htmx polls are answered by a WSGI layer in front of Flask",
            "(app/blueprints/queue/polls.py) from a per-process cache of rendered, compressed answers keyed by",
            "what the card or board shows; that content comes from one snapshot of the point-day per version",
            "(app/services/queue/snapshot.py), and each worker reads the versions at most once a second. A first",
            "answer (a miss) renders the fragment's template alone in the app context (no request context,",
            "session, context processors; gettext bound per language) and compresses it with a window sized",
            "to the body.",
            "",
        ]
    )
    print()
    print(section)
    if args.write:
        write_section(ROOT / "bench" / "RESULTS.md", section)


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
