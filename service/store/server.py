"""Vector store on a Qdrant server through qdrant-client.

``url=":memory:"`` uses qdrant-client's in-process local mode, which the
contract tests run against (no Qdrant server is available there). Local mode
always searches exactly and ignores payload indexes, so we skip both there
rather than have it warn on every call.

Layout upgrade: a collection created before hybrid retrieval has one unnamed dense
vector. :meth:`ServerStore.ensure_collection` migrates it: the points are read back
(vectors and payloads), the collection is recreated with the named ``dense`` +
``sparse`` layout and the points are written again with their sparse vectors. While
that runs the collection is briefly missing or partial for other replicas; if the
process dies in between, ``selaras reindex`` rebuilds it from the records.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import logging

import httpx
import numpy as np
from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import ApiException, ResponseHandlingException, UnexpectedResponse

from service.store.base import (DENSE, HNSW_EF_CONSTRUCT, HNSW_M, SPARSE, Hit, Point, StoreUnavailable,
                                TIE_FETCH, check_quantization, check_retrieval, cosines, in_stable_order,
                                search_params)
from service.text.sparse import passage_vector, query_vector

log = logging.getLogger("selaras")

T = TypeVar("T")

_UPSERT_CHUNK = 512
_COUNT_TTL_S = 30.0  # how stale the exact-vs-HNSW decision may be (other replicas write too)
# Answers that mean "the store cannot serve now" rather than "the request is wrong".
_UNAVAILABLE_STATUS = {401, 403, 408, 429, 500, 502, 503, 504}


def _canonical_id(point_id: str) -> str:
    try:
        return str(uuid.UUID(point_id))
    except (ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"point id must be a UUID string, got {point_id!r}") from exc


class ServerStore:
    """:class:`~service.store.base.VectorStore` on a Qdrant server (or ``:memory:``).

    The remote client is thread-safe, so calls go out concurrently; local
    (``:memory:``) mode is not (concurrent upsert and search raise IndexError
    inside it), so there every call is serialised. Nothing is contacted until
    the first operation.
    """

    def __init__(
        self,
        url: str,
        api_key: str | None = None,
        collection: str = "passages",
        shards: int = 1,
        replicas: int = 1,
        write_consistency: int = 1,
        timeout: float = 10,
        exact_below: int = 20000,
        hnsw_ef: int = 256,
        retrieval: str = "hybrid",
        fusion: str = "dbsf",
        hnsw_m: int = HNSW_M,
        hnsw_ef_construct: int = HNSW_EF_CONSTRUCT,
        quantization: str = "none",
        oversampling: float = 2.0,
    ) -> None:
        """Create the client; ``https://`` URLs use TLS, ``api_key`` is sent on every call.

        ``hnsw_m``, ``hnsw_ef_construct`` and ``quantization`` (``int8``: scalar int8 copies in RAM,
        rescored with ``oversampling``) apply when this store creates the collection.
        """
        if write_consistency > replicas:
            raise ValueError(f"write_consistency ({write_consistency}) cannot exceed replicas ({replicas})")
        self.url = url
        self.collection = collection
        self.shards = int(shards)
        self.replicas = int(replicas)
        self.write_consistency = int(write_consistency)
        self.exact_below = int(exact_below)
        self.hnsw_ef = int(hnsw_ef)
        self.hnsw_m = int(hnsw_m)
        self.hnsw_ef_construct = int(hnsw_ef_construct)
        check_quantization(quantization)
        self.quantization = quantization
        self.oversampling = float(oversampling)
        check_retrieval(retrieval, fusion)
        self.retrieval = retrieval
        self.fusion = fusion
        self.local = url == ":memory:"
        if self.local:
            self._client = QdrantClient(location=":memory:")
        else:
            # qdrant-client rounds the timeout up to whole seconds itself.
            self._client = QdrantClient(url=url, api_key=api_key, timeout=timeout)  # type: ignore[arg-type]
        self._closed = False
        self._ensured = False  # set once ensure_collection succeeded: from then on a missing collection is an outage
        self._local_lock = threading.Lock() if self.local else None
        self._count_lock = threading.Lock()
        self._cached_count: int | None = None
        self._counted_at = 0.0
        self._active_filter = models.Filter(
            must=[models.FieldCondition(key="active", match=models.MatchValue(value=True))]
        )

    # -- helpers ---------------------------------------------------------------

    def _call(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one client call, turning "cannot reach / cannot serve" into StoreUnavailable."""
        if self._closed:
            raise StoreUnavailable(f"the Qdrant store for {self.url} is closed")
        try:
            if self._local_lock is not None:
                with self._local_lock:
                    return fn(*args, **kwargs)
            return fn(*args, **kwargs)
        except UnexpectedResponse as exc:
            if exc.status_code in _UNAVAILABLE_STATUS:
                hint = " (check the API key)" if exc.status_code in (401, 403) else ""
                raise StoreUnavailable(
                    f"Qdrant at {self.url} refused {what}: HTTP {exc.status_code}{hint}: {exc.content[:200]!r}"
                ) from exc
            raise
        except (ResponseHandlingException, httpx.TransportError, ConnectionError, TimeoutError) as exc:
            cause = exc.source if isinstance(exc, ResponseHandlingException) else exc
            raise StoreUnavailable(f"Qdrant at {self.url} is unreachable ({what}): {cause!r}") from exc
        except ApiException as exc:
            raise StoreUnavailable(f"Qdrant at {self.url} failed {what}: {exc}") from exc

    def _position_filter(self, position_id: str, keep_version: int | None = None) -> models.Filter:
        must: list[models.Condition] = [
            models.FieldCondition(key="position_id", match=models.MatchValue(value=str(position_id)))
        ]
        must_not: list[models.Condition] | None = None
        if keep_version is not None:
            must_not = [models.FieldCondition(key="version", match=models.MatchValue(value=int(keep_version)))]
        return models.Filter(must=must, must_not=must_not)

    def _approx_count(self) -> int:
        """Point count for the exact-vs-HNSW choice, refreshed at most every 30 s."""
        with self._count_lock:
            if self._cached_count is None or time.monotonic() - self._counted_at > _COUNT_TTL_S:
                self._cached_count = self._count(exact=False)
                self._counted_at = time.monotonic()
            return self._cached_count

    def _invalidate_count(self) -> None:
        with self._count_lock:
            self._cached_count = None

    def _count(self, exact: bool) -> int:
        if not self._call("count", self._client.collection_exists, self.collection):
            return 0
        return int(self._call("count", self._client.count, self.collection, exact=exact).count)

    # -- VectorStore -----------------------------------------------------------

    def ensure_collection(self, dim: int) -> None:
        """Create the collection (cosine, ``dim``, sharding as configured) and payload indexes."""
        dim = int(dim)
        if self._call("collection_exists", self._client.collection_exists, self.collection):
            vectors = self._call("get_collection", self._client.get_collection, self.collection).config.params.vectors
            legacy = not isinstance(vectors, dict)
            params = vectors if legacy else (vectors or {}).get(DENSE)
            size = getattr(params, "size", None)
            if size is not None and size != dim:
                raise ValueError(
                    f"Qdrant collection {self.collection!r} at {self.url} holds {size}-dimensional vectors, "
                    f"not {dim}: re-index into a new collection after changing the model"
                )
            if legacy:
                self._migrate_legacy(dim)
        else:
            try:
                self._create(dim)
            except UnexpectedResponse as exc:
                # Another replica of the service may have created it between our
                # check and create (409, or 400 "already exists" on older servers).
                if exc.status_code not in (400, 409) or not self._call(
                    "collection_exists", self._client.collection_exists, self.collection
                ):
                    raise
        self._ensured = True
        if not self.local:
            for field, schema in (
                ("position_id", models.PayloadSchemaType.KEYWORD),
                ("active", models.PayloadSchemaType.BOOL),
            ):
                self._call(
                    "create_payload_index",
                    self._client.create_payload_index,
                    self.collection,
                    field_name=field,
                    field_schema=schema,
                    wait=True,
                )
        self._invalidate_count()

    def _create(self, dim: int) -> None:
        self._call(
            "create_collection",
            self._client.create_collection,
            self.collection,
            vectors_config={DENSE: models.VectorParams(size=dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)},
            shard_number=self.shards,
            replication_factor=self.replicas,
            write_consistency_factor=self.write_consistency,
            hnsw_config=models.HnswConfigDiff(m=self.hnsw_m, ef_construct=self.hnsw_ef_construct),
            quantization_config=(models.ScalarQuantization(scalar=models.ScalarQuantizationConfig(
                type=models.ScalarType.INT8, quantile=0.99, always_ram=True)) if self.quantization == "int8" else None),
        )

    def _migrate_legacy(self, dim: int) -> None:
        """Recreate a collection of the old layout (unnamed dense vector) as dense + sparse, keeping its points."""
        log.warning("Qdrant collection %r at %s has the layout of an older Selaras (dense vector only); migrating "
                    "it to dense + sparse vectors (no re-embedding)", self.collection, self.url)
        kept: list[tuple[Any, list[float], dict[str, Any]]] = []
        offset = None
        while True:
            records, offset = self._call("scroll", self._client.scroll, self.collection, limit=_UPSERT_CHUNK,
                                         offset=offset, with_payload=True, with_vectors=True)
            for rec in records:
                vec = rec.vector
                if isinstance(vec, dict):
                    vec = vec.get("", next(iter(vec.values()), None))
                kept.append((rec.id, list(vec), dict(rec.payload or {})))  # type: ignore[arg-type]
            if offset is None:
                break
        self._call("delete_collection", self._client.delete_collection, self.collection)
        self._create(dim)
        for start in range(0, len(kept), _UPSERT_CHUNK):
            structs = [models.PointStruct(id=pid, vector=self._vectors(vec, payload), payload=payload)
                       for pid, vec, payload in kept[start : start + _UPSERT_CHUNK]]
            self._call("upsert", self._client.upsert, self.collection, points=structs, wait=True)
        log.warning("Qdrant collection %r migrated: %d passages now have sparse vectors", self.collection, len(kept))

    @staticmethod
    def _vectors(dense: list[float], payload: dict[str, Any]) -> dict[str, Any]:
        sparse = passage_vector(str(payload.get("passage", "")))
        out: dict[str, Any] = {DENSE: dense}
        if sparse:
            out[SPARSE] = models.SparseVector(indices=sparse.indices, values=sparse.values)
        return out

    def upsert(self, points: list[Point]) -> None:
        """Insert or overwrite points by id; waits until they are searchable."""
        for start in range(0, len(points), _UPSERT_CHUNK):
            chunk = points[start : start + _UPSERT_CHUNK]
            vectors = np.asarray([p.vector for p in chunk], dtype=np.float32).tolist()
            structs = [
                models.PointStruct(id=_canonical_id(p.id), vector=self._vectors(vec, p.payload),
                                   payload=dict(p.payload))
                for p, vec in zip(chunk, vectors)
            ]
            self._call("upsert", self._client.upsert, self.collection, points=structs, wait=True)
        if points:
            self._invalidate_count()

    def search_batch(self, vectors: np.ndarray, limit: int, texts: list[str] | None = None) -> list[list[Hit]]:
        """For each row of ``vectors`` the ``limit`` best active points, best first (one round trip).

        Hybrid retrieval with ``texts``: each query prefetches ``limit`` points by dense and by
        sparse vector and fuses them; ``score`` is still the dense cosine (from the returned vectors).
        """
        queries = np.asarray(vectors, dtype=np.float32)
        if queries.ndim == 1:
            queries = queries.reshape(1, -1)
        if texts is not None and len(texts) != len(queries):
            raise ValueError(f"{len(texts)} texts for {len(queries)} query vectors")
        hybrid = self.retrieval == "hybrid" and texts is not None
        if len(queries) == 0:
            return []
        if limit <= 0:
            return [[] for _ in range(len(queries))]
        # The count only picks exact vs HNSW; it may be up to 30 s stale, so an
        # apparently empty collection is still queried (another replica may
        # have just loaded it).
        total = self._approx_count()
        if self.local and total == 0 and not self._call(
            "collection_exists", self._client.collection_exists, self.collection
        ):
            raise self._missing_collection()
        params: models.SearchParams | None = None
        fetch = limit * TIE_FETCH
        if not self.local:
            params = self._search_params(total, fetch)
        if hybrid:
            requests = [self._hybrid_request(row, text, fetch, params)
                        for row, text in zip(queries.tolist(), texts or [])]
        else:
            requests = [
                models.QueryRequest(
                    query=row, using=DENSE, filter=self._active_filter, limit=fetch, with_payload=True,
                    params=params
                )
                for row in queries.tolist()
            ]
        try:
            responses = self._call(
                "query_batch_points", self._client.query_batch_points, self.collection, requests
            )
        except UnexpectedResponse as exc:
            if exc.status_code == 404:
                # The checker creates the collection before its first search, so a missing one was
                # lost (deleted, a wiped volume): answering "nothing found" would make every check
                # "unsupported", a silent wrong answer. It is an outage until restored.
                raise self._missing_collection() from exc
            raise
        rows = [in_stable_order(response.points, limit) for response in responses]
        if not hybrid:
            return [
                [Hit(id=str(p.id), score=float(p.score), payload=dict(p.payload or {})) for p in row]
                for row in rows
            ]
        out = []
        for query, row in zip(queries, rows):
            sims = cosines(query, [p.vector.get(DENSE) if isinstance(p.vector, dict) else p.vector for p in row])
            out.append([Hit(id=str(p.id), score=sim, payload=dict(p.payload or {})) for p, sim in zip(row, sims)])
        return out

    def _search_params(self, total: int, limit: int) -> models.SearchParams:
        return search_params(models.SearchParams, models.QuantizationSearchParams, total, limit, self.exact_below,
                             self.hnsw_ef, self.quantization, self.oversampling)

    def _hybrid_request(self, row: list[float], text: str, limit: int,
                        params: models.SearchParams | None) -> models.QueryRequest:
        prefetch = [models.Prefetch(query=row, using=DENSE, filter=self._active_filter, limit=limit, params=params)]
        sparse = query_vector(text)
        if sparse:
            prefetch.append(models.Prefetch(query=models.SparseVector(indices=sparse.indices, values=sparse.values),
                                            using=SPARSE, filter=self._active_filter, limit=limit))
        fusion = models.Fusion.RRF if self.fusion == "rrf" else models.Fusion.DBSF
        return models.QueryRequest(prefetch=prefetch, query=models.FusionQuery(fusion=fusion),
                                   filter=self._active_filter, limit=limit, with_payload=True, with_vector=[DENSE])

    def set_active(self, position_id: str, active: bool) -> None:
        """Set ``active`` on every point of ``position_id``."""
        self._call(
            "set_payload",
            self._client.set_payload,
            self.collection,
            payload={"active": bool(active)},
            points=self._position_filter(position_id),
            wait=True,
        )

    def delete_position(self, position_id: str, keep_version: int | None = None) -> None:
        """Delete the points of ``position_id``; with ``keep_version``, all but that version's."""
        self._call(
            "delete",
            self._client.delete,
            self.collection,
            points_selector=models.FilterSelector(filter=self._position_filter(position_id, keep_version)),
            wait=True,
        )
        self._invalidate_count()

    def count(self) -> int:
        """Number of stored points, active or not (exact)."""
        return self._count(exact=True)

    def ping(self) -> None:
        """Raise :class:`StoreUnavailable` if Qdrant cannot answer now, or lost the collection we created."""
        self._call("ping", self._client.get_collections)
        if self._ensured and not self._call("collection_exists", self._client.collection_exists, self.collection):
            raise self._missing_collection()

    def _missing_collection(self) -> StoreUnavailable:
        return StoreUnavailable(
            f"the collection {self.collection!r} is missing on the Qdrant server at {self.url}; restore it from a "
            "snapshot, or run `selaras reindex` to rebuild it from the stored positions",
            public="the reference collection is missing from the store; an operator must restore it "
                   "(`selaras reindex`)")

    def optimize(self) -> None:
        """No-op: a Qdrant server optimises in the background."""

    def compact(self) -> None:
        """No-op: a Qdrant server vacuums deleted points itself."""

    def close(self) -> None:
        """Close the client's connections. Idempotent."""
        if not self._closed:
            self._closed = True
            self._client.close()

    def __enter__(self) -> ServerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
