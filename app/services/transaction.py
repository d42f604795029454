"""A change that stands or falls whole: one transaction around it."""

from contextlib import contextmanager

from ..extensions import db


@contextmanager
def all_or_nothing():
    """Commit what the block wrote; if anything in it fails, roll all of it back and let the error through."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
