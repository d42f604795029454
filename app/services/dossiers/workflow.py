"""Staff's work on a dossier: status moves with history, filing channel, papers checked, views logged."""

from ...extensions import db
from ...models.dossier import CHANNELS, FINISHED
from ...timeutil import utcnow
from .. import audit, workdays
from .rules import MOVES, NOTE_REQUIRED, DossierError, add_event, audit_change


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
    add_event(dossier, to_status, note, user, from_status)
    if audited:
        audit_change("dossier.status", dossier, before, MOVE_FIELDS, user)
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
        add_event(dossier, dossier.status, "; ".join(changes), user, dossier.status)
        audit_change("dossier.update", dossier, before, FILING_FIELDS, user)
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
