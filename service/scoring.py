"""From per-sentence judgements to the report: findings, score, verdict and the summaries.

The score is length-weighted: a backed sentence counts fully, an unbacked one 70 %, a conflicting
one nothing (:data:`~service.judge.policy.RELATION_WEIGHT`). Any conflict makes the verdict
``conflict`` and caps the score at 49; ``aligned`` needs a score of at least 80 *and* at least half
of the text backed by evidence — the absence of a clash is not assurance.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone

from service.domain import (
    Candidate, Evidence, Finding, PositionKind, RelatedStatement, Relation, Report, Verdict,
)
from service.judge.judge import Judgement
from service.messages import (
    CLASSIFIER_SUSPECTS, DEFAULT_LANGUAGE, SUPPORT_CLASSIFIER, SUMMARY_CONFLICT, SUMMARY_HALF_BACKED, SUMMARY_PLAIN,
    SUMMARY_UNBACKED_ON_TOPIC, SUMMARY_WEAKLY_BACKED, Reason, message_of, reason, render,
)
from service.judge.signals import draft_words_covered, has_figures
from service.judge.policy import (
    ALIGNED_FIRM_ENTAILMENT, ALIGNED_MIN_BACKED, ALIGNED_MIN_SCORE, CONFLICT_MAX_SCORE, ON_SUBJECT_COVERAGE,
    RELATION_WEIGHT, TOPIC_SIMILARITY, UNBACKED_MIN_COVERAGE,
)
from service.suggestions import suggest
from service.text.segment import Span
from service.vision.report import VisionBlock

EVIDENCE_PER_FINDING = 3


def evidence(candidate: Candidate) -> Evidence:
    """The report's view of a passage the judge relied on."""
    ref = candidate.ref
    return Evidence(position_id=ref.position_id, title=ref.title, agency=ref.agency, kind=ref.kind,
                    official=ref.official, passage=candidate.passage, similarity=round(candidate.similarity, 4))


def findings_of(sentences: Sequence[Span], judgements: Sequence[Judgement],
                language: str = DEFAULT_LANGUAGE) -> list[Finding]:
    """One finding per sentence: its span, relation, reasons (in ``language``, and as catalogue messages),
    kinds, best evidence and, for a conflict with a mechanical fix, the suggested correction."""
    out = []
    for span, j in zip(sentences, judgements):
        messages = [message_of(r) for r in j.reasons]
        shown = [evidence(c) for c in j.evidence[:EVIDENCE_PER_FINDING]]
        out.append(Finding(
            sentence=span.text, start=span.start, end=span.end, relation=j.relation,
            reasons=[render(m, language) for m in messages], messages=messages, kinds=j.kinds, evidence=shown,
            suggestion=suggest(span.text, messages, shown) if j.relation == Relation.CONFLICTS else None))
    return out


def build_report(text: str, findings: list[Finding], agency: str | None, title: str | None,
                 model: str, judge: str, corpus_version: int, vision: VisionBlock | None = None) -> Report:
    """The report of one check, built once as the typed (validated) model that is stored and returned.
    ``vision``: the commitments advanced and tensions (:func:`service.vision.report.apply_vision`)."""
    vision = vision or VisionBlock()
    score, verdict, explanation = score_findings(findings)
    return Report(
        id=uuid.uuid4().hex, title=title, agency=agency, score=score, verdict=verdict,
        summary=render(explanation.message, DEFAULT_LANGUAGE), summary_message=explanation.message,
        language=DEFAULT_LANGUAGE,
        counts={str(rel): sum(f.relation == rel for f in findings) for rel in RELATION_WEIGHT},
        findings=findings, vision=vision.items, vision_tensions=vision.tensions,
        vision_summary=render(vision.summary, DEFAULT_LANGUAGE) if vision.summary else None,
        vision_summary_message=vision.summary, related_statements=related_statements(findings, agency),
        text=text, model=model, judge=judge, corpus_version=corpus_version,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def score_findings(findings: Sequence[Finding]) -> tuple[int, Verdict, Reason]:
    """Score 0..100 (length-weighted), verdict, and the score explained in words (a catalogue message)."""
    weights = [max(1, f.end - f.start) for f in findings]
    total = sum(weights) or 1
    score = round(100 * sum(w * RELATION_WEIGHT[f.relation] for w, f in zip(weights, findings)) / total)
    n = {rel: sum(f.relation == rel for f in findings) for rel in RELATION_WEIGHT}
    firm = [_firmly_backed(f) for f in findings]
    backed = sum(w for w, is_firm in zip(weights, firm) if is_firm) / total
    # A sentence about the subject of an official position (its closest passage is on the same topic)
    # that the position does not back is what a missed conflict looks like: no assurance then.
    unbacked_on_topic = sum(_unbacked_on_topic(f) or _refers_back(findings, k) for k, f in enumerate(findings))
    if n[Relation.CONFLICTS]:
        verdict = Verdict.CONFLICT
        score = min(score, CONFLICT_MAX_SCORE)
    elif score >= ALIGNED_MIN_SCORE and backed >= ALIGNED_MIN_BACKED and not unbacked_on_topic:
        verdict = Verdict.ALIGNED
    else:
        verdict = Verdict.REVIEW
    counts = {"supports": n[Relation.SUPPORTS], "total": len(findings), "conflicts": n[Relation.CONFLICTS],
              "unsupported": n[Relation.UNSUPPORTED]}
    if verdict == Verdict.REVIEW and unbacked_on_topic and score >= ALIGNED_MIN_SCORE and backed >= ALIGNED_MIN_BACKED:
        explanation = reason(SUMMARY_UNBACKED_ON_TOPIC, on_topic=unbacked_on_topic, **counts)
    elif n[Relation.CONFLICTS]:
        explanation = reason(SUMMARY_CONFLICT, **counts)
    elif verdict == Verdict.REVIEW and score >= ALIGNED_MIN_SCORE and (weak := n[Relation.SUPPORTS] - sum(firm)):
        explanation = reason(SUMMARY_WEAKLY_BACKED, weak=weak, **counts)
    elif verdict == Verdict.REVIEW and score >= ALIGNED_MIN_SCORE:
        explanation = reason(SUMMARY_HALF_BACKED, **counts)
    else:
        explanation = reason(SUMMARY_PLAIN, **counts)
    return score, verdict, explanation


def _firmly_backed(finding: Finding) -> bool:
    """Supported by a restatement, or by the classifier at ALIGNED_FIRM_ENTAILMENT or more: what assurance
    may rest on."""
    if finding.relation != Relation.SUPPORTS:
        return False
    return not finding.messages or any(
        m.id != SUPPORT_CLASSIFIER or float(m.params.get("p", 0.0)) >= ALIGNED_FIRM_ENTAILMENT
        for m in finding.messages)


def _unbacked_on_topic(finding: Finding) -> bool:
    """Unsupported, yet an official position's passage on the same topic shares much of its wording
    (the rule clashes' coverage bar), or the sentence states a figure (a date, a time, an amount) and such a
    passage is on its topic: the draft says something about that position's subject that the position does
    not back. Or the classifier suspects it contradicts a passage."""
    if finding.relation != Relation.UNSUPPORTED:
        return False
    if any(m.id == CLASSIFIER_SUSPECTS for m in finding.messages):
        return True  # the classifier reads it as contradicting a passage: never assurance
    positions = [ev for ev in finding.evidence if ev.kind == PositionKind.POSITION]
    if any(_on_subject(ev.similarity, draft_words_covered(ev.passage, finding.sentence)) for ev in positions):
        return True
    return any(ev.similarity >= TOPIC_SIMILARITY for ev in positions) and has_figures(finding.sentence)


# Words that point back to what the sentence before named ("lemari es tersebut", "program itu").
_POINTING_BACK = re.compile(r"\b(?:tersebut|itu|these|those)\b", re.IGNORECASE)


def _refers_back(findings: Sequence[Finding], k: int) -> bool:
    """Unsupported, and pointing back ("Pemeliharaan lemari es tersebut …") to a sentence an official position
    backs: it speaks of that position's subject, which does not back it, whatever the passages retrieved for it."""
    f = findings[k]
    if f.relation != Relation.UNSUPPORTED or k == 0 or not _POINTING_BACK.search(f.sentence):
        return False
    before = findings[k - 1]
    return before.relation == Relation.SUPPORTS and any(ev.kind == PositionKind.POSITION for ev in before.evidence)


def _on_subject(similarity: float, coverage: float) -> bool:
    # On the same topic and sharing some wording, or sharing most of it (whatever the cosine).
    return (similarity >= TOPIC_SIMILARITY and coverage >= UNBACKED_MIN_COVERAGE) or coverage >= ON_SUBJECT_COVERAGE


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
