"""The live queue: issuing tickets, the order desks call them in, every move, what the board shows.

Callers import the package and use its names (`from ..services import queue`, then
`queue.issue_ticket(...)`, `queue.call_next(desk)`); the modules behind it each own one job:

- errors:   QueueError and the refusals built on it
- places:   what a point serves (procedures, desks, teams, which line a procedure joins)
- issuing:  opening hours, limits, gap-free numbers, issuing a ticket
- line:     the call order, people ahead, waiting time, a resident's ticket status
- moves:    call, recall, start, finish, no-show, transfer, cancel, closing earlier days
- board:    the TV board and the home page's queue summary
"""

from .board import NEXT_ON_BOARD, Board, DeskOnBoard, board, summary
from .errors import NobodyWaiting, QueueClosed, QueueError, TooManyTickets
from .issuing import (
    DEFAULT_LIMITS,
    active_tickets_for_phone,
    check_open,
    issue_public_ticket,
    issue_ticket,
    limits,
    ticket_by_token,
)
from .line import (
    SOON_AHEAD,
    TicketStatus,
    call_order,
    desk_current,
    estimated_wait,
    now_serving,
    open_desks_for,
    people_ahead,
    ticket_status,
    waiting_for_desk,
)
from .moves import TRANSITIONS, call, call_next, cancel, close_days, finish, no_show, recall, start, transfer
from .places import desks_at, procedures_at, team_for, teams_at

__all__ = [
    "DEFAULT_LIMITS",
    "NEXT_ON_BOARD",
    "SOON_AHEAD",
    "TRANSITIONS",
    "Board",
    "DeskOnBoard",
    "NobodyWaiting",
    "QueueClosed",
    "QueueError",
    "TicketStatus",
    "TooManyTickets",
    "active_tickets_for_phone",
    "board",
    "call",
    "call_next",
    "call_order",
    "cancel",
    "check_open",
    "close_days",
    "desk_current",
    "desks_at",
    "estimated_wait",
    "finish",
    "issue_public_ticket",
    "issue_ticket",
    "limits",
    "no_show",
    "now_serving",
    "open_desks_for",
    "people_ahead",
    "procedures_at",
    "recall",
    "start",
    "summary",
    "team_for",
    "teams_at",
    "ticket_by_token",
    "ticket_status",
    "transfer",
    "waiting_for_desk",
]

from . import record  # noqa: E402,F401  (installs the move record's session hooks)
