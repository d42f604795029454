"""The dossiers behind one service-index indicator, each marked counted or not, for the drill-down page."""

from sqlalchemy import select

from ...extensions import db
from ...models import Dossier
from ...models.reports import NationalFiling
from .dossiers import submitted_in
from .index766 import on_time_766

LIMIT = 1000  # rows shown; the page says when there are more

# indicator -> (is the dossier in the denominator?, is it counted?) from its ticks (None: no ticks)
TICK_RULES = {
    "3.3": (lambda f: True, lambda f: f is not None and f.national_channel == "online"),
    "3.6": (
        lambda f: f is not None and f.payment in ("desk", "online"),
        lambda f: f is not None and f.payment == "online",
    ),
    "4.2": (lambda f: True, lambda f: f is not None and f.digitised),
    "4.3": (lambda f: True, lambda f: f is not None and f.data_reused),
    "4.5": (lambda f: True, lambda f: f is not None and f.vneid_level2),
}
INDICATORS = ("2.1",) + tuple(TICK_RULES)


def dossiers_behind(code, period, point_id=None, today=None):
    """[(dossier, counted)] in the indicator's denominator, oldest first, at most LIMIT; and the total."""
    query = (
        select(Dossier, NationalFiling)
        .outerjoin(NationalFiling, NationalFiling.dossier_id == Dossier.id)
        .where(submitted_in(period, point_id))
        .order_by(Dossier.submitted_at, Dossier.id)
    )
    if code == "2.1":
        verdicts = {}
        on_time_766(period, point_id, today, verdicts=verdicts)
        rows = [(d, verdicts[d.id]) for d, _f in db.session.execute(query) if d.id in verdicts]
    else:
        within, counted = TICK_RULES[code]
        rows = [(d, bool(counted(f))) for d, f in db.session.execute(query) if within(f)]
    return rows[:LIMIT], len(rows)
