"""The warm handoff: who holds a conversation (its mode), consent, the queue; navigators, notes, the audit log.

Revision ID: 0003_handoff
Revises: 0002_catalog
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_handoff"
down_revision = "0002_catalog"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "navigators",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("coordinator", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("language", sa.String(8), nullable=False, server_default="en"),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_navigators_email", "navigators", ["email"], unique=True)
    # Plain ALTERs, not batch mode: SQLite (3.25+) renames and adds columns in place, where batch mode would
    # copy the table, which the messages' foreign keys refuse. SQLite can't add a constraint to a table, so
    # there the two new references are plain columns (the application keeps them right).
    sqlite = op.get_bind().dialect.name == "sqlite"

    def navigator_ref(name: str) -> sa.Column:
        return sa.Column(name, sa.Integer()) if sqlite else sa.Column(name, sa.Integer(), sa.ForeignKey("navigators.id"))

    op.alter_column("conversations", "status", new_column_name="mode", existing_type=sa.String(16),
                    existing_nullable=False)
    op.add_column("conversations", sa.Column("consent", sa.String(8)))
    op.add_column("conversations", sa.Column("priority", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("conversations", sa.Column("handoff_reason", sa.String(32)))
    op.add_column("conversations", sa.Column("waiting_since", sa.DateTime(timezone=True)))
    op.add_column("conversations", navigator_ref("held_by_id"))
    op.add_column("conversations", sa.Column("claimed_at", sa.DateTime(timezone=True)))
    op.add_column("conversations", sa.Column("reminded_at", sa.DateTime(timezone=True)))
    op.add_column("conversations", sa.Column("outcome", sa.String(16)))
    op.add_column("conversations", sa.Column("closed_at", sa.DateTime(timezone=True)))
    op.create_index("ix_conversations_mode", "conversations", ["mode"])
    # "active" was the only mode the bot had: it is now called what it is.
    op.execute("UPDATE conversations SET mode = 'bot' WHERE mode = 'active'")
    op.add_column("messages", navigator_ref("author_id"))
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("conversation_id", sa.String(32), sa.ForeignKey("conversations.id"), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("navigators.id"), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_notes_conversation_id", "notes", ["conversation_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("navigator_id", sa.Integer(), sa.ForeignKey("navigators.id")),
        sa.Column("conversation_id", sa.String(32), sa.ForeignKey("conversations.id")),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_audit_log_navigator_id", "audit_log", ["navigator_id"])
    op.create_index("ix_audit_log_conversation_id", "audit_log", ["conversation_id"])
    op.create_index("ix_audit_log_created_at", "audit_log", ["created_at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("notes")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("author_id")
    op.drop_index("ix_conversations_mode", "conversations")
    op.execute("UPDATE conversations SET mode = 'active' WHERE mode = 'bot' OR mode = 'navigator'")
    with op.batch_alter_table("conversations") as batch:
        for column in ("closed_at", "outcome", "reminded_at", "claimed_at", "held_by_id", "waiting_since",
                       "handoff_reason", "priority", "consent"):
            batch.drop_column(column)
        batch.alter_column("mode", new_column_name="status", existing_type=sa.String(16))
    op.drop_index("ix_navigators_email", "navigators")
    op.drop_table("navigators")
