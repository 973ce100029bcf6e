"""From per-sentence judgements to the report: findings, score, verdict and the summaries.

The score is length-weighted: a backed sentence counts fully, an unbacked one 70 %, a conflicting
one nothing (:data:`~service.judge.policy.RELATION_WEIGHT`). Any conflict makes the verdict
``conflict`` and caps the score at 49; ``aligned`` needs a score of at least 80 *and* at least half
of the text backed by evidence — the absence of a clash is not assurance.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timezone

from service.domain import (
    Candidate, Evidence, Finding, PositionKind, RelatedStatement, Relation, Report, Verdict, VisionItem,
)
from service.judge.judge import Judgement
from service.judge.policy import (
    ALIGNED_MIN_BACKED, ALIGNED_MIN_SCORE, CONFLICT_MAX_SCORE, RELATION_WEIGHT, TOPIC_SIMILARITY, VISION_SIMILARITY,
)
from service.text.segment import Span

EVIDENCE_PER_FINDING = 3


def evidence(candidate: Candidate) -> Evidence:
    """The report's view of a passage the judge relied on."""
    ref = candidate.ref
    return Evidence(position_id=ref.position_id, title=ref.title, agency=ref.agency, kind=ref.kind,
                    official=ref.official, passage=candidate.passage, similarity=round(candidate.similarity, 4))


def findings_of(sentences: Sequence[Span], judgements: Sequence[Judgement]) -> list[Finding]:
    """One finding per sentence: its span, relation, reasons, kinds and best evidence."""
    return [Finding(sentence=span.text, start=span.start, end=span.end, relation=j.relation, reasons=j.reasons,
                    kinds=j.kinds, evidence=[evidence(c) for c in j.evidence[:EVIDENCE_PER_FINDING]])
            for span, j in zip(sentences, judgements)]


def build_report(text: str, findings: list[Finding], agency: str | None, title: str | None,
                 model: str, judge: str, corpus_version: int) -> Report:
    """The report of one check, built once as the typed (validated) model that is stored and returned."""
    score, verdict, explanation = score_findings(findings)
    return Report(
        id=uuid.uuid4().hex, title=title, agency=agency, score=score, verdict=verdict, summary=explanation,
        counts={str(rel): sum(f.relation == rel for f in findings) for rel in RELATION_WEIGHT},
        findings=findings, vision=vision_coverage(findings), related_statements=related_statements(findings, agency),
        text=text, model=model, judge=judge, corpus_version=corpus_version,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def score_findings(findings: Sequence[Finding]) -> tuple[int, Verdict, str]:
    """Score 0..100 (length-weighted), verdict, and the score explained in words."""
    weights = [max(1, f.end - f.start) for f in findings]
    total = sum(weights) or 1
    score = round(100 * sum(w * RELATION_WEIGHT[f.relation] for w, f in zip(weights, findings)) / total)
    n = {rel: sum(f.relation == rel for f in findings) for rel in RELATION_WEIGHT}
    backed = sum(w for w, f in zip(weights, findings) if f.relation == Relation.SUPPORTS) / total
    if n[Relation.CONFLICTS]:
        verdict = Verdict.CONFLICT
        score = min(score, CONFLICT_MAX_SCORE)
    elif score >= ALIGNED_MIN_SCORE and backed >= ALIGNED_MIN_BACKED:
        verdict = Verdict.ALIGNED
    else:
        verdict = Verdict.REVIEW
    explanation = (
        f"{n[Relation.SUPPORTS]} of {len(findings)} sentences are backed by reference positions, "
        f"{n[Relation.CONFLICTS]} conflict with one, and {n[Relation.UNSUPPORTED]} have no close reference. "
        "Backed sentences count fully, unbacked ones 70 %, conflicting ones nothing, weighted by length"
        + ("; any conflict caps the score at 49." if n[Relation.CONFLICTS] else
           "; 'aligned' needs at least half of the text backed." if verdict == Verdict.REVIEW
           and score >= ALIGNED_MIN_SCORE else ".")
    )
    return score, verdict, explanation


def vision_coverage(findings: Sequence[Finding]) -> list[VisionItem]:
    """Which vision passages (e.g. Asta Cita missions) the draft advances, with the sentences:
    a sentence that does not conflict and is at least ``VISION_SIMILARITY`` close to the mission."""
    missions: dict[str, VisionItem] = {}
    for f in findings:
        if f.relation == Relation.CONFLICTS:
            continue
        for ev in f.evidence:
            if ev.kind != PositionKind.VISION or ev.similarity < VISION_SIMILARITY:
                continue
            entry = missions.setdefault(ev.position_id, VisionItem(position_id=ev.position_id, title=ev.title,
                                                                   sentences=[]))
            if f.sentence not in entry.sentences:
                entry.sentences.append(f.sentence)
    return list(missions.values())


def related_statements(findings: Sequence[Finding], agency: str | None) -> list[RelatedStatement]:
    """Published statements of *other* agencies that the draft's sentences touch (support, clash,
    or on the same topic: cosine at least ``TOPIC_SIMILARITY``)."""
    related: dict[str, RelatedStatement] = {}
    for f in findings:
        for ev in f.evidence:
            if ev.kind != PositionKind.STATEMENT or ev.agency == agency:
                continue
            if f.relation == Relation.UNSUPPORTED and ev.similarity < TOPIC_SIMILARITY:
                continue
            entry = related.setdefault(ev.position_id, RelatedStatement(
                position_id=ev.position_id, title=ev.title, agency=ev.agency, sentences=[]))
            if f.sentence not in entry.sentences:
                entry.sentences.append(f.sentence)
    return list(related.values())
