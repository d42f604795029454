"""The data model: every table the product keeps."""

from .admin import ReportTarget
from .appointment import Appointment, BookingSettings, SlotCounter
from .audit import AuditEvent
from .complaint import Complaint
from .content import Post
from .dossier import Dossier, DossierEvent
from .kit import KitAnnouncement
from .notify import DeliveryAttempt, Notification, NotifySubscription, NotifyUsage, ProviderToken
from .outreach import CaptchaUse, Document, Link, Rating, VisitDay, VisitPresence
from .point import ClosedDay, OpeningSession, ServicePoint
from .portal_import import ImportBatch, ImportChange
from .procedure import Desk, Procedure, Team, desk_procedures
from .queue import Ticket, TicketCounter, TicketEvent
from .reports import ReportDay, TicketDaySummary
from .throttle import RateCounter
from .user import ROLES, User

__all__ = [
    "ImportBatch",
    "ImportChange",
    "Complaint",
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
    "KitAnnouncement",
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
    "Notification",
    "NotifySubscription",
    "DeliveryAttempt",
    "NotifyUsage",
    "ProviderToken",
    "ReportDay",
    "TicketDaySummary",
]
