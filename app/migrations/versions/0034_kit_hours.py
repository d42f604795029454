"""kit hours: the opening-hours lines generated when a kit announcement was saved, so the kit warns only when the hours change

Revision ID: 0034_kit_hours
Revises: 0033_submission_keys
"""

import sqlalchemy as sa
from alembic import op

revision = "0034_kit_hours"
down_revision = "0033_submission_keys"
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: texts saved before this keep the old comparison (every hours line still in the text).
    with op.batch_alter_table("kit_announcement") as batch:
        batch.add_column(sa.Column("hours", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("kit_announcement") as batch:
        batch.drop_column("hours")
