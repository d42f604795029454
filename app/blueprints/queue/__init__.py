"""The queue's public side: taking a ticket, the resident's ticket page, the TV board."""

from flask import Blueprint

bp = Blueprint("queue", __name__)


@bp.record_once
def _lean_polls(state):
    """htmx polls of tickets and boards are answered before Flask is reached (see polls.py)."""
    from .polls import LeanPolls

    state.app.wsgi_app = LeanPolls(state.app)


from . import live, routes  # noqa: E402,F401
