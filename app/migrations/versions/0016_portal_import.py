"""portal import: uploaded one-stop CSV exports and the dossier statuses each changed (for undo)

Revision ID: 0016_portal_import
Revises: 0015_complaints
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_portal_import"
down_revision = "0015_complaints"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("encoding", sa.String(length=20), nullable=False),
        sa.Column("separator", sa.String(length=1), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('preview', 'applied', 'undone')", name=op.f("ck_import_batch_status_values")
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_import_batch_point_id_service_point")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_import_batch_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch") as batch:
        batch.create_index(batch.f("ix_import_batch_sha256"), ["sha256"])
    op.create_table(
        "import_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=False),
        sa.Column("to_status", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batch.id"],
            name=op.f("fk_import_change_batch_id_import_batch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_import_change_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_change")),
    )
    with op.batch_alter_table("import_change") as batch:
        batch.create_index(batch.f("ix_import_change_batch_id"), ["batch_id"])


def downgrade():
    op.drop_table("import_change")
    op.drop_table("import_batch")
