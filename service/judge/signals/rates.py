"""What a figure is counted per ("Rp300.000 per orang per hari", "setiap tahap bernilai Rp650 ribu") and whether two
figures are rates of the same denominator."""

from __future__ import annotations

from service.judge.signals.analysis import _Analysis
from service.judge.signals.records import Quantity


# What a figure is counted per: "per bulan", "setiap tahap", "a month", and the one-word forms.
_PER_WORDS = frozenset("per setiap tiap each every a an".split())
_PER_PREPOSITIONS = frozenset("dari untuk bagi kepada from for to".split())
# Denominators that are periods: a rate per month is never a rate per year.
_PERIODS = frozenset("jam hari minggu pekan bulan triwulan semester tahun tahap termin angsuran "
                      "hour day week month quarter year stage instalment installment".split())
_PER_FORMS = {"sebulan": "bulan", "setahun": "tahun", "sehari": "hari", "seminggu": "minggu", "sepekan": "minggu",
              "harian": "hari", "bulanan": "bulan", "tahunan": "tahun", "mingguan": "minggu", "pekan": "minggu",
              "monthly": "bulan", "annually": "tahun", "yearly": "tahun", "daily": "hari", "weekly": "minggu",
              "month": "bulan", "year": "tahun", "day": "hari", "week": "minggu"}
# Sizes a figure stated without a denominator and a rate may differ by and still be compared.
_RATE_SPREAD = 10.0


def _per(a: _Analysis, lo: int, hi: int) -> frozenset[str] | None:
    """Roots of what the figure at tokens ``lo..hi`` is counted per, after it ("Rp300.000 per orang per hari",
    "20 kilogram per keluarga setiap bulan") or just before it ("setiap tahap bernilai Rp650 ribu"); None
    for a figure that is no rate."""
    toks, clause = a.tokens, a.clause[hi]
    out: set[str] = set()
    j = hi + 1
    while j < len(toks) and j <= hi + 6 and a.clause[j] == clause:
        w = toks[j][0]
        if w in _PER_FORMS:
            out.add(_PER_FORMS[w])
            j += 1
        elif w in _PER_PREPOSITIONS and j + 1 < len(toks) and toks[j + 1][0] in _PER_WORDS:
            j += 1  # "Rp150.000 dari setiap wisatawan", "Rp150,000 from every tourist"
        elif w in _PER_WORDS and j + 1 < len(toks) and a.clause[j + 1] == clause and toks[j + 1][0].isalpha():
            nxt = toks[j + 1][0]
            out |= a.roots[j + 1] | {_PER_FORMS.get(nxt, nxt)}
            j += 2
        else:
            break
    for j in range(max(0, lo - 7), lo):
        if a.clause[j] != a.clause[lo]:
            continue
        if toks[j][0] in ("setiap", "tiap") and j + 1 < lo and toks[j + 1][0].isalpha():
            out |= a.roots[j + 1] | {toks[j + 1][0]}
        elif toks[j][0] in _PER_FORMS:  # "Upah harian ... Rp110.000"
            out.add(_PER_FORMS[toks[j][0]])
    return frozenset(out) or None


def _same_rate(d_per: frozenset[str] | None, r_per: frozenset[str] | None, dq: Quantity, rq: Quantity) -> bool:
    """Two figures measure at the same rate: the same denominator, or none and a like size."""
    if d_per is not None and r_per is not None:
        if not d_per.isdisjoint(r_per):
            return True
        if d_per & _PERIODS and r_per & _PERIODS:
            return False  # "per bulan" against "per tahun"
        # "per visit" against "from every tourist": other words for one payer, or not; the size tells.
    elif d_per is None and r_per is None:
        return True
    big, small = max(abs(dq.value), abs(rq.value)), min(abs(dq.value), abs(rq.value))
    return small > 0 and big / small <= _RATE_SPREAD
