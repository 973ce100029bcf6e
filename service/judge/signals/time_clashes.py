"""Clock-time clashes: a draft's time against the reference's times, after zone conversion ("pukul 10.00 WITA"
= "09.00 WIB"), with ranges ("05.30 to 17.00 WITA") and their ends."""

from __future__ import annotations

import re
from dataclasses import replace

from service.judge.signals.analysis import _Analysis, _negated_before, _per_sentence, _span_tokens, _window_roots
from service.judge.signals.dates import dates_agree
from service.judge.signals.figure_clashes import _outside
from service.judge.signals.figure_roles import told_as_past
from service.judge.signals.names import _places_near, _places_stated
from service.judge.signals.records import Clash, DateMention, TimeMention
from service.judge.signals.text import draft_words_covered
from service.judge.signals.times import _times_agree
from service.messages import CONFLICT, reason

_SPAN_WORDS_RE = re.compile(r"\b(?:hingga|sampai|s\.?d\.?|berakhir|selesai|ditutup|until|to|till|ends?)\b|[-–—]",
                            re.IGNORECASE)


def _time_clashes(ref: _Analysis, dra: _Analysis, setting: frozenset[str] = frozenset()) -> list[Clash]:
    out: list[Clash] = []
    if _outside(ref, dra):
        return out
    points = [t for t in ref.times if not t.bound]
    if not points or not dra.times:
        return out
    # Whether each draft time agrees with some reference time, once per pair (both capped).
    agree = [[_times_agree(rt, ot) or _local_digits(rt, ot) for ot in dra.times] for rt in ref.times]
    stated = [any(row[o] for row in agree) for o in range(len(dra.times))]
    # "dimatikan pukul 17.00 WITA atau 16.00 WIB": a time the draft gives again in another zone is stated with it.
    in_sentence = [_sentence_of(dra, o) for o in range(len(dra.times))]
    stated = [stated[o] or any(stated[p] and p != o and in_sentence[p] == in_sentence[o]
                               and _times_agree(dra.times[p], dra.times[o]) for p in range(len(dra.times)))
              for o in range(len(dra.times))]
    # Reference times (by identity) that some draft time restates.
    restated_times = {id(rt) for rt, row in zip(ref.times, agree) if any(row)}
    first, last = min(t.minutes for t in points), max(t.minutes for t in points)
    # "dimulai 19.00 … berakhir 21.25" is a span a time may fall in; "keberangkatan pertama 05.30 dan
    # terakhir 18.45" are two moments, not a span.
    span = len(points) > 1 and _SPAN_WORDS_RE.search(ref.text, min(t.start for t in points),
                                                     max(t.end for t in points)) is not None
    restated = draft_words_covered(ref.text, dra.text) >= 0.5
    # The span's zone: "dibuka pukul 07.00 dan ditutup pukul 13.00 WITA" ends at 12.00 WIB, so "13.00 WIB" is
    # after it, not inside.
    zone = next((t.offset for t in points if t.offset is not None), None)
    ref_ranges = any(t.upper is not None for t in points)  # the reference gives ranges ("11.00–13.00 WIB")
    for d, dt in enumerate(dra.times):
        imposed = _one_zone_for_local(ref, dra, dt)
        if imposed is not None:
            out.append(Clash("date", reason(CONFLICT["time"], draft=dt.text, reference=imposed), dt.text, imposed,
                             "date:time-local"))
            continue
        opened = _opening_moved(ref, dra, d) if stated[d] and restated else None
        if opened is not None:
            out.append(Clash("date", reason(CONFLICT["time"], draft=dt.text, reference=opened.text),
                             dt.text, opened.text, "date:time"))
            continue
        if dt.bound or stated[d]:
            continue  # a limit ("sebelum pukul 10.00") is compatible with many event times
        moved_start = None
        local = dt.minutes + ((zone - dt.offset) * 60 if zone is not None and dt.offset is not None else 0)
        # A range is compared with the reference's ranges, not placed inside a span they make together ("11.00–13.00
        # dan 17.00–19.00" holds no "17.00–20.00").
        ranged = dt.upper is not None and ref_ranges
        if span and first <= local <= last and not ranged:
            # "dimulai 19.00 ... berakhir 21.25": 20.00 may be a moment in between, unless the draft gives it
            # as the start of the same span ("mulai pukul 06.00 hingga ... pukul 24.00" / "00.00 sampai 24.00").
            moved_start = _span_start_moved(ref, dra, agree, points, d, first, last)
            if moved_start is None:
                continue
        lo, hi = _span_tokens(dra, dt.start, dt.end)
        if _negated_before(dra, lo) or told_as_past(dra, lo):
            continue  # "tidak dimulai pukul 09.00" states no time; "Jam masuk sebelumnya pukul 07.00" a past one
        # Two shared words around both times: "jenazah" alone does not make "04.00 jenazah dikenakan
        # jas" and "05.00 jenazah bernafas" one event. One is enough when the sentences otherwise
        # say the same (half the draft's words in the reference): "Upacara dijadwalkan mulai pukul
        # 10.00 WIB" against "Upacara dimulai pukul 10.00 WITA dan disiarkan langsung".
        need = 1 if restated else 2
        d_ctx = _window_roots(dra, lo, hi, 6)
        related = [rt for rt in points
                   if len(d_ctx & _window_roots(ref, *_span_tokens(ref, rt.start, rt.end), 6)) >= need]
        if not related and len(points) == 1 and (restated or (len(dra.times) == 1 and _same_day(ref, dra))):
            # A restated sentence with the one clock time of its reference changed; or the one time of each
            # text on a day both name ("pada Senin, 1 Juni, akan dimulai pukul 09.00" / "pada Senin, 1 Juni
            # 2026, pukul 08.00 WIB"): one event's time.
            related = points
        if not related:
            related = _ranges_begun(ref, dra, agree, d)
        if moved_start is not None:
            related = [moved_start]
        related = [rt for rt in related if not _other_day(ref, rt, dra, dt)]
        if not related or not _places_stated(ref, dra, lo, hi, setting=setting):
            continue
        # A draft that also states this reference time is comparing ("diundur dari pukul 09.00 ke 13.00");
        # stating another of its times ("… disusul sidang tertutup pukul 18.45 WIB") is not, nor stating the
        # start of a range whose end it moves ("dibuka pukul 07.00 dan ditutup pukul 14.00" / "07.00 hingga 13.00").
        # The nearest of the related times is the one the draft changes ("ditutup pukul 13.00 WIB" the closing
        # "13.00 WITA", not the opening "07.00").
        # A reference range that starts when the draft's does is the one it changes, related by words or not.
        rt = next((t for t in points if ranged and t.upper is not None and t.minutes == local),
                  min(related, key=lambda t: abs(t.minutes - local)))
        if id(rt) in restated_times:
            # A range whose start the draft restates: this time is its end, compared with the range's end.
            if rt.upper is None or _times_agree(replace(rt, minutes=rt.upper, upper=None), dt):
                continue
        out.append(Clash("date", reason(CONFLICT["time"], draft=dt.text, reference=rt.text),
                         dt.text, rt.text, "date:time"))
    return out


def _local_digits(rt: TimeMention, dt: TimeMention) -> bool:
    """The same digits, one side in each region's own clock ("pukul 05.30 hingga 21.00 waktu setempat") and the
    other in one zone ("05.30 hingga 21.00 WITA"): no change of time. (A draft's zone for a reference's local
    time is judged by ``_one_zone_for_local`` first; no such time ever backs a "supports".)"""
    return (bool(rt.local) != bool(dt.local) and (rt.offset is not None or dt.offset is not None)
            and (rt.minutes, rt.upper) == (dt.minutes, dt.upper))


def _one_zone_for_local(ref: _Analysis, dra: _Analysis, dt: TimeMention) -> str | None:
    """The reference's time with the draft's digits given in each region's own clock ("pukul 00.00 … waktu
    setempat"), where the draft gives one zone ("pukul 00.00 WIB") and neither text names a place the zone
    could be right for: quoted with the reference's words for local time, or None."""
    if dt.offset is None:
        return None
    rt = next((t for t in ref.times if t.local and dt.minutes in (t.minutes, t.upper)), None)
    if rt is None or _negated_before(dra, _span_tokens(dra, dt.start, dt.end)[0]):
        return None
    if any(_places_near(a, 0, len(a.tokens) - 1, radius=len(a.tokens)) for a in (dra, ref)):
        return None  # a place named on either side may be one the zone is right for
    return rt.text if rt.local in rt.text else f"{rt.text} {rt.local}"


_START_CUE_RE = re.compile(r"\b(?:mulai|sejak|dari|dibuka|dimulai|from|starting|opens?)\b", re.IGNORECASE)


def _span_start_moved(ref: _Analysis, dra: _Analysis, agree: list[list[bool]], points: list[TimeMention], d: int,
                      first: int, last: int) -> TimeMention | None:
    """The reference span's first time, when draft time ``d`` opens a span of its own sentence that ends at the
    reference span's last time (a span word between them): the draft moves the start. None otherwise."""
    opens = dra.times[d].start
    if not _START_CUE_RE.search(dra.text, max(0, opens - 30), opens):
        return None  # "Pada pukul 20.00, ... sampai acara berakhir pukul 22.00": a moment inside the span
    sentence = _sentence_of(dra, d)
    ends = [r for r, rt in enumerate(ref.times) if rt.minutes == last and not rt.bound]
    for o in range(d + 1, len(dra.times)):
        if (_sentence_of(dra, o) == sentence and any(agree[r][o] for r in ends)
                and _SPAN_WORDS_RE.search(dra.text, dra.times[d].end, dra.times[o].start)):
            return next(t for t in points if t.minutes == first)
    return None


def _opening_moved(ref: _Analysis, dra: _Analysis, d: int) -> TimeMention | None:
    """The reference range ("dibuka bagi pengunjung pukul 03.00 sampai 17.00 WIB") whose opening time draft time
    ``d`` moves: ``d`` follows a start cue ("dibuka … mulai pukul 04.00 WIB"), is the only time of its sentence and
    falls inside the range after its start. A time inside the range without a start cue is a moment in it."""
    dt = dra.times[d]
    if not _START_CUE_RE.search(dra.text, max(0, dt.start - 30), dt.start) or _negated_before(
            dra, _span_tokens(dra, dt.start, dt.end)[0]):
        return None
    if _per_sentence(dra, "times")[_sentence_of(dra, d)] != 1:
        return None
    for rt in ref.times:
        if rt.upper is None or rt.bound or not _times_agree(rt, dt):
            continue
        shift = (rt.offset - dt.offset) * 60 if rt.offset is not None and dt.offset is not None else 0
        if dt.minutes + shift != rt.minutes:
            return rt
    return None


def _same_day(ref: _Analysis, dra: _Analysis) -> bool:
    """Both texts name one calendar day (day and month; years, where both give one, equal)."""
    return any(rd.day is not None and rd.month is not None and (rd.day, rd.month) == (dd.day, dd.month)
               and (rd.year is None or dd.year is None or rd.year == dd.year)
               for rd in ref.dates for dd in dra.dates)


def _other_day(ref: _Analysis, rt: TimeMention, dra: _Analysis, dt: TimeMention) -> bool:
    """Each time's sentence names a calendar day and no day of one is a day of the other: "ditutup 30 Juni 2027
    pukul 16.00 WITA" is another event than "ditutup pada 31 Juli 2026 pukul 23.59 WIB" (the dates, if anything,
    clash)."""
    r_days, d_days = _days_of(ref, rt), _days_of(dra, dt)
    return bool(r_days and d_days) and not any(dates_agree(r, d) for r in r_days for d in d_days)


def _days_of(a: _Analysis, t: TimeMention) -> list[DateMention]:
    """The calendar days (day and month) named in time ``t``'s sentence."""
    s = a.sentence[_span_tokens(a, t.start, t.end)[0]]
    return [d for d in a.dates if d.day is not None and d.month is not None
            and a.sentence[min(a.tok_index(d.start), len(a.tokens) - 1)] == s]


def _sentence_of(a: _Analysis, t: int) -> int:
    """The sentence index of time mention ``t`` of ``a``."""
    return a.sentence[_span_tokens(a, a.times[t].start, a.times[t].end)[0]]


def _ranges_begun(ref: _Analysis, dra: _Analysis, agree: list[list[bool]], d: int) -> list[TimeMention]:
    """Reference ranges whose start an earlier time of draft time ``d``'s sentence restates: ``d`` is then the
    range's end ("dibuka pukul 05.30 WITA dan ditutup pukul 18.00 WITA" / "open from 05.30 to 17.00 WITA").
    ``agree[r][o]``: reference time r and draft time o agree."""
    sentence = _sentence_of(dra, d)
    earlier = [o for o in range(d) if _sentence_of(dra, o) == sentence]
    return [rt for r, rt in enumerate(ref.times)
            if rt.upper is not None and not rt.bound and any(agree[r][o] for o in earlier)]
