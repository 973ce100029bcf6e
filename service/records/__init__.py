"""Durable records beside the vector store: positions (with versions), reports, API keys.

:class:`Records` is the one object callers hold; it is composed of the parts in this package:

- :mod:`.db`: the SQLite connection, schema, migrations, transactions, the meta table (corpus version,
  review-link secret) and whole-table reads and inserts for backups;
- :mod:`.positions`, :mod:`.reports`, :mod:`.keys`, :mod:`.decisions`: the queries of each kind of record;
- :mod:`.backup`: export and import of the records as one portable file.
"""

from __future__ import annotations

from service.records.backup import (
    FORMAT, Reindexer, export_backup, export_rows, import_backup, import_rows, read_backup,
)
from service.records.db import EXPORTED_TABLES, SCHEMA, Database, normalise_time, utcnow
from service.records.decisions import DecisionRecord, Decisions, FeedbackRow
from service.records.keys import ROLES, ApiKey, Keys, hash_key
from service.records.positions import PositionRecord, Positions, content_hash
from service.records.reports import REPORT_KEY, Reports


class Records(Positions, Reports, Keys, Decisions):
    """Thread-safe access to the SQLite records file (positions, reports, API keys, decisions, meta)."""


__all__ = [
    "EXPORTED_TABLES", "FORMAT", "REPORT_KEY", "ROLES", "SCHEMA",
    "ApiKey", "Database", "DecisionRecord", "Decisions", "FeedbackRow", "Keys", "PositionRecord", "Positions",
    "Records", "Reindexer", "Reports",
    "content_hash", "export_backup", "export_rows", "hash_key", "import_backup", "import_rows",
    "normalise_time", "read_backup", "utcnow",
]
