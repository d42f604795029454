"""Report targets: the metrics a ward sets goals for, and the goal in force on a day."""

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ...extensions import db
from ...models.admin import TARGET_METRICS, ReportTarget

SHARE_METRICS = ("online_share", "on_time_share")


def metric_names():
    return {
        "online_share": _("Online share of dossiers"),
        "on_time_share": _("On-time share of dossiers"),
        "median_wait_minutes": _("Median waiting time (minutes)"),
        "satisfaction": _("Average satisfaction (1–5)"),
    }


def stored_value(metric, shown):
    """Shares are typed in per cent and kept as fractions."""
    return shown / 100 if metric in SHARE_METRICS else shown


def shown_value(metric, stored):
    value = stored * 100 if metric in SHARE_METRICS else stored
    return round(value, 2) if value != int(value) else int(value)


def targets_for(point_id, on_day):
    """{metric: value} in force on `on_day`: the point's own row first, else the deployment-wide one."""
    rows = db.session.scalars(
        select(ReportTarget)
        .where(
            ReportTarget.effective_from <= on_day,
            ReportTarget.point_id.is_(None)
            if point_id is None
            else or_(ReportTarget.point_id == point_id, ReportTarget.point_id.is_(None)),
        )
        .order_by(ReportTarget.effective_from)
    )
    chosen = {}
    for row in rows:  # later rows win; a point's own row beats a deployment-wide one
        current = chosen.get(row.metric)
        if current is None or row.point_id is not None or current.point_id is None:
            chosen[row.metric] = row
    return {metric: chosen[metric].value for metric in TARGET_METRICS if metric in chosen}
