"""Routes of the live queue: the resident's ticket page, cancelling it (asked first), the TV board.

htmx polls of the card and the board answer from the answer cache (answers.py), usually
before Flask is reached (polls.py); full pages are rendered each time with an ETag.
"""

import logging
import os

from flask import Response, abort, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ...auth_roles import public, roles_required
from ...errors import render_error
from ...extensions import db
from ...htmx import is_htmx, refused_status, render
from ...models import Ticket
from ...models.base import current_language
from ...services import queue
from ...services.queue import fresh, snapshot
from ...timeutil import local_now
from . import bp
from .answers import answer_key, answers, cached_answer, negotiate, store_answer
from .conditional import conditional, matching
from .polls import BOARD_CACHE_CONTROL, TICKET_CACHE_CONTROL, board_content, fragment, ticket_content
from .routes import _point

log = logging.getLogger(__name__)
CANCELLABLE = ("waiting", "transferred", "called")  # what the page offers to cancel


@bp.errorhandler(SQLAlchemyError)
def database_unavailable(error):
    """A sick database: 503 (try again in a moment), logged, on both poll paths."""
    log.error("database unavailable on %s %s: %s", request.method, request.path, error)
    db.session.rollback()
    return render_error(503)


def _fragment(kind, content):
    """The htmx fragment: the cached answer (rendered and stored on a miss), or a 304."""
    lang, encoding = current_language(), negotiate(request.headers.get("Accept-Encoding"))
    key = answer_key(kind, content, lang, encoding, request.script_root)
    answer = cached_answer(key)
    if answer is None:
        answer = store_answer(key, *fragment(kind, content, lang, request.script_root))
    if matching(request.headers.get("If-None-Match"), answer.etag):
        return Response(status=304, headers=answer.headers(not_modified=True))
    return Response(answer.body, status=answer.status, headers=answer.headers())


def _no_ticket():
    abort(404, description=_("There is no ticket at this address. Check the link, or take a new ticket."))


@bp.get("/t/<token>")
@public
def ticket(token):
    card = ticket_content(token, current_language())
    if card is None:
        _no_ticket()
    if is_htmx():
        return _fragment("ticket", card)
    card = _as_stored(token, card)

    def page():
        return render("queue/ticket.html", None, c=card)

    user = current_user.get_id() if current_user.is_authenticated else None
    return conditional(card, page, cache_control=TICKET_CACHE_CONTROL, page_extra=(user,))


def _as_stored(token, card):
    """A full page shows the ticket as stored, not a copy up to a second old (fresh.py): it is
    often the page right after the resident's own move, made by another worker ("cancelled",
    never "come now"). Polls keep the copy; one small query per page load is the price."""
    stored = db.session.scalar(select(Ticket.status).where(Ticket.token == token))
    if stored is None or stored == card.status:
        return card
    fresh.expire()
    return ticket_content(token, current_language()) or card


@bp.get("/t/<token>/cancel")
@public
def confirm_cancel(token):
    """One tap must not cost a place in the line: the page's cancel link leads here, to a form of its own."""
    found = queue.ticket_by_token(token)
    if found is None:
        _no_ticket()
    card = queue.ticket_status(found)
    if card.status not in CANCELLABLE:
        return redirect(url_for("queue.ticket", token=found.token), code=303)
    response = render("queue/cancel.html", None, c=card)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/t/<token>/cancel")
@public
def cancel_ticket(token):
    found = queue.ticket_by_token(token)
    if found is None:
        _no_ticket()
    try:
        queue.cancel(found)
    except queue.QueueError as refused:
        card = queue.ticket_status(found)
        return render(
            "queue/ticket.html", "queue/_ticket.html", refused_status(), c=card, error=refused.message
        )
    if is_htmx():
        return render("queue/ticket.html", "queue/_ticket.html", 286, c=queue.ticket_status(found))
    return redirect(url_for("queue.ticket", token=found.token), code=303)


@bp.get("/board")
@public
def board():
    point = _point(request.args.get("point"))
    lang = current_language()
    content = board_content(point.id, point.slug, lang)
    view, slug, poll, hours = content
    if is_htmx():
        return _fragment("board", content)

    def page():
        return render(
            "queue/board.html", None, b=view, slug=slug, poll=poll, hours=hours, point=point, now=local_now()
        )

    return conditional(content, page, cache_control=BOARD_CACHE_CONTROL, page_extra=(point.id,))


@bp.get("/queue/answers")
@roles_required("admin")
def answer_stats():
    """This worker's answer cache: entries, bytes, hits and misses (each worker keeps its own)."""
    return jsonify(answers=answers.stats(), snapshots=snapshot.kept(), pid=os.getpid())
