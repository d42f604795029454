"""Appointments: bookable slots, booking with a capacity the database enforces, changes, check-in.

Slots come from the point's opening calendar (sessions with their effective dates, minus
closures and public holidays, plus extra openings) cut into each team's slot length. A place
is taken by a conditional UPDATE on the slot's counter row inside the booking's transaction,
so capacity holds across gunicorn workers and app instances on SQLite and PostgreSQL.
"""

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, text, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Appointment, BookingSettings, SlotCounter, Team
from ..timeutil import LOCAL_TZ, local_now, utcnow
from . import audit, queue, throttle
from .schedule import Calendar
from .sqlfuncs import upsert_insert
from .text import normalise_phone

# No 0/O, 1/I/L: codes are read aloud, copied from paper and typed on phones.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6

DEFAULT_CONFIG = {
    "APPOINTMENT_MISSED_AFTER_MINUTES": 15,  # after the slot's end
    "APPOINTMENT_LOOKUP_LIMIT": (20, 600),  # per address: attempts, seconds
    "APPOINTMENT_LOOKUP_PER_CODE": (6, 600),  # per code, whoever tries it
    "APPOINTMENT_BOOK_LIMIT": (30, 3600),  # per address (a room of residents on one Wi-Fi)
    "APPOINTMENT_BOOK_PER_PHONE": (8, 3600),  # booking attempts per phone number
}


def configure(app):
    for key, value in DEFAULT_CONFIG.items():
        app.config.setdefault(key, value)


def _config(key):
    return current_app.config.get(key, DEFAULT_CONFIG[key])


class BookingError(Exception):
    """A booking the rules refuse, with a message for the person and the form field it concerns."""

    def __init__(self, message, field="slot"):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        try:
            return str(self.message)
        except RuntimeError:  # no request context (CLI, tests): the English message id
            args, kwargs = getattr(self.message, "_args", ()), getattr(self.message, "_kwargs", {})
            return args[0] % kwargs if args and kwargs else str(args[0] if args else self.message)

    def __repr__(self):
        return f"<{type(self).__name__} {self}>"


class SlotFull(BookingError):
    pass


class TooManyBookings(BookingError):
    def __init__(self, message):
        super().__init__(message, field="phone")


class Throttled(BookingError):
    pass


# ---------------------------------------------------------------- settings and teams


def settings_for(team):
    """The team's booking settings; defaults (not saved) until an admin changes them."""
    row = db.session.get(BookingSettings, team.id)
    if row is None:
        row = BookingSettings(team_id=team.id, point_id=team.point_id, **BookingSettings.DEFAULTS)
    return row


def update_settings(team, user=None, **values):
    """An admin's change to a team's slot length, capacity, horizon or phone limit (audited)."""
    row = db.session.get(BookingSettings, team.id)
    fields = tuple(BookingSettings.DEFAULTS)
    if row is None:
        row = BookingSettings(team_id=team.id, point_id=team.point_id, **BookingSettings.DEFAULTS)
        db.session.add(row)
    before = audit.snapshot(row, fields)
    for name in fields:
        if values.get(name) is not None:
            setattr(row, name, int(values[name]))
    audit.record(
        "booking_settings.update",
        "team",
        team.id,
        user=user,
        point_id=team.point_id,
        before=before,
        after=audit.snapshot(row, fields),
    )
    db.session.commit()
    return row


def teams_with_settings(point):
    return [
        (team, settings_for(team))
        for team in Team.query.filter_by(point_id=point.id).order_by(Team.ticket_prefix, Team.id)
    ]


def team_for(point, procedure):
    return queue.team_for(point, procedure)


def bookable_procedures(point):
    """Procedures served at `point` whose team takes bookings (capacity above zero)."""
    found = []
    for procedure in queue.procedures_at(point):
        team = team_for(point, procedure)
        if team is not None and settings_for(team).capacity > 0:
            found.append(procedure)
    return found


# ---------------------------------------------------------------- slots


@dataclass(frozen=True)
class BookableSlot:
    day: date
    start: time
    end: time
    capacity: int
    booked: int
    team_id: int | None = None

    @property
    def left(self):
        return max(self.capacity - self.booked, 0)

    @property
    def starts_at(self):
        return datetime.combine(self.day, self.start, LOCAL_TZ)

    @property
    def key(self):
        """ "07:30": how a slot travels in URLs and forms."""
        return self.start.strftime("%H:%M")


def cut(session_start, session_end, minutes):
    """The [start, end) slots of `minutes` that fit wholly inside one opening session."""
    step = timedelta(minutes=minutes)
    at = datetime.combine(date.min, session_start)
    last = datetime.combine(date.min, session_end)
    while at + step <= last:
        yield at.time(), (at + step).time()
        at += step


def _now(now):
    return (now or local_now()).astimezone(LOCAL_TZ)


def last_day(settings, now=None):
    return _now(now).date() + timedelta(days=settings.horizon_days)


def slots_by_day(point, team, first_day=None, last=None, now=None, settings=None, include_past=False):
    """{day: [BookableSlot]} for `team` at `point`: real openings only, future ones unless asked."""
    now = _now(now)
    settings = settings or settings_for(team)
    first_day = first_day or now.date()
    last = last or last_day(settings, now)
    if last < first_day:
        return {}
    calendar = Calendar(point, first_day, last)
    counters = {
        (row.day, row.start): row.booked
        for row in SlotCounter.query.filter(
            SlotCounter.team_id == team.id, SlotCounter.day.between(first_day, last)
        )
    }
    days = {}
    day = first_day
    while day <= last:
        found = []
        for session in calendar.plan(day).slots:
            for start, end in cut(session.start, session.end, settings.slot_minutes):
                slot = BookableSlot(
                    day, start, end, settings.capacity, counters.get((day, start), 0), team.id
                )
                if include_past or slot.starts_at > now:
                    found.append(slot)
        if found:
            # Two sessions that overlap (an extra opening over a regular one) give one slot per start.
            unique = {s.start: s for s in found}
            days[day] = [unique[k] for k in sorted(unique)]
        day += timedelta(days=1)
    return days


def parse_day(raw):
    try:
        return date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


def parse_slot(raw):
    if not raw or not re.fullmatch(r"\d{2}:\d{2}", raw):
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        return None


def find_slot(point, team, day, start, now=None, settings=None):
    """The bookable slot at `day` `start`, or BookingError saying why it cannot be booked."""
    now = _now(now)
    settings = settings or settings_for(team)
    if day is None or start is None:
        raise BookingError(_l("Choose a day and a time."))
    if day < now.date() or (day == now.date() and datetime.combine(day, start, LOCAL_TZ) <= now):
        raise BookingError(_l("This time has already passed. Choose a later time."))
    if day > last_day(settings, now):
        raise BookingError(
            _l("Bookings open %(days)d days ahead. Choose an earlier day.", days=settings.horizon_days)
        )
    plan = Calendar(point, day, day).plan(day)
    if not plan.slots:
        if plan.closed_reason:
            raise BookingError(
                _l(
                    "The point is closed on %(date)s (%(reason)s). Choose another day.",
                    date=day.strftime("%d/%m/%Y"),
                    reason=plan.closed_reason,
                )
            )
        raise BookingError(
            _l("The point is closed on %(date)s. Choose another day.", date=day.strftime("%d/%m/%Y"))
        )
    slot = next(
        (s for s in slots_by_day(point, team, day, day, now, settings).get(day, []) if s.start == start), None
    )
    if slot is None:
        raise BookingError(_l("The point does not open at this time. Choose one of the times shown."))
    return slot


def free_days(point, procedure, now=None):
    """[(day, slots)] the resident can choose from for `procedure`, with places left counted."""
    team = team_for(point, procedure)
    if team is None:
        return []
    return sorted(slots_by_day(point, team, now=now).items())


def next_free_slots(point, procedure=None, limit=3, now=None):
    """The first slots with a place left, for the ticket page when the point is closed.

    With a procedure: its team's slots. Without: the earliest slots of any team taking bookings.
    Each item is (slot, team).
    """
    if procedure is not None:
        teams = [t for t in [team_for(point, procedure)] if t is not None]
    else:
        teams = Team.query.filter_by(point_id=point.id).all()
    found = []
    for team in teams:
        settings = settings_for(team)
        if settings.capacity <= 0:
            continue
        for _day, slots in sorted(slots_by_day(point, team, now=now, settings=settings).items()):
            free = [(s, team) for s in slots if s.left > 0]
            found.extend(free[:limit])
            if len(free) >= limit:
                break
    found.sort(key=lambda item: (item[0].day, item[0].start, item[1].ticket_prefix))
    return found[:limit]


# ---------------------------------------------------------------- booking


def _take_place(point_id, team_id, day, start, capacity):
    """+1 on the slot's counter unless it is full; False when it is. Runs in the caller's transaction."""
    create = (
        upsert_insert(SlotCounter)
        .values(team_id=team_id, day=day, start=start, point_id=point_id, booked=0)
        .on_conflict_do_nothing(index_elements=["team_id", "day", "start"])
    )
    db.session.execute(create)
    taken = db.session.execute(
        update(SlotCounter)
        .where(
            SlotCounter.team_id == team_id,
            SlotCounter.day == day,
            SlotCounter.start == start,
            SlotCounter.booked < capacity,
        )
        .values(booked=SlotCounter.booked + 1)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def _release_place(team_id, day, start):
    db.session.execute(
        update(SlotCounter)
        .where(
            SlotCounter.team_id == team_id,
            SlotCounter.day == day,
            SlotCounter.start == start,
            SlotCounter.booked > 0,
        )
        .values(booked=SlotCounter.booked - 1)
        .execution_options(synchronize_session=False)
    )


def _serialise_phone(phone):
    """Two bookings for one phone at once must count each other: one waits for the other.

    SQLite already runs one writer at a time; PostgreSQL takes a transaction-scoped lock.
    """
    if db.engine.dialect.name == "postgresql":
        db.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"appointment-phone:{phone}"}
        )


def future_bookings(point_id, phone, now=None):
    now = _now(now)
    return Appointment.query.filter(
        Appointment.point_id == point_id,
        Appointment.phone == phone,
        Appointment.status == "booked",
        or_(
            Appointment.day > now.date(),
            and_(Appointment.day == now.date(), Appointment.start > now.time().replace(tzinfo=None)),
        ),
    ).count()


def _new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _place(point, procedure, team, settings, slot, name, phone, now):
    """Take a place and store the booking in one transaction (the phone limit checked inside it)."""
    for _attempt in range(5):
        try:
            _serialise_phone(phone)
            if not _take_place(point.id, team.id, slot.day, slot.start, settings.capacity):
                raise SlotFull(
                    _l(
                        "Someone has just taken the last place at %(time)s. Choose another time.",
                        time=slot.key,
                    )
                )
            if future_bookings(point.id, phone, now) >= settings.max_per_phone:
                raise TooManyBookings(
                    _l(
                        "This phone number already holds %(count)d bookings. "
                        "Cancel one before booking again.",
                        count=settings.max_per_phone,
                    )
                )
            appointment = Appointment(
                point_id=point.id,
                procedure_id=procedure.id,
                team_id=team.id,
                day=slot.day,
                start=slot.start,
                end=slot.end,
                code=_new_code(),
                token=secrets.token_urlsafe(16),
                name=name,
                phone=phone,
                status="booked",
                created_at=utcnow(),
            )
            db.session.add(appointment)
            db.session.commit()
            return appointment
        except IntegrityError:
            db.session.rollback()  # a code drawn twice (one in a billion): draw again
        except BaseException:
            db.session.rollback()
            raise
    raise BookingError(_l("The booking could not be saved. Please try again."))


def book(point, procedure, day, start, name, phone, client_key=None, now=None):
    """Book `procedure` at `point` for the slot `day` `start`; BookingError says why not."""
    now = _now(now)
    team = team_for(point, procedure)
    if team is None:
        raise BookingError(_l("This procedure cannot be booked at this point."), field="procedure")
    settings = settings_for(team)
    if settings.capacity <= 0:
        raise BookingError(_l("This procedure cannot be booked at this point."), field="procedure")
    normalised = normalise_phone(phone)
    if normalised is None:
        raise BookingError(_l("Enter a 10-digit mobile number, like 0912 345 678"), field="phone")
    name = " ".join((name or "").split())
    if not name:
        raise BookingError(_l("Enter your full name"), field="name")
    slot = find_slot(point, team, day, start, now, settings)
    # Throttles count in their own transaction, before ours writes (see throttle.py).
    checks = [(f"appointment:book:phone:{normalised}", *_config("APPOINTMENT_BOOK_PER_PHONE"))]
    if client_key:
        checks.append((f"appointment:book:ip:{client_key}", *_config("APPOINTMENT_BOOK_LIMIT")))
    for key, limit, seconds in checks:
        if not throttle.hit(key, limit, seconds):
            raise Throttled(
                _l("Too many bookings were tried from here. Please wait an hour, or ask at the point.")
            )
    return _place(point, procedure, team, settings, slot, name, normalised, now)


# ---------------------------------------------------------------- finding a booking again


def normalise_code(raw):
    letters = re.sub(r"[^0-9A-Z]", "", (raw or "").upper())
    if len(letters) == CODE_LENGTH and all(ch in ALPHABET for ch in letters):
        return letters
    return None


def by_token(token):
    if not token or len(token) > 32:
        return None
    return Appointment.query.filter_by(token=token).first()


@dataclass
class Attempt:
    appointment: Appointment | None = None
    throttled: bool = False


def lookup(raw_code, raw_phone, client_key):
    """The booking with this code *and* phone, or nothing: a wrong pair says no more than that."""
    ip_limit, ip_window = _config("APPOINTMENT_LOOKUP_LIMIT")
    code_limit, code_window = _config("APPOINTMENT_LOOKUP_PER_CODE")
    code = normalise_code(raw_code)
    # Counted whether or not the code exists, so the throttle itself reveals nothing.
    if not throttle.hit(f"appointment:lookup:ip:{client_key}", ip_limit, ip_window):
        return Attempt(throttled=True)
    if code and not throttle.hit(f"appointment:lookup:code:{code}", code_limit, code_window):
        return Attempt(throttled=True)
    phone = normalise_phone(raw_phone)
    if not code or not phone:
        return Attempt()
    appointment = Appointment.query.filter_by(code=code).first()
    stored = appointment.phone if appointment else "0000000000"
    if appointment is None or not hmac.compare_digest(stored, phone):
        return Attempt()
    return Attempt(appointment=appointment)


# ---------------------------------------------------------------- changes by the resident


def can_change(appointment, now=None):
    """Cancel or move: only a booking still held, before its slot starts."""
    now = _now(now)
    return (
        appointment.status == "booked"
        and datetime.combine(appointment.day, appointment.start, LOCAL_TZ) > now
    )


def cancel(appointment, now=None):
    """Give the place back. Refused once the slot has started or the booking is over."""
    if not can_change(appointment, now):
        raise BookingError(_l("This booking can no longer be cancelled."))
    try:
        done = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.status == "booked")
            .values(status="cancelled", cancelled_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            raise BookingError(_l("This booking can no longer be cancelled."))
        _release_place(appointment.team_id, appointment.day, appointment.start)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    db.session.refresh(appointment)
    return appointment


def move(appointment, day, start, now=None):
    """Move the booking to another slot of the same team: the new place is taken first."""
    now = _now(now)
    if not can_change(appointment, now):
        raise BookingError(_l("This booking can no longer be moved."))
    point, team = appointment.point, appointment.team
    settings = settings_for(team)
    slot = find_slot(point, team, day, start, now, settings)
    if (slot.day, slot.start) == (appointment.day, appointment.start):
        raise BookingError(_l("This is already the time of your booking. Choose another time."))
    old_day, old_start = appointment.day, appointment.start
    try:
        if not _take_place(point.id, team.id, slot.day, slot.start, settings.capacity):
            raise SlotFull(
                _l("Someone has just taken the last place at %(time)s. Choose another time.", time=slot.key)
            )
        done = db.session.execute(
            update(Appointment)
            .where(
                Appointment.id == appointment.id,
                Appointment.status == "booked",
                Appointment.day == old_day,
                Appointment.start == old_start,
            )
            .values(day=slot.day, start=slot.start, end=slot.end)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            raise BookingError(_l("This booking can no longer be moved."))
        _release_place(team.id, old_day, old_start)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    db.session.refresh(appointment)
    return appointment


# ---------------------------------------------------------------- the day at the point


def mark_missed(point=None, now=None):
    """Bookings not checked in some minutes after their slot ended become "missed"; returns how many."""
    now = _now(now)
    grace = _config("APPOINTMENT_MISSED_AFTER_MINUTES")
    cutoff = now - timedelta(minutes=grace)
    cutoff_time = cutoff.time().replace(tzinfo=None)
    stmt = (
        update(Appointment)
        .where(
            Appointment.status == "booked",
            or_(
                Appointment.day < cutoff.date(),
                and_(Appointment.day == cutoff.date(), Appointment.end <= cutoff_time),
            ),
        )
        .values(status="missed", missed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if point is not None:
        stmt = stmt.where(Appointment.point_id == point.id)
    try:
        count = db.session.execute(stmt).rowcount
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return count


@dataclass
class SlotRow:
    start: time
    end: time
    capacity: int
    bookings: list

    @property
    def held(self):
        return sum(1 for b in self.bookings if b.status in ("booked", "checked_in", "missed"))


def day_list(point, day, now=None):
    """[(team, [SlotRow])] of `day`: each team's slots with their bookings, cancelled ones last."""
    if day <= _now(now).date():
        mark_missed(point, now)  # lazily, when staff open the list (the CLI does it on a timer)
    bookings = (
        Appointment.query.filter_by(point_id=point.id, day=day)
        .order_by(Appointment.start, Appointment.created_at)
        .all()
    )
    result = []
    for team, settings in teams_with_settings(point):
        rows = {}
        for slots in slots_by_day(point, team, day, day, now, settings, include_past=True).values():
            for s in slots:
                rows[s.start] = SlotRow(s.start, s.end, s.capacity, [])
        for b in bookings:
            if b.team_id == team.id:
                rows.setdefault(b.start, SlotRow(b.start, b.end, settings.capacity, [])).bookings.append(b)
        order = {"booked": 0, "checked_in": 1, "missed": 2, "cancelled": 3}
        for row in rows.values():
            row.bookings.sort(key=lambda b: order[b.status])
        if rows:
            result.append((team, [rows[k] for k in sorted(rows)]))
    return result


def check_in(appointment, user=None, now=None):
    """The resident has arrived: the booking becomes a ticket at the head of the live queue.

    Claiming the booking and issuing the ticket commit together (issue_ticket commits our
    pending UPDATE with its ticket), so a double tap cannot make two tickets.
    """
    now = _now(now)
    if appointment.status == "checked_in":
        raise BookingError(_l("This booking is already checked in."))
    if appointment.status == "cancelled":
        raise BookingError(_l("This booking was cancelled."))
    if appointment.day != now.date():
        raise BookingError(
            _l("This booking is for %(date)s, not today.", date=appointment.day.strftime("%d/%m/%Y"))
        )
    point, procedure = appointment.point, appointment.procedure
    queue.check_open(point, now)  # QueueClosed says when the point opens again
    try:
        claimed = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.status.in_(("booked", "missed")))
            .values(status="checked_in", checked_in_at=utcnow(), checked_in_by_id=getattr(user, "id", None))
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            raise BookingError(_l("This booking is already checked in."))
        audit.record(
            "appointment.check_in",
            "appointment",
            appointment.id,
            user=user,
            point_id=point.id,
            before={"status": appointment.status},
            after={"status": "checked_in"},
        )
    except BaseException:
        db.session.rollback()
        raise
    ticket = queue.issue_ticket(
        point, procedure, channel="appointment", phone=appointment.phone, user=user, now=now
    )
    db.session.execute(
        update(Appointment)
        .where(Appointment.id == appointment.id)
        .values(ticket_id=ticket.id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(appointment)
    return ticket


def appointment_for_staff(appointment_id, user):
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None:
        return None
    if user.point_id is not None and appointment.point_id != user.point_id:
        return None
    return appointment


# ---------------------------------------------------------------- calendar file


def _ics_escape(value):
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """RFC 5545: lines of at most 75 octets, continued with a space, never splitting a character."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > (75 if not out else 74):
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return "\r\n ".join(out)


def ics(appointment, summary, description, host="tdp-dien-tu"):
    """The booking as an iCalendar file in Asia/Ho_Chi_Minh time (VN has no daylight saving)."""
    start = datetime.combine(appointment.day, appointment.start)
    end = datetime.combine(appointment.day, appointment.end)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    point = appointment.point
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//TDP dien tu//Lich hen//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Ho_Chi_Minh",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0700",
        "TZOFFSETTO:+0700",
        "TZNAME:+07",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        f"UID:{appointment.code}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID=Asia/Ho_Chi_Minh:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{_ics_escape(summary)}",
        f"LOCATION:{_ics_escape(point.address)}",
        f"DESCRIPTION:{_ics_escape(description)}",
        "STATUS:" + ("CANCELLED" if appointment.status == "cancelled" else "CONFIRMED"),
    ]
    if point.latitude is not None and point.longitude is not None:
        lines.append(f"GEO:{point.latitude};{point.longitude}")
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-PT1H",
        f"DESCRIPTION:{_ics_escape(summary)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


# ---------------------------------------------------------------- demo data

DEMO_PEOPLE = [
    ("Nguyễn Văn An", "0912345678"),
    ("Trần Thị Bích", "0987654321"),
    ("Lê Minh Châu", "0356789012"),
    ("Phạm Quốc Dũng", "0708123456"),
]


def seed_demo_bookings(point, now=None):
    """A few bookings on the next open days, so the staff list and the slot picker show something."""
    from ..models import Procedure

    now = _now(now)
    made = 0
    wanted = [("khai-sinh", 0, 0), ("xac-nhan-hon-nhan", 0, 0), ("ket-hon", 1, 1), ("thuong-tru", 2, 2)]
    for (code, day_index, slot_index), (name, phone) in zip(wanted, DEMO_PEOPLE, strict=False):
        procedure = Procedure.query.filter_by(code=code).first()
        team = procedure and team_for(point, procedure)
        if team is None:
            continue
        settings = settings_for(team)
        # From tomorrow: today's slots may be over by the time someone looks.
        days = sorted(
            slots_by_day(point, team, now.date() + timedelta(days=1), now=now, settings=settings).items()
        )
        if len(days) <= day_index:
            continue
        slots = [s for s in days[day_index][1] if s.left > 0]
        if len(slots) <= slot_index:
            continue
        try:
            _place(point, procedure, team, settings, slots[slot_index], name, phone, now)
            made += 1
        except BookingError:
            continue
    return made
