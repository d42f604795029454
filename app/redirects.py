"""Where a `next` parameter may send people: a path on this site, judged as a browser would resolve it."""

import unicodedata
from urllib.parse import unquote, urljoin, urlsplit

# A host no one can own: a target that still resolves to it after a browser's own clean-up is local.
_PROBE_BASE = "http://tdp.invalid/some/page"
_PROBE_HOST = "tdp.invalid"
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # controls, format marks (bidi), line/paragraph separators


def _has_forbidden_character(text):
    """Controls (tab, CR/LF, NUL...), invisible format marks and backslashes.

    Browsers drop tab and newlines anywhere in a URL and read `\\` as `/`, so `/\\t/evil`
    or `/\\evil` become `//evil` (another site) after our check; they never belong in a path
    we send people to.
    """
    return any(char == "\\" or unicodedata.category(char) in _INVISIBLE for char in text)


def is_local_path(target):
    """True when `target` is a path on this site whatever a browser or a second decoding makes of it."""
    if not isinstance(target, str) or not target.startswith("/") or len(target) > 2000:
        return False
    # Judge every decoding a later hop could apply (%2F%2F, %5C, %09 ... and doubled encodings).
    seen = target
    for _ in range(3):
        if _has_forbidden_character(seen):
            return False
        path = seen.lstrip()
        if path.startswith("//") or not path.startswith("/"):
            return False
        decoded = unquote(seen)
        if decoded == seen:
            break
        seen = decoded
    else:
        return False  # still decoding after three rounds: not something our own links produce
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return False
    # Last word to the URL resolver itself (IDN dots, userinfo and the like end up in a host here).
    return urlsplit(urljoin(_PROBE_BASE, target)).hostname == _PROBE_HOST


def safe_next(target, default="/"):
    """`target` when it is a local path, else `default` (open redirects, header injection)."""
    return target if is_local_path(target) else default
