"""`flask notify worker` (the sending worker `make run` starts), `flask notify sweep`, `flask notify drain`."""

import click
from flask import current_app
from flask.cli import AppGroup

notify_cli = AppGroup("notify", help="Notification workers and chores.")


@notify_cli.command("worker")
@click.option("--threads", type=int, default=None, help="Sending threads (default NOTIFY_WORKER_THREADS).")
def worker(threads):
    """Run the Huey consumer: delivers queued notifications and sweeps the outbox every minute."""
    from .engine import huey

    consumer = huey.create_consumer(
        workers=threads or current_app.config["NOTIFY_WORKER_THREADS"],
        worker_type="thread",
        periodic=True,
        initial_delay=0.05,
        max_delay=1.0,
        check_worker_health=True,
    )
    click.echo(f"Notification worker: {type(huey.storage).__name__}, {consumer.workers} threads")
    consumer.run()


@notify_cli.command("sweep")
def sweep_command():
    """Queue every due message whose hand-off was lost (the worker does this every minute)."""
    from .sender import sweep

    click.echo(f"{sweep()} message(s) handed to the queue.")


@notify_cli.command("drain")
def drain_command():
    """Send everything queued now, in this process, then stop (no worker needed)."""
    from .engine import run_pending
    from .sender import sweep

    sweep()
    click.echo(f"{run_pending()} task(s) run.")
