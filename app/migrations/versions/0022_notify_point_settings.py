"""notify_point_settings: a point's own "còn N người" positions and daily SMS / Zalo quotas

Revision ID: 0022_notify_point_settings
Revises: 0021_notify_appointments
"""

import sqlalchemy as sa
from alembic import op

revision = "0022_notify_point_settings"
down_revision = "0021_notify_appointments"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notify_point_settings",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("ahead_at", sa.String(length=20), nullable=True),
        sa.Column("quota_sms", sa.Integer(), nullable=True),
        sa.Column("quota_zns", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_notify_point_settings_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("point_id", name=op.f("pk_notify_point_settings")),
    )


def downgrade():
    op.drop_table("notify_point_settings")
