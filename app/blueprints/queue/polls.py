"""The lean poll path: a WSGI layer in front of Flask that answers htmx polls from the answer cache.

Phones and boards poll every 5 s, so these answers are the hot path. A `GET /t/<token>` or
`GET /board?point=<slug>` with `HX-Request: true` is answered here without Flask's session,
sign-in, Babel negotiation (the `lang` cookie decides, as i18n.select_locale does), CSRF or
the visit counter: the card or board value comes from the point-day snapshot, and the bytes
from answers.py; a first answer for a new card is rendered here, with no request context, by
`fragment()`, the renderer the Flask route uses too. Whatever this layer is not sure of goes on
to Flask, which keeps every guard: an unknown token or point (404), a sick database (503,
logged), any other error (logged). Both paths serve the same answer objects, so status and body
agree (tests/queue/test_lean_polls.py); QUEUE_LEAN_POLLS = False turns the layer off.
"""

import logging
import re
import threading
from urllib.parse import unquote

from flask import current_app
from flask_babel import force_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.http import parse_cookie

from ...extensions import db
from ...i18n import COOKIE
from ...models import ServicePoint
from ...services import queue, schedule
from ...services.queue import fresh
from ...services.queue.cards import board_hours as board_hours_of
from ...templating import weekday_names
from ...timeutil import local_now
from .answers import answer_key, cached_answer, negotiate, store_answer
from .conditional import matching

log = logging.getLogger(__name__)

TICKET_PATH = re.compile(r"/t/([A-Za-z0-9_-]{1,32})")
BOARD_QUERY = re.compile(r"point=([a-z0-9-]{1,60})")
BOARD_POLL_OPEN = 5  # seconds: a call shows within a few seconds...
BOARD_POLL_CLOSED = 60  # ...and a board left on overnight costs next to nothing
TICKET_CACHE_CONTROL = "private, no-cache"
BOARD_CACHE_CONTROL = "no-cache"

_lock = threading.Lock()
# Per-process copies, each replaced whole (never edited in place) so threads never see half of one.
_slugs = (None, {})  # (versions read count, {slug: point id})
_hours = {}  # (point id, language) -> ((minute, point's version), BoardHours)


def point_id_for(slug):
    """Active point ids by slug, read again when the queue versions are (at most once a second)."""
    global _slugs
    reads = fresh.reads()
    seen, ids = _slugs
    if seen != reads or slug not in ids:
        # A slug already known is answered while another thread reads them all again.
        if not _lock.acquire(blocking=slug not in ids):
            return ids.get(slug)
        try:
            rows = db.session.execute(
                select(ServicePoint.slug, ServicePoint.id).where(ServicePoint.active)
            ).all()
            ids = dict(rows)
            _slugs = (reads, ids)
        finally:
            _lock.release()
    return ids.get(slug)


def board_hours(point, lang):
    """Is the point open now, and if not what its board says (services/queue/cards.BoardHours).

    Worked out once per point, language and minute, and again after a move at the point (its
    version): not on every poll of 200 boards, each once a second when keyed on the versions' reads."""
    point_id = point if isinstance(point, int) else point.id
    now = local_now()
    stamp = (int(now.timestamp() // 60), fresh.version_of(point_id, now.date()))
    seen = _hours.get((point_id, lang))
    if seen is not None and seen[0] == stamp:
        return seen[1]
    found = point if not isinstance(point, int) else db.session.get(ServicePoint, point_id)
    with force_locale(lang):  # a closure's reason and the weekday in the board's language
        hours = board_hours_of(schedule.status(found), weekday_names())
    _hours[(point_id, lang)] = (stamp, hours)  # one entry per point and language, replaced whole
    return hours


def board_poll_seconds(hours):
    """How often the board asks for news: often while the point is open, rarely when closed."""
    return (
        current_app.config.get("QUEUE_POLL_SECONDS", BOARD_POLL_OPEN) if hours.is_open else BOARD_POLL_CLOSED
    )


def ticket_content(token, lang):
    return queue.card_for_token(token, lang)


def board_content(point_id, slug, lang):
    """What a board shows, the key of its answer: the queue, the point's hours (open, or closed
    until when: the TV must not invite people to take a number then), and the poll rate."""
    hours = board_hours(point_id, lang)
    return (queue.board_of(point_id, lang), slug, board_poll_seconds(hours), hours)


def fragment(kind, content, lang, script_root=""):
    """(status, HTML, Cache-Control) of a polled fragment: the one renderer of both poll paths.

    It needs no request: links are built under `script_root` (where the app is mounted)."""
    if kind == "ticket":
        # 286 tells htmx to stop polling: the visit is over.
        status = 286 if content.is_finished else 200
        return status, _render("queue/_ticket.html", lang, script_root, c=content), TICKET_CACHE_CONTROL
    view, slug, poll, hours = content
    html = _render("queue/_board.html", lang, script_root, b=view, slug=slug, poll=poll, hours=hours)
    return 200, html, BOARD_CACHE_CONTROL


_catalogs = {}  # language -> (gettext, ngettext) as the templates call them


def _catalog(lang):
    """`_()` and `ngettext()` of one language, bound to its catalog once per process: a render
    looks nothing up through Flask-Babel's request state. They behave as the callables Flask-Babel
    installs (Jinja's "newstyle" i18n: translated, marked safe when autoescaping, %-formatted)."""
    calls = _catalogs.get(lang)
    if calls is None:
        with force_locale(lang):
            translations = get_translations()

        @pass_context
        def gettext(context, string, **variables):
            text = translations.ugettext(string)
            return (Markup(text) if context.eval_ctx.autoescape else text) % variables

        @pass_context
        def ngettext(context, singular, plural, num, **variables):
            variables.setdefault("num", num)
            text = translations.ungettext(singular, plural, num)
            return (Markup(text) if context.eval_ctx.autoescape else text) % variables

        calls = _catalogs[lang] = (gettext, ngettext)
    return calls


def _render(template, lang, script_root, **values):
    """A fragment's template with only its own values and Flask's `config`: no request, session,
    context processors or template signals, none of whose values a fragment reads."""
    app = current_app._get_current_object()
    gettext, ngettext = _catalog(lang)
    links = app.url_map.bind("localhost", script_name=script_root or "/")  # paths only, never the host

    def url_for(endpoint, **arguments):
        app.inject_url_defaults(endpoint, arguments)
        return links.build(endpoint, arguments)

    template = app.jinja_env.get_template(template)
    return template.render(gettext=gettext, ngettext=ngettext, url_for=url_for, **values)


def language(app, cookie_header):
    chosen = parse_cookie(cookie_header or "").get(COOKIE)
    return chosen if chosen in app.config["LANGUAGES"] else app.config["BABEL_DEFAULT_LOCALE"]


class LeanPolls:
    """Answers htmx polls of ticket cards and boards from the answer cache; the rest goes to Flask."""

    def __init__(self, app):
        self.app = app
        self.next = app.wsgi_app

    def __call__(self, environ, start_response):
        if not (
            environ.get("REQUEST_METHOD") == "GET"
            and environ.get("HTTP_HX_REQUEST") == "true"
            and self.app.config.get("QUEUE_LEAN_POLLS", True)
        ):
            return self.next(environ, start_response)
        with self.app.app_context():  # one context for the key, the cache and a first render
            key = answer = None
            try:
                key = self._key(environ)
            except Exception:  # a sick database, a bug: Flask answers, with its guards and its log
                log.warning("lean poll fell back to Flask for %s", environ.get("PATH_INFO"), exc_info=True)
            if key is not None:
                answer = cached_answer(key) or self._render(key)
        if key is None:
            return self.next(environ, start_response)
        if answer is None:
            return self._through_flask(environ, start_response, key)
        return self._send(answer, environ, start_response)

    def _render(self, key):
        """A first answer, rendered here, in the app context alone (no request context, hooks,
        session or sign-in lookup; the language from the lang cookie)."""
        kind, content, lang, _encoding, root = key
        try:
            return store_answer(key, *fragment(kind, content, lang, root))
        except Exception:
            log.warning("lean poll render fell back to Flask for %s/%s", root, kind, exc_info=True)
            return None

    def _key(self, environ):
        """The answer key of this poll (answers.answer_key), or None when Flask must answer."""
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        ticket = TICKET_PATH.fullmatch(path)
        board = path == "/board" and BOARD_QUERY.fullmatch(unquote(query))
        if not (ticket and not query) and not board:
            return None
        lang = language(self.app, environ.get("HTTP_COOKIE"))
        encoding = negotiate(environ.get("HTTP_ACCEPT_ENCODING"))
        root = environ.get("SCRIPT_NAME", "").rstrip("/")  # as Flask's request.script_root
        if ticket:
            content = ticket_content(ticket.group(1), lang)
            return None if content is None else answer_key("ticket", content, lang, encoding, root)
        slug = board.group(1)
        point_id = point_id_for(slug)
        if point_id is None:
            return None
        return answer_key("board", board_content(point_id, slug, lang), lang, encoding, root)

    def _through_flask(self, environ, start_response, key):
        """A first answer: Flask renders and stores it; it is then sent like every later one."""
        captured = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers, exc_info=exc_info)
            return lambda data: captured.setdefault("written", []).append(data)

        result = self.next(environ, capture)
        try:
            body = captured.get("written", []) + list(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        answer = cached_answer(key, count=False)
        status_code = int(captured["status"].split()[0])
        if answer is not None and status_code in (200, 286, 304):
            return self._send(answer, environ, start_response)
        start_response(captured["status"], captured["headers"], captured.get("exc_info"))
        return body

    @staticmethod
    def _send(answer, environ, start_response):
        if matching(environ.get("HTTP_IF_NONE_MATCH"), answer.etag):
            start_response("304 Not Modified", answer.headers(not_modified=True))
            return []
        start_response(
            f"{answer.status} {'OK' if answer.status == 200 else 'Stop Polling'}", answer.headers()
        )
        return [answer.body]
