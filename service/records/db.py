"""The records file: SQLite connection, schema, migrations, transactions and the meta table.

SQLite (stdlib, transactional, one file in ``SELARAS_DATA_DIR``) is the source of truth for *which*
passages count: a vector hit is used only when its ``(position_id, version)`` is the position's current
version and the position is in effect. That makes every position change atomic from a check's point of
view, whatever happens between the vector-store write and the SQLite commit.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

SCHEMA = """
CREATE TABLE IF NOT EXISTS positions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    agency TEXT NOT NULL,
    kind TEXT NOT NULL,
    topics TEXT NOT NULL,
    language TEXT,
    effective_from TEXT,
    effective_until TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    passages INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    retired_at TEXT,
    supersedes TEXT NOT NULL DEFAULT '[]',
    source TEXT,
    published_on TEXT
);
CREATE TABLE IF NOT EXISTS position_versions (
    position_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (position_id, version)
);
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    agency TEXT,
    verdict TEXT NOT NULL,
    score INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL,
    key_id TEXT,
    conflicts INTEGER,
    revision_of TEXT
);
CREATE INDEX IF NOT EXISTS reports_by_agency ON reports (agency, created_at);
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    agency TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL,
    finding INTEGER NOT NULL,
    decision TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    key_id TEXT,
    agency TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_report ON decisions (report_id, finding, id);
CREATE INDEX IF NOT EXISTS decisions_by_kind ON decisions (decision, created_at);
"""

# Columns added after a table was first released: (table, column, definition). A records file made by an
# older version gets them when it is opened; new files have them from SCHEMA, in the same order.
ADDED_COLUMNS = (
    ("reports", "key_id", "TEXT"),
    ("positions", "supersedes", "TEXT NOT NULL DEFAULT '[]'"),  # ids this position replaces (JSON list)
    ("positions", "source", "TEXT"),  # the file (and page) the text was loaded from
    ("positions", "published_on", "TEXT"),  # the source document's date
    ("reports", "conflicts", "INTEGER"),  # its conflicting findings (open reports); older rows: from the body
    ("reports", "revision_of", "TEXT"),  # the report this one revises
)

# The tables a backup carries (meta is not: the corpus version and the review-link secret stay per installation).
EXPORTED_TABLES = ("positions", "position_versions", "reports", "api_keys", "decisions")


def utcnow() -> str:
    """Current UTC time as an ISO-8601 string (seconds precision)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def normalise_time(value: str | datetime | None) -> str | None:
    """An ISO-8601 time as UTC in :func:`utcnow`'s format (no offset = UTC), so times compare as strings.

    Raises ValueError for anything that is not an ISO-8601 date or time.
    """
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def _exported(table: str) -> str:
    """``table`` if a backup may carry it (its name then reaches SQL text), else ValueError."""
    if table not in EXPORTED_TABLES:
        raise ValueError(f"unknown table {table}")
    return table


class Database:
    """Thread-safe access to the SQLite records file: the connection, transactions and the meta table.

    The positions, reports and API keys parts (see :class:`service.records.Records`) build on this.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._migrate()
        # The review-link secret, read once; re-read only when another connection (a CLI rotation,
        # another worker) has committed since (PRAGMA data_version tells, without a transaction).
        self._secret: bytes | None = None
        self._secret_seen = -1

    def _migrate(self) -> None:
        """Add the columns newer versions need to a records file made by an older one."""
        with self._lock:
            for table, column, definition in ADDED_COLUMNS:
                columns = {r["name"] for r in self._db.execute(f"PRAGMA table_info({table})")}
                if column in columns:
                    continue
                try:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
                except sqlite3.OperationalError as exc:  # another worker process added it first
                    if "duplicate column" not in str(exc):
                        raise
                    continue
                if (table, column) == ("reports", "conflicts"):
                    # Reports stored before counted their conflicts only in the body: read them once.
                    self._db.execute("UPDATE reports SET conflicts = "
                                     "COALESCE(json_extract(body, '$.counts.conflicts'), 0)")

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def ping(self) -> None:
        """Raise sqlite3.Error if the records file cannot be read."""
        with self._lock:
            self._db.execute("SELECT 1 FROM meta LIMIT 1").fetchall()

    # -- transactions -------------------------------------------------------
    def _tx(self) -> _Transaction:
        return _Transaction(self._lock, self._db)

    # -- corpus version -----------------------------------------------------
    def corpus_version(self) -> int:
        """Monotonic counter bumped on every change to the reference corpus."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='corpus_version'").fetchone()
        return int(row["value"]) if row else 0

    def _bump_corpus_version(self) -> None:
        """Call inside a transaction that changes the corpus."""
        self._db.execute(
            "INSERT INTO meta(key, value) VALUES('corpus_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    # -- review-link secret -------------------------------------------------
    def server_secret(self) -> bytes:
        """A per-installation random secret (signs report review links); created on first use.

        No write transaction once it exists: a call costs one ``PRAGMA data_version`` (no transaction)
        while nothing else wrote to the file, else one plain read. Only the first use ever writes.
        A rotation by this connection clears the cached value; one by another connection (``selaras keys
        rotate-secret``, another worker) changes ``data_version``, so it reaches a running service at its
        next link.
        """
        with self._lock:
            seen = self._db.execute("PRAGMA data_version").fetchone()[0]
            if self._secret is not None and seen == self._secret_seen:
                return self._secret
            row = self._db.execute("SELECT value FROM meta WHERE key='server_secret'").fetchone()
            if row is None:
                with self._tx() as db:  # first use; OR IGNORE: another process may create it meanwhile
                    db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES('server_secret', ?)",
                               (secrets.token_hex(32),))
                    row = db.execute("SELECT value FROM meta WHERE key='server_secret'").fetchone()
            self._secret, self._secret_seen = bytes.fromhex(row["value"]), seen
            return self._secret

    def rotate_secret(self) -> None:
        """Replace the review-link secret: every link issued before stops working."""
        with self._tx() as db:
            db.execute("INSERT INTO meta(key, value) VALUES('server_secret', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (secrets.token_hex(32),))
            self._secret = None

    # -- whole tables (backups) ---------------------------------------------
    def table_columns(self, table: str) -> list[str]:
        """The column names of one of :data:`EXPORTED_TABLES`, in table order."""
        with self._lock:
            return [r["name"] for r in self._db.execute(f"PRAGMA table_info({_exported(table)})")]

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one of :data:`EXPORTED_TABLES` as dicts (API keys as hashes only)."""
        with self._lock:
            return [dict(r) for r in self._db.execute(f"SELECT * FROM {_exported(table)}").fetchall()]

    def insert_rows(self, table: str, columns: Sequence[str], values: Iterable[Sequence[Any]]) -> None:
        """Insert rows of ``columns`` into one of :data:`EXPORTED_TABLES` in one transaction.

        Rows whose key is already there are kept as they are (INSERT OR IGNORE). Inserting positions
        bumps the corpus version. ``columns`` must be columns of the table (ValueError otherwise).
        """
        known = self.table_columns(table)
        if not columns:
            raise ValueError(f"no columns given for {table}")
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"not columns of {table}: {', '.join(repr(c)[:80] for c in unknown[:5])}")
        sql = f"INSERT OR IGNORE INTO {table} ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})"
        with self._tx() as db:
            db.executemany(sql, values)
            if table == "positions":
                self._bump_corpus_version()


class _Transaction:
    """``with records._tx() as db:`` runs the block in one IMMEDIATE transaction."""

    def __init__(self, lock: threading.RLock, db: sqlite3.Connection) -> None:
        self._lock = lock
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._db

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            self._db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self._lock.release()
