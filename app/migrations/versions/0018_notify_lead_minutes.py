"""notify_subscription.lead_minutes: how long a resident needs to come back ("leave now" that early)

Revision ID: 0018_notify_lead_minutes
Revises: 0017_rating_trips
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_notify_lead_minutes"
down_revision = "0017_rating_trips"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lead_minutes", sa.SmallInteger(), nullable=False, server_default="15"))
        batch_op.create_check_constraint("lead_minutes_range", "lead_minutes BETWEEN 1 AND 120")


def downgrade():
    with op.batch_alter_table("notify_subscription", schema=None) as batch_op:
        batch_op.drop_constraint("ck_notify_subscription_lead_minutes_range", type_="check")
        batch_op.drop_column("lead_minutes")
