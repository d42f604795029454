"""notify_subscription.appointment_id: residents choose messages (confirmation, reminders) for a booking

Revision ID: 0021_notify_appointments
Revises: 0020_kiosk_channel
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_notify_appointments"
down_revision = "0020_kiosk_channel"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appointment_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_notify_subscription_appointment_id"), ["appointment_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_notify_subscription_appointment_id_appointment"),
            "appointment",
            ["appointment_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_notify_subscription_appointment_id_appointment"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_notify_subscription_appointment_id"))
        batch_op.drop_column("appointment_id")
