"""How long a resident will really wait, for the messages: the very figure their ticket card shows.

The estimate is worked out in one place, the point-day snapshot (services/queue/snapshot.py,
PointDay.expected_wait): today's median service time of the team once it has served
MEASURED_AFTER people, else the procedures' typical minutes (then `guess` is true), over the
desks open for the ticket (a desk on a break or closed does not count). Inside a move's own
transaction the snapshot is the line as that move left it, so "leave now" and the card agree.

It does not tick with the clock: it changes only when the line does (a call, a finish, a desk
opening or pausing, a new number), and each of those is a move the record already turns into a new
version of the point-day; the card says "as of" the time of that change. So there is nothing for a
periodic job to refresh: cached cards and 304s stay right while only the clock moves
(tests/queue/test_ticket_timing.py checks that).
"""

from dataclasses import dataclass

from ..services.queue.pointday import MEASURED_AFTER
from ..services.queue.snapshot import point_day

__all__ = ["MEASURED_AFTER", "Estimate", "expected_wait"]


@dataclass(frozen=True)
class Estimate:
    minutes: int
    ahead: int
    guess: bool  # True: from typical service minutes, too few served today to measure


def expected_wait(ticket):
    """The wait the ticket's card shows, with the people ahead (0 and 0 once it is called)."""
    snap = point_day(ticket.point_id, ticket.service_day)
    row = snap.tickets.get(ticket.id)
    if row is None:
        return Estimate(0, 0, guess=True)
    minutes, guess = snap.expected_wait(row)
    return Estimate(minutes, snap.ahead.get(row.id, (0, 0))[0], guess)  # ahead: waiting tickets only
