"""Absolute links for what leaves the site: share cards, QR codes, printed posters."""

import hashlib

from . import schedule


def absolute_url(path, configured_base, request_base):
    """`path` on the public address (PUBLIC_BASE_URL when set, else the host the request came to)."""
    base = (configured_base or request_base or "").rstrip("/")
    return base + path


def week_of(point, on=None):
    """{weekday: [(start, end), ...]} of the regular sessions in force (the Saturday one included)."""
    return {
        day: [(s.start, s.end) for s in sessions]
        for day, sessions in schedule.weekly_hours(point, on).items()
    }


def hours_version(point, on=None):
    """Changes when the hours do: share cards and printed matter are regenerated, caches renewed."""
    return hashlib.sha1(repr(sorted(week_of(point, on).items())).encode()).hexdigest()[:10]
