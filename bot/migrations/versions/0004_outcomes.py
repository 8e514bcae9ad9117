"""Outcomes and a profile the person controls: follow-ups, the remembered profile.

Revision ID: 0004_outcomes
Revises: 0003_handoff
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_outcomes"
down_revision = "0003_handoff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contacts", sa.Column("profile", sa.JSON()))
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("conversation_id", sa.String(32), sa.ForeignKey("conversations.id"), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=False),
        sa.Column("service_ids", sa.JSON(), nullable=False),
        sa.Column("need", sa.String(32)),
        sa.Column("language", sa.String(8)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("outcome", sa.String(16)),
        sa.Column("feedback", sa.String(16)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_followups_conversation_id", "followups", ["conversation_id"])
    op.create_index("ix_followups_contact_id", "followups", ["contact_id"])
    op.create_index("ix_followups_status", "followups", ["status"])
    op.create_index("ix_followups_due_at", "followups", ["due_at"])


def downgrade() -> None:
    op.drop_table("followups")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("profile")
