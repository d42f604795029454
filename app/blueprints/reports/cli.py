"""`flask rollup-reports`: roll up past service days for the reports (run nightly)."""

from datetime import datetime, timedelta

import click

from ...services.reports import dossier_rollups, rollups
from ...timeutil import local_today
from . import bp


@bp.cli.command("rollup-reports")
@click.option("--since", default=None, help="Recompute every day from this date (YYYY-MM-DD or dd/mm/yyyy).")
def rollup_reports(since):
    """Roll up past service days for the reports (run nightly).

    Without --since: every past day not rolled up yet, and the last few days again.
    """
    yesterday = local_today() - timedelta(days=1)
    if since:
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                first = datetime.strptime(since, pattern).date()
                break
            except ValueError:
                continue
        else:
            raise click.BadParameter("a date like 2026-11-01 or 01/11/2026", param_hint="--since")
        done = rollups.rollup_range(first, yesterday, echo=click.echo)
        done += dossier_rollups.rollup_dossier_range(first, yesterday, echo=click.echo)
    else:
        first = rollups.first_ticket_day() or yesterday
        recent = yesterday - timedelta(days=rollups.RECOMPUTE_DAYS - 1)
        done = rollups.rollup_range(
            first, min(yesterday, recent - timedelta(days=1)), missing_only=True, echo=click.echo
        )
        done += rollups.rollup_range(max(first, recent), yesterday, echo=click.echo)
        # Dossier days are dropped whenever their dossiers change, so missing ones are all there is to do.
        first_dossier = dossier_rollups.first_dossier_day() or yesterday
        done += dossier_rollups.rollup_dossier_range(
            first_dossier, yesterday, missing_only=True, echo=click.echo
        )
    click.echo(f"{done} point-day(s) rolled up.")
