"""Pick the vector store: a Qdrant server when a URL is configured, else embedded qdrant-edge."""

from __future__ import annotations

from pathlib import Path

from service.store.base import VectorStore


def open_store(
    data_dir: Path,
    qdrant_url: str | None = None,
    api_key: str | None = None,
    collection: str = "passages",
    shards: int = 1,
    replicas: int = 1,
    write_consistency: int = 1,
    exact_below: int = 20_000,
    hnsw_ef: int = 512,
    retrieval: str = "hybrid",
    fusion: str = "dbsf",
    hnsw_m: int = 32,
    hnsw_ef_construct: int = 256,
    quantization: str = "int8",
    oversampling: float = 2.0,
) -> VectorStore:
    """Open the configured store.

    With ``qdrant_url`` (``http(s)://host:6333`` or ``:memory:``) a
    :class:`~service.store.server.ServerStore`; otherwise an
    :class:`~service.store.edge.EdgeStore` at ``data_dir / "qdrant"``, which
    raises :class:`~service.store.edge.StoreLocked` if another process has it.

    ``exact_below``: collections smaller than this are searched exactly; segments that size or
    larger get the graph (and, with ``int8``, the int8 copies) when the store is optimised. On the
    service's embeddings of real text (``bench/scale.py``, hybrid, 30 queries per check): exact
    search costs 33 ms per check at 12k passages, 229 ms at 100k and 1.9 s at 1M; the int8 graph
    (m 32, ef_construct 256) 38 ms at 100k (recall@10 0.996 at ef 256), 63 ms at 200k (0.997 at
    ef 512) and 114 ms at 1M (0.95 at ef 512, a corpus of 90 % republished copies).

    ``retrieval``: ``hybrid`` (dense + sparse lexical, fused) or ``dense``; ``fusion``: ``rrf`` or
    ``dbsf`` (see :mod:`service.store.base`). ``hnsw_m``, ``hnsw_ef_construct``, ``quantization``
    (``none`` or ``int8``) and ``oversampling`` shape the graph and its int8 copies (``bench/scale.py``).
    """
    index = {"hnsw_m": hnsw_m, "hnsw_ef_construct": hnsw_ef_construct, "quantization": quantization,
             "oversampling": oversampling}
    # Imported here so the embedded path never pays for importing qdrant-client.
    if qdrant_url:
        from service.store.server import ServerStore

        return ServerStore(qdrant_url, api_key=api_key, collection=collection, shards=shards, replicas=replicas,
                           write_consistency=write_consistency,
                           exact_below=exact_below, hnsw_ef=hnsw_ef, retrieval=retrieval, fusion=fusion, **index)
    from service.store.edge import EdgeStore

    return EdgeStore(Path(data_dir) / "qdrant", collection=collection, exact_below=exact_below, hnsw_ef=hnsw_ef,
                     retrieval=retrieval, fusion=fusion, **index)
