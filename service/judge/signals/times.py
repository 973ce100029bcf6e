"""Clock times: mentions ("pukul 21.00 WIB", "jam 9 malam", "9:30 a.m.") and their agreement."""

from __future__ import annotations

import bisect
import re
from datetime import date

from service.judge.signals.records import DateMention, TimeMention
from service.judge.signals.text import scoped_cache

# At most this many clock times are taken from one text (see _MAX_DATES in dates.py).
_MAX_TIMES = 64
_F = re.IGNORECASE


_ZONES = {"wib": 7, "wita": 8, "wit": 9, "western": 7, "central": 8, "eastern": 9}
# The zones by abbreviation, and as English statements spell them out ("20.00 Central Indonesia Time").
_ZONE_NAMES = r"WIB|WITA|WIT|(?:Western|Central|Eastern)\s+Indonesian?\s+Time"
_CLOCK = r"(\d{1,2})(?:[.:](\d{2}))?"
_DAYPART = r"(?:\s+(pagi|siang|sore|petang|malam|dini\s+hari))?"
_ZONE = rf"(?:\s*({_ZONE_NAMES})\b)?"
_ZONE_AFTER_RE = re.compile(rf"\s*\(?({_ZONE_NAMES})\b", re.IGNORECASE)
_AMPM = r"\s*([ap])\.?\s?m\b\.?"
# Indonesian needs a clock word first ("pukul 9", "jam 21.00"): "3 jam" is a duration.
# A bare "21.00 WIB" or English "9:30" / "9 a.m." is a time on its own.
_TIME_RES = (
    re.compile(rf"\b(?:pukul|pkl\.?|pk\.|jam)\s*{_CLOCK}{_DAYPART}{_ZONE}", _F),
    re.compile(rf"(?<![\d.,:])(\d{{1,2}})[.:](\d{{2}})()\s*({_ZONE_NAMES})\b", _F),
    re.compile(rf"(?<![\d.,:])(\d{{1,2}})(?:[.:](\d{{2}}))?{_AMPM}", _F),
    re.compile(r"\bat\s+(\d{1,2}):(\d{2})\b(?![.,:]\d)", _F),
    # The start of a range whose end carries the clock word or zone: "from 05.30 to 17.00 WITA".
    re.compile(r"\b(?:from|between|dari|antara)\s+(\d{1,2})[.:](\d{2})"
               r"(?=\s*(?:-|–|—|hingga|sampai|to|until|dan|and)\s*(?:pukul\s*)?\d{1,2}[.:]\d{2})", _F),
    # ... or a bare dashed range with its zone: "pukul 11.00–13.00 WIB dan 17.00–19.00 WIB".
    re.compile(rf"(?<![\d.,:])(\d{{1,2}})[.:](\d{{2}})(?=\s*[-–—]\s*\d{{1,2}}[.:]\d{{2}}\s*(?:{_ZONE_NAMES})\b)", _F),
)
# A range's start first: its end must not be taken alone before it.
_ORDER = (4, 0, 5, 1, 2, 3)
_TIME_RANGE_RE = re.compile(r"\s*(?:-|–|—|hingga|sampai|s\.d\.?|s/d|to|until)\s*(?:pukul\s*|jam\s*)?"
                            r"(\d{1,2})[.:](\d{2})" + _ZONE, _F)
# "antara pukul 06.00 dan 16.00 WIB": after "antara"/"between", "dan"/"and" joins a range's ends too.
_BETWEEN_END_RE = re.compile(r"\s*(?:dan|and)\s*(?:pukul\s*|jam\s*)?(\d{1,2})[.:](\d{2})" + _ZONE, _F)
_BETWEEN_RE = re.compile(r"\b(?:antara|between)\s+(?:(?:pukul|jam)\s*)?$", _F)
_TIME_BOUND_RE = re.compile(r"\b(?:hingga|sampai|sebelum|sesudah|setelah|sejak|selambat-lambatnya|paling\s+lambat|"
                            r"until|before|after|since|by)\s+(?:(?:pada|pukul|jam|at)\s+)?$", _F)
# "pukul 00.00 hingga 20 Desember pukul 23.59 waktu setempat": the times of the sentence are each region's own.
_LOCAL_RE = re.compile(r"(?:(?![.;]\s)[^;])*?\b(waktu setempat|local time)\b", _F)
_TIME_APPROX_RE = re.compile(r"\b(?:sekitar|sekira|kurang\s+lebih|kira-kira|around|about|approximately)\s*$", _F)


def _covered(cover: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps the union of spans ``cover`` holds (see :func:`_cover`)."""
    starts, ends = cover
    k = bisect.bisect_left(starts, end)
    return k > 0 and ends[k - 1] > start


def _cover(cover: tuple[list[int], list[int]], start: int, end: int) -> None:
    """Add [start, end) to ``cover``: the union of spans as sorted, disjoint (starts, ends) lists.

    A union of spans overlaps a span exactly when one of them does, and its disjoint pieces have
    sorted ends, so :func:`_covered` looks at one piece (a bisection) instead of every span.
    """
    starts, ends = cover
    i = bisect.bisect_left(starts, start)
    if i and ends[i - 1] >= start:
        i -= 1
        start = starts[i]
    j = i
    while j < len(starts) and starts[j] <= end:
        end = max(end, ends[j])
        j += 1
    starts[i:j] = [start]
    ends[i:j] = [end]


def _clock_minutes(hour: int, minute: int, part: str | None) -> int | None:
    """Minutes after midnight, or None for an impossible clock reading."""
    part = (part or "").lower()
    if part in ("a", "p"):  # 12-hour clock
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if part == "p" else 0)
    elif part in ("sore", "petang", "malam") and 1 <= hour < 12:
        hour += 12  # "jam 9 malam" = 21.00; "pukul 12 malam" stays midnight below
    elif part == "malam" and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60) or (hour == 24 and minute):
        return None
    # "pukul 24.00" is the end of a day (1440), not its start: "mulai pukul 00.00 sampai pukul 24.00" has
    # two times, and a draft starting at 06.00 does not restate the 00.00 start by its 24.00 end.
    return hour * 60 + minute


@scoped_cache(maxsize=4096)
def _extract_times_cached(text: str) -> tuple[TimeMention, ...]:
    found: list[TimeMention] = []
    taken: tuple[list[int], list[int]] = ([], [])  # the text the times found so far cover
    for k in _ORDER:
        for m in _TIME_RES[k].finditer(text):
            if _covered(taken, m.start(), m.end()):
                continue
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            part = m.group(3) if k in (0, 2) else None
            zone = m.group(4) if k in (0, 1) else None
            minutes = _clock_minutes(hour, minute, part)
            if minutes is None:
                continue
            end, upper = m.end(), None
            r = _TIME_RANGE_RE.match(text, end)
            if r is None and _BETWEEN_RE.search(text, max(0, m.start(1) - 20), m.start(1)):
                r = _BETWEEN_END_RE.match(text, end)
            if r:
                upper = _clock_minutes(int(r.group(1)), int(r.group(2)), part)
                zone = zone or r.group(3)
                end = r.end() if upper is not None else end
            before = text[max(0, m.start() - 30) : m.start()]
            approx = bool(_TIME_APPROX_RE.search(before))
            bound = bool(_TIME_BOUND_RE.search(before + (" " if k == 3 else "")))
            if zone is None and (z := _ZONE_AFTER_RE.match(text, end)):  # "9:30 a.m. Western Indonesia Time"
                zone, end = z.group(1), z.end()
            offset = _ZONES.get(zone.split()[0].lower()) if zone else None
            local = _LOCAL_RE.match(text, end, min(len(text), end + 80)) if zone is None else None
            start = m.start(1) if k in (3, 4, 5) else m.start()  # "at 10:15" quotes "10:15"
            found.append(TimeMention(minutes, text[start:end], start, end, offset, upper, approx, bound,
                                     local.group(1) if local else ""))
            _cover(taken, m.start(), end)
    return tuple(sorted(found, key=lambda t: t.start)[:_MAX_TIMES])


def extract_times(text: str) -> list[TimeMention]:
    """Clock times in ``text`` (Indonesian and English forms), in order of appearance; at most
    ``_MAX_TIMES``, the first in the text."""
    return list(_extract_times_cached(text))


def _times_agree(a: TimeMention, b: TimeMention) -> bool:
    """Same clock time (after time-zone conversion when both name one), within a range, or
    within 30 minutes when either says "sekitar"/"around"."""
    if (a.local and b.offset is not None) or (b.local and a.offset is not None):
        return False  # "00.00 WIB" is one zone's midnight, "00.00 waktu setempat" each region's
    shift = (b.offset - a.offset) * 60 if a.offset is not None and b.offset is not None else 0

    def span(t: TimeMention, d: int = 0) -> tuple[int, int]:
        lo = t.minutes + d
        return lo, (t.upper + d if t.upper is not None and t.upper >= t.minutes else lo)

    lo2, hi2 = span(b)
    slack = 30 if a.approx or b.approx else 0
    # A zone's hours may cross midnight: "23.59 WIB" is "01.59 WIT" (of the next day, which the dates say).
    for day in ((0, -1440, 1440) if shift else (0,)):
        lo1, hi1 = span(a, shift + day)
        if hi1 != lo1 and hi2 != lo2:
            # Two ranges are the same hours only end for end: "05.00 hingga 23.00" is not "04.00 sampai 24.00".
            if abs(lo1 - lo2) <= slack and abs(hi1 - hi2) <= slack:
                return True
        elif lo1 - slack <= hi2 and lo2 - slack <= hi1:
            return True
    return False


def same_moment_in_zones(ref_times: tuple[TimeMention, ...], rd: DateMention,
                         dra_times: tuple[TimeMention, ...], dd: DateMention) -> bool:
    """Dates a day apart that the two texts' zoned clock times make one moment: "30 September pukul 23.59 WIB"
    is "1 Oktober pukul 01.59 WIT"."""
    if None in (rd.month, rd.day, dd.month, dd.day) or not ref_times or not dra_times:
        return False
    rt, dt = ref_times[0], dra_times[0]
    if rt.offset is None or dt.offset is None or rt.offset == dt.offset:
        return False
    year = rd.year or dd.year or 2000
    try:
        r_day, d_day = date(rd.year or year, rd.month, rd.day), date(dd.year or year, dd.month, dd.day)
    except ValueError:
        return False

    def utc_minutes(day: date, t: TimeMention) -> int:
        return day.toordinal() * 1440 + t.minutes - (t.offset or 0) * 60

    return abs((d_day - r_day).days) == 1 and utc_minutes(r_day, rt) == utc_minutes(d_day, dt)
