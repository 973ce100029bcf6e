"""Schema versions of the PostgreSQL records: ``selaras db upgrade`` and the check a service makes at start.

Alembic keeps the revision a database is at in its ``alembic_version`` table; the scripts are in
``service/records/migrations/versions``. A service refuses to open a PostgreSQL database that is not at
the newest revision (:class:`NotMigrated`, naming the command to run), so replicas never run on a schema
they do not know. SQLite files are upgraded when opened, as they always were.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.engine import Connection

from service.records.engine import is_postgres, upgrade_sqlite

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: two replicas upgrading at once take turns (the second finds nothing to do).
_UPGRADE_LOCK = 0x5E1A7A5_0017


class NotMigrated(RuntimeError):
    """The database's schema is not the one this release needs; the message says what to run."""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision (what this release needs)."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # the package was installed without its migration scripts
        raise RuntimeError(f"no migration scripts in {MIGRATIONS}")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None: never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def require_current(engine: Engine) -> None:
    """Raise :class:`NotMigrated` unless the PostgreSQL database is at :func:`head_revision`."""
    with engine.connect() as connection:
        current = current_revision(connection)
        tables = set(inspect(connection).get_table_names()) if current is None else set()
    head = head_revision()
    if current == head:
        return
    where = engine.url.render_as_string(hide_password=True)
    if current is None:
        state = "has no Selaras tables" if "positions" not in tables else "has tables no migration made"
        raise NotMigrated(f"The records database {where} {state} (not migrated). Run `selaras db upgrade` with "
                          "the same SELARAS_DATABASE_URL first (once per database, not per replica).")
    raise NotMigrated(f"The records database {where} is at schema revision {current}; this release needs "
                      f"{head}. Run `selaras db upgrade` with the same SELARAS_DATABASE_URL first.")


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns the revisions before and after.

    PostgreSQL: the Alembic migrations, in one transaction under an advisory lock. SQLite: the upgrade
    a records file gets whenever it is opened (its revision is reported as ``"sqlite"``).
    """
    if not is_postgres(engine):
        upgrade_sqlite(engine)
        return "sqlite", "sqlite"
    with engine.begin() as connection:
        connection.execute(select(func.pg_advisory_xact_lock(_UPGRADE_LOCK)))
        before = current_revision(connection)
        command.upgrade(_config(connection), "head")
        return before, current_revision(connection) or ""
