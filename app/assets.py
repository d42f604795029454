"""Static files: fingerprinted URLs (the board's voice clips as one set) and the stylesheet inlined under a CSP hash.

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


@lru_cache(maxsize=1)
def voice_clips_version():
    """One fingerprint for the board's voice clips: re-voicing them changes every clip's URL."""
    digest = hashlib.sha256()
    for path in sorted((STATIC / "audio" / "vi").glob("*.mp3")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def init_app(app):
    if app.debug:
        _fingerprint.cache_clear()
        _css.cache_clear()
        voice_clips_version.cache_clear()
    app.jinja_env.globals.update(
        asset_url=asset_url, inline_css=inline_css, voice_clips_version=voice_clips_version
    )
