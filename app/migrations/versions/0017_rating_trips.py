"""rating trips: how many times the resident came for one matter, asked as a count

The 1-5 "visits" score stays for ratings given before, so past reports keep their figures.

Revision ID: 0017_rating_trips
Revises: 0016_portal_import
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_rating_trips"
down_revision = "0016_portal_import"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("rating") as batch:
        batch.add_column(sa.Column("trips", sa.SmallInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table("rating") as batch:
        batch.drop_column("trips")
