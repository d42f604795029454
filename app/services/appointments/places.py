"""A slot's places: taken and given back on its counter row, inside the caller's transaction.

A place is taken by a conditional UPDATE on the slot's counter row, so capacity holds across
gunicorn workers and app instances on SQLite and PostgreSQL.
"""

from sqlalchemy import update

from ...extensions import db
from ...models import SlotCounter
from ..sqlfuncs import upsert_insert


def take_place(point_id, team_id, day, start, capacity):
    """+1 on the slot's counter unless it is full; False when it is. Runs in the caller's transaction."""
    create = (
        upsert_insert(SlotCounter)
        .values(team_id=team_id, day=day, start=start, point_id=point_id, booked=0)
        .on_conflict_do_nothing(index_elements=["team_id", "day", "start"])
    )
    db.session.execute(create)
    taken = db.session.execute(
        update(SlotCounter)
        .where(
            SlotCounter.team_id == team_id,
            SlotCounter.day == day,
            SlotCounter.start == start,
            SlotCounter.booked < capacity,
        )
        .values(booked=SlotCounter.booked + 1)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def release_place(team_id, day, start):
    db.session.execute(
        update(SlotCounter)
        .where(
            SlotCounter.team_id == team_id,
            SlotCounter.day == day,
            SlotCounter.start == start,
            SlotCounter.booked > 0,
        )
        .values(booked=SlotCounter.booked - 1)
        .execution_options(synchronize_session=False)
    )
