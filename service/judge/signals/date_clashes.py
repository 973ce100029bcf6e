"""Date clashes: a draft's date against the reference's comparable dates, unless the draft restates them,
tells its date as past, or dates a figure of its own with a bare year."""

from __future__ import annotations

import re
from dataclasses import replace

from service.judge.signals.analysis import _Analysis, _negated_before, _per_sentence, _span_tokens, _window_roots
from service.judge.signals.dates import WEEKDAYS, _dates_agree, _dates_comparable, dates_agree
from service.judge.signals.figure_clashes import (
    _history, _outside, _sentence_text, same_statement,
)
from service.judge.signals.names import _places_stated
from service.judge.signals.quantities import _quantities_agree, _same_measure
from service.judge.signals.records import Clash, DateMention
from service.judge.signals.text import draft_words_covered, shared_content_words
from service.judge.signals.times import same_moment_in_zones
from service.messages import CONFLICT, reason

_DATELINE_BEFORE = re.compile(r"^\W*[A-Z][\w .'/-]{1,40},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,30}\)\s*)?[–—-]")


def _dateline(text: str, d: DateMention) -> bool:
    """``d`` is a release's dateline ("Jakarta, 6 Oktober 2025 – ..."): when it was issued, not a fact."""
    return bool(_DATELINE_BEFORE.match(text[:d.start]) and _DATELINE_AFTER.match(text[d.end:d.end + 40]))


def _dated_figure(ref: _Analysis, dra: _Analysis) -> bool:
    """The draft states a figure no reference figure agrees with ("Penjualan mobil listrik sepanjang 2025
    mencapai 69.000 unit", "Populasi babi pada 2025 sekitar 1,2 juta ekor"): a bare year beside it says which
    period's figure it is, not another date for the reference's event. A figure the reference also gives
    leaves the year to be compared ("Pada 2027, kuota 3 juta ton" against 2026's "3 juta ton")."""
    return any(not any(_same_measure(rq, dq) and _quantities_agree(rq, dq) for rq in ref.quantities)
               for dq in dra.quantities)


SOLE_DATE_SHARE = 0.4


def _sole_dates(ref: _Analysis, rd: DateMention, dra: _Analysis, dd: DateMention) -> bool:
    """Each date is the only one of its sentence, and the two sentences share most words: they date the same
    thing however far from the date their shared words stand ("penggantian Jembatan Kali Kuto dimulai pada
    5 November" / "… penggantian Jembatan Kali Kuto di ruas Pantura Batang–Kendal mulai 5 Oktober")."""
    r_at = _span_tokens(ref, rd.start, rd.end)[0]
    d_at = _span_tokens(dra, dd.start, dd.end)[0]
    if _per_sentence(ref, "dates")[ref.sentence[r_at]] != 1 or _per_sentence(dra, "dates")[dra.sentence[d_at]] != 1:
        return False
    if _LISTED_BEFORE.search(ref.text, 0, rd.start) or _LISTED_BEFORE.search(dra.text, 0, dd.start):
        return False  # "18, 19, 23 dan 24 Maret": one of a list of days
    if {rd.qualifier, dd.qualifier} == {"start", None} and not _starts(ref if rd.qualifier is None else dra,
                                                                        r_at if rd.qualifier is None else d_at):
        return False  # "harga … naik pada pekan kedua Juni" dates an observation, not when a rule starts
    r_text, d_text = _sentence_text(ref, r_at), _sentence_text(dra, d_at)
    if draft_words_covered(r_text, d_text) >= SOLE_DATE_SHARE:
        return True
    # Two deadlines of sentences sharing their subject ("Tenggat pemasangan ditetapkan 31 Desember 2027" /
    # "Pemasangan CEMS harus selesai paling lambat 30 Juni 2027"): "tenggat" is "paling lambat" in other words.
    return _deadline(ref, r_at) and _deadline(dra, d_at) and shared_content_words(r_text, d_text) >= 1


# Words that make a date a deadline: "paling lambat", "selambat-lambatnya", "tenggat", "batas waktu", "deadline".
_DEADLINE = frozenset("lambat selambat tenggat batas deadline".split())
_DEADLINE_REACH = 6


def _deadline(a: _Analysis, at: int) -> bool:
    """A deadline word stands in the sentence within a few words before token ``at``."""
    return any(a.sentence[j] == a.sentence[at] and a.tokens[j][0] in _DEADLINE
               for j in range(max(0, at - _DEADLINE_REACH), at))


_LISTED_BEFORE = re.compile(r"\d\s*(?:,|dan|and|&)\s*$")
_START_WORDS = frozenset("mulai dimulai dimulainya memulai berlaku diberlakukan memberlakukan berlakunya start starts "
                         "started begin begins effective".split())


def _starts(a: _Analysis, at: int) -> bool:
    """A verb of starting stands in the clause just before token ``at`` ("dimulai pada 5 November")."""
    return any(a.clause[j] == a.clause[at] and a.tokens[j][0].lower() in _START_WORDS
               for j in range(max(0, at - 4), at))


_FROM = frozenset("mulai sejak per terhitung starting from".split())
_NO_LONGER = frozenset("lagi longer".split())


def _from_when(a: _Analysis, lo: int) -> bool:
    """The date (first token ``lo``) says from when a negated clause holds and the negation is "no longer"
    ("tidak lagi diizinkan melintas … mulai 1 Maret 2027"): the date of the change, stated."""
    if not (lo and a.tokens[lo - 1][0] in _FROM):
        return False
    n = a.first_negator.get(a.clause[lo])
    return n is not None and any(a.tokens[k][0] in _NO_LONGER for k in range(n + 1, min(len(a.tokens), n + 3)))


def _deadlines_read(a: _Analysis) -> tuple[DateMention, ...]:
    """``a``'s dates, a date after a deadline word ("Tenggat pemasangan ditetapkan 31 Desember 2027") read as the
    "until" date that "paling lambat 30 Juni 2027" is."""
    return tuple(replace(d, qualifier="until") if d.qualifier is None and d.day is not None
                 and _deadline(a, _span_tokens(a, d.start, d.end)[0]) else d for d in a.dates)


def _date_clashes(ref: _Analysis, dra: _Analysis, setting: frozenset[str] = frozenset()) -> list[Clash]:
    rds, dds = _deadlines_read(ref), _deadlines_read(dra)
    if not rds or not dds or _outside(ref, dra):
        return []
    # Which reference date each draft date is comparable with and agrees with, once per pair
    # (both capped), then looked up.
    comp = [[_dates_comparable(rd, od) for od in dds] for rd in rds]
    match = [[comp[r][o] and _dates_agree(rd, od) for o, od in enumerate(dds)] for r, rd in enumerate(rds)]
    # How specific each draft date is (year 0, month 1, day 2), and per reference date how many
    # matching draft dates are at least that specific: a bare "tahun 2026" restates no "17 November 2026".
    spec = [(od.month is not None) + (od.day is not None) for od in dds]
    rspec = [(rd.month is not None) + (rd.day is not None) for rd in rds]
    n_match = [[sum(1 for o in range(len(dds)) if match[r][o] and spec[o] >= s) for s in range(3)]
               for r in range(len(rds))]
    out: list[Clash] = []
    for d, dd in enumerate(dds):
        comparable = [r for r in range(len(rds)) if comp[r][d]]
        if not comparable or _dateline(dra.text, dd):
            continue
        # When the reference dates the same thing as precisely as the draft, only such dates speak
        # for it: "tahun 2026" does not back "1 Desember 2026" against "17 November 2026".
        precise = [r for r in range(len(rds)) if rspec[r] >= spec[d]]
        voices = [rds[r] for r in precise] if any(comp[r][d] for r in precise) else rds
        # Agreement with any reference mention counts, whatever its qualifier: "November
        # 1886" agrees with "antara November 1886 dan Juni 1887".
        if any(dates_agree(rd, dd) for rd in voices):
            continue
        # A draft that also states the reference's date is comparing, not swapping
        # ("April 2017 lebih rendah dibanding Mei 2017").  "Also" is another draft mention than
        # this one: discount this one's own agreement.
        # Only when it states every comparable one: "31 Maret" restated for individuals leaves "31 Mei" to
        # face the companies' "30 April".
        restated = {r for r in comparable if n_match[r][spec[d]] - match[r][d] > 0}
        if restated and len(restated) == len(comparable):
            continue
        lo, hi = _span_tokens(dra, dd.start, dd.end)
        if _negated_before(dra, lo) and not _from_when(dra, lo):
            continue  # "tidak diselenggarakan pada 1986" asserts no date
        d_ctx = _window_roots(dra, lo, hi, 6)
        unstated = [r for r in comparable if r not in restated]
        related = [r for r in unstated
                   if not d_ctx.isdisjoint(_window_roots(ref, *_span_tokens(ref, rds[r].start, rds[r].end), 6))]
        if not related and same_statement(ref, dra):
            related = unstated  # a restated sentence: the comparable date is the one it changes
        if not related:
            related = [r for r in unstated if _sole_dates(ref, rds[r], dra, dd)]
        if not related or not _places_stated(ref, dra, lo, hi, setting=setting):
            continue
        rd = rds[max(related, key=lambda r: rspec[r])]  # quote the most precise
        if _history(dra, dd, rd) or same_moment_in_zones(ref.times, rd, dra.times, dd):
            continue
        if dd.relative in WEEKDAYS and any(o.day is not None and 0 <= o.start - dd.end <= 3 for o in dds):
            continue  # "Senin, 26 Oktober": the weekday of a date the rule compares itself
        if dd.month is None and dd.relative not in WEEKDAYS and _dated_figure(ref, dra):
            continue  # "Pada 2026, UMP naik 6,5 persen" / "UMP 2027 naik 6,2 persen": the year dates its figure
        out.append(
            Clash("date", reason(CONFLICT["date"], draft=dd.text, reference=rd.text), dd.text, rd.text,
                  "date:relative" if dd.relative else "date:absolute")
        )
    return out
