"""Notifications to residents (SMS, Zalo ZNS, web push): outbox, Huey workers, providers, delivery log."""


def init_app(app):
    from . import settings
    from .cli import notify_cli
    from .engine import configure

    settings.init_app(app)
    configure(app)
    app.cli.add_command(notify_cli)
