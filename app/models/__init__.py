"""The data model: every table the product keeps."""

from .point import ServicePoint, OpeningSession, ClosedDay
from .procedure import Procedure, Team, Desk, desk_procedures
from .user import User, ROLES
from .content import Post
from .throttle import RateCounter
from .audit import AuditEvent
from .queue import Ticket, TicketCounter, TicketEvent
from .dossier import Dossier, DossierEvent
from .appointment import Appointment, BookingSettings, SlotCounter
from .outreach import CaptchaUse, Document, Link, Rating, VisitDay, VisitPresence
from .admin import ReportTarget

__all__ = [
    "ServicePoint",
    "OpeningSession",
    "ClosedDay",
    "Procedure",
    "Team",
    "Desk",
    "desk_procedures",
    "User",
    "ROLES",
    "Post",
    "RateCounter",
    "AuditEvent",
    "Ticket",
    "TicketCounter",
    "TicketEvent",
    "Dossier",
    "DossierEvent",
    "Appointment",
    "BookingSettings",
    "SlotCounter",
    "CaptchaUse",
    "Document",
    "Link",
    "Rating",
    "VisitDay",
    "VisitPresence",
    "ReportTarget",
]
