"""Number clashes inside one clause of a draft sentence: a long sentence that mostly says other things still
states a figure in the clause the passage covers ("…, sedangkan kuota tahun ini 300.000 unit")."""

from __future__ import annotations

import re
from dataclasses import replace

from service.judge.policy import JudgePolicy
from service.judge.signals import Clash, draft_words_covered, find_clashes
from service.judge.signals.numbers import _MULTIPLIERS
from service.text.words import content_words

CLAUSE_RULE = "@clause"  # the rule suffix of a clash found in a clause the passage covers (_clause_clashes)
_CLAUSE_RE = re.compile(r"[,;:]\s+|\s+(?:sedangkan|namun|tetapi|sementara|while|whereas|but)\s+")


# Words that only carry a figure ("seharga Rp 3 juta"): two clauses sharing them share no subject.
_FIGURE_WORDS = frozenset(_MULTIPLIERS) | frozenset("rp rupiah persen percent seharga senilai sebesar sebanyak".split())


def covered_clause(passage: str, sentence: str, bar: float) -> tuple[int, int] | None:
    """The span of the sentence's clause whose words the passage covers best, when that is at least ``bar``
    and the clause has three content words or more besides its figure's (:data:`_FIGURE_WORDS`)."""
    best, span, start = 0.0, None, 0
    for m in [*_CLAUSE_RE.finditer(sentence), None]:
        end = m.start() if m else len(sentence)
        part = sentence[start:end]
        if len(content_words(part) - _FIGURE_WORDS) >= 3:
            share = draft_words_covered(passage, part)
            if share >= bar and share > best:
                best, span = share, (start, end)
        start = m.end() if m else end
    return span


def clause_clashes(policy: JudgePolicy, passage: str, sentence: str, setting: str, coverage_drop: float = 0.0
                   ) -> list[Clash]:
    """The number clashes inside the sentence's clause that the passage covers (``clause_min_coverage``), for a
    sentence whose whole falls under ``rule_min_coverage``; tagged :data:`CLAUSE_RULE`."""
    clause = covered_clause(passage, sentence, policy.clause_min_coverage - coverage_drop)
    if clause is None:
        return []
    lo, hi = clause
    return [replace(k, rule=k.rule + CLAUSE_RULE) for k in find_clashes(passage, sentence, setting)
            if k.kind == "number" and (at := sentence.find(k.draft, lo)) >= 0 and at + len(k.draft) <= hi]
