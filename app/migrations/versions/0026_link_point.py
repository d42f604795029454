"""link.point_id: a useful link belongs to one service point, or to every point when NULL

Revision ID: 0026_link_point
Revises: 0025_kiosk_role
"""

import sqlalchemy as sa
from alembic import op

revision = "0026_link_point"
down_revision = "0025_kiosk_role"
branch_labels = None
depends_on = None


def upgrade():
    # Existing links keep point_id NULL: they stay city-wide until an admin reassigns them.
    with op.batch_alter_table("link") as batch:
        batch.add_column(sa.Column("point_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_link_point_id_service_point"), "service_point", ["point_id"], ["id"]
        )
        batch.create_index(batch.f("ix_link_point_id"), ["point_id"], unique=False)


def downgrade():
    with op.batch_alter_table("link") as batch:
        batch.drop_index(batch.f("ix_link_point_id"))
        batch.drop_constraint(op.f("fk_link_point_id_service_point"), type_="foreignkey")
        batch.drop_column("point_id")
