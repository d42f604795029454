"""Ticket figures of a period: counts per day, waiting and service times, Saturdays against weekdays.

They are read from the rollups (rollups.read_cells: rolled-up months and past days, live tickets
for today). Times are whole minutes (rounded to the nearest minute) merged from each row's
histograms, so medians and 90th percentiles are exact for those minutes.
"""

from sqlalchemy import select

from ...extensions import db
from ...models import Team
from . import rollups
from .daycells import day_type
from .histograms import Histogram
from .periods import share


def ticket_figures(period, point_id=None, cells=None):
    """Tickets issued, served, no-show, cancelled and still open, in total and per day; issued per
    channel (Ticket.channel: phone, kiosk...); issued and served per procedure, every ticket counted
    whether or not it was called (the times' counts are only the tickets that were)."""
    if cells is None:
        cells = rollups.read_cells(period.start, period.end, point_id)
    issued = served = no_show = cancelled = still_open = 0
    by_procedure = {}
    for (
        _point,
        _kind,
        _team,
        procedure_id,
        c_issued,
        c_served,
        c_no_show,
        c_cancelled,
        c_open,
        *_rest,
    ) in cells.rows:
        issued += c_issued
        served += c_served
        no_show += c_no_show
        cancelled += c_cancelled
        still_open += c_open
        entry = by_procedure.get(procedure_id) or by_procedure.setdefault(procedure_id, [0, 0])
        entry[0] += c_issued  # a day taken off its month comes with negative counts
        entry[1] += c_served
    figures = {
        "issued": issued,
        "served": served,
        "no_show": no_show,
        "cancelled": cancelled,
        "open": still_open,
        "daily": [(day, n, done) for day, (n, done) in sorted(cells.daily.items()) if n],
        "by_channel": {channel: n for channel, n in sorted(cells.channels.items()) if n},
        "by_procedure": {
            procedure_id: {"issued": n, "served": done}
            for procedure_id, (n, done) in sorted(by_procedure.items())
            if n
        },
    }
    figures["served_share"] = share(served, issued)
    figures["no_show_share"] = share(no_show, issued)
    return figures


def time_figures(period, point_id=None, cells=None, groups=("all", "team", "procedure", "daytype")):
    """Waiting (issued -> called) and service (started -> finished) times by team, procedure, day type
    (`groups`: the previous period's headline needs "all" only)."""
    if cells is None:
        cells = rollups.read_cells(period.start, period.end, point_id)
    # Each row's histograms go to the (team, procedure, kind of day) cell they belong to and are
    # added there in one go; the groups below are then sums of those few cells.
    teams = _team_keys(point_id)
    gathered = {}
    for _point, kind, team_id, procedure_id, *_counts, wait_count, service_count, wait, service in cells.rows:
        key = (teams.get(team_id, "-"), procedure_id, kind)
        entry = gathered.get(key)
        if entry is None:
            entry = gathered[key] = ([], [], [0], [], [], [0])  # added, taken off, count: wait, service
        if wait_count:  # a negative count: a day outside the period, taken off its month
            entry[0 if wait_count > 0 else 1].append(wait)
            entry[2][0] += wait_count
        if service_count:
            entry[3 if service_count > 0 else 4].append(service)
            entry[5][0] += service_count
    merged = {}
    for key, (waits, waits_off, wait_total, services, services_off, service_total) in gathered.items():
        wait, service = Histogram(), Histogram()
        wait.add_encoded(waits, wait_total[0], waits_off)
        service.add_encoded(services, service_total[0], services_off)
        merged[key] = (wait, service)
    key_of = {
        "all": lambda cell: "all",
        "team": lambda cell: cell[0],
        "procedure": lambda cell: cell[1],
        "daytype": lambda cell: cell[2],
    }
    result = {group: {} for group in key_of}
    for group in groups:
        key = key_of[group]
        grouped = {}
        for cell, (wait, service) in merged.items():
            if not (wait.total or service.total):
                continue
            target = grouped.get(key(cell))
            if target is None:
                target = grouped[key(cell)] = (Histogram(), Histogram())
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


def saturday_figures(ticket_days, times):
    """Tickets per open day and waiting times on Saturdays against weekdays (Monday–Friday)."""
    groups = {"weekday": [0, 0, 0], "saturday": [0, 0, 0], "sunday": [0, 0, 0]}
    for day, issued, served in ticket_days:
        kind = day_type(day)
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
