"""Quantities: number mentions normalised (value, unit, counted noun, qualifier) and whether two
of them measure the same thing and agree."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import replace

from service.judge.signals.dates import _LABEL_WORDS, _WEAK_LABELS, _extract_dates_cached
from service.judge.signals.numbers import (
    _CHANGE_RE, _CLASSIFIERS, _CUR_PREFIX_NORM, _CUR_PREFIX_RE, _ENGLISH_MULT, _ENGLISH_UNIT_WORDS,
    _INDONESIAN_UNIT_WORDS, _MULT_ABBR_RE, _MULT_RE, _MULTIPLIERS, _NOT_NOUNS, _NOUN_RE, _NUM_CORE_RE,
    _NUMBER_WORD_SET, _NUMBER_WORDS_RE, _ONE_GROUP_RE, _RANGE_SEP_RE, _looks_verb, _parse_number,
    _parse_number_words, _qualifier, _unit_at,
)
from service.judge.signals.records import Quantity
from service.judge.signals.text import _looks_english, _prev_word, _sentence_initial, scoped_cache
from service.text.words import STOP as _STOP
from service.text.words import WORD_RE as _WORD_RE
from service.text.words import roots as _roots

# At most this many quantities are taken from one text (see _MAX_DATES in dates.py).
_MAX_QUANTITIES = 64
_F = re.IGNORECASE


# Quantity extraction stops once it holds this many raw mentions of a kind: merging ranges
# ("10-15 persen") joins at most two raw mentions into one, so the first _MAX_QUANTITIES
# quantities depend only on the first 2 * _MAX_QUANTITIES raw mentions (plus one to look ahead).
_RAW_QUANTITY_LIMIT = 2 * _MAX_QUANTITIES + 2


@scoped_cache(maxsize=8192)
def _extract_quantities_cached(written: str) -> tuple[Quantity, ...]:
    # "1x24 jam", "2 x 24 jam": the product, written in place (offsets unchanged), then quoted as written.
    text, products = _multiplied_out(written)
    found = tuple(_capped(_aged(q, text), text) for q in _extract_quantities_in(text))
    if not products:
        return found
    out = []
    for q in found:
        k = bisect.bisect_right([s for s, _ in products], q.start) - 1
        if k >= 0 and products[k][0] <= q.start < products[k][1]:
            q = replace(q, start=products[k][0], text=written[products[k][0] : q.end])
        out.append(q)
    return tuple(out)


_MULTIPLIED_RE = re.compile(r"(?<![\d.,])(\d{1,3})\s?[x×]\s?(\d{1,3})(?=\s?(?:jam|hari|hours?|days?)\b)", _F)


# "residents aged 60 and over", "warga berusia 17": an age in years, though no unit follows.
# An age: "berusia 15", and a bare figure bounding children or the old ("Children under 14", "anak di bawah 12").
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|berusia|berumur|usia|umur|(?:children|child|kids|anak|anak-anak|balita|"
                            r"remaja|lansia)\s+(?:under|below|over|above|di bawah|di atas))\s*$", re.IGNORECASE)


_LIST_GOES_ON_RE = re.compile(r"\s*(?:,|dan\b|and\b|atau\b|or\b|-|–|hingga\b|sampai\b|to\b)\s*\d", re.IGNORECASE)


def _aged(q: Quantity, text: str) -> Quantity:
    if (q.unit is None and q.noun is None and _AGE_BEFORE_RE.search(text, max(0, q.start - 24), q.start)
            and not _LIST_GOES_ON_RE.match(text, q.end)):  # "pada usia 2, 3, dan 12 bulan": the list's unit
        return replace(q, unit="year")
    return q


# A limit said before a figure in other words than a qualifier of numbers._QUAL_RE, with at most one word between.
_CAP_BEFORE_RE = re.compile(
    r"\b(?:dibatasi|membatasi|batasnya|kuota|kuotanya|paling (?:banyak|lama|tinggi)|maksimal|capped at|limited to|"
    r"restricted to|quota of)\s+(?:[^\W\d_]+\s+)?$", re.IGNORECASE)


def _capped(q: Quantity, text: str) -> Quantity:
    if q.qualifier is None and _CAP_BEFORE_RE.search(text, max(0, q.start - 40), q.start):
        return replace(q, capped=True)
    return q


def _multiplied_out(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each "AxB" before a duration unit replaced by A*B right-aligned in the same
    width ("1x24" -> "  24"), and the replaced spans. A product never has more digits than "AxB"."""
    spans: list[tuple[int, int]] = []

    def product(m: re.Match[str]) -> str:
        spans.append(m.span())
        value = str(int(m.group(1)) * int(m.group(2)))
        return value.rjust(len(m.group()))

    return _MULTIPLIED_RE.sub(product, text), spans


# A limit word a few words before a lone "satu" / "one" makes it a count.
_ONLY_BEFORE_RE = re.compile(r"\b(?:hanya|cuma|maksimal|paling banyak|only|just|at most)\s+(?:\w+\s+){0,3}$", _F)
# A bound right before "satu" / "one" and a period makes it a duration or deadline ("paling lama satu hari kerja",
# "hingga satu jam sebelum jadwal", "untuk jangka waktu satu tahun", "berlaku satu tahun", "within one hour");
# "dalam satu hari" is left out: often a rate ("per day").
_BOUND_BEFORE_RE = re.compile(r"\b(?:paling\s+(?:lama|lambat|cepat|singkat)|selambat-lambatnya|sekurang-kurangnya|"
                              r"hingga|sampai|selama|maksimal|minimal|jangka waktu|berlaku|within|up to|at least|"
                              r"at most|no later than|for)\s+$", _F)


_ONE_PERIOD = {"sejam": "hour", "sehari": "day", "seminggu": "week", "sepekan": "week", "sebulan": "month",
               "setahun": "year"}
_ONE_PERIOD_RE = re.compile(r"\b(" + "|".join(_ONE_PERIOD) + r")\b", re.IGNORECASE)
# A fraction of something, written in words, is a share of it: "seperempat harga tiket" is "25 persen" of the
# price, "dua perlima siswa" 40 percent, "sepertiga kuota" a third (rounded figures agree with it: "33 persen").
# Not of a period ("setengah jam" is a duration) and not alone.
_FRACTION_PARTS = {"se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                   "sembilan": 9, "sepuluh": 10, "dua puluh": 20, "seratus": 100}
_FRACTIONS = {"separuh": 50.0, "setengah": 50.0, "a quarter": 25.0, "a third": 100 / 3, "a fifth": 20.0, "half": 50.0,
              "three quarters": 75.0, "two thirds": 200 / 3, "two fifths": 40.0, "three fifths": 60.0}
_PER = r"(se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s?per(dua puluh|seratus|sepuluh|dua|tiga|empat|lima|" \
       r"enam|tujuh|delapan|sembilan)"
_FRACTION_RE = re.compile(
    r"(?<!pukul )(?<!jam )(?<!first )(?<!second )\b(" + _PER + "|" + "|".join(_FRACTIONS) + r")\b"
    r"(?=\s++(?:(?:dari|of)\s++(?:the\s++)?)?+"
    # not of a period ("setengah jam", "the first half of 2025"), a unit ("setengah persen" is 0.5 percent) or a clock
    # time ("pukul setengah delapan")
    r"(?!(?:jam|hari|minggu|pekan|bulan|tahun|abad|waktu|hours?|days?|weeks?|months?|years?|an?|time|persen|percent|"
    r"kilogram|kg|liter|meter|ton|juta|ribu|miliar|triliun|million|billion|satu|dua|tiga|empat|lima|enam|tujuh|"
    r"delapan|sembilan|sepuluh|sebelas)\b)[a-z]"
    # or alone, as a finding quotes it ("seperlima"), so the corpus can be asked whether it states that share
    r"|\s*+\Z)", re.IGNORECASE)
_PER_RE = re.compile(_PER, re.IGNORECASE)


def _fraction(words: str) -> tuple[float, str]:
    """The share a fraction in words names, in percent."""
    m = _PER_RE.fullmatch(words)
    share = 100 * _FRACTION_PARTS[m.group(1)] / _FRACTION_PARTS[m.group(2)] if m else _FRACTIONS[words]
    return share, "percent"


_TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_TIMES_WORD_RE = re.compile(r"\b(once|twice|thrice)\b(?!\s+(?:a|an|per|every|each)\b)", re.IGNORECASE)


def _joins_range(text: str, start: int, gap: str) -> bool:
    """The ``gap`` after the number starting at ``start`` joins it to the next one as a range: a range separator
    ("-", "hingga", "sampai", "to"), and "dan"/"and" only after "antara"/"between"."""
    if _RANGE_SEP_RE.fullmatch(gap) is None:
        return False
    if gap.strip().lower() not in ("dan", "and"):
        return True
    return re.search(r"(?:antara|between)\s*$", text[max(0, start - 9): start], _F) is not None


def _extract_quantities_in(text: str) -> tuple[Quantity, ...]:
    english_text = _looks_english(text)
    # Date spans are disjoint and sorted, so their ends are sorted too: the first date ending
    # after ``s`` is the only one that can overlap [s, e).
    dates = _extract_dates_cached(text)
    date_starts = [d.start for d in dates]
    date_ends = [d.end for d in dates]

    def in_date(s: int, e: int) -> bool:
        k = bisect.bisect_right(date_ends, s)
        return k < len(date_starts) and date_starts[k] < e

    raw: list[dict] = []
    # Each loop stops at its _RAW_QUANTITY_LIMIT-th mention (mentions come in text order within
    # a loop), the number words also at ``cutoff``, where the digits stopped: every mention before
    # the earlier stop is found, enough for the first _MAX_QUANTITIES quantities.
    cutoff = math.inf
    for m in _NUM_CORE_RE.finditer(text):
        if len(raw) >= _RAW_QUANTITY_LIMIT:
            cutoff = raw[-1]["start"]
            break
        s, e = m.span()
        core = m.group()
        if in_date(s, e):
            continue
        currency: str | None = None
        q_start = s
        before = text[s - 1] if s else " "
        if before.isalnum() or before in "$€£¥":
            cm = _CUR_PREFIX_RE.search(text, max(0, s - 6), s)
            if not cm:
                continue  # "G20", "COVID19", "U17": part of a name
            currency = _CUR_PREFIX_NORM.get(cm.group(1).lower())
            q_start = cm.start()
            if q_start > 0 and text[q_start - 1].isalnum():
                continue
        elif before == " " and s >= 2:
            cm = _CUR_PREFIX_RE.search(text, max(0, s - 6), s)
            if cm and (cm.start() == 0 or not text[cm.start() - 1].isalnum()):
                currency = _CUR_PREFIX_NORM.get(cm.group(1).lower())
                q_start = cm.start()
        if before in "-–" and s >= 2 and text[s - 2].isalpha():
            continue  # "COVID-19", "ke-3", "H-1", "U-17"
        if before in "/:#" or (before in ".," and s >= 2 and text[s - 2].isalnum()):
            continue  # "11/2020", "10:30", "No.5"
        after = text[e : e + 2]
        if after[:1] in ("/", ":") and after[1:2].isdigit():
            continue
        if re.match(r"-?an\b", text[e : e + 3]):
            continue  # "2000-an", "1990an": decades
        # Multiplier and unit.
        pos = e
        mult = 1.0
        mult_word = ""
        mm = _MULT_RE.match(text, pos)
        if mm:
            mult_word = mm.group(1).lower()
            mult = _MULTIPLIERS[mult_word]
            pos = mm.end()
        elif currency:
            am = _MULT_ABBR_RE.match(text, pos)
            if am:
                abbr = am.group(1)
                mult = {"T": 1e12, "B": 1e9, "bn": 1e9, "mn": 1e6, "mln": 1e6, "jt": 1e6, "rb": 1e3,
                        "k": 1e3, "K": 1e3}.get(abbr, 1e9 if currency == "IDR" else 1e6)  # Rp5 M = miliar
                pos = am.end()
        unit, upos = _unit_at(text, pos)
        if unit in ("IDR", "USD", "EUR", "SGD", "AUD", "JPY", "CNY", "MYR") and currency:
            unit = currency  # "Rp 5 triliun rupiah": keep the prefix's currency
        if unit is None and pos == e and text[e : e + 1].isalpha():
            continue  # "5G", "3rd", "2nd": not a quantity
        if unit is None and currency:
            unit = currency
        if currency and unit != currency and unit not in ("IDR", "USD", "EUR", "SGD", "AUD", "JPY", "CNY", "MYR"):
            # "$5 per ton" keeps money; unit word then belongs to a rate.
            unit = currency
        if unit is not None:
            pos = upos
        # Language of this mention: local cue first, then the whole text.
        local = text[e:pos]
        if mult_word in _ENGLISH_MULT or _ENGLISH_UNIT_WORDS.search(local):
            english = True
        elif mult_word or _INDONESIAN_UNIT_WORDS.search(local) or currency == "IDR":
            english = False
        else:
            english = english_text
        if currency == "IDR" and not mult_word and _ONE_GROUP_RE.fullmatch(core):
            # A rupiah amount is never written with three decimals: "Rp1,980" (English) and
            # "Rp1.980" (Indonesian) are both 1,980 (read as 1.98, they clashed with each other).
            english = "," in core
        parsed = _parse_number(core, english)
        if parsed is None:
            continue
        value, step = parsed
        is_yearish = (
            "." not in core and "," not in core and len(core) == 4 and 1800 <= value <= 2100
        )
        if is_yearish and not currency and mult == 1.0 and unit is None:
            continue  # a year: dates handle it
        # Labels and names: "Pasal 33", "Asta Cita 3", "Liga 1", "pukul 10.30".
        prev = _prev_word(text, q_start)
        prev_l = prev.lower()
        if not currency:
            if prev_l in _LABEL_WORDS and (unit is None or prev_l not in _WEAK_LABELS):
                continue  # "Pasal 33", "Nomor 5 Tahun 2021"; but "turun ke 1,5 persen" counts
            if (
                unit is None
                and prev[:1].isupper()
                and prev_l not in _STOP
                and not _sentence_initial(text, q_start - len(prev) - 1 if q_start > len(prev) else 0)
            ):
                continue
        if re.match(r"\s*(?:wib|wita|wit)\b", text[pos : pos + 6], _F):
            continue  # clock time
        noun: str | None = None
        if unit is None:
            nm = _NOUN_RE.match(text, pos)
            if nm and nm.group(1) not in _NOT_NOUNS and not _looks_verb(nm.group(1)):
                noun = nm.group(1)
                nm2 = _NOUN_RE.match(text, nm.end()) if noun in _CLASSIFIERS else None
                if nm2 and nm2.group(1) not in _NOT_NOUNS:
                    noun, pos = nm2.group(1), nm2.end()  # "8 lembar saham" counts "saham"
                else:
                    pos = nm.end()  # a classifier alone is what is counted: "paling banyak 50 batang per orang"
        raw.append(
            dict(value=value * mult, unit=unit, start=q_start, end=pos, noun=noun,
                 qual=_qualifier(text, q_start, pos), step=step * mult, mult=mult,
                 change=bool(_CHANGE_RE.search(text, max(0, q_start - 40), q_start)))
        )

    # Number words ("lima persen", "dua puluh lima ribu ton", "five percent").  A number word
    # must not overlap a mention already found: digit mentions are looked up by bisection (their
    # starts are increasing; ``digit_reach`` is the furthest end so far), and earlier number
    # words all start before this one, so only the furthest end among them matters.
    digit_starts = [r["start"] for r in raw]
    digit_reach = list(itertools.accumulate((r["end"] for r in raw), max))
    words_reach = -1
    n_words = 0
    has_number_word = not {w.lower() for w in _WORD_RE.findall(text)}.isdisjoint(_NUMBER_WORD_SET)
    for m in _NUMBER_WORDS_RE.finditer(text) if has_number_word else ():
        s, e = m.span()
        if s >= cutoff or n_words >= _RAW_QUANTITY_LIMIT:
            break
        k = bisect.bisect_left(digit_starts, s)
        if k < len(digit_starts) and digit_starts[k] < e:
            continue  # a digit mention starts inside
        k = bisect.bisect_right(digit_starts, s)
        if (k and digit_reach[k - 1] > s) or words_reach > s:
            continue  # inside an earlier mention
        if in_date(s, e) or _CLOCK_BEFORE.search(text, max(0, s - 7), s):
            continue  # "pukul setengah delapan" is a clock time
        if s and (text[s - 1].isdigit() or text[max(0, s - 2) : s].strip()[-1:].isdigit()):
            continue  # "3 juta": the digits path owns it
        words = re.split(r"[\s-]+", m.group())
        value = _parse_number_words(words)
        if value is None:
            continue
        if m.group()[0].isupper() and not _sentence_initial(text, s):
            continue  # "Lima" (the city), "Dua Belas" in a name
        if re.search(r"\b(?:salah|satu-satunya|one of|no)\s*$", text[max(0, s - 8) : s], _F):
            continue
        # "satu"/"one"/"setengah" alone are mostly articles ("satu rumah tangga"), unless a limit comes
        # first: "hanya dapat mendaftar pada satu instansi" counts.
        counted_one = value < 2 and bool(_ONLY_BEFORE_RE.search(text[max(0, s - 48) : s]))
        unit, upos = _unit_at(text, e)
        counted_one = counted_one or unit == "times"  # "dapat diperpanjang satu kali" counts
        # "setengah tahun", "setengah jam": half of a period is a duration, never an article
        counted_one = counted_one or (value == 0.5 and unit in _PERIOD_UNITS)
        counted_one = counted_one or (unit in _PERIOD_UNITS and _after_bound(text, s))
        if len(words) == 1 and value <= 1 and not counted_one:
            continue
        has_mult = any(w.lower() in _MULTIPLIERS for w in words) or value >= 1000
        noun = None
        pos = upos if unit else e
        if unit is None:
            if value < 2 and not counted_one:
                continue
            nm = _NOUN_RE.match(text, e)
            if not nm or nm.group(1) in _NOT_NOUNS:
                continue
            noun = nm.group(1)
            if noun in _CLASSIFIERS or _looks_verb(noun):
                continue
            pos = nm.end()
        raw.append(
            dict(value=value, unit=unit, start=s, end=pos, noun=noun, qual=_qualifier(text, s, pos),
                 step=1.0, mult=1.0, change=bool(_CHANGE_RE.search(text, max(0, s - 40), s)))
        )
        words_reach = max(words_reach, pos)
        n_words += 1

    # English counts of times ("can be extended once", "twice"); "once a year" is a frequency (frequencies.py).
    _add_worded(raw, text, cutoff, _TIMES_WORD_RE, lambda w: (float(_TIMES_WORDS[w]), "times"))
    # "paling lama sebulan", "berlaku setahun": one period written as a word, a duration after a bound only.
    _add_worded(raw, text, cutoff, _ONE_PERIOD_RE, lambda w: (1.0, _ONE_PERIOD[w]), after_bound=True)
    _add_worded(raw, text, cutoff, _FRACTION_RE, _fraction)

    raw.sort(key=lambda r: r["start"])
    out: list[Quantity] = []
    i = 0
    while i < len(raw) and len(out) < _MAX_QUANTITIES:
        r = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        gap = text[r["end"] : nxt["start"]] if nxt else ""
        measured = nxt is not None and (nxt["unit"] is not None or nxt["noun"] is not None)
        if nxt and measured and r["unit"] is None and r["noun"] is None:
            # Ranges: "10-15 persen", "1 hingga 2 juta ton": the left number inherits the
            # right's unit/multiplier and both become one ranged quantity.
            if _joins_range(text, r["start"], gap):
                lo = r["value"] * (nxt["mult"] if r["mult"] == 1.0 else 1.0)
                hi = nxt["value"]
                if lo < hi:
                    out.append(Quantity(lo, nxt["unit"], text[r["start"] : nxt["end"]], r["start"],
                                        nxt["end"], nxt["noun"], "range", hi, nxt["step"], nxt["change"]))
                    i += 2
                    continue
            # "57 dari 107 provinsi", "five of the 20 ministries": a part of the same noun.
            if re.fullmatch(r"\s++(?:dari|of|out of|of the)\s++", gap, _F):
                out.append(Quantity(r["value"], nxt["unit"], text[r["start"] : r["end"]].rstrip(), r["start"],
                                    r["start"] + len(text[r["start"] : r["end"]].rstrip()), nxt["noun"],
                                    r["qual"], None, r["step"], r["change"]))
                i += 1
                continue
        if nxt and r["unit"] is not None and r["unit"] == nxt["unit"] and r["mult"] == nxt["mult"]:
            # "Rp24.000 sampai Rp26.000", "Rp24.000–Rp26.000": both ends written with their unit. Not "dari X
            # hingga Y" (a change from X to Y) unless a range is named ("range from"), nor "X dan Y" (two values)
            # unless after "antara".
            ranged = re.search(r"(?:range|ranges|ranging|berkisar|rentang)\s+(?:dari|from)\s*$",
                               text[max(0, r["start"] - 25): r["start"]], _F)
            changed = re.search(r"(?:dari|from)\s*$", text[max(0, r["start"] - 9): r["start"]], _F)
            if _joins_range(text, r["start"], gap) and r["value"] < nxt["value"] and (ranged or not changed):
                out.append(Quantity(r["value"], r["unit"], text[r["start"]: nxt["end"]], r["start"], nxt["end"],
                                    nxt["noun"], "range", nxt["value"], nxt["step"], nxt["change"]))
                i += 2
                continue
        # Compound durations: "1 jam 49 menit" is one duration (in minutes).
        if nxt and (r["unit"], nxt["unit"]) in (("hour", "minute"), ("minute", "second")) and re.fullmatch(
            r"\s*+(?:dan|and|,)?\s*+", gap, _F  # possessive: "\s*...\s*" is quadratic on long blanks
        ):
            f = 60.0
            unit = "minute" if r["unit"] == "hour" else "second"
            out.append(Quantity(r["value"] * f + nxt["value"], unit, text[r["start"] : nxt["end"]], r["start"],
                                nxt["end"], None, r["qual"], None, 1.0, r["change"]))
            i += 2
            continue
        t = text[r["start"] : r["end"]].rstrip()
        out.append(Quantity(r["value"], r["unit"], t, r["start"], r["start"] + len(t), r["noun"], r["qual"],
                            None, r["step"], r["change"]))
        i += 1
    return tuple(out)


def _after_bound(text: str, start: int) -> bool:
    """A bound ("paling lama", "hingga", "within") stands right before ``start``."""
    return bool(_BOUND_BEFORE_RE.search(text[max(0, start - 32) : start]))


def _add_worded(raw: list[dict], text: str, cutoff: float, pattern: re.Pattern[str],
                value_unit: Callable[[str], tuple[float, str]], after_bound: bool = False) -> None:
    """Append to ``raw`` each mention of a figure written as one word (``pattern``'s group 1, lower-cased, gives
    its value and unit) that no mention already in ``raw`` covers; ``after_bound``: only right after a bound.
    Like the loops before it, this stops at its _RAW_QUANTITY_LIMIT-th mention or at ``cutoff``."""
    found = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        if s >= cutoff or found >= _RAW_QUANTITY_LIMIT:
            break
        if (after_bound and not _after_bound(text, s)) or any(r["start"] < e and s < r["end"] for r in raw):
            continue
        found += 1
        value, unit = value_unit(m.group(1).lower())
        raw.append(dict(value=value, unit=unit, start=s, end=e, noun=None, qual=_qualifier(text, s, e), step=1.0,
                        mult=1.0, change=False))


_CLOCK_BEFORE = re.compile(r"\b(?:pukul|jam)\s+$", re.IGNORECASE)  # a number word after it tells the time


def extract_quantities(text: str) -> list[Quantity]:
    """Find number mentions in ``text`` and normalise them.

    Indonesian and English formats: "1.000.000", "2,5", "1,5 persen", "Rp335 triliun",
    "Rp 1,2 miliar", "USD 3 juta", "40 ribu ton", "lima persen", "1,000,000", "2.5",
    "3.5 billion", "five percent", "$3 million".  Years, dates, clock times, ordinals and
    numbers inside names ("Asta Cita 3", "G20", "Pasal 33", "COVID-19") are skipped.  At most
    ``_MAX_QUANTITIES`` mentions, the first in the text.
    """
    return list(_extract_quantities_cached(text))


# Comparison happens in a base unit so "40 ribu ton" equals "40 juta kg"; the mention
# itself keeps the unit it was written in.
_BASE_UNIT: dict[str, tuple[str, float]] = {
    "kg": ("ton", 1e-3), "kiloliter": ("liter", 1e3), "gram": ("ton", 1e-6), "km": ("m", 1e3), "hour": ("minute", 60.0),
    "day": ("minute", 1440.0), "week": ("minute", 10080.0),  # "1x24 jam" = "satu hari"; months vary
    "year": ("month", 12.0),  # "setengah tahun" = "enam bulan"
    "second": ("minute", 1 / 60), "GW": ("MW", 1e3), "km2": ("hectare", 100.0), "m2": ("hectare", 1e-4),
}  # fmt: skip
_PERIOD_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
_MONEY_UNITS = frozenset({"IDR", "USD", "EUR", "SGD", "AUD", "JPY", "CNY", "MYR", "GBP"})


def _base(q: Quantity) -> tuple[str | None, float]:
    if q.unit in _BASE_UNIT:
        return _BASE_UNIT[q.unit]
    return q.unit, 1.0


def _interval(q: Quantity, f: float = 1.0) -> tuple[float, float]:
    v = q.value * f
    if q.qualifier == "range" and q.upper is not None:
        return v, q.upper * f
    if q.qualifier == "approx":
        return v * 0.85, v * 1.15
    if q.qualifier in ("gt", "ge"):
        return v, math.inf
    if q.qualifier in ("lt", "le"):
        return -math.inf, v
    if q.qualifier == "other":
        return -math.inf, math.inf
    return v, v


def _quantities_agree(a: Quantity, b: Quantity) -> bool:
    """True when two same-measure quantities can describe the same fact.

    Exact values agree within 0.5% relative, or when one is the other rounded to the
    coarser mention's last digit and they are at most 10% apart ("335,4 triliun" ~
    "335 triliun", but "1 persen" !~ "1,4 persen").  Qualified mentions ("lebih dari",
    "sekitar", ranges) agree when their intervals overlap.
    """
    fa, fb = _base(a)[1], _base(b)[1]
    # Two bounds of the same kind are the figures being stated: "merugikan negara hingga Rp 2,3
    # triliun" and "hingga Rp 4,3 triliun" report different losses, though both are "up to".
    same_bound = a.qualifier == b.qualifier and a.qualifier in ("lt", "le", "gt", "ge", "other")
    # A limit against a limit: "up to 60 passengers" changes "dibatasi 45 penumpang", though 45 is under 60.
    same_bound = same_bound or any(x.qualifier in ("lt", "le") and y.qualifier is None and y.capped
                                   for x, y in ((a, b), (b, a)))
    if a.qualifier == b.qualifier == "range" and a.upper is not None and b.upper is not None:
        # Two ranges are the figures being stated: "Rp26.000 hingga Rp28.000" is not "Rp24.000 sampai
        # Rp26.000", though they touch.
        return (_quantities_agree(replace(a, qualifier=None, upper=None), replace(b, qualifier=None, upper=None))
                and _quantities_agree(replace(a, value=a.upper, qualifier=None, upper=None),
                                      replace(b, value=b.upper, qualifier=None, upper=None)))
    if (a.qualifier or b.qualifier) and not same_bound:
        lo1, hi1 = _interval(a, fa)
        lo2, hi2 = _interval(b, fb)
        slack = 0.005 * max(abs(a.value * fa), abs(b.value * fb))
        return lo1 <= hi2 + slack and lo2 <= hi1 + slack
    x, y = a.value * fa, b.value * fb
    big = max(abs(x), abs(y))
    if big == 0:
        return True
    diff = abs(x - y)
    if diff <= 0.005 * big:
        return True
    return diff <= 0.5 * max(a.step * fa, b.step * fb) + 1e-12 and diff <= 0.10 * big


def _log_distance(a: Quantity, b: Quantity) -> float:
    x, y = abs(a.value * _base(a)[1]) + 1e-12, abs(b.value * _base(b)[1]) + 1e-12
    return abs(math.log(x / y))


def _same_measure(a: Quantity, b: Quantity) -> bool:
    if a.change != b.change:
        return False  # an amount of change is not comparable with a level
    if a.unit is not None or b.unit is not None:
        return _base(a)[0] == _base(b)[0]
    if a.noun and b.noun:
        return not _roots(a.noun).isdisjoint(_roots(b.noun))
    return False


_FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)*")


def figures_stated(reference: str, draft: str) -> bool:
    """Every figure the draft writes also stands in the reference, written the same way or as an equal
    quantity in another form ("52 ribu hektare" = "52.000 hektare", "18.6 million kilolitres" =
    "18,6 juta kiloliter"). A year or other bare figure outside a quantity must stand as written."""
    literal = set(_FIGURE_RE.findall(reference))
    missing = [m for m in _FIGURE_RE.finditer(draft) if m.group() not in literal]
    if not missing:
        return True
    ours, theirs = extract_quantities(draft), extract_quantities(reference)
    for m in missing:
        q = next((q for q in ours if q.start <= m.start() < q.end), None)
        # Unbounded, it is stated by a bound of the same value, as its digits would be ("48 jam" in "paling lambat
        # 2x24 jam"): a figure quoted alone has lost the bound its sentence gave it.
        if q is None or not any(_same_value(q, r if q.qualifier else replace(r, qualifier=None)) for r in theirs):
            return False
    return True


def has_figures(text: str) -> bool:
    """The text states a figure, in digits or in words ("Rp5.000", "lima ribu rupiah")."""
    return bool(_FIGURE_RE.search(text) or extract_quantities(text))


def worded_figures_stated(reference: str, draft: str) -> bool:
    """Every figure the draft writes in words has an equal value in the reference (the digits' twin is
    :func:`figures_stated`)."""
    theirs = extract_quantities(reference)
    # A figure read alone ("seribu sumur") has lost the bound its sentence gave it, as the digits have:
    # "paling sedikit 1.000 sumur" states it.
    return all(any(_same_value(q, r if q.qualifier else replace(r, qualifier=None)) for r in theirs)
               for q in extract_quantities(draft) if not _FIGURE_RE.search(q.text))


def _same_value(a: Quantity, b: Quantity) -> bool:
    """The same figure in another form: same measure and qualifier, equal value in the base unit.
    Stricter than :func:`_quantities_agree`, which lets rounded and bounded mentions agree."""
    if not _same_measure(a, b) or a.qualifier != b.qualifier:
        return False
    x, y = a.value * _base(a)[1], b.value * _base(b)[1]
    if abs(x - y) > 1e-9 * max(abs(x), abs(y)):
        return False
    return a.upper is None and b.upper is None or a.upper == b.upper
