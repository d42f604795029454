"""Every personal field the app keeps, and the purge that erases them after the retention period.

PERSONAL lists, per model, each column that holds something about a resident and the value it
takes once erased (NOT NULL columns get ""); AGED says from which timestamp a row's retention
counts. `purge-personal-data` erases them all; tests/security/test_personal_data.py fails when
a model gains a column that looks personal and is in neither PERSONAL nor NOT_PERSONAL.
Dossiers are erased by services/dossiers/retention.py (drafts, events and history rules).
"""

from datetime import timedelta

from sqlalchemy import update

from ..extensions import db
from ..models import Appointment, Complaint, Dossier, DossierEvent, Rating, Ticket, TicketEvent
from ..models.notify import Notification, NotifySubscription
from ..timeutil import utcnow
from .dossiers import purge_personal_data as purge_dossiers

PERSONAL = {
    Dossier: {
        "applicant_name": None,
        "applicant_phone": None,
        "applicant_id_number": None,
        "answers": {},
        "supplement_request": None,
        "resume_code": None,
        "draft_key": None,
    },
    DossierEvent: {"note": None},
    # submission_key: a hash of the form's answers (name, phone), needed only for the seconds of a double tap
    Appointment: {"name": "", "phone": "", "submission_key": None},
    Ticket: {"phone": None, "submission_key": None},
    TicketEvent: {"note": None},
    Rating: {"comment": None},
    Complaint: {"text": ""},
    NotifySubscription: {"address": "", "push_p256dh": None, "push_auth": None},
    Notification: {"address": None},
}

# Columns whose names look personal but are not about residents: (table, column) -> why.
NOT_PERSONAL = {
    ("service_point", "name_vi"): "the point's name",
    ("service_point", "name_en"): "the point's name",
    ("service_point", "residential_group"): "the point's group",
    ("service_point", "address"): "the point's public address",
    ("service_point", "phone"): "the point's public phone",
    ("provider_token", "name"): "a provider's name",
    ("document", "original_name"): "a published document's file name",
    ("opening_session", "note_vi"): "a note on opening hours",
    ("opening_session", "note_en"): "a note on opening hours",
    ("post", "body_vi"): "published news",
    ("post", "body_en"): "published news",
    ("post", "body_format"): "published news",
    ("report_target", "note"): "staff's note on a target",
    ("team", "name_vi"): "a team's name",
    ("team", "name_en"): "a team's name",
    ("unit_name", "name"): "an administrative unit's name",
    ("user", "username"): "staff accounts: kept while the account exists",
    ("user", "full_name"): "staff accounts: kept while the account exists",
    ("audit_event", "username"): "staff actions, kept as the audit trail",
    ("audit_event", "ip"): "staff actions, kept as the audit trail",
    ("booking_settings", "max_per_phone"): "a setting",
    ("import_batch", "filename"): "staff's import file name",
    ("procedure", "name_vi"): "a procedure's name",
    ("procedure", "name_en"): "a procedure's name",
    ("procedure", "search_text"): "a procedure's search text",
    ("complaint", "note"): "staff's note on handling",
    ("notification", "to_masked"): "masked (…678) for the delivery log",
    ("kit_announcement", "text"): "a point's public announcement, written by staff",
    ("kit_announcement", "hours"): "a point's opening hours",
}


def _aged():
    """Model -> condition true for rows past the cutoff (a function of the cutoff datetime)."""
    return {
        Appointment: lambda cutoff: Appointment.day < cutoff.date(),
        Ticket: lambda cutoff: Ticket.issued_at < cutoff,
        TicketEvent: lambda cutoff: TicketEvent.at < cutoff,
        Rating: lambda cutoff: Rating.created_at < cutoff,
        Complaint: lambda cutoff: Complaint.received_at < cutoff,
        NotifySubscription: lambda cutoff: NotifySubscription.created_at < cutoff,
        Notification: lambda cutoff: Notification.created_at < cutoff,
    }


def purge(older_than_days, now=None):
    """Erase residents' personal fields older than N days everywhere; rows stay for the counts.

    Returns {table name: rows erased}.
    """
    now = now or utcnow()
    cutoff = now - timedelta(days=older_than_days)
    counts = {"dossier": purge_dossiers(older_than_days, now=now)}
    for model, condition in _aged().items():
        values = PERSONAL[model]
        still_there = [getattr(model, name) != value for name, value in values.items() if value is not None]
        still_there += [getattr(model, name).is_not(None) for name, value in values.items() if value is None]
        statement = (
            update(model)
            .where(condition(cutoff), db.or_(*still_there))
            .values(values)
            .execution_options(synchronize_session=False)
        )
        counts[model.__tablename__] = db.session.execute(statement).rowcount
    db.session.commit()
    return counts
