"""Roles in which a draft figure states no value of its measure, so that no reference value can contradict it:
the old value of a change it reports ("naik dari 220 objek"), or a difference between two values ("lebih
tinggi Rp15 juta dibanding Jawa"); and whether a period is an interval from an event ("empat minggu setelah
dosis pertama") rather than how long something lasts ("selama dua pekan"); and whether it is told as past
("Sebelumnya, …", "Sebelum 2017, …")."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from service.judge.signals.analysis import _Analysis, _clause_idx, _span_tokens
from service.judge.signals.quantities import _PERIOD_UNITS
from service.judge.signals.records import Quantity

# Nouns that count people (vocab/people.json): their count and a count of persons ("orang") measure the same.
PERSON_NOUNS = frozenset(json.loads((Path(__file__).parent.parent / "vocab" / "people.json").read_text(
    encoding="utf-8"))["person_nouns"])

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
    # The gap before its comparative: "dua minggu lebih lama dibanding 2026", "Rp500 lebih mahal daripada".
    if after[:1] == ["lebih"] and after[1:2] and after[1] in _MORE:
        return not _THAN.isdisjoint(after[2:])
    return bool(after) and after[0] in _EN_MORE and "than" in after[1:3]


# Words after a period that make it the time from or to an event ("empat minggu setelah dosis pertama"), and
# words before one that make it how long something lasts ("selama dua pekan").
# "tiga hari sebelumnya" / "48 hours beforehand": the event is the sentence's own.
_FROM_EVENT = frozenset("""setelah sesudah sebelum pasca sebelumnya setelahnya sesudahnya after before beforehand
prior""".split())
_LASTING = frozenset("selama berlangsung for lasting".split())
_EVERY = frozenset("setiap tiap every".split())  # "setiap 45 menit", "every 45 minutes": how often, not how long


# "enam jam sehari", "8 hours a day", "dua jam per pekan": how much of each day or week, not how long a thing lasts.
_PER_PERIOD = re.compile(r"(?:(?:dalam|in) )?(?:sehari|seminggu|sepekan|sebulan|setahun|(?:per|setiap|tiap|a|an|each) "
                         r"(?:hari|minggu|pekan|bulan|tahun|day|week|month|year))\b")


_PERIOD_WORDS = frozenset("menit jam hari minggu pekan bulan tahun minutes minute hours hour days day weeks week months "
                          "month years year".split())


def period_role(a: _Analysis, lo: int, hi: int) -> str | None:
    """"rate" when a period follows the figure at tokens ``lo..hi`` ("enam jam sehari", "8 hours a day"); "lasting"
    when "selama"/"for" stands before it ("selama dua pekan", "selama 3 hari sebelum dipindahkan"); "interval" when
    it is followed, in its clause, by a word tying it to an event ("4 minggu setelah dosis pertama", "48 hours
    before departure"); "every" when "setiap"/"every" does ("setiap 45 menit": how often); None otherwise (a
    deadline, a plain period: either may be meant)."""
    toks = a.tokens
    after = " ".join(toks[j][0] for j in range(hi + 1, min(len(toks), hi + 4)) if a.clause[j] == a.clause[hi])
    if toks[hi][0] in _PERIOD_WORDS and _PER_PERIOD.match(after):
        return "rate"
    # "selama 3 hari sebelum dipindahkan": how long it lasts, before the next event.
    if lo >= 1 and a.clause[lo - 1] == a.clause[lo] and toks[lo - 1][0] in _LASTING:
        return "lasting"
    if hi + 1 < len(toks) and a.clause[hi + 1] == a.clause[hi] and toks[hi + 1][0] in _FROM_EVENT:
        return "interval"
    if lo >= 1 and a.clause[lo - 1] == a.clause[lo] and toks[lo - 1][0] in _EVERY:
        return "every"
    return None


# What is given back or left of a whole: its share is the whole less the other's ("menerima kembali tiga perempat
# harga tiket" against "bea pembatalan 25 persen").
_RETURNED = frozenset("kembali dikembalikan pengembalian sisa sisanya refund refunded returned remaining rest".split())


def _complement(dra: _Analysis, dq: Quantity, rq: Quantity, lo: int) -> bool:
    """The draft's share ``dq`` (first token ``lo``) and the reference share ``rq`` make a whole, and the draft's is
    what is given back or left (a return word a few words before it in its clause)."""
    if dq.unit != "percent" or rq.unit != "percent" or abs(dq.value + rq.value - 100) > 1e-6:
        return False
    return any(dra.tokens[j][0] in _RETURNED for j in range(max(0, lo - 4), lo) if dra.clause[j] == dra.clause[lo])


def same_role(ref: _Analysis, dra: _Analysis, rqs: tuple[Quantity, ...], idx: list[int], lo: int, hi: int,
              dq: Quantity) -> list[int]:
    """The reference figures of ``idx`` not in another role than the draft figure (tokens ``lo..hi``): a period tied
    to an event ("empat minggu setelah dosis pertama") is not how long another thing lasts ("selama dua pekan"),
    a stock a subject holds ("melayani lebih dari 420.000 pelanggan") is not a programme's figure, and a share given
    back (the draft's figure ``dq``: "menerima kembali tiga perempat harga") is the rest of the share kept ("bea
    pembatalan 25 persen")."""
    if holding(dra, lo):
        idx = [r for r in idx if holding(ref, _span_tokens(ref, rqs[r].start, rqs[r].end)[0])]
    idx = [r for r in idx if not _complement(dra, dq, rqs[r], lo)]
    mine = period_role(dra, lo, hi)
    if mine is None:
        return idx
    # A rate ("enam jam sehari") is compared only with a rate: a plain period ("dipinjam 14 hari") is another measure.
    allowed = (mine,) if mine == "rate" else (mine, None)
    return [r for r in idx if period_role(ref, *_span_tokens(ref, rqs[r].start, rqs[r].end)) in allowed]


# Verbs by which a subject holds a stock: "PLN UP3 Jambi melayani lebih dari 420.000 pelanggan", "Sumedang memiliki
# sekitar 480 perajin tahu", or what a plant puts out ("PLTU Suralaya menghasilkan 1,2 juta ton FABA setiap tahun").
# The figure sizes the subject, not a programme: it is compared only with a stock. (Not "terdapat": "terdapat 24
# negara yang masuk daftar endemis" is the count the position's "42 countries listed" states.)
_HOLDING = frozenset("memiliki mempunyai melayani menaungi membawahi membawahkan berpenduduk menghasilkan memproduksi "
                     "has have serves produces".split())
_BEFORE_FIGURE = frozenset("lebih dari sekitar kurang sebanyak sejumlah hampir setidaknya sedikitnya paling banyak "
                           "sedikit minimal maksimal hingga sampai over more than about around nearly some at least most up "
                           "to".split())


def holding(a: _Analysis, lo: int) -> bool:
    """The figure starting at token ``lo`` is what its clause's subject holds: a holding verb right before it, past
    qualifiers ("melayani lebih dari 420.000 pelanggan")."""
    j = lo - 1
    while j >= 0 and a.clause[j] == a.clause[lo] and a.tokens[j][0] in _BEFORE_FIGURE and lo - j <= 2:
        j -= 1
    return j >= 0 and a.clause[j] == a.clause[lo] and a.tokens[j][0] in _HOLDING


_PAST_MARKERS = frozenset("sebelumnya sempat pernah dulu dahulu dulunya previously formerly".split())
_PERIOD_AGO = frozenset("tahun bulan pekan minggu year month week".split())
_AS_IN = frozenset({"sebagaimana", "seperti", "as", "like"})
_BEFORE = frozenset({"sebelum", "before", "hingga", "until"})
# "Sebelum penyesuaian, tarif … Rp77.500": the value before a change the position states is no value now.
_CHANGES = frozenset("penyesuaian kenaikan penurunan perubahan revisi pemotongan adjustment increase rise change "
                     "cut revision".split())


def told_as_past(dra: _Analysis, i: int) -> bool:
    """The clause of token ``i``, or its sentence by an opening adverb or a short opening clause
    ("Sebelumnya, …", "Tahun lalu, …", "Pada libur Natal sebelumnya, …"), is told as past: "sebelumnya",
    "sempat", "pernah", "tahun lalu", "last year"."""
    toks = dra.tokens
    opening = i
    while opening > 0 and dra.sentence[opening - 1] == dra.sentence[i] and i - opening < 400:
        opening -= 1
    # The opening clause too ("Pada libur Natal dan Tahun Baru sebelumnya, stimulus serupa menurunkan ...").
    opening_clause = _clause_idx(dra, opening)
    span = sorted(set(_clause_idx(dra, i)) | set(range(opening, min(opening + 3, len(toks))))
                  | (set(opening_clause) if len(opening_clause) <= 12 else set()))
    words = [toks[j][0] for j in span]
    # "Sebagaimana tahun sebelumnya, …" / "as last year": the sentence says the rule still holds now.
    words = [w for k, w in enumerate(words) if not _AS_IN.intersection(words[max(0, k - 2):k])]
    return any(w in _PAST_MARKERS for w in words) or any(
        a in _PERIOD_AGO and b in ("lalu", "ago") or (a == "last" and b in _PERIOD_AGO)
        or (a in _BEFORE and b.isdigit() and len(b) == 4 and int(b) < date.today().year)  # "Sebelum 2017, …"
        for a, b in zip(words, words[1:])) or any(
        a in ("sebelum", "before") and (b in _CHANGES or (b == "the" and c in _CHANGES))
        or (a == "pada" and c == "lalu")  # "pada Syawalan lalu": the last such event
        for a, b, c in zip(words, words[1:], words[2:] + [""]))


# "untuk tiga bulan", "selama empat bulan", "for three months": the span an amount is the total of.
_TOTAL_FOR = frozenset("untuk selama for over".split())
_TOTAL = frozenset("total seluruhnya in all".split())


def total_over(a: _Analysis, lo: int, hi: int) -> tuple[float, str] | None:
    """How many periods, and which (the duration's unit, "month"), the figure at tokens ``lo..hi`` is the total of:
    "Rp2.250.000 untuk tiga bulan" right after it, or "Selama empat bulan itu, … total Rp4,8 juta" earlier in its
    sentence with "total" just before it. The durations are the analysis's own ("dua belas bulan" too). None for a
    figure that is no such total (a rate "per bulan" is not)."""
    toks = a.tokens
    spans = [(f, q) for q in a.quantities if q.unit in _PERIOD_UNITS and q.value > 1
             and (f := _span_tokens(a, q.start, q.end)[0]) > 0 and toks[f - 1][0] in _TOTAL_FOR]
    after = next(((q.value, q.unit) for f, q in spans if hi + 2 <= f <= hi + 3 and a.clause[f - 1] == a.clause[hi]),
                 None)
    if after or not any(toks[j][0] in _TOTAL for j in range(max(0, lo - 3), lo)):
        return after
    before = [(f, q) for f, q in spans if lo - 24 <= f - 1 < lo and a.sentence[f - 1] == a.sentence[lo]]
    if not before:
        return None
    _, nearest = max(before, key=lambda fq: fq[0])
    return nearest.value, nearest.unit
