"""notifications: residents' channels, the outbox, the delivery log, daily usage, provider tokens

Revision ID: 0012_notifications
Revises: 0009_merge
"""

from alembic import op
import sqlalchemy as sa


revision = "0012_notifications"
down_revision = "0009_merge"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "provider_token",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("access_token", sa.Text(), nullable=True),
        sa.Column("refresh_token", sa.Text(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_provider_token")),
    )
    op.create_table(
        "notify_usage",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_notify_usage_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("point_id", "day", "channel", name=op.f("pk_notify_usage")),
    )
    op.create_table(
        "notify_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("address", sa.String(length=600), nullable=False),
        sa.Column("push_p256dh", sa.String(length=200), nullable=True),
        sa.Column("push_auth", sa.String(length=100), nullable=True),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "channel IN ('sms', 'zns', 'push')", name=op.f("ck_notify_subscription_channel_values")
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_notify_subscription_point_id_service_point")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["ticket.id"],
            name=op.f("fk_notify_subscription_ticket_id_ticket"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notify_subscription")),
    )
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notify_subscription_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=True),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("address", sa.String(length=600), nullable=True),
        sa.Column("to_masked", sa.String(length=40), nullable=False),
        sa.Column("event", sa.String(length=24), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.Column("quota_counted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("provider_ref", sa.String(length=100), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.CheckConstraint("channel IN ('sms', 'zns', 'push')", name=op.f("ck_notification_channel_values")),
        sa.CheckConstraint(
            "status IN ('pending', 'sending', 'sent', 'failed', 'skipped')",
            name=op.f("ck_notification_status_values"),
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_notification_point_id_service_point")
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["notify_subscription.id"],
            name=op.f("fk_notification_subscription_id_notify_subscription"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("key", name=op.f("uq_notification_key")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_point_created", ["point_id", "created_at"], unique=False)
        batch_op.create_index("ix_notification_status_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notification_subscription_id"), ["subscription_id"], unique=False
        )

    op.create_table(
        "delivery_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notification.id"],
            name=op.f("fk_delivery_attempt_notification_id_notification"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_attempt")),
    )
    with op.batch_alter_table("delivery_attempt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_delivery_attempt_notification_id"), ["notification_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("delivery_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delivery_attempt_notification_id"))

    op.drop_table("delivery_attempt")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_subscription_id"))
        batch_op.drop_index("ix_notification_status_due")
        batch_op.drop_index("ix_notification_point_created")

    op.drop_table("notification")
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notify_subscription_ticket_id"))

    op.drop_table("notify_subscription")
    op.drop_table("notify_usage")
    op.drop_table("provider_token")
