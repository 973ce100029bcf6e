"""Third-party data sets beside the repository (``../shared/data``), for the tests that need them.

A fresh clone has no ``../shared``: such a test then skips, naming the file that is missing and
what it is. CI has the data and sets ``SELARAS_REQUIRE_DATA=1`` (see ``.ci/run``), which turns
that skip into a failure, so a moved or renamed data file cannot quietly skip tests there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
REQUIRE_ENV = "SELARAS_REQUIRE_DATA"


def data_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def shared_data(relative: str, what: str) -> Path:
    """``../shared/data/<relative>`` if it exists; otherwise skip the test (fail under ``SELARAS_REQUIRE_DATA=1``).

    ``what`` names the data set, e.g. ``"IndoNLI"``: the message reads
    ``../shared/data/indonli/val.jsonl not found: IndoNLI data is needed for this test``.
    """
    path = SHARED_DATA / relative
    if path.exists():
        return path
    message = f"../shared/data/{relative} not found: {what} data is needed for this test (looked for {path})"
    if data_required():
        pytest.fail(f"{message}; {REQUIRE_ENV} is set, so missing data is an error", pytrace=False)
    pytest.skip(message)
