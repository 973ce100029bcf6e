"""The two record stores' engines: an SQLite file (the embedded default) or a PostgreSQL server.

Both are SQLAlchemy engines with a connection pool, and every query is written once in SQLAlchemy Core;
what differs lives here: how a connection is set up (SQLite: WAL, a busy timeout and ``BEGIN IMMEDIATE``
for writes, so two writers queue instead of deadlocking), how the schema is kept current (SQLite: upgraded
at open, as always; PostgreSQL: Alembic migrations run by ``selaras db upgrade``, checked at open) and the
dialect's ``INSERT ... ON CONFLICT``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, Table, create_engine, event, func, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError

from service.records.schema import ADDED_COLUMNS, TABLES, metadata, reports

# Execution option that makes a transaction a writer: on SQLite it begins IMMEDIATE (takes the write lock
# at once rather than failing to upgrade a read lock later); PostgreSQL needs nothing.
WRITE = {"selaras_write": True}


class DatabaseUrlError(ValueError):
    """SELARAS_DATABASE_URL is not a database Selaras can use."""


def database_url(target: Path | str) -> URL:
    """The SQLAlchemy URL of a records target: an SQLite file path, or a ``postgresql://`` / ``sqlite:///`` URL.

    ``postgresql://`` and ``postgres://`` use psycopg 3. Anything else raises :class:`DatabaseUrlError`.
    """
    if isinstance(target, Path):
        return URL.create("sqlite", database=str(target))
    try:
        url = make_url(target)
    except ArgumentError:
        raise DatabaseUrlError(f"SELARAS_DATABASE_URL is not a database URL: {_shown(target)!r}; "
                               "give postgresql://user:password@host:5432/database") from None
    if url.get_backend_name() in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return url.set(drivername="sqlite")
    raise DatabaseUrlError(f"SELARAS_DATABASE_URL must be a postgresql:// URL (or sqlite:///path); got "
                           f"{url.render_as_string(hide_password=True)!r}")


def _shown(text: str) -> str:
    """A URL-ish string with anything between ':' and '@' (a password) hidden."""
    head, at, tail = text.rpartition("@")
    if not at:
        return text[:200]
    scheme, sep, rest = head.partition("://")
    user = rest.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{tail}"[:200]


def is_postgres(engine: Engine | Connection) -> bool:
    """Whether the engine talks to PostgreSQL (else SQLite)."""
    return engine.dialect.name == "postgresql"


def open_engine(url: URL, pool_size: int = 10) -> Engine:
    """A pooled engine for ``url`` (from :func:`database_url`), its connections set up for the dialect."""
    if url.get_backend_name() == "sqlite":
        Path(url.database or "").parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                               pool_size=pool_size, max_overflow=pool_size)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                         pool_recycle=1800, connect_args={"connect_timeout": 10,
                                                          "application_name": "selaras"})


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per connection: SQLAlchemy emits BEGIN itself (below); WAL lets readers run beside a writer."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Writers take the write lock when they begin (they would otherwise fail to upgrade a read lock)."""
    write = connection.get_execution_options().get("selaras_write")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def insert(table: Table, connection: Connection) -> Any:
    """The dialect's INSERT construct for ``table`` (both have ``on_conflict_do_nothing / _do_update``)."""
    return (postgresql.insert if is_postgres(connection) else sqlite.insert)(table)


def upgrade_sqlite(engine: Engine) -> None:
    """Bring an SQLite records file to the current schema: missing tables and indexes are created and the
    columns of :data:`ADDED_COLUMNS` added to tables an older release made (as every release did at open)."""
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        metadata.create_all(connection, checkfirst=True)
        for index in (i for t in metadata.sorted_tables for i in t.indexes):
            index.create(connection, checkfirst=True)
        inspector = inspect(connection)
        operations = Operations(MigrationContext.configure(connection))
        for table, column in ADDED_COLUMNS:
            if column in {c["name"] for c in inspector.get_columns(table)}:
                continue
            operations.add_column(table, TABLES[table].c[column]._copy())
            if (table, column) == ("reports", "conflicts"):
                # Reports stored before counted their conflicts only in the body: read them once.
                connection.execute(update(reports).values(conflicts=func.coalesce(
                    func.json_extract(reports.c.body, "$.counts.conflicts"), 0)))


def column_names(connection: Connection, table: str) -> list[str]:
    """The columns ``table`` has in this database, in table order (an upgraded file may order them otherwise)."""
    return [c["name"] for c in inspect(connection).get_columns(table)]


def max_id(connection: Connection, table: Table) -> int:
    """The largest ``id`` of a table with an integer key (0 when empty)."""
    return int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
