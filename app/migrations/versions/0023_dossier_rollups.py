"""dossier rollups: per point and local day of submission, the dossier counts and on-time groups

Revision ID: 0023_dossier_rollups
Revises: 0022_notify_point_settings
"""

from alembic import op
import sqlalchemy as sa

revision = "0023_dossier_rollups"
down_revision = "0022_notify_point_settings"
branch_labels = None
depends_on = None


def _point_fk(table):
    return sa.ForeignKeyConstraint(
        ["point_id"], ["service_point.id"], name=op.f(f"fk_{table}_point_id_service_point")
    )


def upgrade():
    op.create_table(
        "dossier_report_day",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dossiers", sa.Integer(), nullable=False),
        sa.Column("rolled_up_at", sa.DateTime(), nullable=False),
        _point_fk("dossier_report_day"),
        sa.PrimaryKeyConstraint("point_id", "day", name=op.f("pk_dossier_report_day")),
    )
    op.create_index("ix_dossier_report_day_day", "dossier_report_day", ["day"], unique=False)
    op.create_table(
        "dossier_day_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("national_channel", sa.String(length=10), nullable=True),
        sa.Column("payment", sa.String(length=10), nullable=True),
        sa.Column("vneid_level2", sa.Boolean(), nullable=True),
        sa.Column("digitised", sa.Boolean(), nullable=True),
        sa.Column("data_reused", sa.Boolean(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        _point_fk("dossier_day_count"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_day_count")),
    )
    op.create_index("ix_dossier_day_count_day_point", "dossier_day_count", ["day", "point_id"], unique=False)
    op.create_table(
        "dossier_day_timed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done_day", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("supplements", sa.Integer(), nullable=False),
        _point_fk("dossier_day_timed"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_day_timed")),
    )
    op.create_index("ix_dossier_day_timed_day_point", "dossier_day_timed", ["day", "point_id"], unique=False)


def downgrade():
    op.drop_index("ix_dossier_day_timed_day_point", table_name="dossier_day_timed")
    op.drop_table("dossier_day_timed")
    op.drop_index("ix_dossier_day_count_day_point", table_name="dossier_day_count")
    op.drop_table("dossier_day_count")
    op.drop_index("ix_dossier_report_day_day", table_name="dossier_report_day")
    op.drop_table("dossier_report_day")
