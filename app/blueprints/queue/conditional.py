"""ETags for polled pages: an unchanged ticket or board costs a bodiless 304.

The tag hashes what the page shows (a card or board value from services/queue/cards.py),
the language, and for the full page the session's CSRF token and sign-in state; the salt
is a hash of the templates (answers.SALT). It is computed without rendering.
Compressed answers carry "tag:br" / "tag:gzip" (as Flask-Compress writes them); browsers
send that form back, so both forms match here.
"""

from flask import make_response, request, session

from ...models.base import current_language
from ...services import display
from .answers import etag_for

ENCODINGS = (":br", ":gzip", ":deflate", ":zstd")


def page_etag(content, page_extra=()):
    # The full page also carries the session's CSRF token, sign-in state and display classes.
    extra = (session.get("csrf_token"), display.cache_key(request.cookies.get(display.COOKIE)), *page_extra)
    return etag_for(content, current_language(), False, extra)


def matching(header, tag):
    """The tag as the client sent it, when it names our current representation."""
    if not header:
        return None
    tag = tag.split(":")[0]
    for raw in header.split(","):
        candidate = raw.strip()
        if candidate == "*":
            return f'"{tag}"'
        bare = candidate[2:] if candidate.startswith("W/") else candidate
        bare = bare.strip('"')
        for suffix in ENCODINGS:
            if bare.endswith(suffix):
                bare = bare[: -len(suffix)]
                break
        if bare == tag:
            return candidate
    return None


def conditional(content, build, cache_control="no-cache", page_extra=()):
    """The full page: a 304 when the client already has this content, else build() with the ETag set."""
    tag = page_etag(content, page_extra)
    matched = matching(request.headers.get("If-None-Match"), tag)
    if matched:
        response = make_response("", 304)
        response.headers["ETag"] = matched
        response.headers.pop("Content-Type", None)
        response.headers["Cache-Control"] = cache_control
        response.vary.add("HX-Request")
        return response
    response = build()
    response.set_etag(tag)
    response.headers["Cache-Control"] = cache_control
    return response
