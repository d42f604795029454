"""notify_subscription.dossier_id: residents choose messages about a dossier's status

Revision ID: 0027_notify_dossiers
Revises: 0026_link_point
"""

import sqlalchemy as sa
from alembic import op

revision = "0027_notify_dossiers"
down_revision = "0026_link_point"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dossier_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_notify_subscription_dossier_id"), ["dossier_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_notify_subscription_dossier_id_dossier"),
            "dossier",
            ["dossier_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_notify_subscription_dossier_id_dossier"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_notify_subscription_dossier_id"))
        batch_op.drop_column("dossier_id")
