"""Dossier rules shared by the package: statuses staff may move between, codes, the history line."""

import secrets
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import DossierEvent
from ...timeutil import utcnow
from .. import audit

# No 0/O, 1/I/L: codes are read aloud and copied from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
FORM_KINDS = {
    "khai-sinh": "birth",
    "khai-tu": "death",
    "trich-luc-ho-tich": "extract",
    "xac-nhan-hon-nhan": "marital",
}
OPEN = ("submitted", "received", "processing", "supplement", "completed")
# Where staff may move a dossier from each status ("submitted" only comes from submit()).
MOVES = {
    "submitted": ("received", "supplement", "refused", "withdrawn"),
    "received": ("processing", "supplement", "completed", "refused", "withdrawn"),
    "processing": ("supplement", "completed", "refused", "withdrawn"),
    "supplement": ("received", "refused", "withdrawn"),
    "completed": ("returned",),
}
NOTE_REQUIRED = ("supplement", "refused")
LATE_BIRTH_DAYS = 60
# Called as listener(dossier, from_status, to_status) for each history line, in its transaction
# (notifications/dossier_events.py writes its outbox rows this way): they must not commit.
STATUS_LISTENERS = []


class DossierError(ValueError):
    """A move the rules refuse; `reason` is a short machine-readable word."""

    def __init__(self, reason, message=""):
        super().__init__(message or reason)
        self.reason = reason


def configure(app):
    app.config.setdefault("DOSSIER_LOOKUP_LIMIT", (10, 10 * 60))  # per address
    app.config.setdefault("DOSSIER_LOOKUP_PER_CODE", (5, 60 * 60))  # per dossier code
    app.config.setdefault("DOSSIER_RESUME_LIMIT", (10, 10 * 60))
    app.config.setdefault("DOSSIER_RETENTION_DAYS", 365)
    app.config.setdefault("DOSSIER_DRAFT_LIMIT", (20, 60 * 60))  # new anonymous drafts per address
    app.config.setdefault("DOSSIER_DRAFT_DAYS", 30)  # untouched drafts are erased after this
    app.config.setdefault("DOSSIER_PAGE_SIZE", 25)


def form_kind(procedure):
    return FORM_KINDS.get(procedure.code, "generic")


def random_code(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def add_event(dossier, status, note=None, user=None, from_status=None):
    dossier.events.append(
        DossierEvent(from_status=from_status, status=status, note=note or None, user=user, at=utcnow())
    )
    for listener in STATUS_LISTENERS:
        listener(dossier, from_status, status)


def audit_change(action, dossier, before, fields, user=None):
    """Log what a change did to `fields` of the dossier (values before and after, not notes)."""
    audit.record(
        action,
        "dossier",
        dossier.id,
        user=user,
        point_id=dossier.point_id,
        before=before,
        after=audit.snapshot(dossier, fields),
    )


def commit_unique(assign, tries=8):
    """Run `assign()` (which sets a random unique value) and commit; retry on a clash."""
    for attempt in range(tries):
        try:
            assign()
            db.session.commit()
            return
        except IntegrityError:
            db.session.rollback()
            if attempt == tries - 1:
                raise


def parse_vn_date(text):
    try:
        return datetime.strptime(text or "", "%d/%m/%Y").date()
    except ValueError:
        return None
