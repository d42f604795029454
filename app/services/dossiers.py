"""Dossiers: drafts and resume codes, submission, the status workflow, lookup and purging."""

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import case, func
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Dossier, DossierEvent
from ..models.dossier import CHANNELS, FINISHED
from ..timeutil import local_today, to_local, utcnow
from . import audit, throttle, workdays
from .text import normalise_phone

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


class DossierError(ValueError):
    """A move the rules refuse; `reason` is a short machine-readable word."""

    def __init__(self, reason, message=""):
        super().__init__(message or reason)
        self.reason = reason


def form_kind(procedure):
    return FORM_KINDS.get(procedure.code, "generic")


def _random(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def _event(dossier, status, note=None, user=None, from_status=None):
    dossier.events.append(
        DossierEvent(from_status=from_status, status=status, note=note or None, user=user, at=utcnow())
    )


def _commit_unique(assign, tries=8):
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


# --- drafts ---------------------------------------------------------------------------------


def start_draft(procedure, point, channel="self", user=None):
    """A new draft with a resume code and a key for the browser session that holds it."""
    if channel not in CHANNELS:
        raise DossierError("channel")
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
        dossier.resume_code = f"{_random(4)}-{_random(4)}"
        db.session.add(dossier)

    _commit_unique(assign)
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


def _draft_by_resume_code(raw_code, client_key):
    """The draft with this resume code; tries count against one throttle (codes are secrets)."""
    limit, window = current_app.config["DOSSIER_RESUME_LIMIT"]
    if not throttle.hit(f"resume:{client_key}", limit, window):
        return Attempt(throttled=True)
    code = normalise_resume_code(raw_code)
    dossier = Dossier.query.filter_by(resume_code=code, status="draft").first() if code else None
    return Attempt(dossier=dossier)


def resume(raw_code, client_key):
    """Reopen a draft by its resume code in a new session; the old session's key stops working."""
    attempt = _draft_by_resume_code(raw_code, client_key)
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
        Dossier.query.filter(Dossier.draft_key.in_(keys)).update(
            {"draft_key": None}, synchronize_session=False
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


def parse_vn_date(text):
    try:
        return datetime.strptime(text or "", "%d/%m/%Y").date()
    except ValueError:
        return None


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
        dossier.code = prefix + _random(4)
        _event(dossier, "submitted", user=user, from_status="draft")

    _commit_unique(apply)
    return dossier


# --- staff workflow -------------------------------------------------------------------------


def allowed_moves(dossier):
    return MOVES.get(dossier.status, ())


# Audited fields of a move; notes stay out of the log (they may name people, and the log
# outlives the retention purge).
MOVE_FIELDS = ("status", "due_date", "received_at", "finished_at")
FILING_FIELDS = ("channel", "portal_code")


def move(dossier, to_status, note=None, user=None, audited=True):
    """Move a dossier to `to_status` with a note, keeping the history; illegal moves raise."""
    note = (note or "").strip() or None
    if to_status not in allowed_moves(dossier):
        raise DossierError("illegal_move")
    if to_status in NOTE_REQUIRED and not note:
        raise DossierError("note_required")
    now = utcnow()
    before = audit.snapshot(dossier, MOVE_FIELDS)
    from_status = dossier.status
    dossier.status = to_status
    if to_status == "received":
        # The time limit counts from a complete dossier, also after a supplement.
        dossier.received_at = now
        dossier.due_date = workdays.due_date(now, dossier.procedure.time_limit_days, dossier.point)
    dossier.supplement_request = note if to_status == "supplement" else None
    if to_status in FINISHED:
        dossier.finished_at = now
    _event(dossier, to_status, note, user, from_status)
    if audited:
        audit.record(
            "dossier.status",
            "dossier",
            dossier.id,
            user=user,
            point_id=dossier.point_id,
            before=before,
            after=audit.snapshot(dossier, MOVE_FIELDS),
        )
    db.session.commit()
    return dossier


def record_filing(dossier, channel, portal_code, user=None):
    """Channel and national-portal code: together they give the ward's online-share figure."""
    if channel not in CHANNELS:
        raise DossierError("channel")
    portal_code = (portal_code or "").strip() or None
    before = audit.snapshot(dossier, FILING_FIELDS)
    changes = []
    if channel != dossier.channel:
        changes.append(f"channel: {dossier.channel} -> {channel}")
        dossier.channel = channel
    if portal_code != dossier.portal_code:
        changes.append(f"portal: {portal_code or '-'}")
        dossier.portal_code = portal_code
    if changes:
        _event(dossier, dossier.status, "; ".join(changes), user, dossier.status)
        audit.record(
            "dossier.update",
            "dossier",
            dossier.id,
            user=user,
            point_id=dossier.point_id,
            before=before,
            after=audit.snapshot(dossier, FILING_FIELDS),
        )
    db.session.commit()
    return dossier


def _paper_names(procedure):
    """The procedure's papers in Vietnamese (what is stored) with the words shown in this language."""
    stored = [line.strip(" -•\t") for line in (procedure.papers_vi or "").splitlines() if line.strip(" -•\t")]
    shown = procedure.paper_list()
    return list(zip(stored, shown if len(shown) == len(stored) else stored, strict=False))


def papers_checklist(dossier):
    """[(key, label, checked)]: the procedure's papers, and any ticked paper since removed from it."""
    checked = set(dossier.answers.get("_papers", []))
    rows = [(key, label, key in checked) for key, label in _paper_names(dossier.procedure)]
    known = {key for key, _label, _checked in rows}
    return rows + [(key, key, True) for key in sorted(checked - known)]


def check_papers(dossier, keys, user=None):
    """The desk ticks the originals it has checked; kept in the dossier, audited as an update."""
    allowed = [key for key, _label, _checked in papers_checklist(dossier)]
    keys = [key for key in allowed if key in set(keys)]
    before = {"papers_checked": dossier.answers.get("_papers", [])}
    if keys != before["papers_checked"]:
        answers = dossier.answers
        answers["_papers"] = keys
        dossier.answers = answers
        audit.record(
            "dossier.update",
            "dossier",
            dossier.id,
            user=user,
            point_id=dossier.point_id,
            before=before,
            after={"papers_checked": keys},
        )
    db.session.commit()
    return dossier


def record_view(dossier, user):
    """Staff opened a dossier's personal details: who saw what is logged (personal data law)."""
    audit.record("dossier.view", "dossier", dossier.id, user=user, point_id=dossier.point_id)
    db.session.commit()


def staff_list(point=None, status="open", today=None):
    """Dossiers for the staff list: overdue first, then by due date; drafts never show."""
    return _staff_query(point, status, today).all()


def staff_page(point=None, status="open", today=None, page=1, per_page=None):
    """One page of staff_list() (25 a page unless configured)."""
    per_page = per_page or current_app.config["DOSSIER_PAGE_SIZE"]
    return _staff_query(point, status, today).paginate(
        page=max(int(page or 1), 1), per_page=per_page, error_out=False
    )


def _staff_query(point, status, today):
    today = today or local_today()
    query = Dossier.query.filter(Dossier.status != "draft")
    if point is not None:
        query = query.filter(Dossier.point_id == point.id)
    if status == "open":
        query = query.filter(Dossier.status.in_(OPEN))
    elif status and status != "all":
        query = query.filter(Dossier.status == status)
    overdue = case((Dossier.status.in_(OPEN) & (Dossier.due_date < today), 0), else_=1)
    return query.order_by(
        overdue, Dossier.due_date.is_(None), Dossier.due_date, Dossier.submitted_at, Dossier.id
    )


def status_counts(point=None):
    query = db.session.query(Dossier.status, func.count(Dossier.id)).filter(Dossier.status != "draft")
    if point is not None:
        query = query.filter(Dossier.point_id == point.id)
    return dict(query.group_by(Dossier.status).all())


def is_overdue(dossier, today=None):
    return (
        dossier.status in OPEN
        and dossier.due_date is not None
        and dossier.due_date < (today or local_today())
    )


# --- lookup by residents ----------------------------------------------------------------------


def normalise_code(raw):
    letters = re.sub(r"[^0-9A-Z]", "", (raw or "").upper())
    if len(letters) == 10 and letters.startswith("HS"):
        return f"HS-{letters[2:6]}-{letters[6:]}"
    return None


def lookup(raw_code, raw_phone, client_key):
    """The dossier with this code *and* phone, or nothing: a wrong pair says no more than that."""
    ip_limit, ip_window = current_app.config["DOSSIER_LOOKUP_LIMIT"]
    code_limit, code_window = current_app.config["DOSSIER_LOOKUP_PER_CODE"]
    code = normalise_code(raw_code)
    # Counted whether or not the code exists, so the throttle itself reveals nothing.
    if not throttle.hit(f"lookup:ip:{client_key}", ip_limit, ip_window):
        return Attempt(throttled=True)
    if code and not throttle.hit(f"lookup:code:{code}", code_limit, code_window):
        return Attempt(throttled=True)
    phone = normalise_phone(raw_phone)
    if not code or not phone:
        return Attempt()
    dossier = Dossier.query.filter(Dossier.code == code, Dossier.status != "draft").first()
    stored = (dossier.applicant_phone or "") if dossier else "0000000000"
    if dossier is None or not hmac.compare_digest(stored, phone):
        return Attempt()
    return Attempt(dossier=dossier)


def timeline(dossier):
    """Status events (not filing edits) for residents, oldest first."""
    return [e for e in dossier.events if e.status != e.from_status]


# --- retention --------------------------------------------------------------------------------


def _anonymise(dossier, now):
    """Drop every personal field (answers, notes, codes that reopen it); the row stays for counts."""
    answers = dossier.answers
    keep = {k: answers[k] for k in ("_late", "_papers") if k in answers} if dossier.status != "draft" else {}
    if dossier.status == "draft":
        dossier.status = "cancelled"
        dossier.finished_at = now
        _event(dossier, "cancelled", None, None, "draft")
    dossier.applicant_name = dossier.applicant_phone = dossier.applicant_id_number = None
    dossier.answers = keep
    dossier.supplement_request = None
    dossier.resume_code = dossier.draft_key = None
    dossier.anonymised = True
    for event in dossier.events:
        event.note = None


def purge_personal_data(older_than_days, now=None):
    """Anonymise finished dossiers (and abandoned drafts) older than N days; rows stay for counts."""
    now = now or utcnow()
    cutoff = now - timedelta(days=older_than_days)
    finished = Dossier.query.filter(
        Dossier.anonymised.is_(False), Dossier.status.in_(FINISHED), Dossier.finished_at < cutoff
    )
    drafts = Dossier.query.filter(
        Dossier.anonymised.is_(False), Dossier.status == "draft", Dossier.updated_at < cutoff
    )
    count = 0
    for dossier in finished.all() + drafts.all():
        _anonymise(dossier, now)
        count += 1
    db.session.commit()
    return count


# --- consent withdrawn ------------------------------------------------------------------------

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
        _event(dossier, dossier.status, note, user, dossier.status)
    else:
        from_status = dossier.status
        dossier.status = "withdrawn"
        dossier.finished_at = now
        _event(dossier, "withdrawn", note, user, from_status)
    audit.record(
        "dossier.erase",
        "dossier",
        dossier.id,
        user=user,
        point_id=dossier.point_id,
        before=before,
        after=audit.snapshot(dossier, ERASE_FIELDS),
    )
    db.session.commit()
    return dossier


def withdraw_draft(raw_code, client_key, note=None):
    """A resident withdraws consent for their own draft, proven by its resume code."""
    attempt = _draft_by_resume_code(raw_code, client_key)
    if attempt.dossier is not None:
        erase(attempt.dossier, note=note)
    return attempt


def configure(app):
    app.config.setdefault("DOSSIER_LOOKUP_LIMIT", (10, 10 * 60))  # per address
    app.config.setdefault("DOSSIER_LOOKUP_PER_CODE", (5, 60 * 60))  # per dossier code
    app.config.setdefault("DOSSIER_RESUME_LIMIT", (10, 10 * 60))
    app.config.setdefault("DOSSIER_RETENTION_DAYS", 365)
    app.config.setdefault("ASSIST_IDLE_SECONDS", 5 * 60)
    app.config.setdefault("DOSSIER_PAGE_SIZE", 25)
