"""What the printed outreach kit says: hours grouped for people, the key procedures, the announcement."""

from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import KitAnnouncement, Procedure
from ..timeutil import utcnow
from . import audit, schedule

# The four procedures residents come for most (birth, death, civil-status extract copies,
# marital-status confirmation): the poster lists their papers, each gets a leaflet.
KEY_PROCEDURES = ("khai-sinh", "khai-tu", "trich-luc-ho-tich", "xac-nhan-hon-nhan")


@dataclass(frozen=True)
class HoursGroup:
    first: int  # weekday 0 = Monday
    last: int
    sessions: tuple  # ((start, end), ...)


def key_procedures():
    found = {
        p.code: p
        for p in db.session.scalars(
            select(Procedure).where(Procedure.code.in_(KEY_PROCEDURES), Procedure.active.is_(True))
        )
    }
    return [found[code] for code in KEY_PROCEDURES if code in found]


def procedure(code):
    return db.session.scalars(
        select(Procedure).where(Procedure.code == code, Procedure.active.is_(True))
    ).first()


def week(point, on):
    return {
        day: tuple((s.start, s.end) for s in sessions)
        for day, sessions in schedule.weekly_hours(point, on).items()
    }


def hours_groups(week_hours):
    """Consecutive weekdays with the same sessions, as people say them: Monday–Friday 07:30–11:30."""
    groups = []
    for day in range(7):
        sessions = week_hours.get(day, ())
        if not sessions:
            continue
        if groups and groups[-1].last == day - 1 and groups[-1].sessions == sessions:
            groups[-1] = HoursGroup(groups[-1].first, day, sessions)
        else:
            groups.append(HoursGroup(day, day, sessions))
    return groups


def saturday_since(point, on):
    """When the Saturday session in force started (07/09/2019 in the pilot), or None."""
    sessions = schedule.weekly_hours(point, on).get(5) or []
    return min((s.effective_from for s in sessions), default=None)


def papers(procedure_row):
    return [line.strip() for line in (procedure_row.t("papers") or "").splitlines() if line.strip()]


def saved_announcement(point, lang):
    """The announcement as staff last saved it for this point and language, or None."""
    return db.session.scalars(select(KitAnnouncement).filter_by(point_id=point.id, lang=lang)).first()


def save_announcement(point, lang, text, user, hours_lines=()):
    """Keep the edited announcement for next time (one per point and language), audited, with the
    hours lines generated at that moment (out_of_date compares them with today's)."""
    text = text.replace("\r\n", "\n").strip()
    saved = saved_announcement(point, lang)
    before = {"text": saved.text} if saved else None
    if saved is None:
        saved = KitAnnouncement(point=point, lang=lang)
        db.session.add(saved)
    saved.text, saved.updated_at, saved.updated_by = text, utcnow(), user
    saved.hours = "\n".join(hours_lines)
    db.session.flush()
    audit.record(
        "kit_announcement.update",
        "kit_announcement",
        saved.id,
        user=user,
        point_id=point.id,
        before=before,
        after={"text": text},
    )
    db.session.commit()
    return saved


def out_of_date(saved, hours_lines):
    """True when the point's hours have changed since `saved` was saved. Staff may word the hours
    their own way, so what is compared is the generated lines then and now, not the text; a text
    saved before the lines were kept falls back to finding every line of today's hours in it."""
    if saved.hours is not None:
        return saved.hours != "\n".join(hours_lines)
    return any(line not in saved.text for line in hours_lines)
