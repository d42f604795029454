"""national filing: per dossier, the ticks Decision 766's service index needs (channel, VNeID, payment...)

Revision ID: 0013_national_filing
Revises: 0012_notifications
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_national_filing"
down_revision = "0012_notifications"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "national_filing",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("national_channel", sa.String(length=10), nullable=True),
        sa.Column("payment", sa.String(length=10), nullable=True),
        sa.Column("vneid_level2", sa.Boolean(), nullable=False),
        sa.Column("digitised", sa.Boolean(), nullable=False),
        sa.Column("data_reused", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "national_channel IN ('in_person', 'online', 'postal')",
            name=op.f("ck_national_filing_national_channel_values"),
        ),
        sa.CheckConstraint(
            "payment IN ('none', 'desk', 'online')", name=op.f("ck_national_filing_payment_values")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_national_filing_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["user.id"], name=op.f("fk_national_filing_updated_by_id_user")
        ),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_national_filing")),
    )


def downgrade():
    op.drop_table("national_filing")
