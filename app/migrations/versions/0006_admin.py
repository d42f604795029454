"""admin: report targets; indexes the reports need on tickets, dossiers and ratings

Revision ID: 0006_admin
Revises: 0005_audit
Depends on: 0002_queue, 0003_dossiers, 0004_outreach, 0007_appointments (their tables get report indexes)
"""

from alembic import op
import sqlalchemy as sa

revision = "0006_admin"
down_revision = "0005_audit"
branch_labels = None
# The report indexes go on other features' tables: run after those tables exist.
depends_on = ("0003_dossiers", "0004_outreach", "0007_appointments")  # 0007 comes after 0002_queue

# (index name, table, columns): periods for every point filter on the date alone; one point's
# period on (point, date). ticket(point_id, service_day, status) already exists in 0002_queue.
REPORT_INDEXES = [
    ("ix_report_ticket_day", "ticket", ["service_day"]),
    ("ix_report_dossier_point_submitted", "dossier", ["point_id", "submitted_at"]),
    ("ix_report_dossier_submitted", "dossier", ["submitted_at"]),
    ("ix_report_rating_point_created", "rating", ["point_id", "created_at"]),
    ("ix_report_appointment_day", "appointment", ["day"]),
]


def upgrade():
    op.create_table(
        "report_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=True),
        sa.Column("metric", sa.String(length=30), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "metric IN ('online_share', 'on_time_share', 'median_wait_minutes', 'satisfaction')",
            name=op.f("ck_report_target_metric_values"),
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_report_target_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_target")),
        sa.UniqueConstraint(
            "point_id",
            "metric",
            "effective_from",
            name=op.f("uq_report_target_point_id_metric_effective_from"),
        ),
    )
    with op.batch_alter_table("report_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_target_point_id"), ["point_id"], unique=False)
    for name, table, columns in REPORT_INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade():
    for name, table, _columns in reversed(REPORT_INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("report_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_target_point_id"))
    op.drop_table("report_target")
