"""Display preferences for older residents (large text, high contrast), kept in one cookie.

The choice becomes classes on <html>, never a different fragment, so htmx fragments and
their caches stay the same for everyone; full pages with an ETag fold `cache_key()` into it.
"""

COOKIE = "display"
OPTIONS = ("large", "contrast")
CLASSES = {"large": "app-large", "contrast": "app-contrast"}
MAX_AGE = 365 * 24 * 3600


def parse(raw):
    """The options a cookie value names; anything unknown is ignored."""
    return frozenset(part for part in (raw or "").split(".") if part in OPTIONS)


def serialise(chosen):
    return ".".join(option for option in OPTIONS if option in chosen)


def switched(chosen, option, on):
    """The options after turning `option` on or off."""
    return frozenset(chosen | {option}) if on else frozenset(chosen - {option})


def html_classes(chosen):
    return " ".join(CLASSES[option] for option in OPTIONS if option in chosen)


def cache_key(raw):
    """What of the cookie changes a full page: part of its ETag."""
    return serialise(parse(raw))
