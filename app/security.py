"""Security headers for every response (a strict CSP with hashes, framing, sniffing, referrer) and cookie names."""

from flask import request

from .assets import style_hashes

NO_STORE_BLUEPRINTS = ("admin", "reports")


def _cookie_names(app):
    """`__Host-session` over HTTPS: only this host can set it, Secure with Path=/, never a sibling subdomain.

    Renaming the cookie signs everyone out once, when HTTPS is first turned on (README says so).
    """
    if app.config.get("SESSION_COOKIE_SECURE") and app.config.get("SESSION_COOKIE_NAME") == "session":
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
        app.config["SESSION_COOKIE_DOMAIN"] = None
        app.config["SESSION_COOKIE_PATH"] = "/"


def init_app(app):
    _cookie_names(app)
    from . import db_deadlines, input_guard

    input_guard.init_app(app)
    db_deadlines.init_app(app)
    csp = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            f"style-src 'self' {style_hashes()}",
            "img-src 'self' data:",
            "media-src 'self' data: blob:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    @app.after_request
    def set_headers(response):
        if response.status_code == 304:
            # A 304 keeps the headers of the cached 200; repeating ~700 bytes of policy on
            # every poll of an idle board would cost more than the poll itself.
            return response
        headers = response.headers
        headers.setdefault("Content-Security-Policy", csp)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.blueprint in NO_STORE_BLUEPRINTS or "attachment" in headers.get("Content-Disposition", ""):
            # Administration and reports, and every download (CSV, xlsx, receipts): personal and
            # internal data that a shared PC's browser or a proxy must not keep.
            headers["Cache-Control"] = "no-store"
        return response
