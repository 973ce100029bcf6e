"""Durable records beside the vector store: positions (with versions), reports, API keys.

SQLite (stdlib, transactional, one file in ``SELARAS_DATA_DIR``) is the source
of truth for *which* passages count: a vector hit is used only when its
``(position_id, version)`` is the position's current version and the position is
in effect. That makes every position change atomic from a check's point of
view, whatever happens between the vector-store write and the SQLite commit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

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
    retired_at TEXT
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
    key_id TEXT
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
"""

ROLES = ("submitter", "curator", "admin")

# The API key on whose behalf reports are being made (set per request by the checks API; unset in the CLI).
# save_report stores it beside the report, so a review link dies with the key that made the report. A
# context variable reaches save_report through the checker, which runs it in a worker thread (anyio copies
# the context into the thread), without the checker having to carry the key.
REPORT_KEY: ContextVar[str | None] = ContextVar("selaras_report_key", default=None)


def utcnow() -> str:
    """Current UTC time as an ISO-8601 string (seconds precision)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def content_hash(title: str, text: str) -> str:
    """What decides whether a re-posted position changed (metadata edits do not re-embed)."""
    return hashlib.sha256(f"{title}\x00{text}".encode()).hexdigest()


@dataclass(frozen=True)
class PositionRecord:
    """A reference position as stored; ``version`` increases when its text changes."""

    id: str
    title: str
    agency: str
    kind: str
    topics: list[str]
    language: str | None
    effective_from: str | None
    effective_until: str | None
    text: str
    content_hash: str
    version: int
    status: str
    passages: int
    created_at: str
    updated_at: str
    retired_at: str | None

    def in_effect(self, on: date) -> bool:
        """Active and inside its effective window on ``on``."""
        if self.status != "active":
            return False
        day = on.isoformat()
        if self.effective_from and day < self.effective_from[:10]:
            return False
        if self.effective_until and day > self.effective_until[:10]:
            return False
        return True


@dataclass(frozen=True)
class ApiKey:
    """An API key's identity (never the secret)."""

    id: str
    agency: str
    role: str
    created_at: str
    expires_at: str | None
    revoked_at: str | None


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


def hash_key(secret: str) -> str:
    """Keys are 256-bit random, so a plain SHA-256 is a safe, fast digest."""
    return hashlib.sha256(secret.encode()).hexdigest()


class Records:
    """Thread-safe access to the SQLite records file."""

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
            columns = {r["name"] for r in self._db.execute("PRAGMA table_info(reports)")}
            if "key_id" not in columns:
                try:
                    self._db.execute("ALTER TABLE reports ADD COLUMN key_id TEXT")
                except sqlite3.OperationalError as exc:  # another worker process added it first
                    if "duplicate column" not in str(exc):
                        raise

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def ping(self) -> None:
        """Raise sqlite3.Error if the records file cannot be read."""
        with self._lock:
            self._db.execute("SELECT 1 FROM meta LIMIT 1").fetchall()

    # -- transactions -------------------------------------------------------
    def _tx(self) -> "_Transaction":
        return _Transaction(self)

    # -- corpus version -----------------------------------------------------
    def corpus_version(self) -> int:
        """Monotonic counter bumped on every change to the reference corpus."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='corpus_version'").fetchone()
        return int(row["value"]) if row else 0

    def server_secret(self) -> bytes:
        """A per-installation random secret (signs report review links); created on first use.

        Cached: after the first call no transaction is opened; the value is read again only when
        another connection has written to the file since (a rotation by ``selaras keys rotate-secret``
        reaches a running service at its next link).
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

    def _bump_corpus_version(self) -> None:
        self._db.execute(
            "INSERT INTO meta(key, value) VALUES('corpus_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    # -- positions ----------------------------------------------------------
    @staticmethod
    def _position(row: sqlite3.Row) -> PositionRecord:
        data = dict(row)
        data["topics"] = json.loads(data["topics"])
        return PositionRecord(**data)

    def get_position(self, position_id: str) -> PositionRecord | None:
        """The position with this id, retired or not."""
        with self._lock:
            row = self._db.execute("SELECT * FROM positions WHERE id=?", (position_id,)).fetchone()
        return self._position(row) if row else None

    def list_positions(
        self, status: str | None = None, kind: str | None = None, agency: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> tuple[list[PositionRecord], int]:
        """A page of positions (by id) and the total matching the filters."""
        where, args = [], []
        for column, value in (("status", status), ("kind", kind), ("agency", agency)):
            if value is not None:
                where.append(f"{column}=?")
                args.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            total = self._db.execute(f"SELECT COUNT(*) FROM positions {clause}", args).fetchone()[0]
            rows = self._db.execute(
                f"SELECT * FROM positions {clause} ORDER BY id LIMIT ? OFFSET ?", [*args, limit, offset]
            ).fetchall()
        return [self._position(r) for r in rows], total

    def all_positions(self) -> Iterator[PositionRecord]:
        """Every position, for caches and export."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM positions ORDER BY id").fetchall()
        return (self._position(r) for r in rows)

    def versions(self, position_id: str) -> list[dict[str, Any]]:
        """Earlier and current texts of a position, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT version, title, text, content_hash, created_at FROM position_versions "
                "WHERE position_id=? ORDER BY version",
                (position_id,),
            ).fetchall()
        return [dict(r) for r in rows]

    def save_position(self, record: PositionRecord) -> None:
        """Insert or replace a position (and its version history) in one transaction."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO positions VALUES "
                "(:id,:title,:agency,:kind,:topics,:language,:effective_from,:effective_until,:text,"
                ":content_hash,:version,:status,:passages,:created_at,:updated_at,:retired_at)",
                {**record.__dict__, "topics": json.dumps(record.topics, ensure_ascii=False)},
            )
            db.execute(
                "INSERT OR IGNORE INTO position_versions VALUES (?,?,?,?,?,?)",
                (record.id, record.version, record.title, record.text, record.content_hash, record.updated_at),
            )
            self._bump_corpus_version()

    def set_position_status(self, position_id: str, status: str) -> bool:
        """Retire or reactivate; False when the position does not exist."""
        retired_at = utcnow() if status == "retired" else None
        with self._tx() as db:
            cur = db.execute(
                "UPDATE positions SET status=?, retired_at=?, updated_at=? WHERE id=?",
                (status, retired_at, utcnow(), position_id),
            )
            if cur.rowcount:
                self._bump_corpus_version()
        return bool(cur.rowcount)

    # -- reports ------------------------------------------------------------
    def save_report(self, report: dict[str, Any], key_id: str | None = None) -> None:
        """Store a check report (its JSON body is what GET /v1/reports/{id} returns).

        ``key_id`` (default: :data:`REPORT_KEY`) is the API key the report was made for; it is kept
        beside the body, not in it.
        """
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO reports (id, agency, verdict, score, created_at, body, key_id) "
                "VALUES (?,?,?,?,?,?,?)",
                (report["id"], report.get("agency"), report["verdict"], report["score"],
                 report["created_at"], json.dumps(report, ensure_ascii=False), key_id or REPORT_KEY.get()),
            )

    def report_key_id(self, report_id: str) -> str | None:
        """The id of the API key a stored report was made for (None: made by the CLI, or before keys were kept)."""
        with self._lock:
            row = self._db.execute("SELECT key_id FROM reports WHERE id=?", (report_id,)).fetchone()
        return row["key_id"] if row else None

    def get_report(self, report_id: str) -> dict[str, Any] | None:
        """A stored report's body, or None."""
        with self._lock:
            row = self._db.execute("SELECT body FROM reports WHERE id=?", (report_id,)).fetchone()
        return json.loads(row["body"]) if row else None

    def list_reports(
        self, agency: str | None = None, verdict: str | None = None, since: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Report summaries, newest first."""
        where, args = [], []
        if agency is not None:
            where.append("agency=?")
            args.append(agency)
        if verdict is not None:
            where.append("verdict=?")
            args.append(verdict)
        if since is not None:
            where.append("created_at>=?")
            args.append(since)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            rows = self._db.execute(
                f"SELECT id, agency, verdict, score, created_at FROM reports {clause} "
                "ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                [*args, limit, offset],
            ).fetchall()
        return [dict(r) for r in rows]

    # -- API keys -----------------------------------------------------------
    def create_key(self, agency: str, role: str, expires_at: str | datetime | None = None) -> tuple[ApiKey, str]:
        """A new key; returns its record and the secret, which is never stored.

        ``expires_at`` is stored as UTC: "2026-05-01T08:00+07:00" and "2026-05-01T01:00Z" are the same moment
        (stored as given, a string comparison with the current time would get offsets wrong).
        """
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        expires_at = normalise_time(expires_at)
        for _ in range(3):
            # 128-bit random ids: a clash is practically impossible, and one is drawn again rather than a 500.
            key_id = secrets.token_hex(16)
            secret = f"sel_{key_id}_{secrets.token_urlsafe(32)}"
            record = ApiKey(key_id, agency, role, utcnow(), expires_at, None)
            try:
                with self._tx() as db:
                    db.execute(
                        "INSERT INTO api_keys VALUES (?,?,?,?,?,?,?)",
                        (key_id, hash_key(secret), agency, role, record.created_at, expires_at, None),
                    )
            except sqlite3.IntegrityError:
                continue
            return record, secret
        raise RuntimeError("could not draw an unused API key id in 3 tries; is the random source broken?")

    def create_bootstrap_key(self, agency: str, hours: float = 24) -> tuple[ApiKey, str, str | None]:
        """A curator key for first setup that expires after ``hours``; the previous one is revoked.

        ``serve --bootstrap-key`` calls this at every start, so bootstrap keys never pile up:
        at most one is live. Returns the key, its secret and the id of the key revoked (if any).
        """
        expires = datetime.now(timezone.utc) + timedelta(hours=hours)
        key, secret = self.create_key(agency, "curator", expires)
        with self._tx() as db:
            row = db.execute("SELECT value FROM meta WHERE key='bootstrap_key_id'").fetchone()
            db.execute("INSERT INTO meta(key, value) VALUES('bootstrap_key_id', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key.id,))
        previous = row["value"] if row else None
        revoked = previous if previous and self.revoke_key(previous) else None
        return key, secret, revoked

    def authenticate(self, secret: str) -> ApiKey | None:
        """The live key matching ``secret`` (not revoked, not expired), else None."""
        digest = hash_key(secret)
        with self._lock:
            row = self._db.execute("SELECT * FROM api_keys WHERE key_hash=?", (digest,)).fetchone()
        # The lookup is by digest; compare again in constant time so timing reveals nothing.
        if row is None or not hmac.compare_digest(row["key_hash"], digest):
            return None
        if row["revoked_at"] or (row["expires_at"] and _expired(row["expires_at"])):
            return None
        return ApiKey(row["id"], row["agency"], row["role"], row["created_at"], row["expires_at"], row["revoked_at"])

    def list_keys(self) -> list[ApiKey]:
        """All keys, without secrets."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, agency, role, created_at, expires_at, revoked_at FROM api_keys ORDER BY created_at"
            ).fetchall()
        return [ApiKey(**dict(r)) for r in rows]

    def get_key(self, key_id: str) -> ApiKey | None:
        """One key's record by id (revoked or not), without its secret."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, agency, role, created_at, expires_at, revoked_at FROM api_keys WHERE id=?", (key_id,)
            ).fetchone()
        return ApiKey(**dict(row)) if row else None

    def key_is_live(self, key_id: str) -> bool:
        """True while the key exists, is not revoked and has not expired."""
        key = self.get_key(key_id)
        return key is not None and not key.revoked_at and not (key.expires_at and _expired(key.expires_at))

    def revoke_key(self, key_id: str) -> bool:
        """Revoke a key by id; False if unknown."""
        with self._tx() as db:
            cur = db.execute("UPDATE api_keys SET revoked_at=? WHERE id=? AND revoked_at IS NULL", (utcnow(), key_id))
        return bool(cur.rowcount)


def _expired(expires_at: str) -> bool:
    try:
        return normalise_time(expires_at) <= utcnow()  # type: ignore[operator]
    except ValueError:  # unreadable (written by hand?): fail closed
        return True


EXPORTED_TABLES = ("positions", "position_versions", "reports", "api_keys")


def export_rows(records: "Records", table: str) -> list[dict[str, Any]]:
    """Every row of ``table`` as dicts (API keys as hashes only), for backups."""
    if table not in EXPORTED_TABLES:
        raise ValueError(f"unknown table {table}")
    with records._lock:
        return [dict(r) for r in records._db.execute(f"SELECT * FROM {table}").fetchall()]


def import_rows(records: "Records", table: str, rows: list[dict[str, Any]]) -> None:
    """Insert exported rows into ``table`` in one transaction (existing rows with the same key are kept)."""
    if table not in EXPORTED_TABLES:
        raise ValueError(f"unknown table {table}")
    if not rows:
        return
    # Column names come from the backup file: only the table's own columns may reach the SQL text.
    with records._lock:
        known = [r["name"] for r in records._db.execute(f"PRAGMA table_info({table})")]
    first = rows[0]
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ValueError(f"backup row {number} of {table} is not an object")
        unknown = [c for c in row if c not in known]
        if unknown:
            raise ValueError(f"backup rows of {table} have columns the table does not have: "
                             f"{', '.join(repr(c)[:80] for c in unknown[:5])}")
        if row.keys() != first.keys():
            raise ValueError(f"backup row {number} of {table} has other columns than the first row")
    columns = [c for c in known if c in first]
    sql = f"INSERT OR IGNORE INTO {table} ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})"
    with records._tx() as db:
        db.executemany(sql, [tuple(r[c] for c in columns) for r in rows])
        if table == "positions":
            records._bump_corpus_version()


class _Transaction:
    """``with records._tx() as db:`` runs the block in one IMMEDIATE transaction."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def __enter__(self) -> sqlite3.Connection:
        self._records._lock.acquire()
        self._records._db.execute("BEGIN IMMEDIATE")
        return self._records._db

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            self._records._db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self._records._lock.release()
