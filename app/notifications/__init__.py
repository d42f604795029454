"""Notifications to residents (SMS, Zalo ZNS, web push): outbox, Huey workers, providers, delivery log."""


def init_app(app):
    # queue_events hangs itself on the move record, dossier_events on the dossiers' history
    from . import dossier_events, queue_events, settings  # noqa: F401
    from .cli import notify_cli
    from .engine import configure

    settings.init_app(app)
    configure(app)
    app.cli.add_command(notify_cli)
