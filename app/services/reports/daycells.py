"""One (point, service day, team, procedure) cell of ticket figures, summarised from ticket rows."""

from dataclasses import dataclass, field

from sqlalchemy import and_, case, select

from ...extensions import db
from ...models import Ticket
from ..sqlfuncs import seconds_between
from .histograms import encode, minute_of

OPEN_STATUSES = ("waiting", "called", "serving", "transferred")


@dataclass
class DayCell:
    point_id: int
    day: object
    team_id: int | None
    procedure_id: int | None
    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    still_open: int = 0
    channels: dict = field(default_factory=dict)
    wait: object = None  # counts per minute (list or array)
    wait_count: int = 0
    service: object = None
    service_count: int = 0

    def as_row(self):
        """The row rollups.read_cells gives: (point, kind of day, team, procedure, *COUNT_FIELDS,
        wait histogram, service histogram), histograms encode()d."""
        return (
            self.point_id,
            day_type(self.day),
            self.team_id,
            self.procedure_id,
            *(getattr(self, name) for name in COUNT_FIELDS),
            encode(self.wait),
            encode(self.service),
        )


# The counts a rolled-up row keeps beside its histograms, in this order.
COUNT_FIELDS = ("issued", "served", "no_show", "cancelled", "still_open", "wait_count", "service_count")


def day_type(day):
    """ "weekday" (Monday-Friday), "saturday" or "sunday": what the reports tell apart."""
    weekday = day.weekday()
    return "saturday" if weekday == 5 else ("sunday" if weekday == 6 else "weekday")


def ticket_rows(*where):
    wait = case(
        (Ticket.called_at.isnot(None), seconds_between(Ticket.called_at, Ticket.issued_at)), else_=None
    )
    service = case(
        (
            and_(
                Ticket.status == "done",
                Ticket.called_at.isnot(None),
                Ticket.started_at.isnot(None),
                Ticket.finished_at.isnot(None),
            ),
            seconds_between(Ticket.finished_at, Ticket.started_at),
        ),
        else_=None,
    )
    return db.session.execute(
        select(
            Ticket.point_id,
            Ticket.service_day,
            Ticket.team_id,
            Ticket.procedure_id,
            Ticket.status,
            Ticket.channel,
            wait,
            service,
        ).where(*where)
    ).all()


def summarise(rows):
    """{(point, day, team, procedure): DayCell} from ticket rows, histograms as dense lists."""
    cells, waits, services = {}, {}, {}
    for point_id, day, team_id, procedure_id, status, channel, wait_s, service_s in rows:
        key = (point_id, day, team_id, procedure_id)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = DayCell(point_id, day, team_id, procedure_id)
            waits[key], services[key] = {}, {}
        cell.issued += 1
        if status == "done":
            cell.served += 1
        elif status == "no_show":
            cell.no_show += 1
        elif status == "cancelled":
            cell.cancelled += 1
        elif status in OPEN_STATUSES:
            cell.still_open += 1
        cell.channels[channel] = cell.channels.get(channel, 0) + 1
        if wait_s is not None and wait_s >= 0:
            minute = minute_of(wait_s)
            waits[key][minute] = waits[key].get(minute, 0) + 1
            cell.wait_count += 1
        if service_s is not None and service_s >= 0:
            minute = minute_of(service_s)
            services[key][minute] = services[key].get(minute, 0) + 1
            cell.service_count += 1
    for key, cell in cells.items():
        cell.wait, cell.service = _dense(waits[key]), _dense(services[key])
    return cells


def _dense(sparse):
    counts = [0] * (max(sparse) + 1) if sparse else []
    for minute, count in sparse.items():
        counts[minute] = count
    return counts
