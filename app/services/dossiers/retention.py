"""Personal data kept no longer than needed: purged after the retention period, erased on withdrawal."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from ...extensions import db
from ...models import Dossier
from ...models.dossier import FINISHED
from ...timeutil import utcnow
from .. import audit
from .drafts import draft_by_resume_code
from .rules import DossierError, add_event, audit_change


def _anonymise(dossier, now):
    """Drop every personal field (answers, notes, codes that reopen it); the row stays for counts."""
    answers = dossier.answers
    keep = {k: answers[k] for k in ("_late", "_papers") if k in answers} if dossier.status != "draft" else {}
    if dossier.status == "draft":
        dossier.status = "cancelled"
        dossier.finished_at = now
        add_event(dossier, "cancelled", None, None, "draft")
    dossier.applicant_name = dossier.applicant_phone = dossier.applicant_id_number = None
    dossier.answers = keep
    dossier.supplement_request = None
    dossier.resume_code = dossier.draft_key = None
    dossier.anonymised = True
    for event in dossier.events:
        event.note = None


def purge_personal_data(older_than_days, now=None, draft_days=None):
    """Anonymise finished dossiers older than N days, and drafts untouched for DOSSIER_DRAFT_DAYS
    (or N, if shorter); rows stay for counts."""
    now = now or utcnow()
    cutoff = now - timedelta(days=older_than_days)
    if draft_days is None:
        draft_days = current_app.config.get("DOSSIER_DRAFT_DAYS", older_than_days)
    draft_cutoff = now - timedelta(days=min(draft_days, older_than_days))
    finished = select(Dossier).where(
        Dossier.anonymised.is_(False), Dossier.status.in_(FINISHED), Dossier.finished_at < cutoff
    )
    drafts = select(Dossier).where(
        Dossier.anonymised.is_(False), Dossier.status == "draft", Dossier.updated_at < draft_cutoff
    )
    count = 0
    for dossier in [*db.session.scalars(finished), *db.session.scalars(drafts)]:
        _anonymise(dossier, now)
        count += 1
    db.session.commit()
    return count


ERASE_FIELDS = ("status", "anonymised", "finished_at")


def erase(dossier, user=None, note=None):
    """Consent withdrawn: erase the personal data now and close the dossier, with history and audit.

    An open dossier becomes "withdrawn", a draft "cancelled"; a finished one keeps its status.
    The audit keeps which fields changed, never the erased values.
    """
    if dossier.anonymised:
        raise DossierError("already_erased")
    now = utcnow()
    before = audit.snapshot(dossier, ERASE_FIELDS)
    was_draft = dossier.status == "draft"
    _anonymise(dossier, now)
    if was_draft:
        dossier.events[-1].note = note or None
    elif dossier.status in FINISHED:
        add_event(dossier, dossier.status, note, user, dossier.status)
    else:
        from_status = dossier.status
        dossier.status = "withdrawn"
        dossier.finished_at = now
        add_event(dossier, "withdrawn", note, user, from_status)
    audit_change("dossier.erase", dossier, before, ERASE_FIELDS, user)
    db.session.commit()
    return dossier


def withdraw_draft(raw_code, client_key, note=None):
    """A resident withdraws consent for their own draft, proven by its resume code."""
    attempt = draft_by_resume_code(raw_code, client_key)
    if attempt.dossier is not None:
        erase(attempt.dossier, note=note)
    return attempt
