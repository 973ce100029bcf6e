"""The vision in the report: which commitments each sentence advances, tensions, and the draft's summary.

:func:`attribute` decides from a sentence's closest commitments (:func:`service.vision.index.match`)
which it advances; :func:`apply_vision` puts those links on the findings, turns a tension into a
``conflicts`` finding of kind ``vision`` (before scoring, so the verdict sees it) and builds the report's
vision block. Thresholds are in :mod:`service.judge.policy`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.domain import (
    ConflictKind, Evidence, Finding, Message, PositionKind, Relation, VisionItem, VisionLink, VisionTension,
)
from service.judge.policy import TENSION_FLOOR, VISION_DENSE, VISION_LEXICAL, VISION_MARGIN, VISION_WORD_BONUS
from service.messages import (
    DEFAULT_LANGUAGE, VISION_ADVANCES, VISION_SUMMARY, VISION_SUMMARY_ONLY_TENSION, VISION_SUMMARY_TENSION,
    VISION_TENSION, render,
)
from service.vision.cues import announces_nothing
from service.vision.index import VisionMatch
from service.vision.tension import Tension, find_tension


@dataclass(frozen=True)
class VisionThresholds:
    """The attribution and tension bars, as lifts of a commitment's cosine above the sentence's median
    cosine to all commitments (defaults from :mod:`service.judge.policy`; the eval varies them)."""

    dense: float = VISION_DENSE
    lexical: float = VISION_LEXICAL
    margin: float = VISION_MARGIN
    tension: float = TENSION_FLOOR
    word_bonus: float = VISION_WORD_BONUS


@dataclass
class VisionBlock:
    """The report's vision parts: commitments advanced, tensions, and the summary message."""

    items: list[VisionItem] = field(default_factory=list)
    tensions: list[VisionTension] = field(default_factory=list)
    summary: Message | None = None


def attribute(sentence: str, matches: list[VisionMatch],
              bars: VisionThresholds = VisionThresholds()) -> list[VisionMatch]:
    """The commitments a sentence advances: none for logistics, reports and boilerplate; else the one its
    nearest labelled exemplars vote for; without exemplars, the one standing highest above the rest (by cosine
    alone, or a little less with a distinctive shared word), and another only when it shares words too and
    stands as high."""
    if announces_nothing(sentence):
        return []
    if any(m.votes is not None for m in matches):  # the nearest labelled exemplars decide (vision.exemplars)
        picked = [m for m in matches if m.votes]
        # Where they pick none, a sentence naming a commitment by its label ("memperkuat swasembada pangan")
        # that the rules attribute to it still carries it (leave-one-set-out: precision 0.924 -> 0.917,
        # recall 0.857 -> 0.859).
        return picked or [m for m in _by_rules(matches, bars) if m.ref.label in m.shared]
    return _by_rules(matches, bars)


def _by_rules(matches: list[VisionMatch], bars: VisionThresholds) -> list[VisionMatch]:
    """The commitment standing highest above the rest, and another sharing words as high (see attribute)."""
    kept = [m for m in matches if m.lift >= bars.dense or (m.shared and m.lift >= bars.lexical)]
    if not kept:
        return []
    best = max(kept, key=lambda m: m.lift + bars.word_bonus * len(m.shared))
    return [best] + [m for m in kept if m is not best and m.shared and m.lift >= best.lift - bars.margin]


def tension_of(sentence: str, matches: list[VisionMatch], bars: VisionThresholds = VisionThresholds(),
               following: str = "") -> Tension | None:
    """The sentence's tension with a commitment it is about (standing out among the commitments), if any;
    ``following`` is the draft's next sentence, which may answer it ("… will be replaced by …")."""
    return find_tension(sentence, [m for m in matches if m.lift >= bars.tension], following)


def apply_vision(findings: list[Finding], matches: list[list[VisionMatch]],
                 bars: VisionThresholds = VisionThresholds()) -> tuple[list[Finding], VisionBlock]:
    """Findings with their vision links (and tensions as ``vision`` conflicts) and the report's vision block."""
    out: list[Finding] = []
    block = VisionBlock()
    items: dict[str, VisionItem] = {}
    for i, (finding, row) in enumerate(zip(findings, matches)):
        following = findings[i + 1].sentence if i + 1 < len(findings) else ""
        tension = tension_of(finding.sentence, row, bars, following)
        if tension is not None:
            link = _link(tension.match, VISION_TENSION, action=tension.action, object=tension.object,
                         reference=tension.match.ref.wording)
            block.tensions.append(VisionTension(finding=i, sentence=finding.sentence, kind=tension.kind, link=link))
            out.append(_as_tension(finding, link))
            continue
        links = [_link(m, VISION_ADVANCES, words=", ".join(m.shared) or "—")
                 for m in attribute(finding.sentence, row, bars)]
        if links and finding.relation != Relation.CONFLICTS:
            for link in links:
                item = items.setdefault(link.commitment, VisionItem(
                    position_id=link.position_id, title=link.title, sentences=[], mission=link.mission,
                    commitment=link.commitment, label=link.label))
                if finding.sentence not in item.sentences:
                    item.sentences.append(finding.sentence)
        out.append(finding.model_copy(update={"vision": links}) if links else finding)
    block.items = list(items.values())
    block.summary = _summary(block)
    return out, block


def _mission_title(title: str, mission: str) -> str:
    """"Asta Cita 2" from "Asta Cita 2 — swasembada pangan" (a structured commitment's title), else the title."""
    return title.split("—", 1)[0].strip() or mission


def _link(m: VisionMatch, message_id: str, **params: str) -> VisionLink:
    ref = m.ref
    message = Message(id=message_id, params={"mission": _mission_title(ref.title, ref.mission), "label": ref.label,
                                             "similarity": round(m.similarity, 2), **params})
    return VisionLink(position_id=ref.position_id, agency=ref.agency, mission=ref.mission, commitment=ref.commitment, label=ref.label,
                      title=ref.title,
                      passage=ref.wording, similarity=round(m.similarity, 4), shared=list(m.shared),
                      reason=render(message, DEFAULT_LANGUAGE), message=message)


def _as_tension(finding: Finding, link: VisionLink) -> Finding:
    """The finding as a ``vision`` conflict: its reason and the commitment as evidence come first; the
    reasons of another relation ("no close reference") are dropped, a conflict's own are kept."""
    assert link.message is not None
    evidence = Evidence(position_id=link.position_id, title=link.title, agency=link.agency,
                        kind=PositionKind.VISION, official=True, passage=link.passage, similarity=link.similarity)
    kept = finding.relation == Relation.CONFLICTS
    return finding.model_copy(update={
        "relation": Relation.CONFLICTS, "reasons": [link.reason, *(finding.reasons if kept else [])],
        "messages": [link.message, *(finding.messages if kept else [])],
        "kinds": [ConflictKind.VISION, *finding.kinds], "evidence": [evidence, *finding.evidence], "vision": [link]})


def _summary(block: VisionBlock) -> Message | None:
    """"Memperkuat Asta Cita 2 — swasembada pangan; Asta Cita 4 — pendidikan", tensions counted."""
    def named(links: list[tuple[str, str]]) -> str:
        by_mission: dict[str, list[str]] = {}
        for mission, label in links:
            labels = by_mission.setdefault(mission, [])
            if label not in labels:
                labels.append(label)
        return "; ".join(f"{m} — {', '.join(labels)}" for m, labels in by_mission.items())

    advanced = named([(_mission_title(i.title, i.mission), i.label) for i in block.items])
    against = named([(_mission_title(t.link.title, t.link.mission), t.link.label) for t in block.tensions])
    if block.tensions and advanced:
        return Message(id=VISION_SUMMARY_TENSION, params={"missions": advanced, "count": len(block.tensions),
                                                          "against": against})
    if block.tensions:
        return Message(id=VISION_SUMMARY_ONLY_TENSION, params={"count": len(block.tensions), "against": against})
    if advanced:
        return Message(id=VISION_SUMMARY, params={"missions": advanced})
    return None
