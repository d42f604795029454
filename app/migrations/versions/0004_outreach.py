"""outreach: documents, links, ratings, visit counters, used captchas; post slug and body format

Revision ID: 0004_outreach
Revises: 0001_foundation
Create Date: 2026-11-27 21:05:31.999743

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0004_outreach"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "captcha_use",
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_captcha_use")),
    )
    with op.batch_alter_table("captcha_use", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_captcha_use_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title_vi", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("sort_order", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link")),
    )
    op.create_table(
        "visit_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_visit_day")),
    )
    op.create_table(
        "visit_presence",
        sa.Column("minute", sa.BigInteger(), nullable=False),
        sa.Column("visitor", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("minute", "visitor", name=op.f("pk_visit_presence")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=True),
        sa.Column("title_vi", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=True),
        sa.Column("number", sa.String(length=60), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("file_key", sa.String(length=64), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=True),
        sa.Column("mime_type", sa.String(length=120), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_document_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("file_key", name=op.f("uq_document_file_key")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_issued_on"), ["issued_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_point_id"), ["point_id"], unique=False)

    op.create_table(
        "rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("overall", sa.SmallInteger(), nullable=False),
        sa.Column("on_time", sa.SmallInteger(), nullable=True),
        sa.Column("attitude", sa.SmallInteger(), nullable=True),
        sa.Column("visits", sa.SmallInteger(), nullable=True),
        sa.Column("publicity", sa.SmallInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("ticket_ref", sa.String(length=64), nullable=True),
        sa.Column("dossier_ref", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("moderated_at", sa.DateTime(), nullable=True),
        sa.Column("moderated_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name=op.f("ck_rating_status_values")
        ),
        sa.CheckConstraint(
            "attitude IS NULL OR attitude BETWEEN 1 AND 5", name=op.f("ck_rating_attitude_range")
        ),
        sa.CheckConstraint(
            "on_time IS NULL OR on_time BETWEEN 1 AND 5", name=op.f("ck_rating_on_time_range")
        ),
        sa.CheckConstraint(
            "overall IS NULL OR overall BETWEEN 1 AND 5", name=op.f("ck_rating_overall_range")
        ),
        sa.CheckConstraint(
            "publicity IS NULL OR publicity BETWEEN 1 AND 5", name=op.f("ck_rating_publicity_range")
        ),
        sa.CheckConstraint("visits IS NULL OR visits BETWEEN 1 AND 5", name=op.f("ck_rating_visits_range")),
        sa.ForeignKeyConstraint(
            ["moderated_by_id"], ["user.id"], name=op.f("fk_rating_moderated_by_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["point_id"], ["service_point.id"], name=op.f("fk_rating_point_id_service_point")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating")),
        sa.UniqueConstraint("dossier_ref", name=op.f("uq_rating_dossier_ref")),
        sa.UniqueConstraint("ticket_ref", name=op.f("uq_rating_ticket_ref")),
    )
    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rating_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_rating_point_id"), ["point_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rating_status"), ["status"], unique=False)

    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slug", sa.String(length=120), nullable=True))
        batch_op.add_column(
            sa.Column("body_format", sa.String(length=10), server_default="text", nullable=False)
        )
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("body_format")
        batch_op.drop_column("slug")

    with op.batch_alter_table("rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rating_status"))
        batch_op.drop_index(batch_op.f("ix_rating_point_id"))
        batch_op.drop_index(batch_op.f("ix_rating_created_at"))

    op.drop_table("rating")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_point_id"))
        batch_op.drop_index(batch_op.f("ix_document_issued_on"))

    op.drop_table("document")
    op.drop_table("visit_presence")
    op.drop_table("visit_day")
    op.drop_table("link")
    with op.batch_alter_table("captcha_use", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_captcha_use_expires_at"))

    op.drop_table("captcha_use")
