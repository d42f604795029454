"""month channels: tickets per channel in the monthly ticket rollups, as the daily ones have

Revision ID: 0032_month_channels
Revises: 0031_report_months
"""

import sqlalchemy as sa
from alembic import op

revision = "0032_month_channels"
down_revision = "0031_report_months"
branch_labels = None
depends_on = None


def upgrade():
    # Months rolled up before this column have no channel counts: they are dropped (their daily rows
    # stay), so reports read those days until the month is rolled up again, lazily when a report
    # covers it or by `flask rollup-reports --since`.
    op.execute("DELETE FROM ticket_month_summary")
    op.execute("DELETE FROM report_month WHERE kind = 'tickets'")
    with op.batch_alter_table("ticket_month_summary") as batch:
        batch.add_column(sa.Column("channels", sa.String(length=200), server_default="{}", nullable=False))


def downgrade():
    with op.batch_alter_table("ticket_month_summary") as batch:
        batch.drop_column("channels")
