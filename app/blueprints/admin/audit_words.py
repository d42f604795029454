"""The audit log in words: "Nguyễn Văn A moved dossier HS-… to Result returned", details kept aside.

Each event becomes one sentence (who, what, which record) and a list of changed fields
(field, before, after) shown behind a disclosure. Records are named by what people know them by
(a dossier's code, a ticket's label, a user's name), looked up once for the whole page.
The details speak the page's language too: field names in words, the codes of statuses, desk
states and channels by the wording the rest of the app gives them, stored UTC times as local
"HH:MM dd/mm/yyyy".
"""

import json
import re
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...i18n import date_vn, datetime_vn
from ...models import ClosedDay, Dossier, Procedure, ServicePoint, Ticket, User
from ...models.appointment import STATUS_NAMES as BOOKING_STATUSES
from ...models.queue import CHANNEL_NAMES as TICKET_CHANNELS
from ...models.queue import PRIORITY_NAMES
from ...models.queue import STATUS_NAMES as TICKET_STATUSES
from ...services.desk_state import STATE_NAMES as DESK_STATES
from ..dossiers.labels import CHANNEL as DOSSIER_CHANNELS
from ..dossiers.labels import STATUS as STATUS_LABELS  # the one wording of dossier statuses

# (record type, field) -> the wording of its codes, kept where the rest of the app shows them
CODE_WORDS = {
    ("dossier", "status"): STATUS_LABELS,
    ("dossier", "channel"): DOSSIER_CHANNELS,
    ("ticket", "status"): TICKET_STATUSES,
    ("ticket", "channel"): TICKET_CHANNELS,
    ("ticket", "priority"): PRIORITY_NAMES,
    ("desk", "state"): DESK_STATES,
    ("appointment", "status"): BOOKING_STATUSES,
}
# What audit.snapshot() stores in the JSON: a moment (naive UTC), a date, a time of day
STORED_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
STORED_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STORED_TIME = re.compile(r"^(\d{2}:\d{2}):\d{2}$")  # a time of day (opening hours): local already

# record_type -> (model, attribute that names it)
NAMED_BY = {
    "dossier": (Dossier, "code"),
    "ticket": (Ticket, "label"),
    "user": (User, "display_name"),
    "procedure": (Procedure, "name_vi"),
    "point": (ServicePoint, "name_vi"),
}


def _nouns():
    return {
        "dossier": _("dossier"),
        "ticket": _("ticket"),
        "user": _("account"),
        "procedure": _("procedure"),
        "point": _("service point"),
        "team": _("team"),
        "desk": _("desk"),
        "session": _("opening session"),
        "closed_day": _("closed day"),
        "target": _("report target"),
        "post": _("news post"),
        "document": _("document"),
        "link": _("link"),
        "rating": _("rating"),
        "appointment": _("appointment"),
        "booking_settings": _("booking settings"),
        "report": _("service index indicator"),
        "kit_announcement": _("Zalo group announcement"),
    }


def _fields():
    """Field names in the before/after of audit events, in words; a field not listed shows its name."""
    return {
        "status": _("Status"),
        "state": _("State"),
        "staff": _("Staff member"),
        "desk": _("Desk"),
        "at_desk": _("Pressed at desk"),
        "team_id": _("Team"),
        "call_count": _("Times called"),
        "channel": _("Channel"),
        "procedure": _("Procedure"),
        "procedures": _("Procedures"),
        "priority": _("Priority"),
        "due_date": _("Due date"),
        "received_at": _("Received at"),
        "finished_at": _("Finished at"),
        "portal_code": _("National portal code"),
        "anonymised": _("Personal data erased"),
        "reason": _("Reason"),
        "username": _("Username"),
        "full_name": _("Full name"),
        "role": _("Role"),
        "active": _("Active"),
        "point_id": _("Service point"),
        "code": _("Code"),
        "name_vi": _("Name (Vietnamese)"),
        "name_en": _("Name (English)"),
        "number": _("Desk number"),
        "date": _("Date"),
        "day": _("Date"),
        "start": _("From"),
        "end": _("Until"),
        "kind": _("Kind"),
        "reason_vi": _("Reason (Vietnamese)"),
        "reason_en": _("Reason (English)"),
        "note_vi": _("Note (Vietnamese)"),
        "note_en": _("Note (English)"),
        "weekday": _("Day"),
        "effective_from": _("In force from"),
        "effective_to": _("In force until"),
    }


def _field_name(record_type, field, names):
    if field == "label":  # what the record is called: a ticket's number, a desk's number
        return _("Desk number") if record_type == "desk" else _("Ticket number")
    return names.get(field, field)


def _value(record_type, field, value, points):
    """A stored value as the page shows it: codes in words, times local, yes / no, points named."""
    if record_type == "closed_day" and field == "kind" and value in ClosedDay.KIND_NAMES:
        return str(ClosedDay.KIND_NAMES[value])
    if field == "point_id" and value in points:
        return points[value]
    words = CODE_WORDS.get((record_type, field))
    if words and isinstance(value, str) and value in words:
        return str(words[value])
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and STORED_DATETIME.match(value):
        return datetime_vn(datetime.fromisoformat(value))  # stored in UTC: shown in Vietnam's time
    if isinstance(value, str) and STORED_DATE.match(value):
        return date_vn(date.fromisoformat(value))
    if isinstance(value, str) and STORED_TIME.match(value):
        return value[:5]
    return value


def record_type_label(record_type):
    """A record type in words, for the filter: "Hồ sơ" for dossier."""
    noun = _nouns().get(record_type, record_type)
    return noun[:1].upper() + noun[1:]


def _sentences():
    """action -> sentence with %(who)s and %(record)s (and %(status)s for a dossier's move)."""
    return {
        "create": _("%(who)s created %(record)s"),
        "update": _("%(who)s changed %(record)s"),
        "delete": _("%(who)s deleted %(record)s"),
        "auth.sign_in": _("%(who)s signed in"),
        "auth.sign_in_failed": _("A sign-in as %(who)s failed"),
        "auth.sign_out": _("%(who)s signed out"),
        "auth.password_change": _("%(who)s changed their password"),
        "auth.password_change_failed": _("%(who)s failed to change their password"),
        "auth.unlock": _("%(who)s unlocked %(record)s"),
        "user.reset_password": _("%(who)s reset the password of %(record)s"),
        "dossier.status": _("%(who)s moved %(record)s to %(status)s"),
        "dossier.update": _("%(who)s changed the filing details of %(record)s"),
        "dossier.view": _("%(who)s viewed %(record)s"),
        "dossier.erase": _("%(who)s erased the personal data of %(record)s"),
        "dossier.national_filing": _("%(who)s ticked the national-index details of %(record)s"),
        "ticket.issue": _("%(who)s issued %(record)s"),
        "ticket.call": _("%(who)s called %(record)s"),
        "ticket.recall": _("%(who)s called %(record)s again"),
        "ticket.start": _("%(who)s started serving %(record)s"),
        "ticket.finish": _("%(who)s finished %(record)s"),
        "ticket.no_show": _("%(who)s marked %(record)s as not present"),
        "ticket.transfer": _("%(who)s transferred %(record)s"),
        "ticket.cancel": _("%(who)s cancelled %(record)s"),
        "desk.open": _("%(who)s opened %(record)s"),
        "desk.break": _("%(who)s put %(record)s on a break"),
        "desk.closed": _("%(who)s closed %(record)s"),
        "rating.approve": _("%(who)s approved %(record)s"),
        "rating.reject": _("%(who)s rejected %(record)s"),
        "appointment.check_in": _("%(who)s checked in %(record)s"),
        "report.index_dossiers": _("%(who)s looked at the dossiers behind %(record)s"),
    }


def _load(value):
    try:
        loaded = json.loads(value) if value else {}
    except ValueError:
        return {"": value}
    return loaded if isinstance(loaded, dict) else {"": loaded}


def _names(events):
    """{(record_type, id): name} for the page's records, one query per kind of record."""
    wanted = {}
    for event in events:
        if event.record_type in NAMED_BY and event.record_id and event.record_id.isdigit():
            wanted.setdefault(event.record_type, set()).add(int(event.record_id))
    names = {}
    for kind, ids in wanted.items():
        model, attribute = NAMED_BY[kind]
        for row in db.session.scalars(select(model).where(model.id.in_(ids))):
            names[(kind, str(row.id))] = getattr(row, attribute, None)
    return names


def _who(event, people):
    person = people.get(event.user_id)
    return (person.display_name if person else event.username) or _("Someone")


def describe(events):
    """[(event, sentence, [(field, before, after)])] for a page of audit events."""
    events = list(events)
    names, nouns, sentences, field_names = _names(events), _nouns(), _sentences(), _fields()
    points = {p.id: p.name_vi for p in db.session.scalars(select(ServicePoint))}
    user_ids = {e.user_id for e in events if e.user_id}
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids or [0])))}
    described = []
    for event in events:
        before, after = _load(event.before), _load(event.after)
        name = names.get((event.record_type, event.record_id)) or after.get("label") or event.record_id or ""
        noun = nouns.get(event.record_type, event.record_type)
        record = f"{noun} {name}".strip()
        if event.action == "report.index_dossiers":
            record = f"{noun} {event.record_id}"
        action = event.action
        if action == "dossier.status" and not after.get("status"):
            action = "update"  # an old entry without the new status
        template = sentences.get(action) or sentences.get(action.rsplit(".", 1)[-1])
        status = STATUS_LABELS.get(after.get("status"), after.get("status"))
        if template:
            sentence = template % {"who": _who(event, people), "record": record, "status": status}
        else:
            sentence = f"{_who(event, people)}: {event.action} {record}"
        fields = sorted(set(before) | set(after))
        changes = [
            (
                _field_name(event.record_type, field, field_names) if field else "",
                _value(event.record_type, field, before.get(field), points),
                _value(event.record_type, field, after.get(field), points),
            )
            for field in fields
            if before.get(field) not in (None, "") or after.get(field) not in (None, "")  # nothing to say
        ]
        described.append((event, sentence, changes))
    return described


def action_label(action):
    """A filter option in words: "Chuyển hồ sơ sang … (dossier.status)"."""
    kind, _sep, verb = action.rpartition(".")
    template = _sentences().get(action) or _sentences().get(verb)
    if not template:
        return action
    noun = _nouns().get(kind, kind)
    words = " ".join((template % {"who": "", "record": noun, "status": "…"}).split())
    return f"{words[:1].upper()}{words[1:]} ({action})"
