"""A watcher over every SQL statement: a transaction that writes tickets must also bump a version."""

import re

from sqlalchemy import event

TICKET_WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?ticket\"?[\s(]", re.I)
BUMP = re.compile(r"^\s*INSERT\s+INTO\s+\"?queue_version\"?[\s(]", re.I)


class MoveWatcher:
    """Collects, per committed transaction, ticket writes that came without a version bump."""

    def __init__(self, engine):
        self.engine = engine
        self.unrecorded = []

    def _state(self, conn):
        return conn.info.setdefault(("move_watch", id(self)), {"writes": [], "bumped": False})

    def before_cursor_execute(self, conn, cursor, statement, parameters, context, executemany):
        state = self._state(conn)
        if TICKET_WRITE.match(statement):
            state["writes"].append(statement.split("\n")[0][:120])
        elif BUMP.match(statement):
            state["bumped"] = True

    def commit(self, conn):
        state = conn.info.pop(("move_watch", id(self)), None)
        if state and state["writes"] and not state["bumped"]:
            self.unrecorded.extend(state["writes"])

    def rollback(self, conn):
        conn.info.pop(("move_watch", id(self)), None)

    def __enter__(self):
        for name in ("before_cursor_execute", "commit", "rollback"):
            event.listen(self.engine, name, getattr(self, name))
        return self

    def __exit__(self, *exc):
        for name in ("before_cursor_execute", "commit", "rollback"):
            event.remove(self.engine, name, getattr(self, name))
