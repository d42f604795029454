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
    """Anonymise finished dossiers' personal fields; the rows stay for the reports' counts."""
    count = dossier_service.purge_personal_data(days)
    click.echo(f"Anonymised {count} dossier(s) finished more than {days} days ago.")


from . import assist, residents, routes, staff  # noqa: E402,F401
