"""Whether a passage states every fact of a draft sentence, the condition of backing it: its figures
(:func:`~service.judge.signals.quantities.figures_stated`), its calendar dates and its clock times. Digits alone
do not tell "31 Mei 2026" from "31 Maret 2026", nor "05.00 WIB" from "05.00 WITA"."""

from __future__ import annotations

from service.judge.signals.analysis import _analyse
from service.judge.signals.dates import dates_agree
from service.judge.signals.quantities import _quantities_agree, _same_measure, figures_stated
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


def one_of_a_list(passage: str, sentence: str) -> bool:
    """A figure of ``sentence`` is one of several values the passage gives for its measure ("60 percent when the
    agreement is signed and 40 percent after the mid-term review"): that the value stands there says nothing of
    whether the sentence gives it to the right item, so closeness alone backs nothing."""
    theirs = _analyse(passage).quantities
    for q in _analyse(sentence).quantities:
        if q.unit is None and q.noun is None:
            continue
        kin = [r for r in theirs if _same_measure(r, q)]
        if any(_quantities_agree(r, q) for r in kin) and any(not _quantities_agree(r, q) for r in kin):
            return True
    return False
