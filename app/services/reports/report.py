"""A whole report: every figure of a period at a point, the previous period's headline and the targets."""

from dataclasses import dataclass

from sqlalchemy import select

from ...extensions import db
from ...models import Procedure, ServicePoint, Team
from ..complaints import figures as complaint_figures
from . import rollups
from .bookings import booking_figures
from .dossier_days import read_days as dossier_read
from .dossiers import dossier_figures
from .index766 import index_figures
from .periods import Period
from .ratings import rating_figures
from .targets import targets_for
from .tickets import saturday_figures, ticket_figures, time_figures
from .units import by_unit


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
    index: dict | None = None  # Decision 766 indicators (index766.index_figures), this period
    index_previous: dict | None = None  # and the previous one, for the trend
    units: dict | None = None  # all points: figures per ward (units.by_unit)
    units_as_now: bool = False  # wards named as today, not as on the period's last day

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


def build(period, point=None, today=None, with_index=True, units_as_now=False):
    """The whole report for `period` at `point` (None: every point), with the previous period's headline
    and (with_index) the service index panel for both periods."""
    point_id = point.id if point else None
    cells = rollups.read_cells(period.start, period.end, point_id)
    period_cells = cells
    tickets = ticket_figures(period, point_id, cells)
    times = time_figures(period, point_id, cells)
    data = dossier_read(period, point_id)  # read once: the dossier figures and the index share it
    dossiers = dossier_figures(period, point_id, today, data)
    ratings = rating_figures(period, point_id)
    before = period.previous()
    cells = rollups.read_cells(before.start, before.end, point_id)
    data_before = dossier_read(before, point_id)
    ratings_before = rating_figures(before, point_id)
    previous = headline(
        ticket_figures(before, point_id, cells),
        time_figures(before, point_id, cells, groups=("all",)),
        dossier_figures(before, point_id, today, data_before),
        ratings_before,
    )
    procedure_ids = set(dossiers["by_procedure"]) | set(tickets["by_procedure"]) | set(times["procedure"])
    procedures = {
        p.id: p for p in db.session.scalars(select(Procedure).where(Procedure.id.in_(procedure_ids or [0])))
    }
    team_names = {}
    teams = select(Team).where(Team.code.in_(list(times["team"]) or [""])).order_by(Team.id)
    for team in db.session.scalars(teams):
        team_names.setdefault(team.code, team)
    report = Report(
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
    if point is None:
        per_point = {}
        for point_id_, *_rest, count in data.counts:
            per_point[point_id_] = per_point.get(point_id_, 0) + count
        report.units = by_unit(period_cells.rows, per_point, period.end, units_as_now)
        report.units_as_now = units_as_now
    if with_index:
        report.index = index_figures(
            period, point_id, today, complaint_figures(period, point_id, today), data, ratings
        )
        report.index_previous = index_figures(
            before, point_id, today, complaint_figures(before, point_id, today), data_before, ratings_before
        )
    return report


def visible_points(user):
    """Staff see their own point only; admins any point (None in the list means every point)."""
    if user.role == "admin":
        return list(db.session.scalars(select(ServicePoint).order_by(ServicePoint.id)))
    return [user.point] if user.point else []
