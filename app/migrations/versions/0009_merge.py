"""merge the feature branches into one head

The features landed in parallel, each migrating from the foundation; from here on there is
one head again, so `flask db upgrade` (without "heads") works too.

Revision ID: 0009_merge
Revises: 0003_dossiers, 0004_outreach, 0007_appointments, 0008_report_rollups
"""

revision = "0009_merge"
down_revision = ("0003_dossiers", "0004_outreach", "0007_appointments", "0008_report_rollups")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
