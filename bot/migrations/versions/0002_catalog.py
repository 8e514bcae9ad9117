"""The catalogue: sources, services, their texts per language, and the version counter.

Revision ID: 0002_catalog
Revises: 0001_record
Create Date: 2026-11-24
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002_catalog"
down_revision = "0001_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_count", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.UniqueConstraint("name", name="uq_catalog_sources_name"),
    )
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("catalog_sources.id"), nullable=False),
        sa.Column("source_ref", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("organization", sa.Text()),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("taxonomy_codes", sa.JSON(), nullable=False),
        sa.Column("taxonomy_terms", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("phone", sa.String(64)),
        sa.Column("email", sa.String(255)),
        sa.Column("url", sa.Text()),
        sa.Column("address", sa.Text()),
        sa.Column("city", sa.String(128)),
        sa.Column("postal_code", sa.String(32)),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("eligibility", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("source_id", "source_ref", name="uq_services_source_ref"),
    )
    op.create_index("ix_services_source_id", "services", ["source_id"])
    op.create_index("ix_services_active", "services", ["active"])
    op.create_table(
        "service_texts",
        sa.Column("service_id", sa.Integer(), sa.ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("language", sa.String(8), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("eligibility_description", sa.Text(), nullable=False),
    )
    state = op.create_table(
        "catalog_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.bulk_insert(state, [{"id": 1, "version": 0, "updated_at": dt.datetime.now(dt.UTC)}])


def downgrade() -> None:
    for table in ("catalog_state", "service_texts", "services", "catalog_sources"):
        op.drop_table(table)
