"""Administrative units that change: a point's ward and group names on a day, and recording a merger."""

from sqlalchemy import select

from ...extensions import db
from ...models import ServicePoint
from ...models.reports import UnitName
from ...timeutil import local_today
from .. import audit


class UnitError(ValueError):
    """A merger without points, a name or a date."""


def names_on(day):
    """{point id: (ward, group)} as they were on `day`."""
    names = {p.id: [p.ward, p.residential_group] for p in db.session.scalars(select(ServicePoint))}
    rows = db.session.scalars(
        select(UnitName).where(UnitName.effective_from <= day).order_by(UnitName.effective_from, UnitName.id)
    )
    for row in rows:  # later rows win
        if row.point_id in names:
            names[row.point_id][0 if row.kind == "ward" else 1] = row.name
    return {point_id: tuple(pair) for point_id, pair in names.items()}


def history(point_id):
    return list(
        db.session.scalars(
            select(UnitName).where(UnitName.point_id == point_id).order_by(UnitName.effective_from)
        )
    )


def record_merger(point_ids, kind, name, effective_from, user=None):
    """From `effective_from` on, the points' ward (or group) is called `name`; audited."""
    name = (name or "").strip()
    if not point_ids or not name or effective_from is None or kind not in ("ward", "group"):
        raise UnitError("incomplete")
    for point_id in point_ids:
        row = db.session.scalars(
            select(UnitName).filter_by(point_id=point_id, kind=kind, effective_from=effective_from)
        ).first() or UnitName(point_id=point_id, kind=kind, effective_from=effective_from)
        row.name = name
        db.session.add(row)
    audit.record(
        "unit.merge",
        "unit",
        None,
        user=user,
        after={"points": sorted(point_ids), "kind": kind, "name": name, "from": effective_from.isoformat()},
    )
    db.session.commit()


def by_unit(cells, dossier_counts, day, as_now=False):
    """{ward name: {"tickets": n, "dossiers": m}}: the period's figures per ward, named as on `day`
    (the period's last day) or, with as_now, as today."""
    names = names_on(local_today() if as_now else day)
    result = {}
    for point_id, _kind, _team, _procedure, issued, *_rest in cells:
        ward = names.get(point_id, ("?", None))[0]
        result.setdefault(ward, {"tickets": 0, "dossiers": 0})["tickets"] += issued
    for point_id, count in dossier_counts.items():
        ward = names.get(point_id, ("?", None))[0]
        result.setdefault(ward, {"tickets": 0, "dossiers": 0})["dossiers"] += count
    return dict(sorted(result.items()))
