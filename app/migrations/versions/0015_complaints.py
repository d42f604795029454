"""complaints: comments marked as complaints, with the legal steps and when each was taken

Revision ID: 0015_complaints
Revises: 0014_queue_versions
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_complaints"
down_revision = "0014_queue_versions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("rating_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("more_info_at", sa.DateTime(), nullable=True),
        sa.Column("refused_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('received', 'more_info', 'refused', 'answered', 'published')",
            name=op.f("ck_complaint_status_values"),
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_complaint_created_by_id_user")),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_complaint_point_id_service_point")
        ),
        sa.ForeignKeyConstraint(
            ["rating_id"], ["rating.id"], name=op.f("fk_complaint_rating_id_rating"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
        sa.UniqueConstraint("rating_id", name=op.f("uq_complaint_rating_id")),
    )
    with op.batch_alter_table("complaint") as batch:
        batch.create_index(batch.f("ix_complaint_point_id"), ["point_id"])
        batch.create_index(batch.f("ix_complaint_status"), ["status"])
        batch.create_index(batch.f("ix_complaint_received_at"), ["received_at"])


def downgrade():
    op.drop_table("complaint")
