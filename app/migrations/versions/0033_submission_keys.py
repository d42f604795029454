"""submission keys: a booking or ticket form sent twice (a double tap) finds the first, never makes a second

Revision ID: 0033_submission_keys
Revises: 0032_month_channels
"""

import sqlalchemy as sa
from alembic import op

revision = "0033_submission_keys"
down_revision = "0032_month_channels"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: rows made before this, by staff, the kiosk or the demo have no key, and NULLs never clash.
    for table in ("appointment", "ticket"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("submission_key", sa.String(length=64), nullable=True))
            batch.create_unique_constraint(batch.f(f"uq_{table}_submission_key"), ["submission_key"])


def downgrade():
    for table in ("appointment", "ticket"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(batch.f(f"uq_{table}_submission_key"), type_="unique")
            batch.drop_column("submission_key")
