"""Finding a record by its code *and* the phone given with it, behind two throttles."""

import hmac

from . import throttle
from .text import normalise_phone

# Compared when no record has the code, so a miss takes as long as a wrong phone.
_NO_PHONE = "0000000000"


def find_by_code_and_phone(prefix, code, raw_phone, client_key, per_address, per_code, load):
    """(record, throttled): the record `load(code)` finds when its phone matches, else None.

    `code` is already normalised (None when it cannot be one); `load(code)` returns
    (record, stored_phone), (None, None) when no record has the code.

    Only misses count, per address and per code. An address past its misses is refused
    everything for the window (its next answers tell a guesser nothing). A code past its
    misses refuses further wrong phones, from anywhere, but never the right one: a stranger
    trying phones on someone's code cannot lock its owner out, and the office PC, whose
    lookups are right, is never refused.
    """
    address_key = f"{prefix}:ip:{client_key}"
    if throttle.count(address_key, per_address[1]) >= per_address[0]:
        return None, True
    phone = normalise_phone(raw_phone)
    record, stored = load(code) if code and phone else (None, None)
    # As bytes: compare_digest refuses str with non-ASCII characters, whatever was stored.
    given, expected = (phone or _NO_PHONE).encode(), (stored or _NO_PHONE).encode()
    matches = hmac.compare_digest(expected, given) and bool(stored)
    if record is not None and matches:
        return record, False
    throttle.hit(address_key, *per_address)
    if code and not throttle.hit(f"{prefix}:code:{code}", *per_code):
        return None, True
    return None, False
