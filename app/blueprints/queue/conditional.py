"""ETags for polled pages: an unchanged ticket or board costs a bodiless 304.

The tag is a hash of what the page shows (a service "state" tuple), the language and
whether the page or the htmx fragment was asked for, so it is computed without rendering.
Flask-Compress turns a strong tag "abc" into "abc:br" / "abc:gzip" on compressed bodies;
browsers send that form back, so both forms match here.
"""

import hashlib

from flask import make_response, request, session

from ...htmx import is_htmx
from ...models.base import current_language
from ...services import display

VERSION = "q1"  # bump when the templates change what a state renders to
ENCODINGS = (":br", ":gzip", ":deflate", ":zstd")


def etag_for(state, page_extra=()):
    parts = (VERSION, state, current_language(), is_htmx())
    if not is_htmx():
        # The full page also carries the session's CSRF token, sign-in state and display classes.
        parts += (
            session.get("csrf_token"),
            display.cache_key(request.cookies.get(display.COOKIE)),
            *page_extra,
        )
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:20]


def _matching(header, tag):
    """The tag as the client sent it, when it names our current representation."""
    if not header:
        return None
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


def conditional(state, build, cache_control="no-cache", page_extra=()):
    """A 304 when the client already has this state, else build() with the ETag set."""
    tag = etag_for(state, page_extra)
    matched = _matching(request.headers.get("If-None-Match"), tag)
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
