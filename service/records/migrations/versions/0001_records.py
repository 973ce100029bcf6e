"""The records as of issue 17: positions and versions, reports, API keys, meta, decisions, rate buckets.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of :mod:`service.records.schema` as it stands at this revision."""
    op.create_table(
        "positions",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("topics", sa.Text, nullable=False),
        sa.Column("language", sa.Text),
        sa.Column("effective_from", sa.Text),
        sa.Column("effective_until", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default="active"),
        sa.Column("passages", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("retired_at", sa.Text),
        sa.Column("supersedes", sa.Text, nullable=False, server_default="[]"),
        sa.Column("source", sa.Text),
        sa.Column("published_on", sa.Text),
    )
    op.create_table(
        "position_versions",
        sa.Column("position_id", sa.Text, primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("agency", sa.Text),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("key_id", sa.Text),
        sa.Column("conflicts", sa.Integer),
        sa.Column("revision_of", sa.Text),
    )
    op.create_index("reports_by_agency", "reports", ["agency", "created_at"])
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("key_hash", sa.Text, nullable=False, unique=True),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Text),
        sa.Column("revoked_at", sa.Text),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Text, nullable=False),
        sa.Column("finding", sa.Integer, nullable=False),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("key_id", sa.Text),
        sa.Column("agency", sa.Text),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_index("decisions_by_report", "decisions", ["report_id", "finding", "id"])
    op.create_index("decisions_by_kind", "decisions", ["decision", "created_at"])
    op.create_table(
        "rate_buckets",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("updated", sa.Float, nullable=False),
    )


def downgrade() -> None:
    """Drop every table (the records are gone: export them first)."""
    for table in ("rate_buckets", "decisions", "meta", "api_keys", "reports", "position_versions", "positions"):
        op.drop_table(table)
