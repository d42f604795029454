"""Counting public page views after each response, and the footer's figures for templates."""

import logging

from flask import current_app, request
from flask_babel import format_number

from ...extensions import db
from ...htmx import is_htmx
from ...services import visits
from . import bp

log = logging.getLogger(__name__)


def visit_stats():
    """For the public footer; None (footer line left out) if the figures cannot be read."""
    try:
        return visits.stats()
    except Exception:
        log.warning("visit statistics unavailable", exc_info=True)
        return None


def count_view(response):
    """A full public HTML page shown to a person counts; fragments, staff pages, errors don't."""
    if (
        request.method != "GET"
        or response.status_code != 200
        or response.mimetype != "text/html"
        or is_htmx()
        or request.endpoint is None
    ):
        return response
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "is_public", False):
        return response
    if visits.record_view(request.remote_addr or "?", request.user_agent.string):
        # Write the batch once the response has gone, outside this request's transaction.
        engine = db.engine
        buffer = visits.buffer_for(current_app)
        response.call_on_close(lambda: buffer.flush(engine))
    return response


@bp.record_once
def _setup(state):
    app = state.app
    visits.init_app(app)
    app.jinja_env.globals["visit_stats"] = visit_stats
    app.jinja_env.filters.setdefault("number", format_number)
    app.after_request(count_view)
    from .staff import limit_upload_size

    app.before_request_funcs.setdefault(None, []).insert(0, limit_upload_size)
