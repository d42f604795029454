"""App-wide request hooks: counting public page views, stopping oversized uploads unread, shared-PC mode."""

import logging

from flask import current_app, request

from . import shared_pc
from .clients import client_key
from .extensions import db
from .htmx import is_htmx
from .services import uploads, visits

log = logging.getLogger(__name__)

# Uploads go to this endpoint only; its body may be a little over the per-file limit.
UPLOAD_ENDPOINTS = ("outreach.staff_documents",)


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
    if visits.record_view(client_key(), request.user_agent.string):
        # Write the batch once the response has gone, outside this request's transaction.
        engine = db.engine
        buffer = visits.buffer_for(current_app)
        response.call_on_close(lambda: buffer.flush(engine))
    return response


def limit_upload_size():
    """A hard cap a little above the per-file limit, so a huge body stops at 413 unread."""
    if request.endpoint in UPLOAD_ENDPOINTS and request.method == "POST":
        request.max_content_length = uploads.max_bytes() + 256 * 1024


def init_app(app):
    visits.init_app(app)
    app.after_request(count_view)
    # First of all before-request hooks: CSRF checking would otherwise parse the body first.
    app.before_request_funcs.setdefault(None, []).insert(0, limit_upload_size)
    # After the staff sign-in limits (auth_roles.init_app runs first): a helped resident's idle end.
    app.config.setdefault("ASSIST_IDLE_SECONDS", shared_pc.IDLE_SECONDS)
    app.before_request(shared_pc.guard)
    app.after_request(shared_pc.no_store_personal_pages)
