"""The reference corpus: positions loaded, versioned and retired, with the crash-safe write protocol.

A position lives in two places: its record (text, version, window, status) in :mod:`service.records`
and its passages' vectors in the vector store. The records are the source of truth for *which*
passages count: a vector hit is used only when its ``(position_id, version)`` is the position's
current version and the position is in effect (:meth:`Corpus.snapshot` gives checks that view).
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Any

import numpy as np
from cachetools import LRUCache

from embeddings.encoder import Encoder
from service.compaction import Activity
from service.domain import PositionIn
from service.records import PositionRecord, Records, content_hash, utcnow
from service.store.base import Point, StoreUnavailable, VectorStore
from service.text.segment import Span, split_passages

log = logging.getLogger("selaras")
_POINT_NAMESPACE = uuid.UUID("5e1a7a50-0000-4000-8000-53e1a7a5c0de")


class InputError(ValueError):
    """Input the service cannot take; ``code`` is machine-readable, the message is for people."""

    def __init__(self, code: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class CorpusSnapshot:
    """The positions as of one corpus version: a check judges against exactly these and stamps ``version``."""

    version: int
    positions: dict[str, PositionRecord]

    @cached_property
    def _superseders(self) -> dict[str, list[PositionRecord]]:
        # Built once per snapshot (positions do not change within one): old id -> the positions naming it.
        out: dict[str, list[PositionRecord]] = {}
        for pos in self.positions.values():
            for old in pos.supersedes:
                out.setdefault(old, []).append(pos)
        return out

    def superseded_by(self, position_id: str, on: date) -> list[PositionRecord]:
        """The positions in effect on ``on`` that replace this one (empty: it is not superseded then)."""
        return [p for p in self._superseders.get(position_id, ()) if p.in_effect(on)]

    def current(self, position_id: str, version: int | None, on: date) -> PositionRecord | None:
        """The position a stored passage belongs to, if that passage is its current version and in effect
        (not retired, inside its window, and not replaced by a position in effect on ``on``)."""
        pos = self.outdated(position_id, version, on)
        if pos is None or self.superseded_by(position_id, on):
            return None
        return pos

    def outdated(self, position_id: str, version: int | None, on: date) -> PositionRecord | None:
        """Like :meth:`current` but superseded positions included: the current version of a position in effect."""
        pos = self.positions.get(position_id)
        if pos is None or version != pos.version or not pos.in_effect(on):
            return None
        return pos


def point_id(position_id: str, version: int, index: int) -> str:
    """Deterministic passage id: re-running a load overwrites instead of duplicating."""
    return str(uuid.uuid5(_POINT_NAMESPACE, f"{position_id}\x00{version}\x00{index}"))


class Corpus:
    """Positions and their passages in the records and the vector store, kept consistent."""

    def __init__(self, encoder: Encoder, store: VectorStore, records: Records) -> None:
        self.encoder = encoder
        self.store = store
        self.records = records
        self.activity = Activity()  # what the idle-time compactor watches
        self._snapshot = CorpusSnapshot(-1, {})
        self._cache_lock = threading.Lock()
        self._store_lock = threading.Lock()
        self._store_ready = False
        # Split passages of positions, by (id, version): neighbours of retrieved passages come from here.
        self._passage_cache: LRUCache[tuple[str, int], list[Span]] = LRUCache(maxsize=4096)
        try:
            self.ensure_store()
        except StoreUnavailable as exc:
            # A Qdrant server may come up after us: start anyway, not ready (/ready says why), and
            # create the collection on first use once it answers.
            log.warning("vector store not available at startup; will retry on use: %s", exc)

    def ensure_store(self) -> None:
        """Create the collection once the store answers (raises StoreUnavailable until then)."""
        if not self._store_ready:
            with self._store_lock:
                if not self._store_ready:
                    self.store.ensure_collection(self.encoder.dim)
                    self._store_ready = True

    def ping_store(self) -> None:
        """Raise StoreUnavailable unless the vector store can serve now (for readiness)."""
        self.ensure_store()
        self.store.ping()

    def version(self) -> int:
        """Current corpus version (changes whenever positions change)."""
        return self.records.corpus_version()

    # -- writes ----------------------------------------------------------------------------------
    def upsert_positions(self, items: list[PositionIn]) -> list[str]:
        """Upsert several positions; the passages of changed ones are embedded together first.

        One big embedding call is cut into jobs that all encoder workers share, instead of
        one small call per position; each position is then stored atomically as below.
        """
        self.check_supersedes(items)
        changed = []
        for item in items:
            existing = self.records.get_position(item.id)
            if existing is None or existing.content_hash != content_hash(item.title, item.text):
                changed.append((item, [p.text for p in split_passages(item.text)]))
        vectors = self.encoder.encode_blocking([t for _, texts in changed for t in texts])
        precomputed: dict[str, np.ndarray] = {}
        offset = 0
        for item, texts in changed:
            precomputed[item.id] = vectors[offset : offset + len(texts)]
            offset += len(texts)
        return [self.upsert_position(item, precomputed.get(item.id)) for item in items]

    def check_supersedes(self, items: list[PositionIn]) -> None:
        """Every position named as superseded exists (or comes in the same batch); InputError naming it if not."""
        batch = {item.id for item in items}
        for item in items:
            missing = [old for old in item.supersedes if old not in batch and self.records.get_position(old) is None]
            if missing:
                raise InputError("unknown_superseded", f"Position {item.id!r} supersedes {', '.join(missing[:5])!s}, "
                                                       "which is not a known position.")

    def upsert_position(self, item: PositionIn, vectors: np.ndarray | None = None) -> str:
        """Store a position; returns "created", "updated" or "unchanged".

        Order matters for crash safety: the new version's passages are written to
        the vector store first (deterministic ids, so a re-run overwrites them),
        then the records commit the new version (the switch-over), then the old
        version's passages are deleted. Checks only use passages whose version is
        the committed one, so no half-written position is ever used. The records'
        corpus lock makes this one writer at a time across processes and replicas
        (two writers of one position would otherwise give one version two texts).
        """
        with self.records.corpus_lock():
            self.ensure_store()
            existing = self.records.get_position(item.id)
            digest = content_hash(item.title, item.text)
            now = utcnow()
            if existing and existing.content_hash == digest:
                if _same_metadata(existing, item):
                    return "unchanged"
                # Metadata-only change: same passages, no re-embedding.
                record = _record(item, existing.version, existing.passages, digest, existing.created_at, now)
                self.records.save_position(record)
                # Re-activate points of a position that was retired and is posted again unchanged.
                self.store.set_active(record.id, True)
                return "updated"
            version = existing.version + 1 if existing else 1
            passages = split_passages(item.text)
            if not passages:
                raise InputError("empty_position", f"Position {item.id!r} has no text to index.")
            if vectors is None or len(vectors) != len(passages):  # not (or differently) pre-embedded
                vectors = self.encoder.encode_blocking([p.text for p in passages])
            record = _record(item, version, len(passages), digest,
                             existing.created_at if existing else now, now)
            self.store.upsert([
                Point(point_id(item.id, version, i), vec, _payload(record, p))
                for i, (p, vec) in enumerate(zip(passages, vectors))
            ])
            self.records.save_position(record)
            self.store.delete_position(item.id, keep_version=version)
            self.activity.wrote()
            return "updated" if existing else "created"

    def index_record(self, record: PositionRecord) -> None:
        """(Re-)write the vector-store passages of a stored record's current version (restore, repair)."""
        self.ensure_store()
        passages = split_passages(record.text)
        vectors = self.encoder.encode_blocking([p.text for p in passages])
        self.store.upsert([
            Point(point_id(record.id, record.version, i), vec,
                  {**_payload(record, p), "active": record.status == "active"})
            for i, (p, vec) in enumerate(zip(passages, vectors))
        ])
        self.store.delete_position(record.id, keep_version=record.version)

    def retire_position(self, position_id: str) -> PositionRecord | None:
        """Stop using a position for checks; it stays listed as retired. None if unknown."""
        with self.records.corpus_lock():
            self.ensure_store()
            if not self.records.set_position_status(position_id, "retired"):
                return None
            self.store.set_active(position_id, False)
            self.activity.wrote()
            return self.records.get_position(position_id)

    # -- reads -----------------------------------------------------------------------------------
    def snapshot(self) -> CorpusSnapshot:
        """The positions and the corpus version they belong to, read together.

        The version is read before and after the positions; every write bumps it in the same
        transaction, so equal readings mean no write landed in between and the report of a check
        is stamped with the version of exactly the positions it was judged against.
        """
        version = self.records.corpus_version()
        if version == self._snapshot.version:
            return self._snapshot
        with self._cache_lock:
            while version != self._snapshot.version:
                positions = {p.id: p for p in self.records.all_positions()}
                after = self.records.corpus_version()
                if after == version:
                    self._snapshot = CorpusSnapshot(version, positions)
                version = after
            return self._snapshot

    def passages(self, pos: PositionRecord) -> list[Span]:
        """The passages of a position's current version, as they were indexed."""
        key = (pos.id, pos.version)
        passages = self._passage_cache.get(key)
        if passages is None:
            passages = self._passage_cache[key] = split_passages(pos.text)
        return passages


def _same_metadata(existing: PositionRecord, item: PositionIn) -> bool:
    return (existing.agency, existing.kind, existing.topics, existing.language, existing.effective_from,
            existing.effective_until, existing.status, existing.supersedes, existing.source,
            existing.published_on) == (
        item.agency, item.kind, item.topics, item.language, _iso(item.effective_from), _iso(item.effective_until),
        "active", list(item.supersedes), item.source, _iso(item.published_on))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _record(item: PositionIn, version: int, passages: int, digest: str, created: str, now: str) -> PositionRecord:
    return PositionRecord(
        id=item.id, title=item.title, agency=item.agency, kind=str(item.kind), topics=list(item.topics),
        language=item.language, effective_from=_iso(item.effective_from), effective_until=_iso(item.effective_until),
        text=item.text, content_hash=digest, version=version, status="active", passages=passages,
        created_at=created, updated_at=now, retired_at=None,
        supersedes=list(item.supersedes), source=item.source, published_on=_iso(item.published_on),
    )


def _payload(record: PositionRecord, passage: Span) -> dict[str, Any]:
    return {
        "position_id": record.id, "version": record.version, "active": True,
        "passage": passage.text, "start": passage.start, "end": passage.end,
        "kind": record.kind, "agency": record.agency,
    }
