"""The national-index ticks staff record on a dossier (NationalFiling), audited."""

from ...extensions import db
from ...models.reports import NATIONAL_CHANNELS, PAYMENTS, NationalFiling
from .. import audit

TICKS = ("vneid_level2", "digitised", "data_reused")
FIELDS = ("national_channel", "payment") + TICKS


class FilingError(ValueError):
    """A value outside the allowed choices (a tampered form): the field's name is in `field`."""

    def __init__(self, field):
        super().__init__(field)
        self.field = field


def record(dossier, national_channel, payment, ticks, user=None):
    """Save the ticks (`ticks`: the names in TICKS that are ticked); an unchanged form writes nothing."""
    national_channel = national_channel or None
    payment = payment or None
    if national_channel is not None and national_channel not in NATIONAL_CHANNELS:
        raise FilingError("national_channel")
    if payment is not None and payment not in PAYMENTS:
        raise FilingError("payment")
    row = dossier.national_filing
    before = audit.snapshot(row, FIELDS) if row else dict.fromkeys(FIELDS)
    after = {"national_channel": national_channel, "payment": payment}
    after.update({name: name in ticks for name in TICKS})
    if before == after or (row is None and not any(after.values())):
        return row
    if row is None:
        row = dossier.national_filing = NationalFiling(dossier_id=dossier.id)
        db.session.add(row)
    for name, value in after.items():
        setattr(row, name, value)
    row.updated_by_id = getattr(user, "id", None)
    audit.record(
        "dossier.national_filing",
        "dossier",
        dossier.id,
        user=user,
        point_id=dossier.point_id,
        before=before,
        after=after,
    )
    db.session.commit()
    return row
