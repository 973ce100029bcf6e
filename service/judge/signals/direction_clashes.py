"""Clashes of direction: the same amount, changed the other way ("tarif … dinaikkan 15 persen" against
"potongan tarif 15 persen"; "waktu tempuh bertambah 25 menit" against "dipersingkat 25 menit"; "memangkas
bea masuk … sebesar 25 persen" against "bea masuk tambahan sebesar 25 persen").

The figure rules see two equal amounts and find nothing to say, and the antonym lexicon needs two words of
one pair; here the amount ties the two statements together, and the cue that governs each amount
(``vocab/direction.json``) says which way it goes. An amount's cue is the nearest one before it in its
sentence, a few words back with no other figure between, or a comparative right after it ("25 persen
lebih murah"). An amount after "menjadi" or "dari" is a level or an old value, not a change; a negated
cue ("tidak naik 15 persen") says nothing of the direction. The two clauses must share content words
besides the amount and the cues (what changes: "tarif", "waktu tempuh", "bea masuk").
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from service.judge.signals.analysis import _Analysis, _clause_idx, _span_tokens
from service.judge.signals.negation import _any_negator
from service.judge.signals.quantities import (
    _extract_quantities_cached,
    _quantities_agree,
    _same_measure,
)
from service.judge.signals.records import Clash, Quantity
from service.messages import DIRECTION, reason
from service.text.words import is_content as _content

_VOCAB = json.loads((Path(__file__).parent.parent / "vocab" / "direction.json").read_text(encoding="utf-8"))
_SIDE = {w: 1 for w in _VOCAB["up"]} | {w: -1 for w in _VOCAB["down"]}
_AFTER = {tuple(c.split()): 1 for c in _VOCAB["after"]["up"]} | {tuple(c.split()): -1 for c in _VOCAB["after"]["down"]}
_LEVELS = frozenset(_VOCAB["levels"])
# Words between a level word and its amount ("menjadi sebesar 25 persen") and the unit words of amounts.
_FILLERS = frozenset("sebesar sekitar hingga sampai kurang lebih by about around nearly almost rp".split())
_UNIT_WORDS = frozenset("persen percent menit minutes jam hours hari days pekan minggu bulan tahun rupiah".split())
REACH = 12  # how many words before an amount its cue may stand
MIN_SHARED = 2  # draft words the two clauses must share besides amounts and cues


def _cued(a: _Analysis, q: Quantity) -> tuple[int, int] | None:
    """(direction, cue token) of the amount ``q``, or None when no cue governs it."""
    toks = a.tokens
    lo, hi = _span_tokens(a, q.start, q.end)
    for n in (2, 1):  # a comparative right after: "25 persen lebih murah"
        words = tuple(toks[j][0] for j in range(hi + 1, min(len(toks), hi + 1 + n)))
        if words in _AFTER and a.sentence[min(len(toks) - 1, hi + n)] == a.sentence[lo]:
            return _AFTER[words], hi + 1
    j = lo - 1
    while j >= max(0, lo - 3) and toks[j][0] in _FILLERS and a.sentence[j] == a.sentence[lo]:
        j -= 1  # at most two fillers: "menjadi kurang lebih 25 persen"
    if j >= 0 and toks[j][0] in _LEVELS:
        return None  # "menjadi 25 persen": a level; "dari 20 persen": the old value
    for k in range(lo - 1, max(-1, lo - REACH - 1), -1):
        w = toks[k][0]
        if a.sentence[k] != a.sentence[lo] or any(ch.isdigit() for ch in w):
            return None
        if w in _SIDE:
            if k > 0 and _any_negator(toks[k - 1][0]):
                return None
            return _SIDE[w], k
    return None


def _amounts(a: _Analysis) -> list[tuple[Quantity, int, int]]:
    """(amount, direction, cue token) for each amount of ``a`` that a cue governs (memoised per text)."""
    found = a.memo.get("directed")
    if found is None:
        found = a.memo["directed"] = [(q, *c) for q in _extract_quantities_cached(a.text)
                                      if (c := _cued(a, q)) is not None]
    return found


def _about(a: _Analysis, k: int, lo: int) -> list[frozenset[str]]:
    """Root sets of the content words of the clauses from cue ``k`` to amount token ``lo`` (cues, figures and
    units left out)."""
    first, last = min(k, lo), max(k, lo)
    idx = sorted(set(_clause_idx(a, first)) | set(_clause_idx(a, last)))
    return [a.roots[j] for j in idx if _content(w := a.tokens[j][0]) and w not in _SIDE and w not in _UNIT_WORDS
            and not any(ch.isdigit() for ch in w)]


def _shared(ours: list[frozenset[str]], theirs: list[frozenset[str]]) -> int:
    """How many of our words have a root among theirs."""
    pool = frozenset().union(*theirs)
    return sum(not r.isdisjoint(pool) for r in ours)


def _amount_fragment(a: _Analysis, q: Quantity, k: int) -> str:
    """The words from the cue ``k`` to the amount ``q`` (either order), as written."""
    lo, hi = _span_tokens(a, q.start, q.end)
    first, last = min(k, lo), max(k + 1 if k > hi else k, hi)
    return a.text[a.tokens[first][1]:a.tokens[min(last, len(a.tokens) - 1)][2]]


def direction_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    """The draft's amounts that the reference changes by as much, the other way (one clash per amount)."""
    theirs = _amounts(ref)
    if not theirs:
        return []
    out = []
    for qd, sd, kd in _amounts(dra):
        plain_d = replace(qd, change=False)
        for qr, sr, kr in theirs:
            plain_r = replace(qr, change=False)
            if sd == sr or not _same_measure(plain_d, plain_r) or not _quantities_agree(plain_d, plain_r):
                continue
            lo_d, lo_r = _span_tokens(dra, qd.start, qd.end)[0], _span_tokens(ref, qr.start, qr.end)[0]
            if _shared(_about(dra, kd, lo_d), _about(ref, kr, lo_r)) < MIN_SHARED:
                continue  # another thing changed by the same amount
            dfrag, rfrag = _amount_fragment(dra, qd, kd), _amount_fragment(ref, qr, kr)
            out.append(Clash("antonym", reason(DIRECTION, draft=dfrag, reference=rfrag), dfrag, rfrag, "direction"))
            break
    return out
