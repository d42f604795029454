"""Dossiers: what callers use of the package (drafts, staff workflow, the staff list, lookup, retention).

rules: statuses, codes, the history line; drafts: drafts, resume codes, submission;
workflow: staff's moves, filing, papers; listing: the staff list; lookup: residents'
lookup by code and phone; retention: purging and erasing personal data.
"""

from .drafts import (
    Attempt,
    draft_for_key,
    give_consent,
    late_birth,
    missing_steps,
    normalise_resume_code,
    release_drafts,
    resume,
    save_step,
    start_draft,
    submit,
)
from .listing import is_overdue, staff_list, staff_page, status_counts
from .lookup import lookup, normalise_code, timeline
from .retention import erase, purge_personal_data, withdraw_draft
from .rules import MOVES, OPEN, DossierError, configure, form_kind, parse_vn_date
from .workflow import allowed_moves, check_papers, move, papers_checklist, record_filing, record_view

__all__ = [
    "MOVES",
    "OPEN",
    "Attempt",
    "DossierError",
    "allowed_moves",
    "check_papers",
    "configure",
    "draft_for_key",
    "erase",
    "form_kind",
    "give_consent",
    "is_overdue",
    "late_birth",
    "lookup",
    "missing_steps",
    "move",
    "normalise_code",
    "normalise_resume_code",
    "papers_checklist",
    "purge_personal_data",
    "parse_vn_date",
    "record_filing",
    "record_view",
    "release_drafts",
    "resume",
    "save_step",
    "staff_list",
    "staff_page",
    "start_draft",
    "status_counts",
    "submit",
    "timeline",
    "withdraw_draft",
]
