"""Dossiers: the wizard, the receipt, lookup by code, the staff workflow and shared-PC mode."""

import click
from flask import Blueprint

from ...services import dossiers as dossier_service

# cli_group=None: `flask --app wsgi purge-personal-data` sits beside the other top-level commands.
bp = Blueprint("dossiers", __name__, cli_group=None)


@bp.record_once
def _configure(state):
    dossier_service.configure(state.app)


@bp.cli.command("purge-personal-data")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    required=True,
    help="Anonymise dossiers finished (or drafts left) more than DAYS days ago.",
)
def purge_personal_data(days):
    """Erase residents' personal fields (dossiers, bookings, tickets, ratings, complaints, notifications)."""
    from ...services import personal_data

    counts = personal_data.purge(days)
    click.echo(f"Anonymised {counts['dossier']} dossier(s) finished more than {days} days ago.")
    click.echo("Personal fields erased: " + ", ".join(f"{table} {n}" for table, n in counts.items()))


from . import handover, residents, routes, staff  # noqa: E402,F401
