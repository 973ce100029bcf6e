"""Alembic's environment: migrate the connection :mod:`service.records.migrate` hands over.

There is no alembic.ini: ``selaras db upgrade`` builds the configuration in code, with the engine's
connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from service.records.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
