"""The vision commitments of each report (issue 15): GET /v1/reports?mission=… without reading bodies.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``report_missions`` and its indexes."""
    op.create_table(
        "report_missions",
        sa.Column("report_id", sa.Text, nullable=False),
        sa.Column("mission", sa.Text, nullable=False),
        sa.Column("commitment", sa.Text, nullable=False),
        sa.Column("relation", sa.Text, nullable=False),
    )
    op.create_index("report_missions_by_mission", "report_missions", ["mission", "report_id"])
    op.create_index("report_missions_by_commitment", "report_missions", ["commitment", "report_id"])
    op.create_index("report_missions_by_report", "report_missions", ["report_id"])


def downgrade() -> None:
    """Drop ``report_missions``."""
    op.drop_table("report_missions")
