"""The records database: engine, transactions, the meta table and whole-table reads and inserts.

The records (an SQLite file in ``SELARAS_DATA_DIR`` by default, PostgreSQL when ``SELARAS_DATABASE_URL``
is set) are the source of truth for *which* passages count: a vector hit is used only when its
``(position_id, version)`` is the position's current version and the position is in effect. That makes
every position change atomic from a check's point of view, whatever happens between the vector-store
write and the records commit. Several processes and replicas may share one database: nothing that must
agree between them (keys, the review-link secret, the corpus version, rate buckets) is cached here.
"""

from __future__ import annotations

import fcntl
import secrets
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Integer, Text, cast, func, select
from sqlalchemy.engine import Connection

from service.records.engine import (
    WRITE, column_names, database_url, insert, is_postgres, max_id, open_engine, upgrade_sqlite,
)
from service.records.migrate import require_current
from service.records.schema import EXPORTED_TABLES, TABLES, decisions, meta

# pg_advisory_lock key of corpus writes: one position write at a time across every replica.
_CORPUS_LOCK = 0x5E1A7A5_C0C0


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
    """``table`` if a backup may carry it, else ValueError."""
    if table not in EXPORTED_TABLES:
        raise ValueError(f"unknown table {table}")
    return table


class Database:
    """Thread-safe, pooled access to the records: connections, transactions and the meta table.

    ``target`` is an SQLite file path, or a database URL (``postgresql://…``, from SELARAS_DATABASE_URL).
    An SQLite file is created or upgraded here; a PostgreSQL database must have been migrated
    (``selaras db upgrade``), else :class:`service.records.migrate.NotMigrated` says so.
    The positions, reports, keys, decisions and rate-bucket parts (see :class:`service.records.Records`)
    build on this.
    """

    def __init__(self, target: Path | str, pool_size: int = 10) -> None:
        url = database_url(target)
        self._engine = open_engine(url, pool_size)
        self.postgres = is_postgres(self._engine)
        self.path = None if self.postgres else Path(url.database or "")
        self._corpus_lock = threading.Lock()
        try:
            if self.postgres:
                require_current(self._engine)
            else:
                upgrade_sqlite(self._engine)
        except BaseException:
            self._engine.dispose()
            raise

    @property
    def location(self) -> str:
        """Where the records are, for logs and /info (no password)."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def ping(self) -> None:
        """Raise sqlalchemy.exc.SQLAlchemyError if the records cannot be read."""
        with self._read() as db:
            db.execute(select(meta.c.key).limit(1)).all()

    # -- transactions -------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A pooled connection for reads (its implicit transaction is rolled back on return)."""
        with self._engine.connect() as connection:
            yield connection

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """``with records._tx() as db:`` runs the block in one write transaction (committed at the end)."""
        with self._engine.connect().execution_options(**WRITE) as connection, connection.begin():
            yield connection

    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        """Held while a position is written: one corpus writer at a time in this process and, through a
        PostgreSQL advisory lock (or a lock file beside an SQLite file), across processes and replicas, so
        two writers of one position never give the same version different passages."""
        with self._corpus_lock:
            if self.postgres:
                with self._engine.connect() as connection:
                    connection.execute(select(func.pg_advisory_lock(_CORPUS_LOCK)))
                    connection.commit()
                    try:
                        yield
                    finally:
                        connection.execute(select(func.pg_advisory_unlock(_CORPUS_LOCK)))
                        connection.commit()
            else:
                assert self.path is not None
                with open(self.path.with_name(self.path.name + ".writer"), "a") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    try:
                        yield
                    finally:
                        fcntl.flock(lock, fcntl.LOCK_UN)

    # -- corpus version -----------------------------------------------------
    def corpus_version(self) -> int:
        """Monotonic counter bumped on every change to the reference corpus."""
        with self._read() as db:
            value = db.execute(select(meta.c.value).where(meta.c.key == "corpus_version")).scalar()
        return int(value) if value is not None else 0

    @staticmethod
    def _bump_corpus_version(db: Connection) -> None:
        """Call inside a transaction that changes the corpus."""
        statement = insert(meta, db).values(key="corpus_version", value="1")
        db.execute(statement.on_conflict_do_update(
            index_elements=[meta.c.key], set_={"value": cast(cast(meta.c.value, Integer) + 1, Text)}))

    # -- review-link secret -------------------------------------------------
    def server_secret(self) -> bytes:
        """A per-installation random secret (signs review links and curator sessions); created on first use.

        Read from the records at every use (one primary-key read, no transaction that writes), so a
        rotation (``selaras keys rotate-secret``, another worker or replica) holds everywhere at once.
        Only the first use ever writes.
        """
        value = self._secret()
        if value is None:
            with self._tx() as db:  # first use; DO NOTHING: another process may create it meanwhile
                db.execute(insert(meta, db).values(key="server_secret", value=secrets.token_hex(32))
                           .on_conflict_do_nothing(index_elements=[meta.c.key]))
            value = self._secret()
        assert value is not None
        return bytes.fromhex(value)

    def _secret(self) -> str | None:
        with self._read() as db:
            return db.execute(select(meta.c.value).where(meta.c.key == "server_secret")).scalar()

    def rotate_secret(self) -> None:
        """Replace the review-link secret: every link issued before stops working, on every replica."""
        with self._tx() as db:
            statement = insert(meta, db).values(key="server_secret", value=secrets.token_hex(32))
            db.execute(statement.on_conflict_do_update(index_elements=[meta.c.key],
                                                       set_={"value": statement.excluded.value}))

    def meta_value(self, db: Connection, key: str) -> str | None:
        """A value of the meta table, read on ``db``."""
        return db.execute(select(meta.c.value).where(meta.c.key == key)).scalar()

    def set_meta(self, db: Connection, key: str, value: str) -> None:
        """Set a value of the meta table on ``db`` (inside a write transaction)."""
        statement = insert(meta, db).values(key=key, value=value)
        db.execute(statement.on_conflict_do_update(index_elements=[meta.c.key],
                                                   set_={"value": statement.excluded.value}))

    # -- whole tables (backups) ---------------------------------------------
    def table_columns(self, table: str) -> list[str]:
        """The column names of one of :data:`EXPORTED_TABLES`, in table order."""
        with self._read() as db:
            return column_names(db, _exported(table))

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one of :data:`EXPORTED_TABLES` as dicts (API keys as hashes only)."""
        source = TABLES[_exported(table)]
        with self._read() as db:
            order = list(source.primary_key.columns)
            return [dict(r._mapping) for r in db.execute(select(source).order_by(*order))]

    def insert_rows(self, table: str, columns: Sequence[str], values: Iterable[Sequence[Any]]) -> None:
        """Insert rows of ``columns`` into one of :data:`EXPORTED_TABLES` in one transaction.

        Rows whose key is already there are kept as they are. Inserting positions bumps the corpus
        version. ``columns`` must be columns of the table (ValueError otherwise).
        """
        known = self.table_columns(table)
        if not columns:
            raise ValueError(f"no columns given for {table}")
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"not columns of {table}: {', '.join(repr(c)[:80] for c in unknown[:5])}")
        target = TABLES[table]
        rows = [dict(zip(columns, row)) for row in values]
        if not rows:
            return
        with self._tx() as db:
            db.execute(insert(target, db).on_conflict_do_nothing(), rows)
            if table == "positions":
                self._bump_corpus_version(db)
            if table == "decisions" and self.postgres:
                # Rows came with their ids: the id sequence continues after the largest.
                db.execute(select(func.setval(func.pg_get_serial_sequence("decisions", "id"),
                                              max(max_id(db, decisions), 1), max_id(db, decisions) > 0)))
