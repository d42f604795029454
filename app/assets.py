"""Static files: fingerprinted URLs and the stylesheet inlined under a CSP hash.

The stylesheet is small enough to inline in every page, which removes the only
render-blocking request on a slow phone; its sha256 goes into the CSP instead of
inline-style allowances.
"""

import base64
import hashlib
from functools import lru_cache

from markupsafe import Markup

from .config import ROOT

STATIC = ROOT / "static"


@lru_cache(maxsize=64)
def _fingerprint(path):
    return hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:12]


def asset_url(path):
    """/static/<path>?v=<hash>: the hash changes with the file, so caching for a year is safe."""
    return f"/static/{path}?v={_fingerprint(path)}"


@lru_cache(maxsize=16)
def _css(name):
    text = (STATIC / "css" / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return text, f"'sha256-{digest}'"


def inline_css(name="app.css"):
    return Markup(f"<style>{_css(name)[0]}</style>")


def style_hashes():
    return " ".join(_css(p.name)[1] for p in sorted((STATIC / "css").glob("*.css")))


def init_app(app):
    if app.debug:
        _fingerprint.cache_clear()
        _css.cache_clear()
    app.jinja_env.globals.update(asset_url=asset_url, inline_css=inline_css)
