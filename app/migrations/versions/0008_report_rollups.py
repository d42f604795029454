"""report rollups: per point and service day, ticket counts and waiting/service-time histograms

Revision ID: 0008_report_rollups
Revises: 0006_admin
"""

from alembic import op
import sqlalchemy as sa

revision = "0008_report_rollups"
down_revision = "0006_admin"
branch_labels = None
depends_on = None

# Covering indexes for the city-wide dossier figures (counts and on-time share over long periods):
# SQLite answers them from the index alone. Their tables come from 0003_dossiers, before 0006.
COVERING_INDEXES = [
    (
        "ix_report_dossier_submitted_cover",
        "dossier",
        ["submitted_at", "status", "channel", "procedure_id", "due_date"],
    ),
    ("ix_report_dossier_event_cover", "dossier_event", ["dossier_id", "status", "at"]),
]


def upgrade():
    op.create_table(
        "report_day",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("tickets", sa.Integer(), nullable=False),
        sa.Column("rolled_up_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_report_day_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("point_id", "day", name=op.f("pk_report_day")),
    )
    op.create_index("ix_report_day_day", "report_day", ["day"], unique=False)
    op.create_table(
        "ticket_day_summary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("procedure_id", sa.Integer(), nullable=True),
        sa.Column("issued", sa.Integer(), nullable=False),
        sa.Column("served", sa.Integer(), nullable=False),
        sa.Column("no_show", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.Column("still_open", sa.Integer(), nullable=False),
        sa.Column("channels", sa.String(length=200), nullable=False),
        sa.Column("wait_count", sa.Integer(), nullable=False),
        sa.Column("service_count", sa.Integer(), nullable=False),
        sa.Column("wait_minutes", sa.LargeBinary(), nullable=False),
        sa.Column("service_minutes", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_ticket_day_summary_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_day_summary")),
    )
    op.create_index(
        "ix_ticket_day_summary_day_point", "ticket_day_summary", ["day", "point_id"], unique=False
    )
    for name, table, columns in COVERING_INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade():
    for name, table, _columns in reversed(COVERING_INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_index("ix_ticket_day_summary_day_point", table_name="ticket_day_summary")
    op.drop_table("ticket_day_summary")
    op.drop_index("ix_report_day_day", table_name="report_day")
    op.drop_table("report_day")
