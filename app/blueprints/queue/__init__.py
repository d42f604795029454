"""The queue's public side: taking a ticket, the resident's ticket page, the TV board."""

from flask import Blueprint

bp = Blueprint("queue", __name__)

from . import routes  # noqa: E402,F401
