"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from app import create_app
from app.config import TestConfig
from app.extensions import db


def test_the_models_and_the_migrated_database_agree(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"render_as_batch": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_have_a_single_head(app):
    script = ScriptDirectory(app.extensions["migrate"].directory)
    assert len(script.get_heads()) == 1, script.get_heads()


def test_a_sqlite_site_with_data_upgrades_through_table_rebuilds(tmp_path):
    """0028 rebuilds the user table (SQLite has no DROP COLUMN in batch mode); rows elsewhere point at
    users, and with foreign keys enforced SQLite refused to drop the old table."""
    site = create_app(TestConfig(f"sqlite:///{tmp_path / 'site.db'}"))
    with site.app_context():
        directory = site.extensions["migrate"].directory
        upgrade(directory=directory, revision="0027_notify_dossiers")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO user (id, username, password_hash, role, active, failed_logins, session_version)"
                " VALUES (1, 'hoa', 'x', 'staff', 1, 0, 1)"
            )
            conn.exec_driver_sql(
                "INSERT INTO audit_event (at, user_id, action, record_type) VALUES ('2026-11-26', 1, 'auth.login', 'user')"
            )
        upgrade(directory=directory, revision="heads")
        with db.engine.connect() as conn:
            kept = conn.exec_driver_sql(
                "SELECT user.username FROM audit_event JOIN user ON user.id = audit_event.user_id"
            ).scalars()
            assert list(kept) == ["hoa"]
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.engine.dispose()
