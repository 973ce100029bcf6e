"""Whether a passage states every fact of a draft sentence, the condition of backing it: its figures
(:func:`~service.judge.signals.quantities.figures_stated`), its calendar dates and its clock times. Digits alone
do not tell "31 Mei 2026" from "31 Maret 2026", nor "05.00 WIB" from "05.00 WITA"."""

from __future__ import annotations

from service.judge.signals.analysis import _analyse
from service.judge.signals.dates import dates_agree
from service.judge.signals.quantities import figures_stated
from service.judge.signals.times import _times_agree


def facts_stated(passage: str, sentence: str) -> bool:
    """Every figure, dated day or month and clock time of ``sentence`` stands in ``passage`` (equal values in
    other forms count: "pukul 10.00 WITA" states "09.00 WIB")."""
    ours = _analyse(sentence)
    # A clock time is stated by an equal time, whatever its digits (the zone may differ): its digits are left
    # to the time check below.
    parts, at = [], 0
    for t in sorted(ours.times, key=lambda t: t.start):
        if t.start >= at:
            parts += [sentence[at:t.start], " " * (t.end - t.start)]
            at = t.end
    figures = "".join(parts) + sentence[at:]
    if not figures_stated(passage, figures):
        return False
    if not ours.dates and not ours.times:
        return True
    theirs = _analyse(passage)
    dated = [d for d in ours.dates if d.month is not None and d.relative is None]
    return (all(any(dates_agree(r, d) for r in theirs.dates) for d in dated)
            and all(any(_times_agree(r, t) for r in theirs.times) for t in ours.times))
