"""dossiers: dossier and dossier_event

Revision ID: 0003_dossiers
Revises: 0001_foundation
"""

from alembic import op
import sqlalchemy as sa


revision = "0003_dossiers"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

STATUSES = (
    "('draft', 'submitted', 'received', 'processing', 'supplement', 'completed', "
    "'returned', 'refused', 'withdrawn', 'cancelled')"
)


def upgrade():
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("form_kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("portal_code", sa.String(length=40), nullable=True),
        sa.Column("applicant_name", sa.String(length=120), nullable=True),
        sa.Column("applicant_phone", sa.String(length=10), nullable=True),
        sa.Column("applicant_id_number", sa.String(length=12), nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=True),
        sa.Column("consent_purpose", sa.Text(), nullable=True),
        sa.Column("supplement_request", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("resume_code", sa.String(length=9), nullable=True),
        sa.Column("draft_key", sa.String(length=43), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("anonymised", sa.Boolean(), nullable=False),
        sa.CheckConstraint(f"status IN {STATUSES}", name=op.f("ck_dossier_status_values")),
        sa.CheckConstraint(
            "channel IN ('self', 'volunteer', 'paper')", name=op.f("ck_dossier_channel_values")
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_dossier_created_by_id_user")),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_dossier_point_id_service_point")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_dossier_procedure_id_procedure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.UniqueConstraint("code", name=op.f("uq_dossier_code")),
        sa.UniqueConstraint("resume_code", name=op.f("uq_dossier_resume_code")),
    )
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_point_id"), ["point_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_procedure_id"), ["procedure_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_finished_at"), ["finished_at"], unique=False)

    op.create_table(
        "dossier_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
            name=op.f("fk_dossier_event_dossier_id_dossier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_dossier_event_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_event")),
    )
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_event_dossier_id"), ["dossier_id"], unique=False)


def downgrade():
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_event_dossier_id"))
    op.drop_table("dossier_event")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        for name in (
            "ix_dossier_finished_at",
            "ix_dossier_due_date",
            "ix_dossier_status",
            "ix_dossier_procedure_id",
            "ix_dossier_point_id",
        ):
            batch_op.drop_index(batch_op.f(name))
    op.drop_table("dossier")
