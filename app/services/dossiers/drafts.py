"""Dossier drafts: started with a resume code, held by one browser session, saved step by step, submitted."""

import hmac
import re
import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select, update

from ...extensions import db
from ...models import Dossier
from ...models.dossier import CHANNELS
from ...timeutil import local_today, to_local, utcnow
from .. import throttle, workdays
from .rules import (
    LATE_BIRTH_DAYS,
    DossierError,
    add_event,
    commit_unique,
    form_kind,
    parse_vn_date,
    random_code,
)


def start_draft(procedure, point, channel="self", user=None, client_key=None):
    """A new draft with a resume code and a key for the browser session that holds it.

    Residents' own drafts (channel "self") are counted per address (`client_key`): each one
    is a row kept for weeks, so a script must not make them by the thousand.
    """
    if channel not in CHANNELS:
        raise DossierError("channel")
    if channel == "self" and client_key is not None:
        limit, window = current_app.config["DOSSIER_DRAFT_LIMIT"]
        if not throttle.hit(f"draft:{client_key}", limit, window):
            raise DossierError("throttled")
    dossier = Dossier(
        procedure=procedure,
        point=point,
        form_kind=form_kind(procedure),
        channel=channel,
        status="draft",
        created_by=user,
        answers={},
        draft_key=secrets.token_urlsafe(32),
    )
    db.session.add(dossier)

    def assign():
        dossier.resume_code = f"{random_code(4)}-{random_code(4)}"
        db.session.add(dossier)

    commit_unique(assign)
    return dossier


def draft_for_key(dossier_id, key):
    """The dossier this browser session holds, or None (wrong key, ended hand-over, purged)."""
    if not key:
        return None
    dossier = db.session.get(Dossier, dossier_id)
    if dossier is None or not dossier.draft_key or not hmac.compare_digest(dossier.draft_key, key):
        return None
    return dossier


def normalise_resume_code(raw):
    letters = re.sub(r"[^0-9A-Z]", "", (raw or "").upper())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else None


@dataclass
class Attempt:
    dossier: Dossier | None = None
    throttled: bool = False


def draft_by_resume_code(raw_code, client_key):
    """The draft with this resume code; tries count against one throttle (codes are secrets)."""
    limit, window = current_app.config["DOSSIER_RESUME_LIMIT"]
    if not throttle.hit(f"resume:{client_key}", limit, window):
        return Attempt(throttled=True)
    code = normalise_resume_code(raw_code)
    query = select(Dossier).filter_by(resume_code=code, status="draft")
    dossier = db.session.scalars(query).first() if code else None
    return Attempt(dossier=dossier)


def resume(raw_code, client_key):
    """Reopen a draft by its resume code in a new session; the old session's key stops working."""
    attempt = draft_by_resume_code(raw_code, client_key)
    if attempt.dossier is None:
        return attempt
    dossier = attempt.dossier
    dossier.draft_key = secrets.token_urlsafe(32)
    db.session.commit()
    return Attempt(dossier=dossier)


def release_drafts(keys):
    """End the hold of these session keys (shared PC hand-over): their pages stop opening."""
    keys = [k for k in keys if k]
    if keys:
        db.session.execute(
            update(Dossier)
            .where(Dossier.draft_key.in_(keys))
            .values(draft_key=None)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()


def save_step(dossier, step, values, complete):
    """Keep what was typed for `step` (valid or not) and whether the step is complete."""
    if dossier.status != "draft":
        raise DossierError("not_draft")
    answers = dossier.answers
    answers[step] = {k: v for k, v in values.items() if v not in (None, "")}
    done = set(answers.get("_done", []))
    (done.add if complete else done.discard)(step)
    answers["_done"] = sorted(done)
    dossier.answers = answers
    if step == "requester" and complete:
        dossier.applicant_name = values.get("full_name") or None
        dossier.applicant_phone = values.get("phone") or None
        dossier.applicant_id_number = values.get("id_number") or None
    db.session.commit()


def give_consent(dossier, purpose):
    if dossier.status != "draft":
        raise DossierError("not_draft")
    dossier.consent_at = utcnow()
    dossier.consent_purpose = purpose
    answers = dossier.answers
    answers["_done"] = sorted(set(answers.get("_done", [])) | {"consent"})
    dossier.answers = answers
    db.session.commit()


def missing_steps(dossier, steps):
    done = set(dossier.answers.get("_done", []))
    return [step for step in steps if step not in done]


def late_birth(dossier, on_day=None):
    """True when a birth is registered more than 60 days after it happened (a fee applies)."""
    if dossier.form_kind != "birth":
        return False
    born = parse_vn_date(dossier.answers.get("child", {}).get("date_of_birth"))
    on_day = on_day or (to_local(dossier.submitted_at).date() if dossier.submitted_at else local_today())
    return born is not None and (on_day - born).days > LATE_BIRTH_DAYS


def submit(dossier, steps, user=None):
    """Turn a complete draft into a submitted dossier with its code and a due date."""
    if dossier.status != "draft":
        raise DossierError("not_draft")
    if dossier.consent_at is None:
        raise DossierError("no_consent")
    if missing_steps(dossier, steps):
        raise DossierError("incomplete")
    now = utcnow()
    due = workdays.due_date(now, dossier.procedure.time_limit_days, dossier.point)
    late = late_birth(dossier, to_local(now).date())
    prefix = f"HS-{to_local(now):%y%m}-"

    def apply():
        # Whole mutation again after a (rare) code clash: the rollback expired the first try.
        dossier.status = "submitted"
        dossier.submitted_at = now
        dossier.resume_code = None
        dossier.due_date = due
        answers = dossier.answers
        answers["_late"] = late
        dossier.answers = answers
        dossier.code = prefix + random_code(4)
        add_event(dossier, "submitted", user=user, from_status="draft")

    commit_unique(apply)
    return dossier
