"""Appointments: what callers use of the package (slots, booking, changes, the day, the calendar file).

rules: limits, codes, errors; settings: each team's settings; slots: the bookable slots;
places: a slot's counter; booking: book and look up; changes: cancel and move;
day: staff's day list and check-in; calendar_file: the .ics download.
"""

from .booking import Attempt, book, booked_with, by_token, future_bookings, lookup, place
from .calendar_file import ics
from .changes import can_change, cancel, move
from .day import SlotRow, appointment_for_staff, check_in, day_list, mark_missed
from .rules import (
    ALPHABET,
    CODE_LENGTH,
    BookingError,
    SlotFull,
    Throttled,
    TooManyBookings,
    configure,
    normalise_code,
)
from .settings import bookable_procedures, settings_for, team_for, teams_with_settings, update_settings
from .slots import (
    BookableSlot,
    cut,
    find_slot,
    free_days,
    last_day,
    next_free_slots,
    parse_day,
    parse_slot,
    slots_by_day,
)

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "Attempt",
    "BookableSlot",
    "BookingError",
    "SlotFull",
    "SlotRow",
    "Throttled",
    "TooManyBookings",
    "appointment_for_staff",
    "book",
    "bookable_procedures",
    "booked_with",
    "by_token",
    "can_change",
    "cancel",
    "check_in",
    "configure",
    "cut",
    "day_list",
    "find_slot",
    "free_days",
    "future_bookings",
    "ics",
    "last_day",
    "lookup",
    "mark_missed",
    "move",
    "next_free_slots",
    "normalise_code",
    "parse_day",
    "parse_slot",
    "place",
    "settings_for",
    "slots_by_day",
    "team_for",
    "teams_with_settings",
    "update_settings",
]
