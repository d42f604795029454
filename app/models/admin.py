"""What the ward aims for: targets the reports compare their figures against."""

from ..extensions import db
from ..timeutil import utcnow

# Shares are fractions 0..1 shown as percentages; minutes and scores are plain numbers.
TARGET_METRICS = ("online_share", "on_time_share", "median_wait_minutes", "satisfaction")


class ReportTarget(db.Model):
    """A target for one metric at one point (or every point when point_id is empty), from a date on.

    The report uses the row in force on the period's last day, a point's own row before the
    deployment-wide one.
    """

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), index=True)
    metric = db.Column(db.String(30), nullable=False)
    value = db.Column(db.Float, nullable=False)
    effective_from = db.Column(db.Date, nullable=False)
    note = db.Column(db.String(200))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    point = db.relationship("ServicePoint")

    __table_args__ = (
        db.UniqueConstraint("point_id", "metric", "effective_from"),
        db.CheckConstraint(
            "metric IN ('online_share', 'on_time_share', 'median_wait_minutes', 'satisfaction')",
            name="metric_values",
        ),
    )
