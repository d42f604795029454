"""queue versions: one number per point and service day, bumped by every queue move

Revision ID: 0014_queue_versions
Revises: 0013_national_filing
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_queue_versions"
down_revision = "0013_national_filing"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "queue_version",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_queue_version_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("point_id", "service_day", name=op.f("pk_queue_version")),
    )


def downgrade():
    op.drop_table("queue_version")
