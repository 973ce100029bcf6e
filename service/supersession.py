"""Superseded positions in a report: a draft sentence that agrees with a position which no longer counts.

A position may name the positions it replaces (``supersedes``); from its ``effective_from`` on
those stop counting for checks (:meth:`service.corpus.CorpusSnapshot.current`). A draft that still
repeats the old line is then told so — "sesuai posisi lama yang sudah diganti" — beside whatever
the current positions say about the sentence. Nothing here changes a relation or the score.
"""

from __future__ import annotations

from datetime import date

from service.corpus import CorpusSnapshot
from service.domain import Candidate, Finding, SupersededMatch


def superseded_match(candidate: Candidate, snapshot: CorpusSnapshot, on: date) -> SupersededMatch:
    """What a report says about a superseded passage the sentence agrees with: which positions replaced it, since when."""
    ref = candidate.ref
    newer = snapshot.superseded_by(ref.position_id, on)
    since = min((p.effective_from[:10] for p in newer if p.effective_from), default=None)
    return SupersededMatch(position_id=ref.position_id, title=ref.title, superseded_by=[p.id for p in newer],
                           since=since, passage=candidate.passage)


def reason(match: SupersededMatch) -> str:
    """The sentence of the report that names the old position and what replaced it."""
    since = f" sejak {match.since}" if match.since else ""
    return (f"Sesuai posisi lama yang sudah diganti: \"{match.title}\" ({match.position_id}) tidak berlaku lagi{since}, "
            f"diganti oleh {', '.join(match.superseded_by)}. Matches a superseded position.")


def with_superseded(finding: Finding, match: SupersededMatch) -> Finding:
    """The finding with the superseded position it repeats added (and said in its reasons)."""
    return finding.model_copy(update={"superseded": [*finding.superseded, match],
                                      "reasons": [*finding.reasons, reason(match)]})
