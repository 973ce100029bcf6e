"""Hybrid (dense + sparse, fused) retrieval and the upgrade of old-layout collections, both stores.

Random unit vectors stand in for embeddings; passage texts carry the lexical signal.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import qdrant_edge as qe
from qdrant_client import models

from service.store.base import Point, VectorStore
from service.store.edge import EdgeStore
from service.store.server import ServerStore

DIM = 32
FILLER = ["anggaran pendidikan daerah", "program vaksinasi nasional", "pembangunan jalan tol",
          "subsidi listrik rumah tangga", "pariwisata pulau bali", "pelatihan guru sekolah"]
TARGET = "Pemerintah menghentikan impor beras konsumsi sepanjang tahun 2026."
QUERY = "Pemerintah membuka kembali impor beras konsumsi pada tahun 2026."


def pid(n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"selaras-hybrid/{n}"))


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def corpus(n: int = 120) -> tuple[list[Point], np.ndarray]:
    """n filler passages near the query in dense space, one lexical match far from it; the query."""
    rng = np.random.default_rng(3)
    query = unit(rng.normal(size=DIM))
    pts = []
    for i in range(n):
        vec = unit(query + 0.6 * unit(rng.normal(size=DIM)))  # all close to the query
        pts.append(Point(pid(i), vec, {"position_id": f"pos-{i}", "version": 1, "active": True,
                                        "passage": f"{FILLER[i % len(FILLER)]} nomor {i}", "start": 0, "end": 9}))
    far = unit(rng.normal(size=DIM) - 0.5 * query)
    pts.append(Point(pid(n), far, {"position_id": "beras", "version": 1, "active": True, "passage": TARGET,
                                   "start": 0, "end": len(TARGET)}))
    return pts, query


def open_kind(kind: str, tmp_path: Path, retrieval: str = "hybrid", fusion: str = "rrf") -> VectorStore:
    if kind == "edge":
        return EdgeStore(tmp_path / "qdrant", retrieval=retrieval, fusion=fusion)
    return ServerStore(":memory:", retrieval=retrieval, fusion=fusion)


@pytest.fixture(params=["edge", "server"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def loaded(kind: str, tmp_path: Path) -> Iterator[tuple[VectorStore, np.ndarray, list[Point]]]:
    store = open_kind(kind, tmp_path)
    store.ensure_collection(DIM)
    pts, query = corpus()
    store.upsert(pts)
    yield store, query, pts
    store.close()


@pytest.mark.parametrize("fusion", ["rrf", "dbsf"])
def test_hybrid_finds_what_dense_ranks_below_the_limit(kind: str, tmp_path: Path, fusion: str) -> None:
    store = open_kind(kind, tmp_path, fusion=fusion)
    try:
        store.ensure_collection(DIM)
        pts, query = corpus()
        store.upsert(pts)
        dense = store.search_batch(query[None, :], limit=10)[0]
        assert "beras" not in {h.payload["position_id"] for h in dense}
        hybrid = store.search_batch(query[None, :], limit=10, texts=[QUERY])[0]
        assert len(hybrid) == 10
        hit = next(h for h in hybrid if h.payload["position_id"] == "beras")
        # The score stays the dense cosine, never the fusion score.
        assert hit.score == pytest.approx(float(pts[-1].vector @ query), abs=1e-4)
        by_id = {p.id: p for p in pts}
        for h in hybrid:
            assert h.score == pytest.approx(float(by_id[h.id].vector @ query), abs=1e-4)
    finally:
        store.close()


def test_dense_mode_ignores_texts(kind: str, tmp_path: Path) -> None:
    store = open_kind(kind, tmp_path, retrieval="dense")
    try:
        store.ensure_collection(DIM)
        pts, query = corpus()
        store.upsert(pts)
        with_texts = store.search_batch(query[None, :], limit=10, texts=[QUERY])[0]
        assert [h.id for h in with_texts] == [h.id for h in store.search_batch(query[None, :], limit=10)[0]]
        assert "beras" not in {h.payload["position_id"] for h in with_texts}
    finally:
        store.close()


def test_hybrid_respects_active_and_batches(loaded: tuple[VectorStore, np.ndarray, list[Point]]) -> None:
    store, query, _ = loaded
    queries = np.stack([query, query])
    rows = store.search_batch(queries, limit=5, texts=[QUERY, "tidak ada kata yang cocok"])
    assert len(rows) == 2 and all(len(r) == 5 for r in rows)
    assert "beras" in {h.payload["position_id"] for h in rows[0]}
    store.set_active("beras", False)
    assert "beras" not in {h.payload["position_id"] for h in store.search_batch(query[None, :], 5, texts=[QUERY])[0]}
    with pytest.raises(ValueError):
        store.search_batch(queries, limit=5, texts=[QUERY])


def test_hybrid_text_without_content_words_is_dense(loaded: tuple[VectorStore, np.ndarray, list[Point]]) -> None:
    store, query, _ = loaded
    plain = store.search_batch(query[None, :], limit=8)[0]
    stop_only = store.search_batch(query[None, :], limit=8, texts=["yang dan di ke"])[0]
    assert [h.id for h in stop_only] == [h.id for h in plain]


# -- the upgrade of collections written by the old code (one unnamed dense vector) -------------


def test_edge_migrates_old_layout(tmp_path: Path) -> None:
    pts, query = corpus(40)
    shard_dir = tmp_path / "qdrant" / "passages"
    shard_dir.parent.mkdir(parents=True)
    old = qe.EdgeShard.create(str(shard_dir), qe.EdgeConfig(
        vectors=qe.EdgeVectorParams(size=DIM, distance=qe.Distance.Cosine)))
    old.update(qe.UpdateOperation.upsert_points(
        [qe.Point(p.id, p.vector.tolist(), dict(p.payload)) for p in pts]))
    old.flush()
    old.close()
    assert "" in json.loads((shard_dir / "edge_config.json").read_text())["vectors"]

    with EdgeStore(tmp_path / "qdrant") as store:
        assert store.count() == len(pts)
        store.ensure_collection(DIM)
        hits = store.search_batch(query[None, :], limit=10, texts=[QUERY])[0]
        assert "beras" in {h.payload["position_id"] for h in hits}
        assert store.search_batch(pts[5].vector[None, :], limit=1)[0][0].id == pts[5].id
    config = json.loads((shard_dir / "edge_config.json").read_text())
    assert "dense" in config["vectors"] and "sparse" in config["sparse_vectors"]
    assert sorted(p.name for p in (tmp_path / "qdrant").iterdir()) == ["passages", "passages.sparse", "selaras.lock"]
    with EdgeStore(tmp_path / "qdrant") as store:  # and it stays migrated
        assert store.count() == len(pts)


def test_edge_recovers_from_a_crashed_migration(tmp_path: Path) -> None:
    """A crash between the two renames leaves the old shard as .legacy and the new as .migrating."""
    pts, query = corpus(20)
    root = tmp_path / "qdrant"
    root.mkdir()
    old = qe.EdgeShard.create(str(root / "passages.legacy"), qe.EdgeConfig(
        vectors=qe.EdgeVectorParams(size=DIM, distance=qe.Distance.Cosine)))
    old.update(qe.UpdateOperation.upsert_points([qe.Point(p.id, p.vector.tolist(), dict(p.payload)) for p in pts]))
    old.flush()
    old.close()
    (root / "passages.migrating").mkdir()
    (root / "passages.migrating" / "junk").write_text("partial")
    with EdgeStore(root) as store:
        assert store.count() == len(pts)
        assert "beras" in {h.payload["position_id"] for h in store.search_batch(query[None, :], 10, texts=[QUERY])[0]}
    assert sorted(p.name for p in root.iterdir()) == ["passages", "passages.sparse", "selaras.lock"]


def test_server_migrates_old_layout() -> None:
    pts, query = corpus(40)
    store = ServerStore(":memory:")
    try:
        client = store._client
        client.create_collection(store.collection,
                                 vectors_config=models.VectorParams(size=DIM, distance=models.Distance.COSINE))
        client.upsert(store.collection, points=[
            models.PointStruct(id=p.id, vector=p.vector.tolist(), payload=dict(p.payload)) for p in pts])
        store.ensure_collection(DIM)
        vectors = client.get_collection(store.collection).config.params.vectors
        assert isinstance(vectors, dict) and "dense" in vectors
        assert store.count() == len(pts)
        hits = store.search_batch(query[None, :], limit=10, texts=[QUERY])[0]
        assert "beras" in {h.payload["position_id"] for h in hits}
        assert store.search_batch(pts[5].vector[None, :], limit=1)[0][0].id == pts[5].id
        with pytest.raises(ValueError):
            store.ensure_collection(DIM + 1)
    finally:
        store.close()


# -- sparse vectors written under another word analysis (lexicon, stop words) -------------------


def test_edge_recomputes_sparse_vectors_of_another_analysis(tmp_path: Path) -> None:
    from service.text.sparse import ANALYSIS, passage_vector
    pts, query = corpus(40)
    root = tmp_path / "qdrant"
    with EdgeStore(root) as store:
        store.ensure_collection(DIM)
        store.upsert(pts)
        assert (root / "passages.sparse").read_text().strip() == ANALYSIS
        # Write the target's sparse vector as a different analysis would have: the words of a filler passage.
        bogus = passage_vector(FILLER[0])
        store._require_shard().update(qe.UpdateOperation.update_vectors(
            [qe.PointVectors(pts[-1].id, {"sparse": qe.SparseVector(bogus.indices, bogus.values)})]))
        found = {h.payload["position_id"] for h in store.search_batch(query[None, :], 10, texts=[QUERY])[0]}
        assert "beras" not in found  # the stale vector hides the lexical match

    # The file names the running analysis: nothing is recomputed, the stale vector stays.
    with EdgeStore(root) as store:
        assert "beras" not in {h.payload["position_id"] for h in store.search_batch(query[None, :], 10, texts=[QUERY])[0]}

    # An older Selaras wrote no file (or another name): opening recomputes every sparse vector from its passage.
    (root / "passages.sparse").write_text("older\n")
    with EdgeStore(root) as store:
        assert store.count() == len(pts)
        hits = store.search_batch(query[None, :], 10, texts=[QUERY])[0]
        assert "beras" in {h.payload["position_id"] for h in hits}
        assert store.search_batch(pts[5].vector[None, :], limit=1)[0][0].id == pts[5].id  # dense untouched
    assert (root / "passages.sparse").read_text().strip() == ANALYSIS
