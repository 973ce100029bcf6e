"""The core loop: load reference positions, check a draft against them, build the report.

Everything the HTTP layer and the CLI do goes through :class:`Selaras`, so both
behave the same. Blocking work (model, store, SQLite) runs in worker threads
when called from async code.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import anyio
import numpy as np
from cachetools import LRUCache

from embeddings.encoder import Encoder
from service.compaction import Activity
from service.judge.judge import Candidate, DeadlineExceeded, Judge, Judgement
from service.records import PositionRecord, Records, content_hash, utcnow
from service.text.segment import Span, split_passages, split_sentences
from service.store.base import Point, StoreUnavailable, VectorStore

log = logging.getLogger("selaras")
_POINT_NAMESPACE = uuid.UUID("5e1a7a50-0000-4000-8000-53e1a7a5c0de")


class InputError(ValueError):
    """Input the service cannot check; ``code`` is machine-readable, the message is for people."""

    def __init__(self, code: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class PositionInput:
    """A reference position as submitted by a curator (already validated)."""

    id: str
    title: str
    text: str
    agency: str
    kind: str
    topics: list[str] = field(default_factory=list)
    language: str | None = None
    effective_from: str | None = None
    effective_until: str | None = None


@dataclass
class CheckTiming:
    """Milliseconds spent in each stage of one check."""

    queue_ms: float = 0.0
    embed_ms: float = 0.0
    search_ms: float = 0.0
    judge_ms: float = 0.0
    total_ms: float = 0.0

    def headers(self) -> dict[str, str]:
        """Per-response timing headers, as text-embeddings-inference sends them."""
        return {
            "x-queue-time": f"{self.queue_ms:.1f}",
            "x-embed-time": f"{self.embed_ms:.1f}",
            "x-search-time": f"{self.search_ms:.1f}",
            "x-judge-time": f"{self.judge_ms:.1f}",
            "x-total-time": f"{self.total_ms:.1f}",
        }


RELATION_WEIGHT = {"supports": 1.0, "unsupported": 0.7, "conflicts": 0.0}
# "aligned" is assurance: it needs evidence for most of the draft, not just the absence of a clash
# (a draft the corpus says nothing about scored 70-100 and came back "aligned").
ALIGNED_MIN_BACKED = 0.5
# Cosine bars for the report's summaries, for the default model. The judge may look at passages
# down to its own (lower, calibrated) floor; the summaries list only passages on the same topic.
TOPIC_SIMILARITY = 0.87  # random IndoNLI pairs reach 0.87 at the 99th percentile
# A vision text states a goal, not a fact, so "advances a mission" is topical closeness without a
# conflict, not entailment (the classifier calls "we support X" neutral against "strengthen X").
VISION_SIMILARITY = 0.91
# Passages either side of a retrieved one that the judge also compares (see Selaras._neighbours).
NEIGHBOURS = 3
# Context passages per sentence at most: each costs a rule comparison (a figure-dense draft against
# figure-dense positions took 13.2 s of judging uncapped, bench/worst_case.py).
MAX_CONTEXT = 4


def point_id(position_id: str, version: int, index: int) -> str:
    """Deterministic passage id: re-running a load overwrites instead of duplicating."""
    return str(uuid.uuid5(_POINT_NAMESPACE, f"{position_id}\x00{version}\x00{index}"))


class Selaras:
    """The service core, shared by the API and the CLI."""

    def __init__(self, encoder: Encoder, store: VectorStore, records: Records, judge: Judge,
                 top_k: int = 5, max_sentences: int = 400, max_sentence_chars: int = 2000,
                 max_draft_chars: int = 100_000, check_timeout_s: float = 30.0) -> None:
        self.encoder = encoder
        self.store = store
        self.records = records
        self.judge = judge
        self.top_k = top_k
        self.max_sentences = max_sentences
        self.max_sentence_chars = max_sentence_chars
        self.max_draft_chars = max_draft_chars
        self.check_timeout_s = check_timeout_s
        self._positions: dict[str, PositionRecord] = {}
        self._positions_version = -1
        self._cache_lock = threading.Lock()
        self._write_lock = threading.Lock()  # one corpus writer at a time per process
        self._store_lock = threading.Lock()
        self._store_ready = False
        self.activity = Activity()  # what the idle-time compactor watches
        # Split passages of positions, by (id, version): neighbours of retrieved passages come from here.
        self._passage_cache: LRUCache[tuple[str, int], list[Span]] = LRUCache(maxsize=4096)
        try:
            self._ensure_store()
        except StoreUnavailable as exc:
            # A Qdrant server may come up after us: start anyway, not ready (/ready says why), and
            # create the collection on first use once it answers.
            log.warning("vector store not available at startup; will retry on use: %s", exc)

    def _ensure_store(self) -> None:
        """Create the collection once the store answers (raises StoreUnavailable until then)."""
        if not self._store_ready:
            with self._store_lock:
                if not self._store_ready:
                    self.store.ensure_collection(self.encoder.dim)
                    self._store_ready = True

    def ping_store(self) -> None:
        """Raise StoreUnavailable unless the vector store can serve now (for readiness)."""
        self._ensure_store()
        self.store.ping()

    # -- reference corpus ------------------------------------------------------
    def upsert_positions(self, items: list[PositionInput]) -> list[str]:
        """Upsert several positions; the passages of changed ones are embedded together first.

        One big embedding call is cut into jobs that all encoder workers share, instead of
        one small call per position; each position is then stored atomically as below.
        """
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

    def upsert_position(self, item: PositionInput, vectors: np.ndarray | None = None) -> str:
        """Store a position; returns "created", "updated" or "unchanged".

        Order matters for crash safety: the new version's passages are written to
        the vector store first (deterministic ids, so a re-run overwrites them),
        then SQLite commits the new version (the switch-over), then the old
        version's passages are deleted. Checks only use passages whose version is
        the committed one, so no half-written position is ever used.
        """
        with self._write_lock:
            self._ensure_store()
            existing = self.records.get_position(item.id)
            digest = content_hash(item.title, item.text)
            now = utcnow()
            if existing and existing.content_hash == digest:
                meta_same = (
                    existing.agency, existing.kind, existing.topics, existing.language,
                    existing.effective_from, existing.effective_until, existing.status,
                ) == (item.agency, item.kind, item.topics, item.language,
                      item.effective_from, item.effective_until, "active")
                if meta_same:
                    return "unchanged"
                # Metadata-only change: same passages, no re-embedding.
                record = _record(item, existing.version, existing.passages, digest, existing.created_at, now)
                self.records.save_position(record)
                self._payload_refresh(record)
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
        self._ensure_store()
        passages = split_passages(record.text)
        vectors = self.encoder.encode_blocking([p.text for p in passages])
        self.store.upsert([
            Point(point_id(record.id, record.version, i), vec, {**_payload(record, p), "active": record.status == "active"})
            for i, (p, vec) in enumerate(zip(passages, vectors))
        ])
        self.store.delete_position(record.id, keep_version=record.version)

    def _payload_refresh(self, record: PositionRecord) -> None:
        # Re-activate points of a position that was retired and is posted again unchanged.
        self.store.set_active(record.id, True)

    def retire_position(self, position_id: str) -> PositionRecord | None:
        """Stop using a position for checks; it stays listed as retired. None if unknown."""
        with self._write_lock:
            self._ensure_store()
            if not self.records.set_position_status(position_id, "retired"):
                return None
            self.store.set_active(position_id, False)
            self.activity.wrote()
            return self.records.get_position(position_id)

    def _current_positions(self) -> dict[str, PositionRecord]:
        version = self.records.corpus_version()
        if version != self._positions_version:
            with self._cache_lock:
                if version != self._positions_version:
                    self._positions = {p.id: p for p in self.records.all_positions()}
                    self._positions_version = version
        return self._positions

    # -- checks ----------------------------------------------------------------
    def sentences_of(self, text: str) -> list[Span]:
        """Validated sentences of a draft; raises :class:`InputError` naming the limit.

        The length is checked before any splitting, and splitting stops one sentence past the
        limit: the cost of a refused draft is bounded by the limits, not by what was sent.
        """
        if len(text) > self.max_draft_chars:
            raise InputError("draft_too_long", f"The draft has {len(text)} characters; the limit is "
                                               f"{self.max_draft_chars} (SELARAS_MAX_DRAFT_CHARS).", status=413)
        if not text.strip():
            raise InputError("empty_text", "The draft text is empty.")
        sentences = split_sentences(text, limit=self.max_sentences)
        if len(sentences) > self.max_sentences:
            raise InputError(
                "too_many_sentences",
                f"The draft has more than {self.max_sentences} sentences; the limit is {self.max_sentences}.",
            )
        for s in sentences:
            if len(s.text) > self.max_sentence_chars:
                raise InputError(
                    "sentence_too_long",
                    f"A sentence starting at character {s.start} has {len(s.text)} characters; "
                    f"the limit is {self.max_sentence_chars}.",
                )
        return sentences

    async def check(self, text: str, agency: str | None = None, title: str | None = None,
                    on: date | None = None, sentences: list[Span] | None = None) -> tuple[dict[str, Any], CheckTiming]:
        """Check a draft; returns the stored report and where the time went.

        Every CPU step runs in a worker thread (the event loop only awaits), and the check has
        ``check_timeout_s`` in all: past it :class:`DeadlineExceeded` is raised between steps.
        ``sentences`` may be passed when the caller already split the text (batches validate first).
        """
        started = time.perf_counter()
        deadline = time.monotonic() + self.check_timeout_s
        timing = CheckTiming()
        with self.activity.check():
            if sentences is None:
                sentences = await anyio.to_thread.run_sync(self.sentences_of, text)
            # Agency-scoped caches: a cache hit shows in the timing headers, so it must be one's own.
            vectors, enc = await self.encoder.encode([s.text for s in sentences], scope=agency or "")
            timing.queue_ms, timing.embed_ms = enc.queue_ms, enc.embed_ms
            if time.monotonic() > deadline:
                raise DeadlineExceeded("embedding ran past the check's time budget")
            report = await anyio.to_thread.run_sync(
                self._finish_check, text, sentences, vectors, agency, title, on or date.today(), timing, deadline)
        timing.total_ms = (time.perf_counter() - started) * 1000
        return report, timing

    def check_sync(self, text: str, agency: str | None = None, title: str | None = None,
                   on: date | None = None) -> dict[str, Any]:
        """Blocking variant for the CLI and benchmarks (same path after embedding)."""
        sentences = self.sentences_of(text)
        vectors = self.encoder.encode_blocking([s.text for s in sentences])
        return self._finish_check(text, sentences, vectors, agency, title, on or date.today(), CheckTiming())

    def _finish_check(self, text: str, sentences: list[Span], vectors: np.ndarray, agency: str | None,
                      title: str | None, on: date, timing: CheckTiming, deadline: float | None = None) -> dict[str, Any]:
        t0 = time.perf_counter()
        # Read before retrieval: a load that lands meanwhile must not stamp its version on this report.
        corpus_version = self.records.corpus_version()
        candidates = self.retrieve(vectors, on)
        t1 = time.perf_counter()
        judgements = self.judge.judge([s.text for s in sentences], candidates, scope=agency or "",
                                      deadline=deadline)
        t2 = time.perf_counter()
        timing.search_ms, timing.judge_ms = (t1 - t0) * 1000, (t2 - t1) * 1000
        report = build_report(text, sentences, judgements, agency, title,
                              model=self.encoder.model_name, judge=self.judge.name,
                              corpus_version=corpus_version)
        self.records.save_report(report)
        return report

    async def conflicts_with_positions(self, text: str, agency: str) -> list[dict[str, Any]]:
        """Findings of ``text`` that conflict with an official position or vision text (not statements).

        Publishing a statement goes through this first: a statement that contradicts the official
        reference is refused, so no submitter can plant figures that flip other agencies' verdicts.
        Nothing is stored.
        """
        sentences = await anyio.to_thread.run_sync(self.sentences_of, text)
        vectors, _ = await self.encoder.encode([s.text for s in sentences], scope=agency)

        def judge() -> list[dict[str, Any]]:
            candidates = [[c for c in row if c.meta["kind"] != "statement"]
                          for row in self.retrieve(vectors, date.today())]
            judgements = self.judge.judge([s.text for s in sentences], candidates, scope=agency,
                                          deadline=time.monotonic() + self.check_timeout_s)
            report = build_report(text, sentences, judgements, agency, None, model="", judge="", corpus_version=0)
            return [f for f in report["findings"] if f["relation"] == "conflicts"]

        return await anyio.to_thread.run_sync(judge)

    def retrieve(self, vectors: np.ndarray, on: date) -> list[list[Candidate]]:
        """Top-k passages per sentence from positions in effect on ``on`` (one store call)."""
        self._ensure_store()
        positions = self._current_positions()
        # Over-fetch: hits from superseded versions or positions out of effect are dropped below.
        hits = self.store.search_batch(vectors, self.top_k * 3)
        out: list[list[Candidate]] = []
        for row in hits:
            kept: list[Candidate] = []
            for hit in row:
                pos = positions.get(hit.payload.get("position_id", ""))
                if pos is None or hit.payload.get("version") != pos.version or not pos.in_effect(on):
                    continue
                kept.append(Candidate(hit.payload["passage"], float(hit.score), _meta(pos, hit.payload.get("start"),
                                                                                       hit.payload.get("end"))))
                if len(kept) == self.top_k:
                    break
            out.append(kept + self._neighbours(kept, positions))
        return out

    def _neighbours(self, kept: list[Candidate], positions: dict[str, PositionRecord]) -> list[Candidate]:
        """The other passages of each retrieved position, near the retrieved one, as context candidates.

        A draft sentence is compared with the whole position, not only with its closest passage: the
        figure it contradicts often sits in the position's second or third sentence, which a
        sentence-by-sentence search ranks below other positions' look-alike sentences. A neighbour
        carries the similarity of its position's best hit (it is about the same subject), is marked
        ``context``, and can only take part in rule clashes (it is never scored or used as support).
        """
        have = {(c.meta["position_id"], c.meta["start"]) for c in kept}
        extra: list[Candidate] = []
        for cand in kept:
            pos = positions[cand.meta["position_id"]]
            passages = self._passages(pos)
            at = next((i for i, p in enumerate(passages) if p.start == cand.meta["start"]), None)
            if at is None:
                continue
            # Nearest first, so the cap keeps the passages most likely to carry the sentence's fact.
            for i in sorted(range(max(0, at - NEIGHBOURS), min(len(passages), at + NEIGHBOURS + 1)),
                            key=lambda i: abs(i - at)):
                p = passages[i]
                if (pos.id, p.start) not in have:
                    have.add((pos.id, p.start))
                    extra.append(Candidate(p.text, cand.similarity, {**_meta(pos, p.start, p.end), "context": True}))
            if len(extra) >= MAX_CONTEXT:
                return extra[:MAX_CONTEXT]
        return extra

    def _passages(self, pos: PositionRecord) -> list[Span]:
        key = (pos.id, pos.version)
        passages = self._passage_cache.get(key)
        if passages is None:
            passages = self._passage_cache[key] = split_passages(pos.text)
        return passages

    def corpus_version(self) -> int:
        """Current corpus version (changes whenever positions change)."""
        return self.records.corpus_version()


def _meta(pos: PositionRecord, start: int | None, end: int | None) -> dict[str, Any]:
    return {"position_id": pos.id, "title": pos.title, "agency": pos.agency, "kind": pos.kind,
            "topics": pos.topics, "start": start, "end": end}


def _record(item: PositionInput, version: int, passages: int, digest: str, created: str, now: str) -> PositionRecord:
    return PositionRecord(
        id=item.id, title=item.title, agency=item.agency, kind=item.kind, topics=list(item.topics),
        language=item.language, effective_from=item.effective_from, effective_until=item.effective_until,
        text=item.text, content_hash=digest, version=version, status="active", passages=passages,
        created_at=created, updated_at=now, retired_at=None,
    )


def _payload(record: PositionRecord, passage: Span) -> dict[str, Any]:
    return {
        "position_id": record.id, "version": record.version, "active": True,
        "passage": passage.text, "start": passage.start, "end": passage.end,
        "kind": record.kind, "agency": record.agency,
    }


def build_report(text: str, sentences: list[Span], judgements: list[Judgement], agency: str | None,
                 title: str | None, model: str, judge: str, corpus_version: int) -> dict[str, Any]:
    """The report body returned by POST /v1/checks and stored for GET /v1/reports/{id}."""
    findings = []
    for span, j in zip(sentences, judgements):
        findings.append({
            "sentence": span.text, "start": span.start, "end": span.end, "relation": j.relation,
            "reasons": j.reasons, "kinds": j.kinds,
            "evidence": [
                {"position_id": c.meta["position_id"], "title": c.meta["title"], "agency": c.meta["agency"],
                 "kind": c.meta["kind"], "official": c.meta["kind"] != "statement",
                 "passage": c.passage, "similarity": round(c.similarity, 4)}
                for c in j.evidence[:3]
            ],
        })
    score, verdict, explanation = score_findings(findings)
    return {
        "id": uuid.uuid4().hex,
        "title": title,
        "agency": agency,
        "score": score,
        "verdict": verdict,
        "summary": explanation,
        "counts": {rel: sum(f["relation"] == rel for f in findings) for rel in RELATION_WEIGHT},
        "findings": findings,
        "vision": vision_coverage(findings),
        "related_statements": related_statements(findings, agency),
        "text": text,
        "model": model,
        "judge": judge,
        "corpus_version": corpus_version,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def score_findings(findings: list[dict[str, Any]]) -> tuple[int, str, str]:
    """Score 0..100 (length-weighted), verdict, and the score explained in words."""
    weights = [max(1, f["end"] - f["start"]) for f in findings]
    total = sum(weights) or 1
    score = round(100 * sum(w * RELATION_WEIGHT[f["relation"]] for w, f in zip(weights, findings)) / total)
    n = {rel: sum(f["relation"] == rel for f in findings) for rel in RELATION_WEIGHT}
    backed = sum(w for w, f in zip(weights, findings) if f["relation"] == "supports") / total
    if n["conflicts"]:
        verdict = "conflict"
        score = min(score, 49)  # a conflicting draft never looks better than "needs review"
    elif score >= 80 and backed >= ALIGNED_MIN_BACKED:
        verdict = "aligned"
    else:
        verdict = "review"
    explanation = (
        f"{n['supports']} of {len(findings)} sentences are backed by reference positions, "
        f"{n['conflicts']} conflict with one, and {n['unsupported']} have no close reference. "
        "Backed sentences count fully, unbacked ones 70 %, conflicting ones nothing, weighted by length"
        + ("; any conflict caps the score at 49." if n["conflicts"] else
           "; 'aligned' needs at least half of the text backed." if verdict == "review" and score >= 80 else ".")
    )
    return score, verdict, explanation


def vision_coverage(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Which vision passages (e.g. Asta Cita missions) the draft advances, with the sentences:
    a sentence that does not conflict and is at least ``VISION_SIMILARITY`` close to the mission."""
    missions: dict[str, dict[str, Any]] = {}
    for f in findings:
        if f["relation"] == "conflicts":
            continue
        for ev in f["evidence"]:
            if ev["kind"] != "vision" or ev["similarity"] < VISION_SIMILARITY:
                continue
            entry = missions.setdefault(ev["position_id"], {"position_id": ev["position_id"],
                                                             "title": ev["title"], "sentences": []})
            if f["sentence"] not in entry["sentences"]:
                entry["sentences"].append(f["sentence"])
    return list(missions.values())


def related_statements(findings: list[dict[str, Any]], agency: str | None) -> list[dict[str, Any]]:
    """Published statements of *other* agencies that the draft's sentences touch (support, clash,
    or on the same topic: cosine at least ``TOPIC_SIMILARITY``)."""
    related: dict[str, dict[str, Any]] = {}
    for f in findings:
        for ev in f["evidence"]:
            if ev["kind"] != "statement" or ev["agency"] == agency:
                continue
            if f["relation"] == "unsupported" and ev["similarity"] < TOPIC_SIMILARITY:
                continue
            entry = related.setdefault(ev["position_id"], {"position_id": ev["position_id"], "title": ev["title"],
                                                           "agency": ev["agency"], "sentences": []})
            if f["sentence"] not in entry["sentences"]:
                entry["sentences"].append(f["sentence"])
    return list(related.values())

