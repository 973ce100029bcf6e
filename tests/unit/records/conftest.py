"""The records contract runs on both stores: ``records_target`` is an SQLite file, then a freshly migrated
PostgreSQL database on the session's real server (tests/postgres.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.records import Records


@pytest.fixture(params=["sqlite", "postgresql"])
def records_target(request, tmp_path) -> Iterator[Path | str]:
    """Where a test's records live: an SQLite file path, or a migrated PostgreSQL database's URL."""
    if request.param == "sqlite":
        yield tmp_path / "records.sqlite3"
        return
    server = request.getfixturevalue("postgres")
    url = server.database()
    yield url
    server.drop(url)


@pytest.fixture
def records(records_target) -> Iterator[Records]:
    """Records on ``records_target``, closed after the test."""
    opened = Records(records_target)
    yield opened
    opened.close()
