"""Imports of the ward one-stop system's CSV export: each file, its column mapping, and what it changed."""

from ..extensions import db
from ..timeutil import utcnow

IMPORT_STATUSES = ("preview", "applied", "undone")


class ImportBatch(db.Model):
    """One uploaded file: kept (decoded) from the preview to the import, so nothing is uploaded twice."""

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"))
    user_id = db.Column(db.ForeignKey("user.id"))
    filename = db.Column(db.String(200), nullable=False)
    sha256 = db.Column(db.String(64), nullable=False, index=True)
    encoding = db.Column(db.String(20), nullable=False)
    separator = db.Column(db.String(1), nullable=False)
    content = db.Column(db.Text, nullable=False)
    mapping = db.Column(db.Text, nullable=False, default="{}")  # JSON {"code": column, "status": column, ...}
    status = db.Column(db.String(10), nullable=False, default="preview")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    applied_at = db.Column(db.DateTime)
    undone_at = db.Column(db.DateTime)

    changes = db.relationship("ImportChange", back_populates="batch", order_by="ImportChange.id")

    __table_args__ = (db.CheckConstraint("status IN ('preview', 'applied', 'undone')", name="status_values"),)


class ImportChange(db.Model):
    """One dossier whose status an import changed: enough to undo it."""

    id = db.Column(db.Integer, primary_key=True)
    batch_id = db.Column(db.ForeignKey("import_batch.id", ondelete="CASCADE"), nullable=False, index=True)
    dossier_id = db.Column(db.ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False)
    from_status = db.Column(db.String(12), nullable=False)
    to_status = db.Column(db.String(12), nullable=False)

    batch = db.relationship("ImportBatch", back_populates="changes")
    dossier = db.relationship("Dossier")
