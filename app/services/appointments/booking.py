"""Booking a slot with a capacity the database enforces, and finding a booking again by its code."""

import secrets
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...models import Appointment
from ...timeutil import utcnow
from .. import throttle
from ..code_lookup import find_by_code_and_phone
from ..submissions import submission_key
from ..text import PHONE_MESSAGE, normalise_phone
from .places import take_place
from .rules import (
    ALPHABET,
    CODE_LENGTH,
    BookingError,
    SlotFull,
    Throttled,
    TooManyBookings,
    config,
    normalise_code,
    now_local,
)
from .settings import settings_for, team_for
from .slots import find_slot


def _serialise_phone(phone):
    """Two bookings for one phone at once must count each other: one waits for the other.

    SQLite already runs one writer at a time; PostgreSQL takes a transaction-scoped lock.
    """
    if db.engine.dialect.name == "postgresql":
        db.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"appointment-phone:{phone}"}
        )


def future_bookings(point_id, phone, now=None):
    now = now_local(now)
    return db.session.scalar(
        select(func.count(Appointment.id)).where(
            Appointment.point_id == point_id,
            Appointment.phone == phone,
            Appointment.status == "booked",
            or_(
                Appointment.day > now.date(),
                and_(Appointment.day == now.date(), Appointment.start > now.time().replace(tzinfo=None)),
            ),
        )
    )


def _new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def place(point, procedure, team, settings, slot, name, phone, now, key=None):
    """Take a place and store the booking in one transaction (the phone limit checked inside it).

    No throttles: book() counts the resident's tries first; the demo seeds through here.
    `key` (submission_key) is unique: the same form sent twice stores one booking.
    """
    for _attempt in range(5):
        try:
            _serialise_phone(phone)
            if not take_place(point.id, team.id, slot.day, slot.start, settings.capacity):
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
                submission_key=key,
            )
            db.session.add(appointment)
            db.session.commit()
            return appointment
        except IntegrityError:
            db.session.rollback()
            if key and (first := _submitted(key)) is not None:
                return first  # the same form, sent twice at once: the other request stored it
            # else a code drawn twice (one in a billion): draw again
        except BaseException:
            db.session.rollback()
            raise
    raise BookingError(_l("The booking could not be saved. Please try again."))


def _submitted(key):
    return db.session.scalars(select(Appointment).filter_by(submission_key=key)).first() if key else None


def _key(form_key, point, procedure, day, start, name, phone):
    return submission_key(
        form_key, point.id, procedure.id, day, start, " ".join((name or "").split()), normalise_phone(phone)
    )


def booked_with(form_key, point, procedure, day, start, name, phone):
    """The booking this very form (its one-time key, the same answers) already made, or None."""
    return _submitted(_key(form_key, point, procedure, day, start, name, phone))


def book(point, procedure, day, start, name, phone, client_key=None, now=None, form_key=None):
    """Book `procedure` at `point` for the slot `day` `start`; BookingError says why not.

    The same form sent again (a double tap: `form_key` and the answers unchanged) gets the booking
    it made the first time, even when both arrive at once: neither a second place nor a second try.
    """
    key = _key(form_key, point, procedure, day, start, name, phone)
    if (first := _submitted(key)) is not None:
        return first
    try:
        return _book(point, procedure, day, start, name, phone, client_key, now, key)
    except BookingError:
        # The slot just filled, the phone reached its limit, too many tries: by this form's own
        # first sending, still in flight a moment ago? Then that booking is the answer.
        if (first := _submitted(key)) is not None:
            return first
        raise


def _book(point, procedure, day, start, name, phone, client_key, now, submission):
    now = now_local(now)
    team = team_for(point, procedure)
    if team is None:
        raise BookingError(_l("This procedure cannot be booked at this point."), field="procedure")
    settings = settings_for(team)
    if settings.capacity <= 0:
        raise BookingError(_l("This procedure cannot be booked at this point."), field="procedure")
    normalised = normalise_phone(phone)
    if normalised is None:
        raise BookingError(PHONE_MESSAGE, field="phone")
    name = " ".join((name or "").split())
    if not name:
        raise BookingError(_l("Enter your full name"), field="name")
    slot = find_slot(point, team, day, start, now, settings)
    # Throttles count in their own transaction, before ours writes (see throttle.py).
    checks = [(f"appointment:book:phone:{normalised}", *config("APPOINTMENT_BOOK_PER_PHONE"))]
    if client_key:
        checks.append((f"appointment:book:ip:{client_key}", *config("APPOINTMENT_BOOK_LIMIT")))
    for key, limit, seconds in checks:
        if not throttle.hit(key, limit, seconds):
            raise Throttled(
                _l("Too many bookings were tried from here. Please wait an hour, or ask at the point.")
            )
    return place(point, procedure, team, settings, slot, name, normalised, now, submission)


def by_token(token):
    if not token or len(token) > 32:
        return None
    return db.session.scalars(select(Appointment).filter_by(token=token)).first()


@dataclass
class Attempt:
    appointment: Appointment | None = None
    throttled: bool = False


def _by_code(code):
    appointment = db.session.scalars(select(Appointment).filter_by(code=code)).first()
    return appointment, appointment.phone if appointment else None


def lookup(raw_code, raw_phone, client_key):
    """The booking with this code *and* phone, or nothing: a wrong pair says no more than that."""
    appointment, throttled = find_by_code_and_phone(
        "appointment:lookup",
        normalise_code(raw_code),
        raw_phone,
        client_key,
        per_address=config("APPOINTMENT_LOOKUP_LIMIT"),
        per_code=config("APPOINTMENT_LOOKUP_PER_CODE"),
        load=_by_code,
    )
    return Attempt(appointment=appointment, throttled=throttled)
