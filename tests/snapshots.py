"""Saved database states restored before each test in milliseconds, instead of seeding again.

A state is saved once per session (the empty migrated schema, the seeded demo) and put back
whole before a test, so every test starts from the same rows whatever ran before it. A restore
replaces rows for every connection (the live server's thread, gunicorn workers, the throttles'
and visit counter's own connections), which a rolled-back outer transaction would not.

SQLite: the database file is copied to and from memory with SQLite's backup API.
PostgreSQL: each state is a copy of the tables in its own schema; a restore deletes every row
and copies the saved ones back with INSERT ... SELECT, in one transaction and one round trip.
"""

import sqlite3

from sqlalchemy import text

SCHEMA_PREFIX = "test_snapshot_"


class Snapshots:
    def __init__(self, engine, tables):
        self.engine = engine
        self.tables = list(tables)  # parents before children (metadata.sorted_tables)
        self.saved = {}  # name -> in-memory sqlite connection, or PostgreSQL schema name
        self.sqlite = engine.dialect.name == "sqlite"
        if self.sqlite:
            self.path = engine.url.database
        else:
            self._drop_leftovers()

    def __contains__(self, name):
        return name in self.saved

    def save(self, name):
        """Remember the database as it is now under `name`."""
        self.engine.dispose()  # no pooled connection in the middle of anything
        if self.sqlite:
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            with sqlite3.connect(self.path) as source:
                source.backup(memory)
            source.close()
            self.saved[name] = memory
            return
        schema = f"{SCHEMA_PREFIX}{len(self.saved)}"
        statements = [f'DROP SCHEMA IF EXISTS "{schema}" CASCADE', f'CREATE SCHEMA "{schema}"']
        statements += [f'CREATE TABLE "{schema}"."{t.name}" AS SELECT * FROM "{t.name}"' for t in self.tables]
        with self.engine.begin() as conn:
            conn.exec_driver_sql("; ".join(statements))
            filled = [
                t
                for t in self.tables
                if conn.exec_driver_sql(f'SELECT EXISTS (SELECT 1 FROM "{schema}"."{t.name}")').scalar()
            ]
        self.saved[name] = (schema, filled)

    def restore(self, name):
        """Put the database back as it was when `name` was saved."""
        saved = self.saved[name]
        if self.sqlite:
            target = sqlite3.connect(self.path, timeout=30)
            target.execute("PRAGMA synchronous=OFF")  # a test database: no need to wait for the disk
            try:
                saved.backup(target)
            finally:
                target.close()
            return
        schema, filled = saved
        statements = [f'DELETE FROM "{t.name}"' for t in reversed(self.tables)]
        statements += [f'INSERT INTO "{t.name}" SELECT * FROM "{schema}"."{t.name}"' for t in filled]
        with self.engine.begin() as conn:
            conn.exec_driver_sql("; ".join(statements))

    def _drop_leftovers(self):
        """Schemas an earlier, interrupted run left behind."""
        with self.engine.begin() as conn:
            names = conn.execute(
                text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :prefix"),
                {"prefix": SCHEMA_PREFIX + "%"},
            ).scalars()
            for schema in list(names):
                conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')

    def close(self):
        for saved in self.saved.values():
            if self.sqlite:
                saved.close()
        if not self.sqlite:
            self._drop_leftovers()
        self.saved.clear()
