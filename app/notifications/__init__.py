"""Notifications to residents (SMS, Zalo ZNS, web push): outbox, Huey workers, providers, delivery log."""


def init_app(app):
    from . import queue_events, settings  # noqa: F401 (queue_events hangs itself on the move record)
    from .cli import notify_cli
    from .engine import configure

    settings.init_app(app)
    configure(app)
    app.cli.add_command(notify_cli)
