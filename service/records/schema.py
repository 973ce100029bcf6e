"""The records' tables as SQLAlchemy Core metadata: one schema for SQLite and PostgreSQL.

Times are ISO-8601 UTC strings (:func:`service.records.db.utcnow`), so they compare as text on both;
``topics``, ``supersedes`` and report bodies are JSON text. PostgreSQL gets this schema through the
Alembic migrations in ``service/records/migrations`` (a test holds them equal to it); an SQLite file
gets it at open (:func:`service.records.engine.upgrade_sqlite`), with :data:`ADDED_COLUMNS` for files
made by older releases.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, Table, Text

metadata = MetaData()

positions = Table(
    "positions", metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("agency", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("topics", Text, nullable=False),
    Column("language", Text),
    Column("effective_from", Text),
    Column("effective_until", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", Text, nullable=False, server_default="active"),
    Column("passages", Integer, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("retired_at", Text),
    Column("supersedes", Text, nullable=False, server_default="[]"),  # ids this position replaces (JSON list)
    Column("source", Text),  # the file (and page) the text was loaded from
    Column("published_on", Text),  # the source document's date
)

position_versions = Table(
    "position_versions", metadata,
    Column("position_id", Text, primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("id", Text, primary_key=True),
    Column("agency", Text),
    Column("verdict", Text, nullable=False),
    Column("score", Integer, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("key_id", Text),  # the API key the report was made for
    Column("conflicts", Integer),  # its conflicting findings (open reports)
    Column("revision_of", Text),  # the report this one revises
    Index("reports_by_agency", "agency", "created_at"),
)

api_keys = Table(
    "api_keys", metadata,
    Column("id", Text, primary_key=True),
    Column("key_hash", Text, nullable=False, unique=True),
    Column("agency", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("expires_at", Text),
    Column("revoked_at", Text),
)

# Corpus version, review-link secret, bootstrap key id.
meta = Table(
    "meta", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Text, nullable=False),
    Column("finding", Integer, nullable=False),
    Column("decision", Text, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("key_id", Text),
    Column("agency", Text),
    Column("created_at", Text, nullable=False),
    Index("decisions_by_report", "report_id", "finding", "id"),
    Index("decisions_by_kind", "decision", "created_at"),
    sqlite_autoincrement=True,
)

# The vision commitments each report's draft advances or pulls against (from its body, written with it):
# ``GET /v1/reports?mission=asta-cita-2`` finds reports by mission or commitment without reading bodies.
report_missions = Table(
    "report_missions", metadata,
    Column("report_id", Text, nullable=False),
    Column("mission", Text, nullable=False),
    Column("commitment", Text, nullable=False),
    Column("relation", Text, nullable=False),  # "advances" or "tension"
    Index("report_missions_by_mission", "mission", "report_id"),
    Index("report_missions_by_commitment", "commitment", "report_id"),
    Index("report_missions_by_report", "report_id"),
)

# Token buckets of the rate limits, shared by every process and replica on these records: ``tokens`` left
# at ``updated`` (seconds since the epoch); one row per limit and key (``requests:<key id>``, ...).
rate_buckets = Table(
    "rate_buckets", metadata,
    Column("name", Text, primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("updated", Float, nullable=False),
)

# Columns added after a table was first released: (table, column). An SQLite file made by an older
# release gets them when it is opened (their definitions are the ones above).
ADDED_COLUMNS = (
    ("reports", "key_id"),
    ("positions", "supersedes"),
    ("positions", "source"),
    ("positions", "published_on"),
    ("reports", "conflicts"),
    ("reports", "revision_of"),
)

# The tables a backup carries (meta is not: the corpus version and the review-link secret stay per
# installation; rate buckets are passing state).
EXPORTED_TABLES = ("positions", "position_versions", "reports", "api_keys", "decisions", "report_missions")

TABLES: dict[str, Table] = {name: table for name, table in metadata.tables.items()}
