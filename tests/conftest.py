"""Fixtures every test folder may use: a real PostgreSQL server for the session (see tests/postgres.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.postgres import PostgresServer, find_bindir


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the test session; skipped (failed where SELARAS_REQUIRE_POSTGRES=1, as in
    CI) when the PostgreSQL binaries are not installed."""
    bindir = find_bindir()
    if bindir is None:
        reason = ("PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin; "
                  "install Debian's postgresql package to run the PostgreSQL tests")
        if os.environ.get("SELARAS_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    server = PostgresServer(bindir).start()
    yield server
    server.stop()
