"""Durable records beside the vector store: positions (with versions), reports, API keys.

:class:`Records` is the one object callers hold; it is composed of the parts in this package:

- :mod:`.schema`: the tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL;
- :mod:`.engine`: the two stores' engines (an SQLite file by default, PostgreSQL with SELARAS_DATABASE_URL),
  pooling, the SQLite upgrade at open; :mod:`.migrate` and ``migrations/``: Alembic for PostgreSQL;
- :mod:`.db`: transactions, the corpus writers' lock, the meta table (corpus version, review-link secret)
  and whole-table reads and inserts for backups;
- :mod:`.positions`, :mod:`.reports`, :mod:`.keys`, :mod:`.decisions`: the queries of each kind of record;
- :mod:`.buckets`: rate-limit token buckets shared by every process and replica;
- :mod:`.stats`: the overview's aggregates over reports and decisions;
- :mod:`.backup`: export and import of the records as one portable file.
"""

from __future__ import annotations

from service.records.backup import (
    FORMAT, Reindexer, export_backup, export_rows, import_backup, import_rows, read_backup,
)
from service.records.buckets import Buckets
from service.records.db import Database, normalise_time, utcnow
from service.records.engine import DatabaseUrlError
from service.records.migrate import NotMigrated
from service.records.schema import EXPORTED_TABLES
from service.records.decisions import DecisionRecord, Decisions, FeedbackRow
from service.records.keys import ROLES, ApiKey, Keys, hash_key
from service.records.positions import PositionRecord, Positions, content_hash
from service.records.reports import REPORT_KEY, Reports
from service.records.stats import Stats, WeekCount


class Records(Positions, Reports, Keys, Decisions, Buckets, Stats):
    """Thread-safe access to the records (positions, reports, API keys, decisions, rate buckets, meta, overview),
    on an SQLite file (``Records(path)``) or a PostgreSQL database (``Records("postgresql://…")``)."""


__all__ = [
    "EXPORTED_TABLES", "FORMAT", "REPORT_KEY", "ROLES",
    "ApiKey", "Buckets", "Database", "DatabaseUrlError", "DecisionRecord", "Decisions", "FeedbackRow", "Keys", "NotMigrated", "PositionRecord", "Positions",
    "Records", "Reindexer", "Reports", "Stats", "WeekCount",
    "content_hash", "export_backup", "export_rows", "hash_key", "import_backup", "import_rows",
    "normalise_time", "read_backup", "utcnow",
]
