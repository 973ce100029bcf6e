"""Alembic migrations of the PostgreSQL records (``selaras db upgrade``; see :mod:`service.records.migrate`)."""
