"""Tổ dân phố điện tử: the application factory."""

import logging
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix
from whitenoise import WhiteNoise

from .config import ROOT, Config
from .extensions import babel, compress, csrf, db, login_manager, migrate

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(config=None):
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=None,
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config or Config())
    Path(app.instance_path).mkdir(exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)

    from . import i18n

    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=lambda: "Asia/Ho_Chi_Minh")
    i18n.init_app(app)

    from .forms import wtforms_messages

    wtforms_messages.init_app(app)

    from . import assets, auth_roles, errors, request_hooks, security, templating

    assets.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    auth_roles.init_app(app)
    request_hooks.init_app(app)

    from .blueprints.admin import bp as admin_bp
    from .blueprints.appointments import bp as appointments_bp
    from .blueprints.auth import bp as auth_bp
    from .blueprints.complaints import bp as complaints_bp
    from .blueprints.desk import bp as desk_bp
    from .blueprints.display import bp as display_bp
    from .blueprints.dossiers import bp as dossiers_bp
    from .blueprints.kiosk import bp as kiosk_bp
    from .blueprints.kit import bp as kit_bp
    from .blueprints.notify import bp as notify_bp
    from .blueprints.outreach import bp as outreach_bp
    from .blueprints.portal import bp as portal_bp
    from .blueprints.public import bp as public_bp
    from .blueprints.queue import bp as queue_bp
    from .blueprints.reports import bp as reports_bp

    for blueprint in (
        public_bp,
        auth_bp,
        reports_bp,
        complaints_bp,
        portal_bp,
        queue_bp,
        desk_bp,
        dossiers_bp,
        appointments_bp,
        outreach_bp,
        notify_bp,
        display_bp,
        kit_bp,
        kiosk_bp,
    ):
        app.register_blueprint(blueprint)
    app.register_blueprint(admin_bp, url_prefix="/admin")

    from . import cli, notifications

    cli.init_app(app)
    notifications.init_app(app)

    if app.config.get("BEHIND_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    # Static files: fingerprinted URLs (see assets.py), so a year of caching is safe.
    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=str(ROOT / "static"),
        prefix="static/",
        max_age=365 * 24 * 3600,
        add_headers_function=_static_headers,
    )
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def _static_headers(headers, path, url):
    headers["X-Content-Type-Options"] = "nosniff"


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL lets readers (board, ticket pages) go on while one worker writes."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
