"""kit announcement: the Zalo group announcement as staff last edited it, per point and language

Revision ID: 0030_kit_announcement
Revises: 0028_user_lock_columns
"""

import sqlalchemy as sa
from alembic import op

revision = "0030_kit_announcement"
down_revision = "0028_user_lock_columns"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kit_announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["point_id"],
            ["service_point.id"],
            name=op.f("fk_kit_announcement_point_id_service_point"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user.id"],
            name=op.f("fk_kit_announcement_updated_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_announcement")),
        sa.UniqueConstraint("point_id", "lang", name=op.f("uq_kit_announcement_point_id_lang")),
    )


def downgrade():
    op.drop_table("kit_announcement")
