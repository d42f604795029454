"""report months: monthly sums of the daily ticket and dossier rollups; report_day.served for the daily chart

Revision ID: 0031_report_months
Revises: 0030_kit_announcement
"""

import sqlalchemy as sa
from alembic import op

revision = "0031_report_months"
down_revision = "0030_kit_announcement"
branch_labels = None
depends_on = None


def _point_fk(table):
    return sa.ForeignKeyConstraint(
        ["point_id"], ["service_point.id"], name=op.f(f"fk_{table}_point_id_service_point")
    )


def _row_columns():
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
    ]


def upgrade():
    with op.batch_alter_table("report_day") as batch:
        batch.add_column(sa.Column("served", sa.Integer(), server_default="0", nullable=False))
    # Days rolled up before this column existed: their served tickets from their summary rows.
    op.execute(
        "UPDATE report_day SET served = COALESCE((SELECT SUM(s.served) FROM ticket_day_summary s"
        " WHERE s.point_id = report_day.point_id AND s.day = report_day.day), 0)"
    )
    op.create_table(
        "report_month",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("rolled_up_at", sa.DateTime(), nullable=False),
        _point_fk("report_month"),
        sa.PrimaryKeyConstraint("kind", "point_id", "month", name=op.f("pk_report_month")),
    )
    op.create_table(
        "ticket_month_summary",
        *_row_columns(),
        sa.Column("day_type", sa.String(length=8), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("procedure_id", sa.Integer(), nullable=True),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in (
                "issued",
                "served",
                "no_show",
                "cancelled",
                "still_open",
                "wait_count",
                "service_count",
            )
        ),
        sa.Column("wait_minutes", sa.LargeBinary(), nullable=False),
        sa.Column("service_minutes", sa.LargeBinary(), nullable=False),
        _point_fk("ticket_month_summary"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_month_summary")),
    )
    op.create_table(
        "dossier_month_count",
        *_row_columns(),
        sa.Column("procedure_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("national_channel", sa.String(length=10), nullable=True),
        sa.Column("payment", sa.String(length=10), nullable=True),
        sa.Column("vneid_level2", sa.Boolean(), nullable=True),
        sa.Column("digitised", sa.Boolean(), nullable=True),
        sa.Column("data_reused", sa.Boolean(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        _point_fk("dossier_month_count"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_month_count")),
    )
    op.create_table(
        "dossier_month_timed",
        *_row_columns(),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done_day", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("supplements", sa.Integer(), nullable=False),
        _point_fk("dossier_month_timed"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_month_timed")),
    )
    for table in ("ticket_month_summary", "dossier_month_count", "dossier_month_timed"):
        op.create_index(f"ix_{table}_month_point", table, ["month", "point_id"], unique=False)


def downgrade():
    for table in ("dossier_month_timed", "dossier_month_count", "ticket_month_summary"):
        op.drop_index(f"ix_{table}_month_point", table_name=table)
        op.drop_table(table)
    op.drop_table("report_month")
    with op.batch_alter_table("report_day") as batch:
        batch.drop_column("served")
