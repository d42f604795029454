"""City mix: a city's phones and boards polling two app instances on PostgreSQL, desks calling.

    apt-get install -y wrk
    .venv/bin/python bench/city_mix.py --write          # about 4 minutes; writes bench/RESULTS.md

Generates --points service points (the demo point's teams, desks and what they serve, copied),
each open all day, with --phones / --points waiting tickets, a pinned city-wide announcement and a
staff account, in the PostgreSQL database named by --database-url (dropped and created again).
Starts --instances gunicorn instances with the given workers, threads, keep-alive and worker
connections, then for --duration seconds:

- phones and boards: one wrk per instance, one connection per phone or board, each polling its
  ticket card or board every --interval seconds (first polls spread over the first interval) with
  `HX-Request` and the ETag it last got (a Lua script: bench/city_mix.lua); a finished ticket
  stops polling, as htmx does on 286. Answers are asked for uncompressed so the script can read
  from each 200 which card or board it was (compressed answers are cached bytes too: the server
  does the same work). One phone in ten reads English.
- desks: every desk of every point, over HTTP as a signed-in staff member, calls the next
  person and later finishes them, an action every --desk-every seconds on average per desk;
- at --announce-at seconds, the city-wide announcement is edited: every point's version moves,
  every worker loads every point's snapshot again and every board's answer is new (a storm).

Reported: wrk's latency percentiles and errors per instance, the desks' actions and their
latency, server CPU, the machine's load.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from queue_bench import Server, free_port, machine, write_section  # noqa: E402

ROOT = HERE.parent
BIN = Path(sys.executable).parent
STAFF = ("city-staff", "city staff password 42")

GENERATE = """
import json, random, sys
sys.path.insert(0, {root!r})
from datetime import time, timedelta
from flask_migrate import upgrade
from app import create_app
from app.extensions import db
from app.models import ClosedDay, Desk, Post, Procedure, ServicePoint, Team
from app.services import queue
from app.services.accounts import create_user
from app.timeutil import local_today
app = create_app()
random.seed(13)
with app.app_context():
    upgrade(directory=app.extensions["migrate"].directory, revision="heads")
    from app.demo import seed
    seed(echo=lambda *a: None)
    demo = ServicePoint.query.first()
    desks = Desk.query.filter_by(point_id=demo.id).order_by(Desk.number).all()
    points = [demo]
    for n in range(2, {points} + 1):
        point = ServicePoint(slug=f"tdp{{n}}-city", name_vi=f"TDP {{n}}", ward="Phường Tân Giang",
                             address=f"Nhà văn hóa TDP {{n}}")
        db.session.add(point)
        for desk in desks:
            team = Team(point=point, code=desk.team.code, name_vi=desk.team.name_vi,
                        name_en=desk.team.name_en, ticket_prefix=desk.team.ticket_prefix)
            db.session.add(Desk(point=point, team=team, number=desk.number, procedures=list(desk.procedures)))
        points.append(point)
    db.session.commit()
    for point in points:
        for day in (local_today(), local_today() + timedelta(days=1)):
            db.session.add(ClosedDay(point=point, date=day, kind="extra", start=time(0, 0),
                                     end=time(23, 59, 59), reason_vi="Đo tải"))
    db.session.add(Post(point=None, title_vi="Thông báo chung", title_en="City notice", body_vi="", pinned=True))
    db.session.commit()
    create_user({staff!r}, "staff", {password!r})
    tickets = []
    per_point = {phones} // len(points)
    for point in points:
        procedures = queue.procedures_at(point)
        for _ in range(per_point):
            ticket = queue.issue_ticket(point, random.choice(procedures), "office")
            tickets.append(ticket.token)
    desk_ids = [d.id for d in Desk.query.filter(Desk.active.is_(True)).all()]
    print(json.dumps({{"tickets": tickets, "boards": [p.slug for p in points], "desks": desk_ids}}))
"""

ANNOUNCE = """
import sys
sys.path.insert(0, {root!r})
from app import create_app
from app.extensions import db
from app.models import Post
app = create_app()
with app.app_context():
    post = Post.query.filter_by(point_id=None, pinned=True).order_by(Post.id.desc()).first()
    post.title_vi, post.title_en = "Thông báo chung (đã sửa)", "City notice (edited)"
    db.session.commit()
"""


def generate(args, env):
    started = time.perf_counter()
    script = GENERATE.format(
        root=str(ROOT), points=args.points, phones=args.phones, staff=STAFF[0], password=STAFF[1]
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"generating the city failed:\n{out.stderr}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"generated {len(data['tickets'])} tickets at {len(data['boards'])} points, "
        f"{len(data['desks'])} desks in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return data


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/bench_city")
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--phones", type=int, default=5000)
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per instance")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep-alive", type=int, default=15, help="seconds; longer than --interval")
    parser.add_argument("--worker-connections", type=int, default=4000)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between a client's polls")
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--warm-up", type=int, default=20, help="seconds of polls before measuring")
    parser.add_argument("--announce-at", type=int, default=60)
    parser.add_argument(
        "--desk-every", type=float, default=90.0, help="mean seconds between a desk's actions"
    )
    parser.add_argument("--keep", action="store_true", help="reuse the city generated by an earlier run")
    parser.add_argument("--note", default="")
    parser.add_argument("--write", action="store_true")
    return parser.parse_args(argv)


def recreate_database(url):
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextlib.contextmanager
def instances(args, env):
    servers, procs = [], []
    try:
        for _ in range(args.instances):
            port = free_port()
            command = [
                str(BIN / "gunicorn"),
                *("--worker-class", "app.gunicorn_worker.Worker"),
                *("--workers", str(args.workers), "--threads", str(args.threads)),
                *("--keep-alive", str(args.keep_alive), "--worker-connections", str(args.worker_connections)),
                *("--backlog", "4096", "--bind", f"127.0.0.1:{port}", "--no-control-socket"),
                *("--log-level", "warning", "wsgi:app"),
            ]
            procs.append(subprocess.Popen(command, cwd=ROOT, env=env))
            servers.append(Server(f"http://127.0.0.1:{port}", procs[-1].pid))
        for server in servers:
            for _ in range(300):
                try:
                    urllib.request.urlopen(server + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
        yield servers
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(30)


class Desks(threading.Thread):
    """Every desk over HTTP: call the next person, later finish them; one action per desk every
    `every` seconds on average (exponential gaps), from a few threads sharing one staff session."""

    def __init__(self, base, desk_ids, every, stop):
        super().__init__(daemon=True)
        self.base, self.every, self.stop = base, every, stop
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = self.opener.open(base + "/login").read().decode()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        form = {"username": STAFF[0], "password": STAFF[1], "csrf_token": token}
        self.opener.open(base + "/login", urllib.parse.urlencode(form).encode())
        console = self.opener.open(f"{base}/desk/{desk_ids[0]}").read().decode()
        self.csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', console).group(1)
        self.due = sorted((random.uniform(0, every), desk_id, "call", None) for desk_id in desk_ids)
        self.latencies, self.errors, self.actions = [], 0, {"call": 0, "start": 0, "finish": 0}

    def post(self, path):
        data = urllib.parse.urlencode({"csrf_token": self.csrf}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"HX-Request": "true"})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=10) as response:
                body = response.read().decode()
        except OSError:
            self.errors += 1
            return None
        self.latencies.append(time.perf_counter() - started)
        return body

    def run(self):
        start = time.monotonic()
        following = {"call": "start", "start": "finish", "finish": "call"}
        while not self.stop.is_set() and self.due:
            at, desk_id, step, ticket_id = self.due.pop(0)
            wait = start + at - time.monotonic()
            if wait > 0 and self.stop.wait(wait):
                return
            if step == "call":
                body = self.post(f"/desk/{desk_id}/call-next")
                found = re.search(rf"/desk/{desk_id}/tickets/(\d+)/start", body or "")
                ticket_id = int(found.group(1)) if found else None
                self.actions["call"] += found is not None
                after = "start" if found else "call"  # nobody waiting: try again later
            else:
                self.post(f"/desk/{desk_id}/tickets/{ticket_id}/{step}")
                self.actions[step] += 1
                after = following[step]
            self.due.append((at + random.expovariate(1 / self.every), desk_id, after, ticket_id))
            self.due.sort()


def run_wrk(base, paths_file, connections, seconds, interval, env):
    threads = 2
    connections = max(threads, connections - connections % threads)
    wrk_env = dict(
        env,
        CITY_PATHS=str(paths_file),
        CITY_THREADS=str(threads),
        CITY_CONNS_PER_THREAD=str(connections // threads),
        CITY_INTERVAL_MS=str(int(interval * 1000)),
    )
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    args += ["-s", str(HERE / "city_mix.lua"), base]
    return subprocess.Popen(args, env=wrk_env, stdout=subprocess.PIPE, text=True)


def wrk_figures(out):
    def ms(text):
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    percentiles = {p: ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M)}
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    maximum = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p": percentiles,
        "max": ms(maximum.group(1)) if maximum else None,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "bad": int(bad.group(1)) if bad else 0,
    }


def main(argv=None):
    args = parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # wrk and gunicorn inherit it
    tmp = tempfile.mkdtemp(prefix="tdp-city-")
    env = dict(
        os.environ,
        DATABASE_URL=args.database_url,
        SECURE_COOKIES="0",
        SECRET_KEY="bench-city",
        INSTANCE_PATH=tmp,
    )
    saved = HERE / "out" / f"city-{args.database_url.rsplit('/', 1)[1]}.json"
    if args.keep and saved.exists():
        data = json.loads(saved.read_text())  # the desks have called some: most still wait
        # A city kept from an earlier run gets the migrations added since.
        subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade", "heads"], cwd=ROOT, env=env, check=True
        )
    else:
        recreate_database(args.database_url)
        data = generate(args, env)
        saved.parent.mkdir(exist_ok=True)
        saved.write_text(json.dumps(data))

    clients = [(f"/t/{token}", "lang=en" if n % 10 == 9 else "") for n, token in enumerate(data["tickets"])]
    clients += [(f"/board?point={slug}", "") for slug in data["boards"]]
    random.Random(13).shuffle(clients)
    shares = [clients[i :: args.instances] for i in range(args.instances)]
    files = []
    for n, share in enumerate(shares):
        path = Path(tmp) / f"clients-{n}.txt"
        path.write_text("".join(f"{p}\t{c}\n" for p, c in share))
        files.append((path, len(share)))

    load_before = os.getloadavg()
    with instances(args, env) as servers:
        # Warm-up: every phone and board polls once or more (first answers, token lookups).
        warm = [
            run_wrk(s, f, n, args.warm_up, args.interval, env)
            for s, (f, n) in zip(servers, files, strict=True)
        ]
        for process in warm:
            process.communicate()
        stop = threading.Event()
        desks = [
            Desks(server, data["desks"][n :: len(servers)], args.desk_every, stop)
            for n, server in enumerate(servers)
        ]
        cpu_before = [s.cpu_seconds() for s in servers]
        idle_before = cpu_idle()
        wrks = [
            run_wrk(s, f, n, args.duration, args.interval, env)
            for s, (f, n) in zip(servers, files, strict=True)
        ]
        for desk_script in desks:
            desk_script.start()
        time.sleep(args.announce_at)
        announce_started = time.perf_counter()
        subprocess.run([sys.executable, "-c", ANNOUNCE.format(root=str(ROOT))], cwd=ROOT, env=env, check=True)
        announced_in = time.perf_counter() - announce_started
        outputs = [process.communicate()[0] for process in wrks]
        stop.set()
        for desk_script in desks:
            desk_script.join(15)
        cpu = [s.cpu_seconds() - before for s, before in zip(servers, cpu_before, strict=True)]
        idle = cpu_idle(idle_before)
    load_after = os.getloadavg()
    figures = [wrk_figures(o) for o in outputs]
    for o in outputs:
        print(o)
    section = report(args, data, figures, desks, cpu, idle, load_before, load_after, announced_in)
    print(section)
    if args.write:
        write_section(HERE / "RESULTS.md", section)


def cpu_idle(before=None):
    fields = [int(v) for v in open("/proc/stat").readline().split()[1:]]
    now = (fields[3] + fields[4], sum(fields))
    if before is None:
        return now
    return (now[0] - before[0]) / max(now[1] - before[1], 1)


def report(args, data, figures, desks, cpu, idle, load_before, load_after, announced_in):
    rows = [
        "| instance | polls | polls/s | p50 | p90 | p99 | max | errors (socket + non-2xx/3xx) | server CPU |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n, (f, seconds) in enumerate(zip(figures, cpu, strict=True), start=1):
        p = f["p"]
        rows.append(
            f"| {n} | {f['requests']:,} | {f['rps']:,.0f} | {p.get('50', 0):.1f} ms | {p.get('90', 0):.1f} ms "
            f"| {p.get('99', 0):.1f} ms | {f['max'] or 0:.0f} ms | {f['socket_errors'] + f['bad']} "
            f"| {seconds:.0f} s ({seconds / args.duration:.0%} of a core) |"
        )
    lat = sorted(t for d in desks for t in d.latencies)
    actions = {k: sum(d.actions[k] for d in desks) for k in ("call", "start", "finish")}
    errors_at_desks = sum(d.errors for d in desks)
    desk_line = (
        f"Desks: {len(data['desks'])} desks (split between the instances) made {actions['call']} calls, "
        f"{actions['start']} starts and {actions['finish']} finishes over HTTP ({len(lat) / args.duration:.1f} "
        f"actions/s), median {statistics.median(lat) * 1000:.0f} ms, p99 {lat[int(len(lat) * 0.99) - 1] * 1000:.0f} ms, "
        f"{errors_at_desks} errors."
        if lat
        else f"Desks: no action completed ({errors_at_desks} errors)."
    )
    worst = max(f["p"].get("99", 0) for f in figures)
    errors = sum(f["socket_errors"] + f["bad"] for f in figures)
    verdict = "met" if worst < 100 and errors == 0 else "not met"
    return "\n".join(
        [
            "## City mix",
            "",
            f"Command: `.venv/bin/python bench/city_mix.py --points {args.points} --phones {args.phones} "
            f"--instances {args.instances} --workers {args.workers} --threads {args.threads} "
            f"--keep-alive {args.keep_alive} --worker-connections {args.worker_connections} "
            f"--interval {args.interval:g} --duration {args.duration} --announce-at {args.announce_at} "
            f"--desk-every {args.desk_every:g} --write`",
            f"{args.points} points, {len(data['tickets'])} phones and {len(data['boards'])} boards (one wrk "
            f"connection each, polling every {args.interval:g} s with ETags), {args.instances} gunicorn instances "
            f"(--workers {args.workers} --threads {args.threads} --keep-alive {args.keep_alive} "
            f"--worker-connections {args.worker_connections}) on one PostgreSQL database, "
            f"{args.duration} s measured after a {args.warm_up} s warm-up; the city-wide announcement edited "
            f"at {args.announce_at} s (by a separate process: started, edited and committed in {announced_in:.1f} s).",
            f"Machine: {machine()}; wrk, the desks' script and PostgreSQL share these cores with the "
            f"servers. Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; 1-minute load average "
            f"{load_before[0]:.1f} before, {load_after[0]:.1f} after; CPU idle during the run {idle:.0%}.",
            "",
            *rows,
            "",
            desk_line,
            "",
            f"Goal (p99 of the polls under 100 ms, zero errors): **{verdict}** (worst p99 {worst:.1f} ms, "
            f"{errors} errors).",
            *([" ", args.note] if args.note else []),
            "",
        ]
    )


if __name__ == "__main__":
    main()
