"""Generate a few years of city data and time the report pages.

    .venv/bin/python -m bench.reports_bench                       # SQLite file bench/out/reports.sqlite3
    .venv/bin/python -m bench.reports_bench --database-url postgresql://postgres@127.0.0.1:5432/bench_reports
    options: --points 20 --per-day 200 --years 3 --repeat 3 --keep (reuse the data already generated)

20 points x 200 tickets a weekday (120 on Saturday mornings) x 3 years is about 3.5 million
tickets, plus 20 dossiers, 8 ratings and 10 bookings per point per open day. Rows go in with the
driver's bulk paths (executemany on SQLite, COPY on PostgreSQL), so generation takes about a minute.
Then every past day and month is rolled up (app/services/reports/layers.py, timed on its own, as the
nightly `flask rollup-reports` does it), and each report URL is fetched through the app as an admin and the
median time is printed. `--keep` reuses the data (upgrading its schema and rolling up what is
missing); `--no-rollup` times the pages with every day computed live from the tickets; `--days-too`
times each page a second time reading daily rollups only, interleaved with the monthly reads.
"""

import argparse
import os
import random
import statistics
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCAL_OFFSET = timedelta(hours=7)  # Asia/Ho_Chi_Minh has no daylight saving
TICKET_COLUMNS = (
    "id",
    "point_id",
    "service_day",
    "prefix",
    "number",
    "procedure_id",
    "team_id",
    "channel",
    "status",
    "token",
    "issued_at",
    "called_at",
    "started_at",
    "finished_at",
    "call_count",
    "version",
    "updated_at",
)
DOSSIER_COLUMNS = (
    "id",
    "point_id",
    "procedure_id",
    "form_kind",
    "code",
    "status",
    "channel",
    "answers",
    "created_at",
    "updated_at",
    "submitted_at",
    "received_at",
    "finished_at",
    "due_date",
    "anonymised",
)
EVENT_COLUMNS = ("dossier_id", "from_status", "status", "at")
RATING_COLUMNS = ("point_id", "overall", "on_time", "attitude", "visits", "publicity", "status", "created_at")
BOOKING_COLUMNS = (
    "point_id",
    "procedure_id",
    "team_id",
    "day",
    "start",
    "end",
    "code",
    "token",
    "name",
    "phone",
    "status",
    "created_at",
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--per-day", type=int, default=200)
    parser.add_argument("--years", type=float, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="reuse existing data")
    parser.add_argument("--no-rollup", action="store_true", help="time the pages without rollups")
    parser.add_argument(
        "--days-too", action="store_true", help="also time each page reading daily rollups only (no months)"
    )
    return parser.parse_args(argv)


def prepare_database(url, keep):
    if url:
        os.environ["DATABASE_URL"] = url
        if not keep:
            import psycopg

            base = url.rsplit("/", 1)
            with psycopg.connect(base[0] + "/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{base[1]}"')
                conn.execute(f'CREATE DATABASE "{base[1]}"')
    else:
        path = HERE / "out" / "reports.sqlite3"
        path.parent.mkdir(exist_ok=True)
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"


class Writer:
    """Bulk rows through the DBAPI connection: executemany (SQLite) or COPY (PostgreSQL)."""

    def __init__(self, engine):
        self.raw = engine.raw_connection()
        self.postgres = engine.dialect.name == "postgresql"
        if not self.postgres:
            # Throwaway data: no per-row foreign-key checks, no fsync.
            self.raw.cursor().execute("PRAGMA foreign_keys=OFF")
            self.raw.cursor().execute("PRAGMA synchronous=OFF")

    def value(self, v):
        if self.postgres or v is None:
            return v
        if isinstance(v, datetime):
            return v.isoformat(" ", "microseconds")
        if isinstance(v, (date, time)):
            return v.isoformat() if not isinstance(v, time) else v.strftime("%H:%M:%S.000000")
        return v

    def write(self, table, columns, rows):
        if not rows:
            return
        cursor = self.raw.cursor()
        quoted = ", ".join(f'"{c}"' for c in columns)
        if self.postgres:
            with cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(
                f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})',
                [tuple(self.value(v) for v in row) for row in rows],
            )
        self.raw.commit()


def open_days(first, last):
    day = first
    while day <= last:
        if day.weekday() < 6:
            yield day
        day += timedelta(days=1)


def utc(day, seconds):
    return datetime.combine(day, time(0)) - LOCAL_OFFSET + timedelta(seconds=seconds)


def at(base, seconds):
    return base + timedelta(seconds=seconds)


def generate(app, args):
    from app.demo import seed
    from app.extensions import db
    from app.models import Desk, Procedure, ServicePoint, Team
    from app.services.accounts import create_user

    started = clock.perf_counter()
    seed(echo=lambda *a: None)
    demo = ServicePoint.query.filter_by(slug="tdp12-tan-giang").one()
    points = [demo]
    for n in range(2, args.points + 1):
        point = ServicePoint(
            slug=f"tdp{n}-bench",
            name_vi=f"Tổ dân phố điện tử TDP {n}",
            ward="Phường Tân Giang",
            address=f"Nhà văn hóa TDP {n}",
        )
        db.session.add(point)
        for team in Team.query.filter_by(point_id=demo.id):
            db.session.add(
                Team(point=point, code=team.code, name_vi=team.name_vi, ticket_prefix=team.ticket_prefix)
            )
        points.append(point)
    db.session.commit()
    for point in points[1:]:
        for number, team in enumerate(Team.query.filter_by(point_id=point.id).order_by(Team.id), start=1):
            db.session.add(Desk(point=point, team=team, number=number))
    create_user("bench-admin", "admin", "bench password 1")
    db.session.commit()

    procedures = [
        (p.id, p.team.code, p.time_limit_days) for p in Procedure.query.filter(Procedure.team_id.isnot(None))
    ]
    teams = {(t.point_id, t.code): (t.id, t.ticket_prefix) for t in Team.query}
    writer = Writer(db.engine)
    rng = random.Random(7)
    last = date.today() - timedelta(days=1)
    while last.weekday() == 6:  # end on an open day, so the last batch is written
        last -= timedelta(days=1)
    first = last - timedelta(days=int(365 * args.years))
    ticket_id = dossier_id = 1_000_000
    booking_id = 0
    counts = dict(tickets=0, dossiers=0, events=0, ratings=0, bookings=0)
    tickets, dossiers, events, ratings, bookings = [], [], [], [], []
    for day in open_days(first, last):
        saturday = day.weekday() == 5
        base = utc(day, 0)
        for point in points:
            numbers = {}
            for n in range(int(args.per_day * (0.6 if saturday else 1))):
                procedure_id, team_code, _limit = rng.choice(procedures)
                team_id, prefix = teams[(point.id, team_code)]
                numbers[prefix] = numbers.get(prefix, 0) + 1
                issued = 7.5 * 3600 + rng.random() * (4 if saturday else 9) * 3600
                wait = rng.expovariate(1 / 600)
                service = 120 + rng.expovariate(1 / 600)
                roll = rng.random()
                status = "done" if roll < 0.86 else ("no_show" if roll < 0.93 else "cancelled")
                called = None if status == "cancelled" else issued + wait
                begun = called + 20 if status == "done" else None
                done = begun + service if status == "done" else None
                ticket_id += 1
                tickets.append(
                    (
                        ticket_id,
                        point.id,
                        day,
                        prefix,
                        numbers[prefix],
                        procedure_id,
                        team_id,
                        "phone",
                        status,
                        f"b{ticket_id}",
                        at(base, issued),
                        called and at(base, called),
                        begun and at(base, begun),
                        done and at(base, done),
                        1,
                        1,
                        at(base, issued),
                    )
                )
            for n in range(10 if saturday else 20):
                procedure_id, team_code, limit = rng.choice(procedures)
                dossier_id += 1
                submitted = utc(day, 8 * 3600 + rng.random() * 8 * 3600)
                due = day + timedelta(days=limit + (2 if limit else 0))
                roll = rng.random()
                status = "returned" if roll < 0.7 else ("completed" if roll < 0.85 else "processing")
                channel = rng.choices(("self", "volunteer", "paper"), (4, 3, 3))[0]
                completed = submitted + timedelta(days=max(0, limit + rng.randint(-1, 2)), hours=1)
                dossiers.append(
                    (
                        dossier_id,
                        point.id,
                        procedure_id,
                        "generic",
                        f"B{dossier_id}",
                        status,
                        channel,
                        "{}",
                        submitted,
                        submitted,
                        submitted,
                        submitted,
                        completed if status == "returned" else None,
                        due,
                        False,
                    )
                )
                if status != "processing":
                    events.append((dossier_id, "processing", "completed", completed))
            for n in range(4 if saturday else 8):
                scores = [rng.choices((1, 2, 3, 4, 5), (1, 1, 3, 8, 10))[0] for _ in range(5)]
                ratings.append((point.id, *scores, "approved", utc(day, 9 * 3600 + n * 600)))
            for n in range(10):
                procedure_id, team_code, _limit = rng.choice(procedures)
                status = rng.choices(("checked_in", "missed", "cancelled"), (7, 2, 1))[0]
                booking_id += 1
                key = f"{booking_id:08d}"
                bookings.append(
                    (
                        point.id,
                        procedure_id,
                        teams[(point.id, team_code)][0],
                        day,
                        time(8),
                        time(8, 30),
                        key,
                        f"k{key}",
                        "Nguyễn Văn A",
                        "0912345678",
                        status,
                        utc(day, 3600),
                    )
                )
        if len(tickets) >= 100_000 or day == last:  # a few big transactions, not one per day
            for table, columns, rows, name in (
                ("ticket", TICKET_COLUMNS, tickets, "tickets"),
                ("dossier", DOSSIER_COLUMNS, dossiers, "dossiers"),
                ("dossier_event", EVENT_COLUMNS, events, "events"),
                ("rating", RATING_COLUMNS, ratings, "ratings"),
                ("appointment", BOOKING_COLUMNS, bookings, "bookings"),
            ):
                writer.write(table, columns, rows)
                counts[name] += len(rows)
                rows.clear()
    if writer.postgres:
        cursor = writer.raw.cursor()
        cursor.execute("ANALYZE")
        writer.raw.commit()
    else:
        writer.raw.cursor().execute("ANALYZE")
        writer.raw.commit()
    writer.raw.close()
    return counts, clock.perf_counter() - started, (first, last)


def roll_up(args):
    """Roll up every past day missing a rollup, tickets then dossiers; returns (point-days, seconds)."""
    from app.services.reports import dossier_rollups, rollups

    started = clock.perf_counter()
    first = rollups.first_ticket_day()
    done = rollups.rollup_range(first, date.today(), missing_only=True) if first else 0
    first = dossier_rollups.first_dossier_day()
    done += dossier_rollups.rollup_dossier_range(first, date.today(), missing_only=True) if first else 0
    seconds = clock.perf_counter() - started
    from app.extensions import db

    db.session.execute(db.text("ANALYZE"))  # statistics for the new summary rows, as a running site has
    db.session.commit()
    return done, seconds


def time_pages(app, args, last):
    from app.models import ServicePoint
    from tests.conftest import IsolatedClient, csrf_token

    app.test_client_class = IsolatedClient
    client = app.test_client()
    client.post(
        "/login",
        data={
            "username": "bench-admin",
            "password": "bench password 1",
            "csrf_token": csrf_token(client, "/login"),
        },
    )
    with app.app_context():
        point_id = ServicePoint.query.filter_by(slug="tdp12-tan-giang").one().id
    on = last.strftime("%d/%m/%Y")
    year_start = (last - timedelta(days=364)).strftime("%d/%m/%Y")
    pages = [
        ("day, one point", f"/reports?period=day&on={on}&point={point_id}"),
        ("week, one point", f"/reports?period=week&on={on}&point={point_id}"),
        ("month, one point", f"/reports?period=month&on={on}&point={point_id}"),
        ("month, one point, CSV", f"/reports/export.csv?period=month&on={on}&point={point_id}"),
        ("year (custom), one point", f"/reports?period=custom&start={year_start}&end={on}&point={point_id}"),
        ("week, all points", f"/reports?period=week&on={on}&point=0"),
        ("month, all points", f"/reports?period=month&on={on}&point=0"),
        ("year (custom), all points", f"/reports?period=custom&start={year_start}&end={on}&point=0"),
        (
            f"year {last.year - 1} (calendar), all points",
            f"/reports?period=year&on=01/07/{last.year - 1}&point=0",
        ),
    ]
    from app.services.reports.dossier_rollups import DOSSIERS
    from app.services.reports.rollups import TICKETS

    # With --days-too, each request is timed reading monthly rollups and then days only, in turn.
    variants = (True, False) if args.days_too else (True,)
    results = []
    for name, url in pages:
        times = {variant: [] for variant in variants}
        cpu = {variant: [] for variant in variants}
        for _ in range(args.repeat):
            for variant in variants:
                TICKETS.use_months = DOSSIERS.use_months = variant
                with app.app_context():
                    cpu_before = cpu_seconds()
                begun = clock.perf_counter()
                response = client.get(url)
                times[variant].append(clock.perf_counter() - begun)
                with app.app_context():
                    cpu[variant].append(cpu_seconds() - cpu_before)
                assert response.status_code == 200, (
                    url,
                    response.status_code,
                    response.get_data(as_text=True)[:300],
                )
        medians = [(statistics.median(times[v]), statistics.median(cpu[v])) for v in variants]
        results.append((name, url, *medians))
        print(
            f"  {name:<28} " + " ".join(f"{w * 1000:8.0f} ms (CPU {c * 1000:5.0f} ms)" for w, c in medians),
            flush=True,
        )
    TICKETS.use_months = DOSSIERS.use_months = True
    return results


def cpu_seconds():
    """CPU time used so far by this process (the app, and SQLite within it) and, on PostgreSQL, by
    the server processes of the bench database (from /proc): what a request costs whatever the load."""
    from app.extensions import db

    total = clock.process_time()
    if db.engine.dialect.name == "postgresql":
        tick = os.sysconf("SC_CLK_TCK")
        pids = db.session.execute(
            db.text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        ).scalars()
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        db.session.rollback()
    return total


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    prepare_database(args.database_url, args.keep)
    os.environ.setdefault("SECURE_COOKIES", "0")  # the test client speaks plain http
    from flask_migrate import upgrade

    from app import create_app
    from app.config import Config

    app = create_app(Config())
    with app.app_context():
        print(f"Database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}", flush=True)
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        if not args.keep:
            counts, seconds, (first, last) = generate(app, args)
            print(
                f"Generated {first:%d/%m/%Y}–{last:%d/%m/%Y}: "
                + ", ".join(f"{v:,} {k}" for k, v in counts.items())
                + f" in {seconds:.0f} s",
                flush=True,
            )
        else:
            last = date.today() - timedelta(days=1)
        if args.no_rollup:
            from app.extensions import db
            from app.models.reports import ReportMonth
            from app.services.reports.dossier_rollups import DOSSIERS
            from app.services.reports.rollups import TICKETS

            for kind in (TICKETS, DOSSIERS):
                kind.lazy_limit = 0
                for table in (*kind.month_tables, *kind.day_tables, kind.day_marker):
                    db.session.query(table).delete()
            db.session.query(ReportMonth).delete()
            db.session.commit()
            print("Rollups deleted: every day computed live.", flush=True)
        else:
            done, seconds = roll_up(args)
            print(f"Rolled up {done:,} point-days (tickets and dossiers) in {seconds:.1f} s", flush=True)
    print(f"Load average (1, 5, 15 min) before timing: {os.getloadavg()}", flush=True)
    columns = "monthly rollups, days only" if args.days_too else "monthly rollups"
    columns += "; CPU: this process and, on PostgreSQL, the database server's processes"
    print(f"Report pages (median of {args.repeat}; {columns}):", flush=True)
    time_pages(app, args, last)


if __name__ == "__main__":
    main()
