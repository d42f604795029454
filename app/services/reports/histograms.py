"""Minute histograms of waiting and service times: encoded per rolled-up day, merged for a report.

A time is kept as its whole minute (rounded to the nearest minute, half a minute up), so medians
and 90th percentiles merged over any number of days are exact for times rounded to the minute.
Encoded as little-endian uint32 counts, entry m for m minutes, the last (HISTOGRAM_CAP) for a day
or more; trailing zeros are left off.
"""

import operator
import sys
from array import array
from itertools import repeat

HISTOGRAM_CAP = 1440  # minutes; the last entry counts times of a day or more


def minute_of(seconds):
    """The histogram entry of a duration in seconds: nearest whole minute, capped."""
    return min((seconds + 30) // 60, HISTOGRAM_CAP)


def encode(counts):
    """Counts per minute (a list, trailing zeros dropped) as little-endian uint32 bytes."""
    end = len(counts)
    while end and not counts[end - 1]:
        end -= 1
    packed = array("I", counts[:end])
    assert packed.itemsize == 4
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def decode(blob):
    counts = array("I")
    counts.frombytes(bytes(blob))
    if sys.byteorder == "big":
        counts.byteswap()
    return counts


def add_up(blobs, taken=()):
    """encode()d histograms summed entry by entry, less the `taken` ones, as a list of counts.

    Each histogram is read as one little-endian integer with a 32-bit field per minute, and the
    integers are added: Python adds the whole histogram at once in C. A field never carries into
    the next while a count per minute stays under 2**32 (four billion tickets). What is taken off
    (the days outside a period of a month read whole) must have been added: no count goes below 0."""
    stored = [blob for blob in blobs if blob]
    if not stored:
        return []
    total = sum(map(int.from_bytes, stored, repeat("little")))
    total -= sum(map(int.from_bytes, filter(None, taken), repeat("little")))
    return list(decode(total.to_bytes(max(map(len, stored)), "little")))


def summed(blobs):
    """encode()d histograms summed into one encode()d histogram."""
    return encode(add_up(blobs))


class Histogram:
    """Counts per minute, merged from many days; percentiles as seconds (minute x 60)."""

    __slots__ = ("counts", "total", "length")

    def __init__(self):
        self.counts = [0] * (HISTOGRAM_CAP + 1)
        self.total = 0
        self.length = 0  # entries past this one are all zero

    def add(self, counts, total):
        self.counts[: len(counts)] = map(operator.add, self.counts, counts)
        self.total += total
        self.length = max(self.length, len(counts))

    def add_encoded(self, blobs, total, taken=()):
        """Add many encode()d histograms at once, less the `taken` ones (see add_up)."""
        self.add(add_up(blobs, taken), total)

    def merge(self, other):
        self.add(other.counts[: other.length], other.total)

    def percentiles(self, *fractions):
        """Linear interpolation between the two nearest ranks, as reports.percentile does on a list."""
        n = self.total
        if not n:
            return [None for _ in fractions]
        wanted = {}
        for p in fractions:
            k = (n - 1) * p
            low = int(k)
            wanted[low] = wanted[min(low + 1, n - 1)] = None
        ranks = sorted(wanted)
        seen, index = 0, 0
        for minute, count in enumerate(self.counts):
            seen += count
            while index < len(ranks) and ranks[index] < seen:
                wanted[ranks[index]] = minute * 60
                index += 1
            if index == len(ranks):
                break
        result = []
        for p in fractions:
            k = (n - 1) * p
            low = int(k)
            low_value, high_value = wanted[low], wanted[min(low + 1, n - 1)]
            result.append(low_value + (high_value - low_value) * (k - low))
        return result

    def summary(self):
        median, p90 = self.percentiles(0.5, 0.9)
        return {"count": self.total, "median": median, "p90": p90}
