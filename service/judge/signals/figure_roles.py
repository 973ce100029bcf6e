"""Roles in which a draft figure states no value of its measure, so that no reference value can contradict it:
the old value of a change it reports ("naik dari 220 objek"), or a difference between two values ("lebih
tinggi Rp15 juta dibanding Jawa")."""

from __future__ import annotations

from service.judge.signals.analysis import _Analysis, _span_tokens
from service.judge.signals.records import Quantity

# Verbs of change before "dari": "naik dari 220", "turun dari 12 persen", "up from 410".
_CHANGE = frozenset("""naik turun meningkat menurun bertambah berkurang melonjak merosot anjlok melambung tumbuh
susut menyusut up down rose fell grew increased decreased dropped jumped climbed""".split())
_FROM = frozenset({"dari", "from"})
# Comparatives whose figure is the gap: "lebih tinggi Rp15 juta dibanding …", "Rp2 juta higher than …".
_MORE = frozenset("tinggi rendah besar kecil banyak sedikit mahal murah lama cepat".split())
_EN_MORE = frozenset("higher lower more less larger smaller cheaper dearer longer shorter".split())
_THAN = frozenset("dibanding dibandingkan daripada ketimbang than".split())


def old_of_change(a: _Analysis, q: Quantity, lo: int, others: tuple[Quantity, ...]) -> bool:
    """``q`` (first token ``lo``) follows "<change verb> dari" and another figure of its measure stands in
    its sentence: the draft reports a change to that figure, and ``q`` is the value it left behind."""
    toks = a.tokens
    if not (lo >= 2 and toks[lo - 1][0] in _FROM and toks[lo - 2][0] in _CHANGE):
        return False
    return any(o is not q and (o.unit, o.noun) == (q.unit, q.noun)
               and a.sentence[_span_tokens(a, o.start, o.end)[0]] == a.sentence[lo] for o in others)


def difference(a: _Analysis, lo: int, hi: int) -> bool:
    """The figure at tokens ``lo..hi`` (last token ``hi``) is a gap between two values: "lebih tinggi Rp15 juta dibanding
    Jawa", "selisih 3 persen dari", "Rp2 million higher than"."""
    toks = a.tokens
    before = [toks[j][0] for j in range(max(0, lo - 3), lo) if a.clause[j] == a.clause[lo]]
    after = [toks[j][0] for j in range(hi + 1, min(len(toks), hi + 5)) if a.clause[j] == a.clause[lo]]
    if "selisih" in before:
        return True
    if any(w == "lebih" and nxt in _MORE for w, nxt in zip(before, before[1:])):
        return not _THAN.isdisjoint(after)
    return bool(after) and after[0] in _EN_MORE and "than" in after[1:3]

