"""The live queue: issuing tickets, the order desks call them in, every move, what residents and the board see.

Callers import the package and use its names (`from ..services import queue`, then
`queue.issue_ticket(...)`, `queue.call_next(desk)`); the modules behind it each own one job:

- errors:   QueueError and the refusals built on it
- places:   what a point serves (procedures, desks, teams, which line a procedure joins)
- issuing:  opening hours, limits, gap-free numbers, issuing a ticket
- line:     the call order, the desk's next ticket, people ahead, waiting time
- moves:    call, recall, start, finish, no-show, transfer, cancel, closing earlier days
- record:   the one record of moves: a version per point-day bumped in each move's
            transaction, and `record.on_move`, where work that must follow a move hangs
- fresh:    each worker's copy of today's versions, read at most once a second
- snapshot: one shared picture of a point-day per version
- cards:    a resident's ticket card, the TV board and the home summary, read from it
"""

from . import record
from .cards import (
    NEXT_ON_BOARD,
    BoardView,
    DeskOnBoard,
    LatestCall,
    TicketCard,
    board,
    board_of,
    card_for_token,
    summary,
    ticket_status,
)
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
from .line import call_order, desk_current, estimated_wait, people_ahead, waiting_for_desk
from .moves import TRANSITIONS, call, call_next, cancel, close_days, finish, no_show, recall, start, transfer
from .places import desks_at, procedures_at, team_for, teams_at
from .record import on_move

__all__ = [
    "DEFAULT_LIMITS",
    "NEXT_ON_BOARD",
    "TRANSITIONS",
    "BoardView",
    "DeskOnBoard",
    "LatestCall",
    "NobodyWaiting",
    "QueueClosed",
    "QueueError",
    "TicketCard",
    "TooManyTickets",
    "active_tickets_for_phone",
    "board",
    "board_of",
    "call",
    "call_next",
    "call_order",
    "cancel",
    "card_for_token",
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
    "on_move",
    "people_ahead",
    "procedures_at",
    "recall",
    "record",
    "start",
    "summary",
    "team_for",
    "teams_at",
    "ticket_by_token",
    "ticket_status",
    "transfer",
    "waiting_for_desk",
]
