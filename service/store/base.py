"""The vector-store interface Selaras needs, independent of the Qdrant flavour.

Two implementations speak it: :mod:`service.store.edge` (qdrant-edge, embedded,
the default) and :mod:`service.store.server` (qdrant-client against a Qdrant
server, or its ``:memory:`` mode in tests). The same contract tests run against
both (tests/store/test_store_contract.py).

A *point* is one reference passage. Its payload always carries:

- ``position_id`` (str, keyword-indexed): the reference position it belongs to
- ``version`` (int): the position version that produced it
- ``active`` (bool, indexed): False once the position is retired
- ``passage`` (str), ``start`` / ``end`` (int): text and character offsets
- anything else the caller adds (``kind``, ``agency``, ``title``, ...)

Point ids are deterministic UUID strings chosen by the caller, so re-running a
load overwrites rather than duplicates.

Each point holds two named vectors: ``dense`` (the embedding, cosine) and ``sparse``
(:func:`service.text.sparse.passage_vector` of the payload's ``passage``, with Qdrant's IDF
modifier). The store computes the sparse one itself from the payload, so callers hand it dense
vectors only, and a store written by older code (one unnamed dense vector) can be rebuilt from
what it holds (both stores migrate such a collection when they open it).

Retrieval (``retrieval``): ``dense`` searches the dense vector only; ``hybrid`` runs, per query,
one Qdrant query that prefetches the nearest points by dense and by sparse vector and fuses the
two rankings (DBSF by default; RRF on request: DBSF ranked better at @1 in bench/recall.py).
Either way a :class:`Hit`'s ``score`` is the dense cosine of query and point (the judge's
thresholds are cosines), never a fusion score; the order is the fused one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import numpy as np

DENSE = "dense"
SPARSE = "sparse"
# HNSW graph parameters of both stores. The engine default (m=16, ef_construct=100) gave recall@10 of
# 0.66-0.90 on hard 384-d data at 10k points even with ef=256; m=32 / ef_construct=256 gives 0.996 at
# ef 256 on 100k real passages (bench/scale.py).
HNSW_M = 32
HNSW_EF_CONSTRUCT = 256
Retrieval = Literal["hybrid", "dense"]
Fusion = Literal["rrf", "dbsf"]
RETRIEVALS: tuple[str, ...] = ("hybrid", "dense")


def check_retrieval(retrieval: str, fusion: str) -> None:
    """Raise ValueError for an unknown retrieval mode or fusion."""
    if retrieval not in RETRIEVALS:
        raise ValueError(f"retrieval must be one of {RETRIEVALS}, got {retrieval!r}")
    if fusion not in ("rrf", "dbsf"):
        raise ValueError(f"fusion must be 'rrf' or 'dbsf', got {fusion!r}")


def check_quantization(quantization: str) -> None:
    """Raise ValueError for an unknown quantization ('none' or 'int8')."""
    if quantization not in ("none", "int8"):
        raise ValueError(f"quantization must be 'none' or 'int8', got {quantization!r}")


def search_params(search: Any, quantization_params: Any, total: int, limit: int, exact_below: int, hnsw_ef: int,
                  quantization: str, oversampling: float) -> Any:
    """The search parameters both stores send (``search``/``quantization_params``: qdrant-edge's or
    qdrant-client's SearchParams / QuantizationSearchParams, which take the same fields).

    Exact below ``exact_below`` points, on the full vectors only; above, the graph, on the int8
    copies when quantised, with the best ``oversampling`` x ``limit`` rescored on the full vectors.
    """
    quantized = quantization != "none"
    if total < exact_below:
        return search(exact=True, quantization=quantization_params(ignore=True) if quantized else None)
    return search(hnsw_ef=max(hnsw_ef, limit),
                  quantization=quantization_params(rescore=True, oversampling=oversampling) if quantized else None)


# Each query fetches this many times the points asked for, and the store sorts them by score and point id
# before cutting to the limit: Qdrant returns points of equal score (twin positions' identical sentences, passages
# whose lexical vectors differ only in a figure) in an order that changes from process to process, and a tie at a
# cut decides which passages the judge sees. Over-fetching keeps a tie at the engine's cut below the caller's.
TIE_FETCH = 2


def in_stable_order(points: list[Any], limit: int) -> list[Any]:
    """The ``limit`` best of the engine's ``points`` (objects with ``score`` and ``id``), best first, equal scores
    ordered by point id: the same answer in every process (see :data:`TIE_FETCH`)."""
    return sorted(points, key=lambda p: (-float(p.score), str(p.id)))[:limit]


def cosines(query: np.ndarray, stored: list[np.ndarray | list[float] | None]) -> list[float]:
    """Cosine of ``query`` with each stored dense vector (the hybrid hits' ``score``)."""
    q = np.asarray(query, dtype=np.float32)
    q = q / (np.linalg.norm(q) or 1.0)
    out = []
    for v in stored:
        if v is None:
            out.append(0.0)
            continue
        arr = np.asarray(v, dtype=np.float32)
        out.append(float(arr @ q / (np.linalg.norm(arr) or 1.0)))
    return out


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
    """One search result: point id, dense cosine similarity to the query, payload."""

    id: str
    score: float
    payload: dict[str, Any]


class VectorStore(Protocol):
    """What the service needs from a vector store."""

    def ensure_collection(self, dim: int) -> None:
        """Create the passages collection (cosine, ``dim``) and payload indexes if missing."""

    def upsert(self, points: list[Point]) -> None:
        """Insert or overwrite points by id. Visible to searches when this returns."""

    def search_batch(self, vectors: np.ndarray, limit: int, texts: list[str] | None = None) -> list[list[Hit]]:
        """For each row of ``vectors`` the ``limit`` best *active* points, best first.

        With ``texts`` (one per row) and hybrid retrieval the ranking fuses dense and sparse
        search; without them, or with dense retrieval, it is the dense ranking. ``score`` is
        always the dense cosine.
        """

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
