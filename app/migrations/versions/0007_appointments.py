"""appointments: bookings, per-team booking settings, slot counters

Revision ID: 0007_appointments
Revises: 0002_queue
Create Date: 2026-11-27 21:20:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0007_appointments"
down_revision = "0002_queue"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "booking_settings",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("slot_minutes", sa.SmallInteger(), nullable=False),
        sa.Column("capacity", sa.SmallInteger(), nullable=False),
        sa.Column("horizon_days", sa.SmallInteger(), nullable=False),
        sa.Column("max_per_phone", sa.SmallInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "slot_minutes BETWEEN 5 AND 240", name=op.f("ck_booking_settings_slot_minutes_range")
        ),
        sa.CheckConstraint("capacity BETWEEN 0 AND 100", name=op.f("ck_booking_settings_capacity_range")),
        sa.CheckConstraint("horizon_days BETWEEN 1 AND 120", name=op.f("ck_booking_settings_horizon_range")),
        sa.CheckConstraint(
            "max_per_phone BETWEEN 1 AND 20", name=op.f("ck_booking_settings_max_per_phone_range")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_booking_settings_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_booking_settings_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_booking_settings")),
    )
    with op.batch_alter_table("booking_settings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_settings_point_id"), ["point_id"], unique=False)

    op.create_table(
        "slot_counter",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.CheckConstraint("booked >= 0", name=op.f("ck_slot_counter_booked_not_negative")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_slot_counter_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_slot_counter_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("team_id", "day", "start", name=op.f("pk_slot_counter")),
    )

    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=15), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("checked_in_at", sa.DateTime(), nullable=True),
        sa.Column("missed_at", sa.DateTime(), nullable=True),
        sa.Column("checked_in_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('booked', 'checked_in', 'cancelled', 'missed')",
            name=op.f("ck_appointment_status_values"),
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_appointment_point_id_service_point")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_appointment_procedure_id_procedure")
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_appointment_team_id_team")),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], name=op.f("fk_appointment_ticket_id_ticket")),
        sa.ForeignKeyConstraint(
            ["checked_in_by_id"], ["user.id"], name=op.f("fk_appointment_checked_in_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
        sa.UniqueConstraint("code", name=op.f("uq_appointment_code")),
        sa.UniqueConstraint("token", name=op.f("uq_appointment_token")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index("ix_appointment_point_day", ["point_id", "day", "start"], unique=False)
        batch_op.create_index(batch_op.f("ix_appointment_phone"), ["phone"], unique=False)


def downgrade():
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_phone"))
        batch_op.drop_index("ix_appointment_point_day")
    op.drop_table("appointment")
    op.drop_table("slot_counter")
    with op.batch_alter_table("booking_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_settings_point_id"))
    op.drop_table("booking_settings")
