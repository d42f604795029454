"""user.failed_logins and user.locked_until dropped: sign-in throttling lives in app/services/throttle

Nothing read them since the throttle moved to counters per (account, address) and per account
(issue #12); an admin's "unlock" clears those counters. Downgrade brings the columns back empty.

Revision ID: 0028_user_lock_columns
Revises: 0027_notify_dossiers
"""

import sqlalchemy as sa
from alembic import op

revision = "0028_user_lock_columns"
down_revision = "0027_notify_dossiers"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("failed_logins", sa.SmallInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
