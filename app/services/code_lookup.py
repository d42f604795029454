"""Finding a record by its code *and* the phone given with it, behind two throttles."""

import hmac

from . import throttle
from .text import normalise_phone

# Compared when no record has the code, so a miss takes as long as a wrong phone.
_NO_PHONE = "0000000000"


def find_by_code_and_phone(prefix, code, raw_phone, client_key, per_address, per_code, load):
    """(record, throttled): the record `load(code)` finds when its phone matches, else None.

    `code` is already normalised (None when it cannot be one); `load(code)` returns
    (record, stored_phone), (None, None) when no record has the code. Tries count per address and per code whether or not the code
    exists, so neither the answer nor the throttle tells a guesser anything.
    """
    if not throttle.hit(f"{prefix}:ip:{client_key}", *per_address):
        return None, True
    if code and not throttle.hit(f"{prefix}:code:{code}", *per_code):
        return None, True
    phone = normalise_phone(raw_phone)
    if not code or not phone:
        return None, False
    record, stored = load(code)
    matches = hmac.compare_digest(stored or _NO_PHONE, phone) and bool(stored)
    if record is None or not matches:
        return None, False
    return record, False
