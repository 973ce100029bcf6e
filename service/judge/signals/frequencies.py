"""How often something is paid, delivered or held: "disalurkan setiap semester" against "disalurkan setiap
bulan", "dibayarkan empat kali setahun" against "dibayarkan setiap bulan", "one tablet every week" against
"satu tablet setiap bulan".

A frequency counts only right after a verb that pays, delivers or holds something (vocabulary in
``vocab/frequency.json``): "Rp800.000 per bulan, disalurkan setiap semester" states a monthly *amount*
paid each semester, and only the semester is how often. Each frequency becomes its period in days, so
"setiap tiga bulan", "per triwulan", "empat tahap per tahun" and "quarterly" are one period. Linear: one
regex pass per text.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from pathlib import Path

from service.judge.signals.records import Clash
from service.judge.signals.text import scoped_cache
from service.messages import FREQUENCY, reason

_VOCAB = json.loads((Path(__file__).parent.parent / "vocab" / "frequency.json").read_text(encoding="utf-8"))
_F = re.IGNORECASE
_UNITS: dict[str, float] = _VOCAB["unit_days"]
_COUNTS: dict[str, int] = _VOCAB["counts"]
_FIXED: dict[str, float] = _VOCAB["fixed_days"]
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_COUNT = r"\d{1,2}|" + "|".join(sorted(_COUNTS, key=len, reverse=True))
_VERB = "|".join(sorted(_VOCAB["verbs"], key=len, reverse=True))
# every <unit> / setiap <n> <unit> / <n> kali (tahap, termin) per/se<unit> / a fixed word ("quarterly").
_FREQ = (rf"(?P<every>(?:sekali\s+)?(?:setiap|tiap|per|every|each|once\s+(?:a|every)|sekali)\s+"
         rf"(?:(?P<n>{_COUNT})\s+)?(?P<unit>{_UNIT}))"
         rf"|(?P<times>(?P<k>{_COUNT}|once|twice|sekali)\s+(?:kali|tahap|termin|times|instalments|installments)?\s*"
         rf"(?:dalam\s+)?(?:se|per\s+|setiap\s+|a\s+|in\s+a\s+|dalam\s+satu\s+|each\s+)(?P<unit2>{_UNIT}))"
         rf"|(?P<fixed>{'|'.join(sorted(map(re.escape, _FIXED), key=len, reverse=True))})")
# A figure (and its noun) right before "per hari": the frequency is the figure's denominator.
_RATE_OF_FIGURE = re.compile(r"\d[\d.,]*(?:\s+(?:ribu|juta|miliar|triliun))?(?:\s+[^\W\d_]+)?\s+$", _F)
_NEGATED = re.compile(r"\b(?:tidak|tak|bukan|belum|not|no longer|never)\s+(?:\w+\s+)?$", _F)
# The verb, at most eight words (no comma) before the frequency.
_RE = re.compile(rf"\b(?:{_VERB})\b(?:\s+[^\s,;.]+){{0,8}}?\s+(?:{_FREQ})\b", _F)
# "Once in a period" is how often wherever it stands (no amount is "sekali dalam 12 bulan"), and "paling sedikit"
# before it makes the period the longest allowed: "setiap enam bulan" keeps "paling sedikit sekali dalam 12 bulan".
_AT_LEAST = r"paling\s+sedikit|sekurang-kurangnya|minimal|minimum|at\s+least"
_LEAST_BEFORE = re.compile(rf"\b(?:{_AT_LEAST})\s+$", _F)
_ONCE_RE = re.compile(rf"(?:(?P<least>{_AT_LEAST})\s+)?(?:(?:sekali|satu\s+kali|once)\s+(?:dalam|setiap|tiap|every|in)"
                      rf"\s+(?:(?P<n>{_COUNT})\s+)?(?P<unit>{_UNIT})|se(?P<unit2>{_UNIT})\s+sekali)\b", _F)


@dataclass(frozen=True)
class Frequency:
    """How often, as a period in days, with the words that say it."""

    days: float
    text: str
    start: int
    at_least: bool = False  # "paling sedikit sekali dalam 12 bulan": any period up to ``days``


def _count(word: str) -> int:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return {"once": 1, "twice": 2, "sekali": 1}.get(w) or _COUNTS[w]


@scoped_cache(maxsize=4096)
def frequencies(text: str) -> tuple[Frequency, ...]:
    """The frequencies of ``text`` that follow a paying, delivering or holding verb."""
    out = []
    for m in _RE.finditer(text):
        if _NEGATED.search(text, max(0, m.start() - 25), m.start()):
            continue  # "tidak lagi disalurkan setiap bulan" says how often it is not
        if m.group("every"):
            if _RATE_OF_FIGURE.search(text, max(0, m.start("every") - 40), m.start("every")):
                continue  # "menerima paling banyak 25 lansia per hari": a rate of the figure, not how often
            n = _count(m.group("n")) if m.group("n") else 1
            days = n * _UNITS[m.group("unit").lower()]
            start = m.start("every")
        elif m.group("times"):
            days = _UNITS[m.group("unit2").lower()] / _count(m.group("k"))
            start = m.start("times")
        else:
            days = _FIXED[m.group("fixed").lower()]
            start = m.start("fixed")
        out.append(Frequency(days, text[start:m.end()], start, bool(_LEAST_BEFORE.search(text, max(0, start - 25), start))))
    # The verb-read spans do not overlap and come in text order: the last one starting before a "once" phrase ends is
    # the only one to ask whether it holds it (one bisection, not a scan of every frequency read).
    starts, ends = [f.start for f in out], [f.start + len(f.text) for f in out]
    for m in _ONCE_RE.finditer(text):
        k = bisect.bisect_left(starts, m.end()) - 1
        if k >= 0 and ends[k] > m.start():
            continue  # read already after its verb
        n = _count(m.group("n")) if m.group("n") else 1
        days = n * _UNITS[(m.group("unit") or m.group("unit2")).lower()]
        out.append(Frequency(days, m.group(), m.start(), bool(m.group("least"))))
    return tuple(sorted(out, key=lambda f: f.start))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 0.15 * max(a, b)  # a month is 28-31 days; a quarter 90-92


def _agree(d: Frequency, r: Frequency) -> bool:
    """The two can be said of one schedule: the same period, or one within the other's longest allowed."""
    return (_same(d.days, r.days) or (r.at_least and d.days <= r.days * 1.15)
            or (d.at_least and r.days <= d.days * 1.15))


def frequency_clashes(reference: str, draft: str) -> list[Clash]:
    """A clash for the first draft frequency that differs from every one the reference states."""
    ref = frequencies(reference)
    if not ref:
        return []
    for d in frequencies(draft):
        if not any(_agree(d, r) for r in ref):
            other = ref[0]
            return [Clash("number", reason(FREQUENCY, draft=d.text, reference=other.text), d.text, other.text,
                          "number:frequency")]
    return []
