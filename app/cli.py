"""Command-line tasks: `flask --app wsgi seed-demo`, `create-user`, `extra-opening`."""

import click
from sqlalchemy import select

from .extensions import db
from .models import ROLES, ServicePoint
from .services.points import default_point


def _point_option(slug):
    """The point named on the command line (or the default one), or a clear error."""
    if not slug:
        return default_point()
    point = db.session.scalar(select(ServicePoint).filter_by(slug=slug))
    if point is None:
        known = (
            ", ".join(db.session.scalars(select(ServicePoint.slug).order_by(ServicePoint.id))) or "none yet"
        )
        raise click.ClickException(f"No service point '{slug}' (known: {known}).")
    return point


def init_app(app):
    @app.cli.command("seed-demo")
    def seed_demo():
        """Create the Tân Giang TDP 12 demo (once); prints the passwords it creates."""
        from .demo import seed

        seed(echo=click.echo)

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", type=click.Choice(ROLES), required=True)
    @click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
    @click.option("--name", "full_name", default=None, help="Full name shown to colleagues.")
    @click.option("--point", "point_slug", default=None, help="Service point slug (staff, volunteers).")
    def create_user_command(username, role, password, full_name, point_slug):
        """Create a staff, volunteer or admin account."""
        from .services.accounts import AccountError, create_user

        point = None
        if role != "admin":
            point = _point_option(point_slug)
        try:
            user = create_user(username, role, password, full_name=full_name, point=point)
        except AccountError as error:
            raise click.ClickException(str(error))
        click.echo(f"Created {user.role} {user.username}.")

    @app.cli.command("backup-db")
    @click.argument("target", type=click.Path(dir_okay=False, writable=True))
    def backup_db(target):
        """Copy the SQLite database to TARGET safely while the app runs (single-PC setups)."""
        import sqlite3

        from flask import current_app

        url = current_app.config["SQLALCHEMY_DATABASE_URI"]
        if not url.startswith("sqlite:///"):
            raise click.ClickException("backup-db is for SQLite; for PostgreSQL use pg_dump (see README).")
        source = sqlite3.connect(url[len("sqlite:///") :])
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)  # consistent even with writers in WAL mode
        destination.close()
        source.close()
        click.echo(f"Backed up to {target}.")

    @app.cli.command("extra-opening")
    @click.option("--hours", type=click.FloatRange(0.25, 24), required=True)
    @click.option("--point", "point_slug", default=None)
    @click.option("--reason", default="Mở cửa bổ sung", help="Shown to residents (Vietnamese).")
    def extra_opening(hours, point_slug, reason):
        """Open the point now for HOURS more (campaign days, drills)."""
        from .services.schedule import add_extra_opening

        point = _point_option(point_slug)
        if point is None:
            raise click.ClickException("No service point: run seed-demo first.")
        row = add_extra_opening(point, hours, reason_vi=reason)
        click.echo(f"{point.name_vi}: open {row.date:%d/%m/%Y} {row.start:%H:%M}-{row.end:%H:%M}.")
