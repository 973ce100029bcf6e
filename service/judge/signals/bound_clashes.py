"""Clashes of bound: the same figure bounded the other way ("effective tax rate … below 15 percent" against
"… above 15 percent"; "lebar karapas di atas 12 sentimeter" against "di bawah 12 sentimeter").

The figure rules let "di atas 12" and "di bawah 12" agree (the two intervals touch at 12) and the antonym lexicon
has no pair for them. Here the equal figure ties the two statements together, and each figure's bound marker says
which side of it the rule is on. Only explicit markers count ("di atas", "paling sedikit", "maksimal", "below"),
not "hingga", which also writes ranges; a deadline's "paling lambat" counts only against an earliest time's "paling
cepat". A prohibition on one side only ("dilarang menangkap … di bawah 12 sentimeter" against "hanya boleh … di
atas 12 sentimeter") says the same rule from the other side: no clash. The two sentences must share words around the figures (what is bounded).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from service.judge.signals.analysis import _Analysis, _span_tokens, _window_roots
from service.judge.signals.numbers import _QUAL_RE
from service.judge.signals.quantities import _quantities_agree, _same_measure
from service.judge.signals.records import Clash, Quantity
from service.messages import BOUND, reason

# Explicit bound markers and their side of the figure (+1 above, -1 below).
_SIDE = {
    "lebih dari": 1, "di atas": 1, "more than": 1, "over": 1, "above": 1, "exceeding": 1, "melebihi": 1,
    "minimal": 1, "sedikitnya": 1, "setidaknya": 1, "paling sedikit": 1, "at least": 1, "minimum": 1,
    "tidak kurang dari": 1, "tak kurang dari": 1, "no less than": 1, "paling rendah": 1,
    "kurang dari": -1, "di bawah": -1, "less than": -1, "fewer than": -1, "under": -1, "below": -1,
    "maksimal": -1, "maksimum": -1, "paling banyak": -1, "at most": -1, "maximum": -1,
    "tidak lebih dari": -1, "tak lebih dari": -1, "no more than": -1, "paling tinggi": -1,
    "batas bawah": 1, "batas atas": -1,
    # A longest or shortest period: "beristirahat paling lama 30 menit" against "paling singkat 30 menit".
    "paling lama": -1, "selama-lamanya": -1, "paling singkat": 1, "sesingkat-singkatnya": 1,
    # The earliest and the latest time after something: "dicairkan paling cepat 4 bulan setelah tahap pertama"
    # against "paling lambat empat bulan setelah".
    "paling cepat": 1, "secepat-cepatnya": 1, "no earlier than": 1,
    "paling lambat": -1, "selambat-lambatnya": -1, "no later than": -1,
    # "berkapasitas sampai 15.000 DWT" (a range's end is no bound: ranges are skipped below).
    "hingga": -1, "sampai": -1, "up to": -1,
}  # fmt: skip
_RANGE_ENDS = frozenset({"hingga", "sampai", "up to"})
# A longest or shortest period clashes only with the other of the pair: "menunggak iuran paling lama enam bulan"
# and "masa kerja minimal enam bulan", "dibatasi paling lama tiga hari" and "mendaftar setidaknya tiga hari
# sebelum" bound other periods that share words around the figure.
# Likewise an earliest or latest time only with the other of its pair: a deadline ("paling lambat 30 hari") and a
# plain floor ("minimal 30 hari") bound different things.
_PAIRED = {"paling lama": "period", "selama-lamanya": "period", "paling singkat": "period",
           "sesingkat-singkatnya": "period", "paling cepat": "deadline", "secepat-cepatnya": "deadline",
           "no earlier than": "deadline", "paling lambat": "deadline", "selambat-lambatnya": "deadline",
           "no later than": "deadline"}
_FIGURE_BEFORE = re.compile(r"\d[\d.,]*\s*(?:[^\W\d_]+\s*)?$")
_PROHIBITIVE = frozenset("tidak tak bukan dilarang melarang larangan terlarang not no never prohibited banned "
                         "forbidden cannot".split())
REACH = 12  # how many words before a figure a prohibition governs it
CONTEXT = 8  # words either side of a figure read for what it bounds
MIN_SHARED = 2  # roots the two figures' surroundings must share


def _marker(a: _Analysis, q: Quantity) -> tuple[int, int, str]:
    """(side, marker start, the pair the marker belongs to, see _PAIRED) of a figure with an explicit bound marker
    before it: side +1 or -1, or 0 for none."""
    m = _QUAL_RE.search(a.text, max(0, q.start - 30), q.start)
    key = " ".join(m.group(1).lower().split()) if m else ""
    side = _SIDE.get(key, 0)
    if key in _RANGE_ENDS and _FIGURE_BEFORE.search(a.text, max(0, m.start(1) - 16), m.start(1)):
        return 0, q.start, ""  # "250 cc hingga 500 cc": the end of a range, no bound
    return (side, m.start(1), _PAIRED.get(key, "")) if side else (0, q.start, "")


def _prohibited(a: _Analysis, lo: int) -> bool:
    """A negation or prohibition stands a few words before token ``lo``, in its sentence."""
    return any(a.sentence[j] == a.sentence[lo] and a.tokens[j][0].lower() in _PROHIBITIVE
               for j in range(max(0, lo - REACH), lo))


class _Bounded(NamedTuple):
    """An explicitly bounded figure: its side (+1 above, -1 below), first token, whether a prohibition governs
    it, its words from the marker on ("di bawah 12 sentimeter") and the pair its marker belongs to (_PAIRED)."""

    q: Quantity
    side: int
    lo: int
    prohibited: bool
    fragment: str
    pair: str


def _bounded(a: _Analysis) -> list[_Bounded]:
    """Each explicitly bounded figure of ``a`` (memoised per text)."""
    found = a.memo.get("bounded")
    if found is None:
        found = []
        for q in a.quantities:
            if q.upper is not None or q.qualifier == "range":
                continue  # a range's lower end is no bound of its own: "di atas 15 sampai 20 persen" is a tier
            side, at, pair = _marker(a, q)
            if side:
                lo = _span_tokens(a, q.start, q.end)[0]
                found.append(_Bounded(q, side, lo, _prohibited(a, lo), a.text[at:q.end], pair))
        a.memo["bounded"] = found
    return found


def _words_after(a: _Analysis, b: _Bounded, n: int) -> list[str]:
    """Up to ``n`` words after the figure's digits, in its sentence."""
    j = b.lo
    while j < len(a.tokens) and not a.tokens[j][0].isalpha():
        j += 1
    return [a.tokens[k][0] for k in range(j, min(len(a.tokens), j + n)) if a.sentence[k] == a.sentence[b.lo]]


def _same_word_after(dra: _Analysis, d: _Bounded, ref: _Analysis, r: _Bounded) -> bool:
    """Two figures without a unit measuring what the same word after them names: "15.000 DWT" and "15.000
    deadweight tonnage (DWT)" (a unit the quantity reader does not know)."""
    if d.q.unit is not None or r.q.unit is not None:
        return False
    mine = _words_after(dra, d, 1)
    return bool(mine) and mine[0] in _words_after(ref, r, 4)


def bound_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    """The draft's bounded figures that the reference bounds the other way at the same value (one per figure)."""
    theirs = _bounded(ref)
    if not theirs:
        return []
    out = []
    for d in _bounded(dra):
        plain = replace(d.q, qualifier=None)
        # A longest period against a plain bound is another period (see _PAIRED).
        equal = [r for r in theirs
                 if r.pair == d.pair and (_same_measure(d.q, r.q) or _same_word_after(dra, d, ref, r))
                 and _quantities_agree(plain, replace(r.q, qualifier=None))]
        if any(r.side == d.side for r in equal):
            continue  # the reference bounds it this way too (tiers: "paling tinggi 15 persen" and "di atas 15")
        for r in equal:
            if r.prohibited != d.prohibited:
                continue  # the rule said from its other side
            shared = _window_roots(dra, d.lo, d.lo, CONTEXT) & _window_roots(ref, r.lo, r.lo, CONTEXT)
            if len(shared) < MIN_SHARED:
                continue  # another thing bounded at the same figure
            out.append(Clash("antonym", reason(BOUND, draft=d.fragment, reference=r.fragment), d.fragment,
                             r.fragment, "bound"))
            break
    return out
