"""The data model: every table the product keeps."""
from .point import ServicePoint, OpeningSession, ClosedDay
from .procedure import Procedure, Team, Desk, desk_procedures
from .user import User, ROLES
from .content import Post
from .throttle import RateCounter

__all__ = [
    "ServicePoint", "OpeningSession", "ClosedDay", "Procedure", "Team", "Desk",
    "desk_procedures", "User", "ROLES", "Post", "RateCounter",
]
