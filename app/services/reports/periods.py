"""Report periods (local calendar days) and the small statistics every figure shares."""

import calendar
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ...timeutil import LOCAL_TZ, local_today, to_utc_naive


@dataclass(frozen=True)
class Period:
    kind: str  # day, week, month, quarter, year, custom
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def utc_bounds(self):
        """[start, end) as naive UTC: local midnight of the first day to local midnight after the last."""
        first = datetime.combine(self.start, time(0), LOCAL_TZ)
        after = datetime.combine(self.end + timedelta(days=1), time(0), LOCAL_TZ)
        return to_utc_naive(first), to_utc_naive(after)

    def previous(self):
        if self.kind in MONTHS_IN:
            return period_for(self.kind, self.start - timedelta(days=1))
        return Period(self.kind, self.start - timedelta(days=self.days), self.start - timedelta(days=1))


MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}


def period_for(kind="week", on=None, start=None, end=None):
    on = on or local_today()
    if kind == "day":
        return Period("day", on, on)
    if kind in MONTHS_IN:
        size = MONTHS_IN[kind]
        first_month = (on.month - 1) // size * size + 1
        last_month = first_month + size - 1
        last = calendar.monthrange(on.year, last_month)[1]
        return Period(kind, date(on.year, first_month, 1), date(on.year, last_month, last))
    if kind == "custom" and start and end:
        return Period("custom", start, end)
    monday = on - timedelta(days=on.weekday())
    return Period("week", monday, monday + timedelta(days=6))


def percentile(sorted_values, p):
    """Linear interpolation between closest ranks; None for no values."""
    if not sorted_values:
        return None
    k = (len(sorted_values) - 1) * p
    low = math.floor(k)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (k - low)


def share(part, whole):
    return part / whole if whole else None


def minutes(seconds):
    return None if seconds is None else round(seconds / 60, 1)


def percent(fraction):
    return None if fraction is None else round(fraction * 100, 1)
