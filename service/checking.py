"""The check use case: segment → embed → retrieve → judge → score → report. No HTTP in here.

:meth:`Checker.check` is what ``POST /v1/checks`` runs and :meth:`Checker.check_sync` what the CLI
and the benchmarks run; both share everything after embedding. Blocking work (model, store,
records) runs in worker threads when called from async code, so the event loop only awaits.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import anyio
import numpy as np

from embeddings.encoder import Encoder
from service.corpus import Corpus, CorpusSnapshot, InputError
from service.domain import Candidate, Finding, PassageRef, PositionKind, Relation, Report
from service.judge.judge import DeadlineExceeded, Judge
from service.judge.policy import MAX_CONTEXT, NEIGHBOURS, VISION_FLOOR, VISION_MAX_SPREAD
from service.records import PositionRecord
from service.scoring import build_report, findings_of
from service.supersession import superseded_match, with_superseded
from service.text.segment import Span, split_sentences
from service.vision.index import VisionIndex, VisionMatch, match
from service.vision.report import apply_vision


@dataclass(frozen=True)
class CheckLimits:
    """What one draft may contain, and the time one check may take (see :class:`service.config.Settings`)."""

    top_k: int = 5
    max_sentences: int = 400
    max_sentence_chars: int = 2000
    max_draft_chars: int = 100_000
    check_timeout_s: float = 30.0


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


@dataclass(frozen=True)
class Retrieved:
    """Each sentence's candidate passages, and the corpus version they were chosen from.

    ``superseded``: per sentence, the retrieved passages of positions that would count but for a
    position in effect that replaces them (never judged with the others; see :mod:`service.supersession`).
    """

    candidates: list[list[Candidate]]
    corpus_version: int
    superseded: list[list[Candidate]] = field(default_factory=list)
    snapshot: CorpusSnapshot | None = None


class Checker:
    """Checks drafts against the corpus with the judge; stores each report in the records."""

    def __init__(self, corpus: Corpus, judge: Judge, limits: CheckLimits | None = None,
                 cache_dir: Path | None = None) -> None:
        self.corpus = corpus
        self.judge = judge
        self.limits = limits or CheckLimits()
        # The vision's commitments, embedded once per version of the vision positions (their exemplars once).
        self.vision = VisionIndex(corpus.encoder.encode_blocking, corpus.encoder.model_name, cache_dir)

    @property
    def encoder(self) -> Encoder:
        """The corpus's encoder: drafts are embedded with the model that embedded the positions."""
        return self.corpus.encoder

    def sentences_of(self, text: str) -> list[Span]:
        """Validated sentences of a draft; raises :class:`InputError` naming the limit.

        The length is checked before any splitting, and splitting stops one sentence past the
        limit: the cost of a refused draft is bounded by the limits, not by what was sent.
        """
        limits = self.limits
        if len(text) > limits.max_draft_chars:
            raise InputError("draft_too_long", f"The draft has {len(text)} characters; the limit is "
                                               f"{limits.max_draft_chars} (SELARAS_MAX_DRAFT_CHARS).", status=413)
        if not text.strip():
            raise InputError("empty_text", "The draft text is empty.")
        sentences = split_sentences(text, limit=limits.max_sentences)
        if len(sentences) > limits.max_sentences:
            raise InputError(
                "too_many_sentences",
                f"The draft has more than {limits.max_sentences} sentences; the limit is {limits.max_sentences}.",
            )
        for s in sentences:
            if len(s.text) > limits.max_sentence_chars:
                raise InputError(
                    "sentence_too_long",
                    f"A sentence starting at character {s.start} has {len(s.text)} characters; "
                    f"the limit is {limits.max_sentence_chars}.",
                )
        return sentences

    async def check(self, text: str, agency: str | None = None, title: str | None = None,
                    on: date | None = None, sentences: list[Span] | None = None) -> tuple[Report, CheckTiming]:
        """Check a draft; returns the stored report and where the time went.

        Every CPU step runs in a worker thread, and the check has ``check_timeout_s`` in all: past
        it :class:`DeadlineExceeded` is raised between steps. ``sentences`` may be passed when the
        caller already split the text (batches validate first).
        """
        started = time.perf_counter()
        deadline = time.monotonic() + self.limits.check_timeout_s
        timing = CheckTiming()
        with self.corpus.activity.check():
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
                   on: date | None = None) -> Report:
        """Blocking variant for the CLI and benchmarks (same path after embedding)."""
        sentences = self.sentences_of(text)
        vectors = self.encoder.encode_blocking([s.text for s in sentences])
        return self._finish_check(text, sentences, vectors, agency, title, on or date.today(), CheckTiming())

    def _finish_check(self, text: str, sentences: list[Span], vectors: np.ndarray, agency: str | None,
                      title: str | None, on: date, timing: CheckTiming, deadline: float | None = None) -> Report:
        t0 = time.perf_counter()
        retrieved = self.retrieve(vectors, on, [s.text for s in sentences])
        t1 = time.perf_counter()
        judgements = self.judge.judge([s.text for s in sentences], retrieved.candidates, scope=agency or "",
                                      deadline=deadline, year=on.year)
        t2 = time.perf_counter()
        timing.search_ms, timing.judge_ms = (t1 - t0) * 1000, (t2 - t1) * 1000
        findings = self._mark_superseded(findings_of(sentences, judgements), retrieved, on, agency or "", deadline)
        findings, vision = apply_vision(findings, self.vision_matches(retrieved, on, sentences, vectors))
        report = build_report(text, findings, agency, title,
                              model=self.encoder.model_name, judge=self.judge.name,
                              corpus_version=retrieved.corpus_version, vision=vision)
        self.corpus.records.save_report(report.model_dump(mode="json", exclude={"review_url"}))
        return report

    def vision_matches(self, retrieved: Retrieved, on: date, sentences: list[Span],
                       vectors: np.ndarray) -> list[list[VisionMatch]]:
        """Each sentence's closest vision commitments among the vision positions in effect (same vectors)."""
        snapshot = retrieved.snapshot
        # Vision positions are a handful among thousands: filter by kind before the in-effect lookups.
        positions = [p for p in snapshot.positions.values() if p.kind == PositionKind.VISION
                     and snapshot.current(p.id, p.version, on) is not None] if snapshot is not None else []
        return match(self.vision.table(positions), [s.text for s in sentences], vectors, VISION_FLOOR,
                     max_spread=VISION_MAX_SPREAD)

    def _mark_superseded(self, findings: list[Finding], retrieved: Retrieved, on: date, scope: str,
                         deadline: float | None) -> list[Finding]:
        """Findings of sentences that a superseded position supports get that position named (nothing else changes).

        Judged apart from the current passages, only for sentences the current ones do not support
        and that retrieved a superseded passage: most checks judge nothing more.
        """
        todo = [i for i, row in enumerate(retrieved.superseded)
                if row and findings[i].relation != Relation.SUPPORTS]
        if not todo or retrieved.snapshot is None:
            return findings
        judgements = self.judge.judge([findings[i].sentence for i in todo], [retrieved.superseded[i] for i in todo],
                                      scope=scope, deadline=deadline, year=on.year)
        out = list(findings)
        for i, judgement in zip(todo, judgements):
            if judgement.relation == Relation.SUPPORTS and judgement.evidence:
                out[i] = with_superseded(out[i], superseded_match(judgement.evidence[0], retrieved.snapshot, on))
        return out

    async def conflicts_with_positions(self, text: str, agency: str) -> list[Finding]:
        """Findings of ``text`` that conflict with an official position or vision text (not statements).

        Publishing a statement goes through this first: a statement that contradicts the official
        reference is refused, so no submitter can plant figures that flip other agencies' verdicts.
        Nothing is stored.
        """
        sentences = await anyio.to_thread.run_sync(self.sentences_of, text)
        vectors, _ = await self.encoder.encode([s.text for s in sentences], scope=agency)

        def judge() -> list[Finding]:
            candidates = [[c for c in row if c.ref.official] for row in self.retrieve(vectors, date.today(),
                                                                      [s.text for s in sentences]).candidates]
            judgements = self.judge.judge([s.text for s in sentences], candidates, scope=agency,
                                          deadline=time.monotonic() + self.limits.check_timeout_s,
                                          year=date.today().year)
            return [f for f in findings_of(sentences, judgements) if f.relation == Relation.CONFLICTS]

        return await anyio.to_thread.run_sync(judge)

    def retrieve(self, vectors: np.ndarray, on: date, texts: list[str] | None = None) -> Retrieved:
        """Top-k passages per sentence from positions in effect on ``on`` (one store call), with context.

        With the sentences' ``texts`` the store may rank by hybrid (dense + lexical) retrieval; a
        candidate's ``similarity`` is the dense cosine either way (the store's ``Hit.score``).
        """
        self.corpus.ensure_store()
        snapshot = self.corpus.snapshot()
        top_k = self.limits.top_k
        # Over-fetch: hits from superseded versions or positions out of effect are dropped below.
        hits = self.corpus.store.search_batch(vectors, top_k * 3, texts=texts)
        rows: list[list[Candidate]] = []
        superseded: list[list[Candidate]] = []
        for row in hits:
            kept: list[Candidate] = []
            old: list[Candidate] = []
            for hit in row:
                pos = snapshot.current(hit.payload.get("position_id", ""), hit.payload.get("version"), on)
                if pos is not None and pos.kind == PositionKind.VISION:
                    continue  # the vision is read by its own step (vision_matches), not fact by fact
                if pos is None:
                    replaced = snapshot.outdated(hit.payload.get("position_id", ""), hit.payload.get("version"), on)
                    if replaced is not None and len(old) < top_k:  # in effect but for a newer position
                        old.append(Candidate(hit.payload["passage"], float(hit.score),
                                             _ref(replaced, hit.payload.get("start"), hit.payload.get("end"))))
                    continue
                kept.append(Candidate(hit.payload["passage"], float(hit.score),
                                      _ref(pos, hit.payload.get("start"), hit.payload.get("end"))))
                if len(kept) == top_k:
                    break
            # The store's order chose these (fused, with hybrid retrieval); the judge reads its
            # candidates best cosine first (related[0] is "the best"), so they go in that order.
            kept.sort(key=lambda c: c.similarity, reverse=True)
            rows.append(kept)
            superseded.append(sorted(old, key=lambda c: c.similarity, reverse=True))
        topic = Counter(row[0].ref.position_id for row in rows if row)
        out = [kept + self._neighbours(kept, snapshot, topic) for kept in rows]
        return Retrieved(out, snapshot.version, superseded, snapshot)

    def _neighbours(self, kept: list[Candidate], snapshot: CorpusSnapshot,
                    topic: Counter[str] | None = None) -> list[Candidate]:
        """The other passages of each retrieved position, near the retrieved one, as context candidates.

        A draft sentence is compared with the whole position, not only with its closest passage: the
        figure it contradicts often sits in the position's second or third sentence, which a
        sentence-by-sentence search ranks below other positions' look-alike sentences. A neighbour
        carries the similarity of its position's best hit (it is about the same subject), is marked
        ``context``, and can only take part in rule clashes (it is never scored or used as support).
        """
        have = {(c.ref.position_id, c.ref.start) for c in kept}
        extra: list[Candidate] = []
        # The sentence's best hit first, then the draft's own subject: the positions that are the draft's
        # sentences' best hits ("Layanan penukaran uang …" then "Penukar akan dikenakan biaya …"), so the cap keeps
        # their passages.
        counts = topic or Counter()
        order = sorted(enumerate(kept), key=lambda ic: (ic[0] > 0, -counts[ic[1].ref.position_id]))
        for _, cand in order:
            pos = snapshot.positions[cand.ref.position_id]
            passages = self.corpus.passages(pos)
            at = next((i for i, p in enumerate(passages) if p.start == cand.ref.start), None)
            if at is None:
                continue
            # Nearest first, so the cap keeps the passages most likely to carry the sentence's fact.
            for i in sorted(range(max(0, at - NEIGHBOURS), min(len(passages), at + NEIGHBOURS + 1)),
                            key=lambda i: abs(i - at)):
                p = passages[i]
                if (pos.id, p.start) not in have:
                    have.add((pos.id, p.start))
                    extra.append(Candidate(p.text, cand.similarity, _ref(pos, p.start, p.end, context=True)))
            if len(extra) >= MAX_CONTEXT:
                return extra[:MAX_CONTEXT]
        return extra


def _ref(pos: PositionRecord, start: int | None, end: int | None, context: bool = False) -> PassageRef:
    return PassageRef(position_id=pos.id, title=pos.title, agency=pos.agency, kind=PositionKind(pos.kind),
                      topics=tuple(pos.topics), start=start, end=end, context=context)
