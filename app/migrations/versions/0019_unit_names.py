"""unit names: effective-dated names of a point's ward and residential group (mergers since 07/2025)

Revision ID: 0019_unit_names
Revises: 0018_notify_lead_minutes
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_unit_names"
down_revision = "0018_notify_lead_minutes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unit_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('ward', 'group')", name=op.f("ck_unit_name_kind_values")),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_unit_name_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_name")),
        sa.UniqueConstraint(
            "point_id", "kind", "effective_from", name=op.f("uq_unit_name_point_id_kind_effective_from")
        ),
    )


def downgrade():
    op.drop_table("unit_name")
