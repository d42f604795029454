"""kiosk role: an account for the self-service kiosk by the door (it can take numbers at /kiosk only)

Revision ID: 0025_kiosk_role
Revises: 0024_desk_state
"""

from alembic import op

revision = "0025_kiosk_role"
down_revision = "0024_desk_state"
branch_labels = None
depends_on = None

OLD = "role IN ('admin', 'staff', 'volunteer')"
NEW = "role IN ('admin', 'staff', 'volunteer', 'kiosk')"


def _replace(check):
    with op.batch_alter_table("user") as batch:
        batch.drop_constraint(op.f("ck_user_role_values"), type_="check")
        batch.create_check_constraint(op.f("ck_user_role_values"), check)


def upgrade():
    _replace(NEW)


def downgrade():
    op.execute("UPDATE \"user\" SET active = false WHERE role = 'kiosk'")
    op.execute("UPDATE \"user\" SET role = 'volunteer' WHERE role = 'kiosk'")
    _replace(OLD)
