"""Appointment rules shared by the package: limits, booking codes, the errors a booking can raise."""

import re

from flask import current_app

from ...timeutil import LOCAL_TZ, local_now

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


def config(key):
    return current_app.config.get(key, DEFAULT_CONFIG[key])


def now_local(now=None):
    return (now or local_now()).astimezone(LOCAL_TZ)


def normalise_code(raw):
    letters = re.sub(r"[^0-9A-Z]", "", (raw or "").upper())
    if len(letters) == CODE_LENGTH and all(ch in ALPHABET for ch in letters):
        return letters
    return None


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
