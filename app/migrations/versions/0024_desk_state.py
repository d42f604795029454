"""desk state: open / on a break / closed today, since when, and who is at the desk

Revision ID: 0024_desk_state
Revises: 0023_dossier_rollups
"""

from alembic import op
import sqlalchemy as sa

revision = "0024_desk_state"
down_revision = "0023_dossier_rollups"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("desk") as batch:
        batch.add_column(sa.Column("state", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("state_day", sa.Date(), nullable=True))
        batch.add_column(sa.Column("state_since", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_desk_staff_id_user"), "user", ["staff_id"], ["id"])


def downgrade():
    with op.batch_alter_table("desk") as batch:
        batch.drop_constraint(op.f("fk_desk_staff_id_user"), type_="foreignkey")
        batch.drop_column("staff_id")
        batch.drop_column("state_since")
        batch.drop_column("state_day")
        batch.drop_column("state")
