"""Badges: the history of issued serials (for revocation lists) and recorded print batches

Revision ID: 0005_badges
Revises: 0001_foundation
Create Date: 2026-11-23 13:30:20.849203

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0005_badges"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "badge_print_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("selection", sa.String(length=20), nullable=False),
        sa.Column("selection_value", sa.String(length=200), nullable=False),
        sa.Column("layout", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("rendered", sa.Integer(), nullable=False),
        sa.Column("pdf_path", sa.String(length=300), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_badge_print_batches_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_print_batches")),
    )
    op.create_table(
        "badge_print_batch_items",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("badge_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["badge_id"], ["badges.id"], name=op.f("fk_badge_print_batch_items_badge_id_badges")),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["badge_print_batches.id"],
            name=op.f("fk_badge_print_batch_items_batch_id_badge_print_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", "badge_id", name=op.f("pk_badge_print_batch_items")),
    )
    op.create_index(op.f("ix_badge_print_batch_items_badge_id"), "badge_print_batch_items", ["badge_id"], unique=False)
    op.create_table(
        "badge_serials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("badge_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["badge_id"], ["badges.id"], name=op.f("fk_badge_serials_badge_id_badges"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["issued_by_id"], ["users.id"], name=op.f("fk_badge_serials_issued_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_serials")),
        sa.UniqueConstraint("badge_id", "serial", name=op.f("uq_badge_serials_badge_id_serial")),
    )
    op.create_index(op.f("ix_badge_serials_badge_id"), "badge_serials", ["badge_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_badge_serials_badge_id"), table_name="badge_serials")
    op.drop_table("badge_serials")
    op.drop_index(op.f("ix_badge_print_batch_items_badge_id"), table_name="badge_print_batch_items")
    op.drop_table("badge_print_batch_items")
    op.drop_table("badge_print_batches")
