"""kiosk channel: tickets taken at the self-service kiosk by the door

Revision ID: 0020_kiosk_channel
Revises: 0019_unit_names
"""

from alembic import op

revision = "0020_kiosk_channel"
down_revision = "0019_unit_names"
branch_labels = None
depends_on = None

OLD = "channel IN ('phone', 'office', 'desk', 'appointment')"
NEW = "channel IN ('phone', 'office', 'desk', 'appointment', 'kiosk')"


def _replace(check):
    with op.batch_alter_table("ticket") as batch:
        batch.drop_constraint(op.f("ck_ticket_channel_values"), type_="check")
        batch.create_check_constraint(op.f("ck_ticket_channel_values"), check)


def upgrade():
    _replace(NEW)


def downgrade():
    op.execute("UPDATE ticket SET channel = 'office' WHERE channel = 'kiosk'")
    _replace(OLD)
