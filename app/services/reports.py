"""Reports: what a service point did in a period, compared with the period before and the targets.

Ticket counts and waiting/service times come from daily rollups (app/services/rollups.py: rolled-up
past days, live tickets for today); the other figures from aggregate SQL (GROUP BY on the database). Periods are
Asia/Ho_Chi_Minh calendar days: tickets carry their local service day; dossiers and ratings carry
naive UTC timestamps, compared with local midnights converted to UTC.

Percentiles interpolate linearly between the two nearest ranks (PostgreSQL's percentile_cont,
numpy's default): the median of 1, 2, 3, 4 is 2.5; the 90th percentile of 1..10 is 9.1. Times
are rounded to the nearest minute before ranking (the rollups keep minute histograms).
"""

import calendar
import csv
import io
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select

from ..extensions import db
from ..models import Appointment, Dossier, DossierEvent, Procedure, Rating, ServicePoint, Team
from ..models.admin import TARGET_METRICS, ReportTarget
from ..models.appointment import STATUSES as APPOINTMENT_STATUSES
from ..models.outreach import RATING_CRITERIA
from ..timeutil import LOCAL_TZ, local_today, to_utc_naive
from . import rollups
from .sqlfuncs import local_date_of

ONLINE_CHANNELS = ("self", "volunteer")  # prepared online by the resident, or with a volunteer
OPEN_DOSSIER = ("submitted", "received", "processing", "supplement")
DONE_DOSSIER = ("completed", "returned")
SHARE_METRICS = ("online_share", "on_time_share")


# --- periods --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    kind: str  # day, week, month, custom
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def utc_bounds(self):
        """[start, end) as naive UTC: local midnight of the first day to local midnight after the last."""
        first = datetime.combine(self.start, time(0), LOCAL_TZ)
        after = datetime.combine(self.end + timedelta(days=1), time(0), LOCAL_TZ)
        return to_utc_naive(first), to_utc_naive(after)

    def previous(self):
        if self.kind == "month":
            last = self.start - timedelta(days=1)
            return Period("month", last.replace(day=1), last)
        return Period(self.kind, self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def period_for(kind="week", on=None, start=None, end=None):
    on = on or local_today()
    if kind == "day":
        return Period("day", on, on)
    if kind == "month":
        last = calendar.monthrange(on.year, on.month)[1]
        return Period("month", on.replace(day=1), on.replace(day=last))
    if kind == "custom" and start and end:
        return Period("custom", start, end)
    monday = on - timedelta(days=on.weekday())
    return Period("week", monday, monday + timedelta(days=6))


# --- small statistics -----------------------------------------------------------------------


def percentile(sorted_values, p):
    """Linear interpolation between closest ranks; None for no values."""
    if not sorted_values:
        return None
    k = (len(sorted_values) - 1) * p
    low = math.floor(k)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (k - low)


def share(part, whole):
    return part / whole if whole else None


# --- targets --------------------------------------------------------------------------------


def metric_names():
    return {
        "online_share": _("Online share of dossiers"),
        "on_time_share": _("On-time share of dossiers"),
        "median_wait_minutes": _("Median waiting time (minutes)"),
        "satisfaction": _("Average satisfaction (1–5)"),
    }


def stored_value(metric, shown):
    """Shares are typed in per cent and kept as fractions."""
    return shown / 100 if metric in SHARE_METRICS else shown


def shown_value(metric, stored):
    value = stored * 100 if metric in SHARE_METRICS else stored
    return round(value, 2) if value != int(value) else int(value)


def targets_for(point_id, on_day):
    """{metric: value} in force on `on_day`: the point's own row first, else the deployment-wide one."""
    rows = (
        ReportTarget.query.filter(
            ReportTarget.effective_from <= on_day,
            ReportTarget.point_id.is_(None)
            if point_id is None
            else or_(ReportTarget.point_id == point_id, ReportTarget.point_id.is_(None)),
        )
        .order_by(ReportTarget.effective_from)
        .all()
    )
    chosen = {}
    for row in rows:  # later rows win; a point's own row beats a deployment-wide one
        current = chosen.get(row.metric)
        if current is None or row.point_id is not None or current.point_id is None:
            chosen[row.metric] = row
    return {metric: chosen[metric].value for metric in TARGET_METRICS if metric in chosen}


# --- the figures ----------------------------------------------------------------------------


def _scope(query_filter, column, point_id):
    return query_filter if point_id is None else and_(query_filter, column == point_id)


def ticket_figures(period, point_id=None, cells=None):
    """Tickets issued, served, no-show, cancelled and still open, in total and per day."""
    if cells is None:
        cells = rollups.day_cells(period.start, period.end, point_id)
    issued = served = no_show = cancelled = still_open = 0
    days = {}
    for _point, day, _team, _procedure, c_issued, c_served, c_no_show, c_cancelled, c_open, *_rest in cells:
        issued += c_issued
        served += c_served
        no_show += c_no_show
        cancelled += c_cancelled
        still_open += c_open
        entry = days.get(day) or days.setdefault(day, [0, 0])
        entry[0] += c_issued
        entry[1] += c_served
    figures = {
        "issued": issued,
        "served": served,
        "no_show": no_show,
        "cancelled": cancelled,
        "open": still_open,
        "daily": [(day, n, done) for day, (n, done) in sorted(days.items()) if n],
    }
    figures["served_share"] = share(served, issued)
    figures["no_show_share"] = share(no_show, issued)
    return figures


def time_figures(period, point_id=None, cells=None):
    """Waiting (issued -> called) and service (started -> finished) times by team, procedure, day type.

    Times are whole minutes (rounded to the nearest minute) merged from each day's histograms
    (see app/services/rollups.py); medians and 90th percentiles are exact for those minutes.
    """
    if cells is None:
        cells = rollups.day_cells(period.start, period.end, point_id)
    # Each day's histograms go to the (team, procedure, weekday) cell they belong to and are added
    # there in one go; the groups below are then sums of those few cells.
    teams = _team_keys(point_id)
    gathered, weekdays = {}, {}
    for _point, day, team_id, procedure_id, *_counts, wait_count, service_count, wait, service in cells:
        weekday = weekdays.get(day)
        if weekday is None:
            weekday = weekdays[day] = day.weekday()
        key = (teams.get(team_id, "-"), procedure_id, weekday)
        entry = gathered.get(key)
        if entry is None:
            entry = gathered[key] = ([], [0], [], [0])
        if wait_count:
            entry[0].append(wait)
            entry[1][0] += wait_count
        if service_count:
            entry[2].append(service)
            entry[3][0] += service_count
    merged = {}
    for key, (waits, wait_total, services, service_total) in gathered.items():
        wait, service = rollups.Histogram(), rollups.Histogram()
        wait.add_encoded(waits, wait_total[0])
        service.add_encoded(services, service_total[0])
        merged[key] = (wait, service)
    key_of = {
        "all": lambda cell: "all",
        "team": lambda cell: cell[0],
        "procedure": lambda cell: cell[1],
        "daytype": lambda cell: "saturday" if cell[2] == 5 else ("sunday" if cell[2] == 6 else "weekday"),
    }
    result = {}
    for group, key in key_of.items():
        grouped = {}
        for cell, (wait, service) in merged.items():
            if not (wait.total or service.total):
                continue
            target = grouped.get(key(cell))
            if target is None:
                target = grouped[key(cell)] = (rollups.Histogram(), rollups.Histogram())
            target[0].merge(wait)
            target[1].merge(service)
        result[group] = {
            k: {"wait": wait.summary(), "service": service.summary()}
            for k, (wait, service) in sorted(grouped.items(), key=lambda item: str(item[0]))
        }
    return result


def _team_keys(point_id):
    """Team id -> team code: across points, the same kind of team (one-stop, online...) adds up."""
    query = select(Team.id, Team.code)
    if point_id is not None:
        query = query.where(Team.point_id == point_id)
    return dict(db.session.execute(query).all())


def dossier_figures(period, point_id=None, today=None):
    first, after = period.utc_bounds()
    in_period = _scope(
        and_(Dossier.submitted_at >= first, Dossier.submitted_at < after, Dossier.status != "draft"),
        Dossier.point_id,
        point_id,
    )
    rows = db.session.execute(
        select(Dossier.procedure_id, Dossier.channel, Dossier.status, func.count())
        .where(in_period)
        .group_by(Dossier.procedure_id, Dossier.channel, Dossier.status)
    ).all()
    by_procedure, by_channel, by_status = {}, {}, {}
    total = online = 0
    for procedure_id, channel, status, count in rows:
        entry = by_procedure.setdefault(procedure_id, {"total": 0, "online": 0})
        entry["total"] += count
        by_channel[channel] = by_channel.get(channel, 0) + count
        by_status[status] = by_status.get(status, 0) + count
        total += count
        if channel in ONLINE_CHANNELS:
            entry["online"] += count
            online += count
    # On time: the result was ready ("completed") on or before the due date. Open dossiers already
    # past their due date count as late; open ones not yet due are left out.
    # The join starts from the period's dossiers, so only their events are read (by dossier_id).
    # Grouped on the database by (status, due date, local day the result was ready): a year of the
    # city is a few thousand rows instead of one per dossier.
    per_dossier = (
        select(
            Dossier.status.label("status"),
            Dossier.due_date.label("due"),
            func.min(DossierEvent.at).label("done_at"),
        )
        .select_from(Dossier)
        .outerjoin(
            DossierEvent, and_(DossierEvent.dossier_id == Dossier.id, DossierEvent.status == "completed")
        )
        .where(in_period, Dossier.due_date.isnot(None), Dossier.status.in_(DONE_DOSSIER + OPEN_DOSSIER))
        .group_by(Dossier.id, Dossier.status, Dossier.due_date)
    ).subquery()
    done_day = local_date_of(per_dossier.c.done_at)
    timed = db.session.execute(
        select(per_dossier.c.status, per_dossier.c.due, done_day, func.count()).group_by(
            per_dossier.c.status, per_dossier.c.due, done_day
        )
    ).all()
    today = today or local_today()
    on_time = late = 0
    for status, due, done_on, count in timed:
        if done_on is not None:
            if done_on <= due:
                on_time += count
            else:
                late += count
        elif status in OPEN_DOSSIER and due < today:
            late += count
    return {
        "total": total,
        "online": online,
        "online_share": share(online, total),
        "by_procedure": by_procedure,
        "by_channel": by_channel,
        "by_status": by_status,
        "on_time": on_time,
        "late": late,
        "on_time_share": share(on_time, on_time + late),
    }


def rating_figures(period, point_id=None):
    first, after = period.utc_bounds()
    in_period = _scope(
        and_(Rating.created_at >= first, Rating.created_at < after, Rating.status != "rejected"),
        Rating.point_id,
        point_id,
    )
    columns = []
    for name in RATING_CRITERIA:
        column = getattr(Rating, name)
        columns += [func.count(column), func.avg(column)]
    row = db.session.execute(select(*columns).where(in_period)).one()
    criteria = {}
    for index, name in enumerate(RATING_CRITERIA):
        count, average = row[2 * index], row[2 * index + 1]
        criteria[name] = {
            "count": int(count or 0),
            "average": float(average) if average is not None else None,
        }
    spread = dict(
        db.session.execute(
            select(Rating.overall, func.count()).where(in_period).group_by(Rating.overall)
        ).all()
    )
    return {
        "count": criteria["overall"]["count"],
        "criteria": criteria,
        "spread": {score: spread.get(score, 0) for score in range(1, 6)},
    }


def booking_figures(period, point_id=None):
    """Bookings for days in the period and their use: checked in, missed, cancelled."""
    in_period = _scope(Appointment.day.between(period.start, period.end), Appointment.point_id, point_id)
    by_status = dict(
        db.session.execute(
            select(Appointment.status, func.count()).where(in_period).group_by(Appointment.status)
        ).all()
    )
    total = sum(by_status.values())
    kept = total - by_status.get("cancelled", 0)
    return {
        "total": total,
        "by_status": {s: by_status.get(s, 0) for s in APPOINTMENT_STATUSES},
        "used_share": share(by_status.get("checked_in", 0), kept),
    }


def saturday_figures(ticket_days, times):
    """Tickets per open day and waiting times on Saturdays against weekdays (Monday–Friday)."""
    groups = {"weekday": [0, 0, 0], "saturday": [0, 0, 0], "sunday": [0, 0, 0]}
    for day, issued, served in ticket_days:
        kind = "saturday" if day.weekday() == 5 else ("sunday" if day.weekday() == 6 else "weekday")
        groups[kind][0] += 1
        groups[kind][1] += issued
        groups[kind][2] += served
    result = {}
    for kind, (days, issued, served) in groups.items():
        if kind == "sunday" and not days:
            continue
        timing = times["daytype"].get(kind, {"wait": {"median": None, "p90": None}})
        result[kind] = {
            "days": days,
            "issued": issued,
            "served": served,
            "per_day": issued / days if days else None,
            "wait_median": timing["wait"]["median"],
            "wait_p90": timing["wait"]["p90"],
        }
    return result


@dataclass
class Report:
    period: Period
    point: ServicePoint | None
    tickets: dict
    times: dict
    dossiers: dict
    ratings: dict
    bookings: dict
    saturday: dict
    targets: dict
    previous: dict
    procedures: dict
    teams: dict

    def headline(self):
        return headline(self.tickets, self.times, self.dossiers, self.ratings)


def headline(tickets, times, dossiers, ratings):
    everything = times["all"].get("all", {"wait": {}, "service": {}})
    return {
        "issued": tickets["issued"],
        "served": tickets["served"],
        "no_show": tickets["no_show"],
        "cancelled": tickets["cancelled"],
        "wait_median": everything["wait"].get("median"),
        "wait_p90": everything["wait"].get("p90"),
        "service_median": everything["service"].get("median"),
        "service_p90": everything["service"].get("p90"),
        "dossiers": dossiers["total"],
        "online_share": dossiers["online_share"],
        "on_time_share": dossiers["on_time_share"],
        "satisfaction": ratings["criteria"]["overall"]["average"],
        "ratings": ratings["count"],
    }


def build(period, point=None, today=None):
    """The whole report for `period` at `point` (None: every point), with the previous period's headline."""
    point_id = point.id if point else None
    cells = rollups.day_cells(period.start, period.end, point_id)
    tickets = ticket_figures(period, point_id, cells)
    times = time_figures(period, point_id, cells)
    dossiers = dossier_figures(period, point_id, today)
    ratings = rating_figures(period, point_id)
    before = period.previous()
    cells = rollups.day_cells(before.start, before.end, point_id)
    previous = headline(
        ticket_figures(before, point_id, cells),
        time_figures(before, point_id, cells),
        dossier_figures(before, point_id, today),
        rating_figures(before, point_id),
    )
    procedure_ids = set(dossiers["by_procedure"]) | set(times["procedure"])
    procedures = {p.id: p for p in Procedure.query.filter(Procedure.id.in_(procedure_ids or [0]))}
    team_names = {}
    for team in Team.query.filter(Team.code.in_(list(times["team"]) or [""])).order_by(Team.id):
        team_names.setdefault(team.code, team)
    return Report(
        period,
        point,
        tickets,
        times,
        dossiers,
        ratings,
        booking_figures(period, point_id),
        saturday_figures(tickets["daily"], times),
        targets_for(point_id, period.end),
        previous,
        procedures,
        team_names,
    )


def visible_points(user):
    """Staff see their own point only; admins any point (None in the list means every point)."""
    if user.role == "admin":
        return ServicePoint.query.order_by(ServicePoint.id).all()
    return [user.point] if user.point else []


# --- CSV ------------------------------------------------------------------------------------


def minutes(seconds):
    return None if seconds is None else round(seconds / 60, 1)


def percent(fraction):
    return None if fraction is None else round(fraction * 100, 1)


def csv_rows(report, labels):
    """(section, figure, group, value, previous period, unit) rows: one tidy table for a spreadsheet."""
    head, prev = report.headline(), report.previous
    unit_n, unit_min, unit_pct = labels["count"], labels["minutes"], labels["percent"]
    rows = [
        (labels["tickets"], labels["issued"], "", head["issued"], prev["issued"], unit_n),
        (labels["tickets"], labels["served"], "", head["served"], prev["served"], unit_n),
        (labels["tickets"], labels["no_show"], "", head["no_show"], prev["no_show"], unit_n),
        (labels["tickets"], labels["cancelled"], "", head["cancelled"], prev["cancelled"], unit_n),
    ]
    for kind in ("wait", "service"):
        for group in ("all", "team", "procedure"):
            for key, entry in report.times[group].items():
                name = (
                    labels["everyone"]
                    if group == "all"
                    else (
                        report.teams[key].name_vi
                        if group == "team" and key in report.teams
                        else report.procedures[key].name_vi
                        if group == "procedure" and key in report.procedures
                        else str(key)
                    )
                )
                summary = entry[kind]
                previous_median = prev[f"{kind}_median"] if group == "all" else None
                rows.append(
                    (
                        labels[kind],
                        labels["median"],
                        name,
                        minutes(summary["median"]),
                        minutes(previous_median),
                        unit_min,
                    )
                )
                rows.append(
                    (
                        labels[kind],
                        labels["p90"],
                        name,
                        minutes(summary["p90"]),
                        minutes(prev[f"{kind}_p90"]) if group == "all" else None,
                        unit_min,
                    )
                )
                rows.append((labels[kind], labels["count_label"], name, summary["count"], None, unit_n))
    d = report.dossiers
    rows += [
        (labels["dossiers"], labels["total"], "", d["total"], prev["dossiers"], unit_n),
        (labels["dossiers"], labels["online"], "", d["online"], None, unit_n),
        (
            labels["dossiers"],
            labels["online_share"],
            "",
            percent(d["online_share"]),
            percent(prev["online_share"]),
            unit_pct,
        ),
        (
            labels["dossiers"],
            labels["on_time_share"],
            "",
            percent(d["on_time_share"]),
            percent(prev["on_time_share"]),
            unit_pct,
        ),
    ]
    for procedure_id, entry in sorted(d["by_procedure"].items()):
        name = report.procedures[procedure_id].name_vi if procedure_id in report.procedures else procedure_id
        rows.append((labels["dossiers"], labels["by_procedure"], name, entry["total"], None, unit_n))
    for channel, count in sorted(d["by_channel"].items()):
        rows.append(
            (
                labels["dossiers"],
                labels["by_channel"],
                labels["channels"].get(channel, channel),
                count,
                None,
                unit_n,
            )
        )
    for status, count in sorted(d["by_status"].items()):
        rows.append(
            (
                labels["dossiers"],
                labels["by_status"],
                labels["statuses"].get(status, status),
                count,
                None,
                unit_n,
            )
        )
    for kind, entry in report.saturday.items():
        rows.append(
            (
                labels["saturday_section"],
                labels["per_day"],
                labels["daytypes"][kind],
                None if entry["per_day"] is None else round(entry["per_day"], 1),
                None,
                unit_n,
            )
        )
        rows.append(
            (
                labels["saturday_section"],
                labels["wait_median_label"],
                labels["daytypes"][kind],
                minutes(entry["wait_median"]),
                None,
                unit_min,
            )
        )
    for status, count in report.bookings["by_status"].items():
        rows.append((labels["bookings"], labels["booking_statuses"][status], "", count, None, unit_n))
    rows.append(
        (labels["bookings"], labels["used_share"], "", percent(report.bookings["used_share"]), None, unit_pct)
    )
    for name, entry in report.ratings["criteria"].items():
        rows.append(
            (
                labels["satisfaction"],
                labels["criteria"][name],
                "",
                None if entry["average"] is None else round(entry["average"], 2),
                prev["satisfaction"] if name == "overall" else None,
                labels["score"],
            )
        )
    return rows


def to_csv(header, rows):
    """UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return "\ufeff" + out.getvalue()
