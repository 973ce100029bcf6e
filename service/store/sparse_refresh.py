"""Sparse vectors recomputed in place when the word analysis changes (the embedded store's analysis upgrade).

A sparse vector (:func:`service.text.sparse.passage_vector`) depends on the word analysis and the bilingual
lexicon of the code that wrote it, named by :data:`service.text.sparse.ANALYSIS`. The embedded store keeps
that name in a file beside its shard, ``<collection>.sparse``; when it differs from the running code's, every
point's sparse vector is recomputed from the passage in its payload, and only then is the file rewritten.
"""

from __future__ import annotations

from pathlib import Path

import qdrant_edge as qe

from service.store.base import SPARSE
from service.text.sparse import ANALYSIS, passage_vector

__all__ = ["mark_analysis", "refresh_sparse", "written_analysis"]


def _analysis_file(shard_dir: Path) -> Path:
    return shard_dir.with_name(shard_dir.name + ".sparse")


def written_analysis(shard_dir: Path) -> str:
    """The analysis the shard's sparse vectors were computed under ("" when no file says: an older Selaras)."""
    try:
        return _analysis_file(shard_dir).read_text().strip()
    except FileNotFoundError:
        return ""


def mark_analysis(shard_dir: Path) -> None:
    """Record that every sparse vector of the shard is the running code's (written to a temporary file, renamed)."""
    target = _analysis_file(shard_dir)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(ANALYSIS + "\n")
    tmp.replace(target)


def refresh_sparse(shard: qe.EdgeShard, shard_dir: Path, chunk: int) -> int:
    """Recompute every point's sparse vector from its stored passage, ``chunk`` points per update, then mark the
    shard; dense vectors and payloads are untouched. Returns how many vectors were written. A crash part-way
    leaves the old name in the file, so the next open does it again (recomputing is idempotent)."""
    done, offset = 0, None
    while True:
        records, offset = shard.scroll(qe.ScrollRequest(offset=offset, limit=chunk, with_payload=True,
                                                        with_vector=False))
        ops = []
        for rec in records:
            sparse = passage_vector(str((rec.payload or {}).get("passage", "")))
            if sparse:  # a passage of stop words only has none, under any analysis
                ops.append(qe.PointVectors(rec.id, {SPARSE: qe.SparseVector(sparse.indices, sparse.values)}))
        if ops:
            shard.update(qe.UpdateOperation.update_vectors(ops))
            done += len(ops)
        if offset is None:
            break
    shard.flush()
    mark_analysis(shard_dir)
    return done
