"""queue: tickets, per-day ticket counters, ticket events

Revision ID: 0002_queue
Revises: 0001_foundation
Create Date: 2026-11-27 21:30:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0002_queue"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ticket_counter",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_ticket_counter_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("point_id", "service_day", "prefix", name=op.f("pk_ticket_counter")),
    )
    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("service_day", sa.Date(), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("desk_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=12), nullable=False),
        sa.Column("priority", sa.String(length=12), nullable=True),
        sa.Column("phone", sa.String(length=15), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("call_count", sa.SmallInteger(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "channel IN ('phone', 'office', 'desk', 'appointment')", name=op.f("ck_ticket_channel_values")
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'transferred')",
            name=op.f("ck_ticket_status_values"),
        ),
        sa.CheckConstraint(
            "priority IS NULL OR priority IN ('elderly', 'disabled', 'pregnant', 'child')",
            name=op.f("ck_ticket_priority_values"),
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_ticket_point_id_service_point")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_ticket_procedure_id_procedure")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_ticket_team_id_team")),
        sa.ForeignKeyConstraint(["desk_id"], ["desk.id"], name=op.f("fk_ticket_desk_id_desk")),
        sa.ForeignKeyConstraint(["issued_by_id"], ["user.id"], name=op.f("fk_ticket_issued_by_id_user")),
        sa.ForeignKeyConstraint(["staff_id"], ["user.id"], name=op.f("fk_ticket_staff_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint(
            "point_id",
            "service_day",
            "prefix",
            "number",
            name=op.f("uq_ticket_point_id_service_day_prefix_number"),
        ),
        sa.UniqueConstraint("token", name=op.f("uq_ticket_token")),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ticket_point_day_status", ["point_id", "service_day", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_ticket_phone"), ["phone"], unique=False)

    op.create_table(
        "ticket_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=True),
        sa.Column("to_status", sa.String(length=12), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_event_ticket_id_ticket"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["desk_id"], ["desk.id"], name=op.f("fk_ticket_event_desk_id_desk")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_ticket_event_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_event")),
    )
    with op.batch_alter_table("ticket_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_event_ticket_id"), ["ticket_id"], unique=False)


def downgrade():
    with op.batch_alter_table("ticket_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_event_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_ticket_event_at"))
    op.drop_table("ticket_event")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_phone"))
        batch_op.drop_index("ix_ticket_point_day_status")
    op.drop_table("ticket")
    op.drop_table("ticket_counter")
