"""Notification bench: call -> SMS gateway receipt latency, and how many messages one worker sends a second.

    .venv/bin/python bench/notify_bench.py            # about a minute; prints the table
    .venv/bin/python bench/notify_bench.py --write    # and replaces the Notifications section of bench/RESULTS.md

A throw-away SQLite database with the demo point (opened now with an extra opening), one real
`flask notify worker` process (Huey on a SQLite queue file, 4 threads, as `make run` starts it) and
a local fake eSMS gateway in this process that answers at once and notes when each message
arrived. Latency: --calls tickets, each with a resident who chose SMS, are called one by one at a
desk (one move a --pace seconds); from the call's commit to the gateway receiving "Moi so ..." for
it. Every call also moves the line, so the worker sends the "còn N người" and "leave now" messages of
the others meanwhile. Throughput: --burst test messages committed at once, until the last arrives.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.gateway import FakeGateway  # noqa: E402


class Gateway(FakeGateway):
    """The tests' fake gateway, answering eSMS's "sent" at once; notes when each message first arrived."""

    def __init__(self):
        super().__init__()
        self.arrived = {}

    def answer(self, body, planned):
        self.arrived.setdefault(body["Content"], time.monotonic())
        return planned

    @property
    def count(self):
        return len(self.received)


def wait_until(condition, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.005)
    return False


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--pace", type=float, default=0.2, help="seconds between calls")
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="notify-bench-"))
    gateway = Gateway()
    env = {
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "SECRET_KEY": "bench",
        "NOTIFY_QUEUE": str(tmp / "queue.sqlite3"),
        "NOTIFY_SMS_PROVIDER": "esms",
        "ESMS_API_URL": gateway.url + "/send",
        "NOTIFY_DAILY_QUOTA_SMS": "unlimited",
        "NOTIFY_QUIET_HOURS": "00:00-00:00",
    }
    os.environ.update(env)

    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import Desk, Procedure
    from app.notifications import outbox
    from app.services import queue, schedule

    app = create_app()
    worker = None
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        from app.demo import seed
        from app.services.points import default_point

        seed(echo=lambda *a: None)
        point = default_point()
        schedule.add_extra_opening(point, 3)
        db.session.commit()
        procedure = db.session.scalars(db.select(Procedure).filter_by(code="khai-sinh")).one()
        desk = db.session.scalars(db.select(Desk).filter_by(point_id=point.id, number=2)).one()
        tickets = []
        for n in range(args.calls):
            ticket = queue.issue_ticket(point, procedure)
            outbox.subscribe(point.id, "sms", f"09{n:08d}", ticket_id=ticket.id)
            tickets.append(ticket)
        db.session.commit()

        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "notify", "worker"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            # The worker is up once it has sent a first message.
            outbox.queue_message(
                "test", {"point": "bench"}, "warm-up", channel="sms", address="0900000000", point_id=point.id
            )
            db.session.commit()
            assert wait_until(lambda: gateway.count >= 1, 60), "the worker did not start"

            latencies = []
            started = time.monotonic()
            for ticket in tickets:
                ticket = db.session.merge(ticket)
                queue.call(ticket, desk)  # commits: the outbox rows are handed to the worker after it
                committed = time.monotonic()
                text = f"Moi so {ticket.label} den quay 2."
                assert wait_until(lambda text=text: text in gateway.arrived, 30), f"{text} never arrived"
                latencies.append(gateway.arrived[text] - committed)
                queue.start(ticket, desk)
                queue.finish(ticket, desk)
                time.sleep(max(0, args.pace - (time.monotonic() - committed)))
            call_phase = time.monotonic() - started
            sent_during_calls = gateway.count

            before = gateway.count
            for n in range(args.burst):
                outbox.queue_message(
                    "test",
                    {"point": "bench"},
                    f"burst-{n}",
                    channel="sms",
                    address=f"08{n:08d}",
                    point_id=point.id,
                )
            db.session.commit()
            t0 = time.monotonic()
            assert wait_until(lambda: gateway.count >= before + args.burst, 300), "the burst did not finish"
            burst_seconds = time.monotonic() - t0
        finally:
            worker.terminate()
            worker.wait(30)

    ms = [x * 1000 for x in latencies]
    rows = [
        (
            "calls",
            f"{len(ms)}, one every {args.pace:g} s; {sent_during_calls} SMS in all (the line's messages too)",
        ),
        ("call -> gateway receipt, median", f"{statistics.median(ms):.0f} ms"),
        ("call -> gateway receipt, p99", f"{percentile(ms, 99):.0f} ms"),
        ("call -> gateway receipt, max", f"{max(ms):.0f} ms"),
        ("burst", f"{args.burst} messages committed at once, all received in {burst_seconds:.1f} s"),
        ("one worker (4 threads), messages/s", f"{args.burst / burst_seconds:.0f}"),
    ]
    table = "\n".join(["| measure | result |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)])
    print(table)
    print(f"(calls phase {call_phase:.1f} s)")
    if args.write:
        write(table, args)


def write(table, args):
    load = os.getloadavg()[0]
    section = f"""## Notifications

Command: `.venv/bin/python bench/notify_bench.py --calls {args.calls} --pace {args.pace:g} --burst {args.burst} --write`.
One `flask notify worker` (Huey, SQLite queue file, 4 threads) and a fake eSMS gateway on 127.0.0.1
answering at once; SQLite database (WAL); the sender and the measuring process share the machine's
2 cores. Python {platform.python_version()}, {platform.machine()}; 1-minute load average {load:.1f} at the end
(other work on the machine skews the numbers). Measured {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}.

{table}

Reading: a call's message is handed to the queue right after the move commits, and the worker polls
the queue every 0.05-1 s (Huey's consumer backs off while idle), so most of the latency is that poll
and the provider's answer; the issue's goal is a p99 under 5 s. The burst row is what one worker sends
when the provider answers at once: real gateways answer in 100-500 ms, so more threads (NOTIFY_WORKER_THREADS)
or workers raise it.
"""
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    start = text.find("## Notifications")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


if __name__ == "__main__":
    main()
