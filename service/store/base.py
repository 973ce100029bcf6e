"""The vector-store interface Selaras needs, independent of the Qdrant flavour.

Two implementations speak it: :mod:`service.store.edge` (qdrant-edge, embedded,
the default) and :mod:`service.store.server` (qdrant-client against a Qdrant
server, or its ``:memory:`` mode in tests). The same contract tests run against
both (tests/integration/test_store_contract.py).

A *point* is one reference passage. Its payload always carries:

- ``position_id`` (str, keyword-indexed): the reference position it belongs to
- ``version`` (int): the position version that produced it
- ``active`` (bool, indexed): False once the position is retired
- ``passage`` (str), ``start`` / ``end`` (int): text and character offsets
- anything else the caller adds (``kind``, ``agency``, ``title``, ...)

Point ids are deterministic UUID strings chosen by the caller, so re-running a
load overwrites rather than duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached or read; callers answer 503.

    The message is the operator's (hosts, engine errors; it goes to the log). ``public`` is what
    an API caller is told: it names no host, path or engine detail.
    """

    def __init__(self, message: str, public: str = "the reference store is unavailable") -> None:
        super().__init__(message)
        self.public = public


@dataclass(frozen=True)
class Point:
    """One passage to store: id (UUID string), unit-length vector, payload."""

    id: str
    vector: np.ndarray
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    """One search result: point id, cosine similarity, payload."""

    id: str
    score: float
    payload: dict[str, Any]


class VectorStore(Protocol):
    """What the service needs from a vector store."""

    def ensure_collection(self, dim: int) -> None:
        """Create the passages collection (cosine, ``dim``) and payload indexes if missing."""

    def upsert(self, points: list[Point]) -> None:
        """Insert or overwrite points by id. Visible to searches when this returns."""

    def search_batch(self, vectors: np.ndarray, limit: int) -> list[list[Hit]]:
        """For each row of ``vectors`` the ``limit`` nearest *active* points, best first."""

    def set_active(self, position_id: str, active: bool) -> None:
        """Set ``active`` on every point of ``position_id``."""

    def delete_position(self, position_id: str, keep_version: int | None = None) -> None:
        """Delete the points of ``position_id``; with ``keep_version``, all but that version's."""

    def count(self) -> int:
        """Number of stored points (active or not)."""

    def ping(self) -> None:
        """Raise :class:`StoreUnavailable` if the store cannot answer now."""

    def optimize(self) -> None:
        """Build indexes / merge segments. Blocking: call off the request path."""

    def compact(self) -> None:
        """Reclaim space held by deleted points (embedded store); a no-op where the engine does it itself."""

    def close(self) -> None:
        """Release files, locks and connections."""
