"""Sentences that announce no policy, programme or result: event logistics, schedules, market and
monitoring reports, weather, boilerplate. They advance no vision commitment, whatever words they share
with one ("Konferensi pers Menteri Koordinator Bidang Pangan digelar pukul 14.00"). Cues are data
(``vocab/not_policy.json``); one regex pass per sentence."""

from __future__ import annotations

import json
import re
from pathlib import Path

_VOCAB = json.loads((Path(__file__).with_name("vocab") / "not_policy.json").read_text(encoding="utf-8"))


def lowered_words(alternatives: str) -> re.Pattern[str]:
    """Whole-word alternatives for text already lower-cased: a case-sensitive search is ~3x faster than an
    IGNORECASE one on these long alternations, which every sentence of a draft meets."""
    if re.search(r"\\[A-Z]", alternatives):  # \W, \S, \D … would change meaning when lowered
        raise ValueError(f"cue with an upper-case escape: {alternatives[:60]}")
    alternatives = alternatives.lower()
    # A look-ahead on the alternatives' first letters: the regex engine then skips most positions at once
    # instead of trying every alternative there (about half the time on these alternations).
    alts = _top_level(alternatives)
    firsts = {alt[:1] for alt in alts}
    plain = all(f.isalnum() for f in firsts) and not any(alt[1:2] in ("?", "*", "{") for alt in alts)
    ahead = f"(?=[{''.join(sorted(firsts))}])" if plain else ""  # not when a first letter is optional
    return re.compile(rf"\b{ahead}(?:{alternatives})\b")


def _top_level(alternatives: str) -> list[str]:
    """The ``|``-separated alternatives of a regex, outside parentheses and brackets."""
    out, depth, start, escaped = [], 0, 0, False
    for i, ch in enumerate(alternatives):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(alternatives[start:i])
            start = i + 1
    return out + [alternatives[start:]]


_NOT_POLICY = lowered_words("|".join(_VOCAB["cues"]))  # read on the lower-cased sentence


def announces_nothing(sentence: str) -> bool:
    """The sentence reads as logistics, a market or monitoring report, weather or boilerplate."""
    return _NOT_POLICY.search(sentence.lower()) is not None
