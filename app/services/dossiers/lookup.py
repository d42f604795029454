"""Residents find their dossier again by its code and phone, and read its history."""

import re

from flask import current_app
from sqlalchemy import select

from ...extensions import db
from ...models import Dossier
from ..code_lookup import find_by_code_and_phone
from .drafts import Attempt


def normalise_code(raw):
    letters = re.sub(r"[^0-9A-Z]", "", (raw or "").upper())
    if len(letters) == 10 and letters.startswith("HS"):
        return f"HS-{letters[2:6]}-{letters[6:]}"
    return None


def _by_code(code):
    query = select(Dossier).where(Dossier.code == code, Dossier.status != "draft")
    dossier = db.session.scalars(query).first()
    return dossier, dossier.applicant_phone if dossier else None


def lookup(raw_code, raw_phone, client_key):
    """The dossier with this code *and* phone, or nothing: a wrong pair says no more than that."""
    dossier, throttled = find_by_code_and_phone(
        "lookup",
        normalise_code(raw_code),
        raw_phone,
        client_key,
        per_address=current_app.config["DOSSIER_LOOKUP_LIMIT"],
        per_code=current_app.config["DOSSIER_LOOKUP_PER_CODE"],
        load=_by_code,
    )
    return Attempt(dossier=dossier, throttled=throttled)


def timeline(dossier):
    """Status events (not filing edits) for residents, oldest first."""
    return [e for e in dossier.events if e.status != e.from_status]
