"""SQL expressions the reports need, compiled for SQLite and PostgreSQL alike."""

from sqlalchemy import Date, Integer
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class seconds_between(FunctionElement):
    """Whole seconds from `earlier` to `later` (two naive timestamp columns)."""

    type = Integer()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between)
def _seconds_between_default(element, compiler, **kw):
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(ROUND(EXTRACT(EPOCH FROM ({later} - {earlier}))) AS INTEGER)"


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element, compiler, **kw):
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(ROUND((julianday({later}) - julianday({earlier})) * 86400) AS INTEGER)"


class weekday_of(FunctionElement):
    """0 = Monday ... 6 = Sunday for a DATE column (as Python's date.weekday())."""

    type = Integer()
    name = "weekday_of"
    inherit_cache = True


@compiles(weekday_of)
def _weekday_default(element, compiler, **kw):
    day = compiler.process(next(iter(element.clauses)), **kw)
    return f"(CAST(EXTRACT(ISODOW FROM {day}) AS INTEGER) - 1)"


@compiles(weekday_of, "sqlite")
def _weekday_sqlite(element, compiler, **kw):
    day = compiler.process(next(iter(element.clauses)), **kw)
    return f"((CAST(strftime('%w', {day}) AS INTEGER) + 6) % 7)"


class local_date_of(FunctionElement):
    """The Asia/Ho_Chi_Minh calendar date of a naive UTC timestamp column.

    Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact.
    """

    type = Date()
    name = "local_date_of"
    inherit_cache = True


@compiles(local_date_of)
def _local_date_default(element, compiler, **kw):
    at = compiler.process(next(iter(element.clauses)), **kw)
    return f"CAST(({at} + INTERVAL '7 hours') AS DATE)"


@compiles(local_date_of, "sqlite")
def _local_date_sqlite(element, compiler, **kw):
    at = compiler.process(next(iter(element.clauses)), **kw)
    return f"date({at}, '+7 hours')"


def upsert_insert(table, engine=None):
    """An INSERT with ON CONFLICT (`.on_conflict_do_update/do_nothing`) for the engine's dialect.

    SQLite and PostgreSQL spell ON CONFLICT the same way, but SQLAlchemy builds it from each
    dialect's own `insert`. `engine` defaults to the app's.
    """
    from ..extensions import db

    dialect = (engine or db.engine).dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(table)
