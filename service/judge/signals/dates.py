"""Dates: mentions ("14 Februari 2026", "kuartal III", "tahun depan", "Senin") and whether two
mentions can denote the same time."""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import replace

from service.judge.signals.records import DateMention
from service.judge.signals.text import _looks_english, _prev_word, scoped_cache
from service.text.words import WORD_RE as _WORD_RE

# At most this many dates are taken from one text, in order of appearance; later mentions are
# ignored (the text itself is never rejected here).  The clash finders compare every draft
# mention with every reference mention, so without a cap a caller controls the cost of a pair: a
# 2,000-character sentence packed with figures against a passage with ~50 took seconds.  A
# press-statement passage (<= 600 characters) or a draft sentence states far fewer than 64, so
# real text is unaffected.  The same holds for quantities and clock times (their modules).
_MAX_DATES = 64


_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "januari january jan",
        "februari pebruari february feb peb",
        "maret march mar",
        "april apr",
        "mei may",
        "juni june jun",
        "juli july jul",
        "agustus august agu agt ags aug",
        "september sept sep",
        "oktober october okt oct",
        "november nopember nov nop",
        "desember december des dec",
    ],
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _num
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Abbreviations and English "May"/"March" are ordinary words in lowercase; accept them
# only capitalised (checked in code).
_AMBIGUOUS_MONTHS = frozenset(k for k in _MONTHS if len(k) <= 4) | {"march"}
_FULL_MONTH_STANDALONE = frozenset(
    "januari februari maret april juni juli agustus september oktober november desember "
    "january february june july august october december".split()
)

_YEAR = r"(1[89]\d{2}|20\d{2})"
_DAY = r"(\d{1,2})"
_F = re.IGNORECASE

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])")),
    ("dmy_num", re.compile(r"(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])")),
    ("dm_paren", re.compile(r"\((\d{1,2})/(\d{1,2})\)")),
    (
        "dmy",
        re.compile(
            rf"(?<![\d.,])\b{_DAY}(?:\s*[-–]\s*{_DAY})?\s+({_MONTH_ALT})\b\.?(?:,?\s+{_YEAR}\b)?",
            _F,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"\b({_MONTH_ALT})\.?\s+{_DAY}(?:st|nd|rd|th)?(?:\s*[-–]\s*{_DAY})?(?:(?:,\s*|\s+){_YEAR})?\b(?![.,]?\d)",
            _F,
        ),
    ),
    ("my", re.compile(rf"\b({_MONTH_ALT})\.?\s+{_YEAR}\b", _F)),
    ("month", re.compile(rf"\b(?:bulan|in|since|until|by|during)\s+({_MONTH_ALT})\b", _F)),
    ("month_bare", re.compile(r"\b([A-Z][a-z]+)\b")),
    (
        "year_range",
        re.compile(rf"(?<![\d.,/-]){_YEAR}\s*[-–]\s*{_YEAR}(?![\d/]|[.,]\d|-an)"),
    ),
    ("year", re.compile(rf"(?<![\d.,/$-]){_YEAR}(?![\d/]|[.,]\d|-?an\b|\s*[-–]\s*\d)")),
    (
        "quarter",
        re.compile(
            r"\b(?:kuartal|triwulan|quarter|kwartal)\s+(?:ke-?)?(iv|iii|ii|i|[1-4]|pertama|kedua|ketiga|keempat|satu|dua|tiga|empat)\b"
            rf"(?:\s+(?:tahun\s+)?{_YEAR}\b)?",
            _F,
        ),
    ),
    (
        "quarter_en",
        re.compile(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b(?:\s+of\s+{_YEAR}\b)?", _F),
    ),
    ("quarter_q", re.compile(rf"\bQ([1-4])\b(?:\s*[-/]?\s*{_YEAR}\b)?")),
    (
        "half",
        re.compile(
            r"\b(?:semester|paruh|paro)\s+(pertama|kedua|ii|i|1|2)\b" rf"(?:\s+(?:tahun\s+)?{_YEAR}\b)?",
            _F,
        ),
    ),
    ("half_en", re.compile(rf"\b(first|second)\s+half\b(?:\s+of\s+{_YEAR}\b)?", _F)),
]

_ORDINAL_WORDS = {
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
    "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4,
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Relative expressions -> normalised label.  Longest phrases first so that
# "akhir tahun ini" wins over "tahun ini".
_RELATIVE_PHRASES: list[tuple[str, str]] = [
    (r"akhir tahun (?:ini|berjalan)|end of (?:this|the) year|(?:this )?year[- ]end|end of this year", "end_of_this_year"),
    (r"awal tahun ini|(?:start|beginning) of (?:this|the) year|early this year", "start_of_this_year"),
    (r"pertengahan tahun ini|middle of (?:this|the) year|mid-?year", "mid_this_year"),
    (r"akhir tahun depan|end of next year", "end_of_next_year"),
    (r"awal tahun depan|(?:start|beginning) of next year|early next year", "start_of_next_year"),
    (r"akhir tahun lalu|end of last year|late last year", "end_of_last_year"),
    (r"akhir tahun(?!\s+(?:depan|lalu|\d))", "end_of_this_year"),
    (r"tahun ini|this year|tahun berjalan", "this_year"),
    (r"tahun depan|tahun mendatang|tahun yang akan datang|next year|the coming year", "next_year"),
    (r"tahun lalu|tahun kemarin|tahun sebelumnya|last year|the previous year", "last_year"),
    (r"akhir bulan ini|end of (?:this|the) month", "end_of_this_month"),
    (r"bulan ini|this month", "this_month"),
    (r"bulan depan|bulan mendatang|next month", "next_month"),
    (r"bulan lalu|last month", "last_month"),
    (r"(?:pekan|minggu) ini|this week", "this_week"),
    (r"(?:pekan|minggu) depan|(?:pekan|minggu) mendatang|next week", "next_week"),
    (r"(?:pekan|minggu) lalu|last week", "last_week"),
    (r"hari ini|today", "today"),
    (r"besok|esok hari|tomorrow", "tomorrow"),
    (r"kemarin|yesterday", "yesterday"),
    (r"lusa|the day after tomorrow", "day_after_tomorrow"),
]
_RELATIVE_RE = re.compile(
    "|".join(f"(?P<r{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(_RELATIVE_PHRASES)), _F
)

# (scale, offset, part) for comparing relative expressions.
_RELATIVE_MODEL: dict[str, tuple[str, int, str | None]] = {
    "end_of_this_year": ("year", 0, "end"),
    "start_of_this_year": ("year", 0, "start"),
    "mid_this_year": ("year", 0, "mid"),
    "end_of_next_year": ("year", 1, "end"),
    "start_of_next_year": ("year", 1, "start"),
    "end_of_last_year": ("year", -1, "end"),
    "this_year": ("year", 0, None),
    "next_year": ("year", 1, None),
    "last_year": ("year", -1, None),
    "end_of_this_month": ("month", 0, "end"),
    "this_month": ("month", 0, None),
    "next_month": ("month", 1, None),
    "last_month": ("month", -1, None),
    "this_week": ("week", 0, None),
    "next_week": ("week", 1, None),
    "last_week": ("week", -1, None),
    "today": ("day", 0, None),
    "tomorrow": ("day", 1, None),
    "yesterday": ("day", -1, None),
    "day_after_tomorrow": ("day", 2, None),
}

_WEEKDAYS = {
    "Senin": "monday", "Selasa": "tuesday", "Rabu": "wednesday", "Kamis": "thursday",
    "Jumat": "friday", "Jum'at": "friday", "Sabtu": "saturday", "Minggu": "sunday",
    "Monday": "monday", "Tuesday": "tuesday", "Wednesday": "wednesday",
    "Thursday": "thursday", "Friday": "friday", "Saturday": "saturday", "Sunday": "sunday",
}  # fmt: skip
WEEKDAYS = frozenset(_WEEKDAYS.values())  # the relative values of the days of the week
# "Minggu" is also "week": accept it only as "hari Minggu"/"pada Minggu" or before "(".
_WEEKDAY_RE = re.compile(
    r"\b(Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|(?:(?<=\bhari )|(?<=\bpada )|(?<=\bHari )|(?<=\bPada ))Minggu\b|\bMinggu(?=\s*[(,])"
)

_DATE_QUAL_RE = re.compile(
    r"\b(sebelum|sesudah|setelah|pasca|sejak|semenjak|hingga|sampai|until|before|after|since|by|antara|between|selama"
    # Deadlines and closing dates bound a span from above as "hingga" does: "paling lambat 21
    # Desember" and "ditutup pada 27 Februari" compare with "hingga 31 Desember" / "hingga 7 Maret".
    r"|paling\s+lambat|selambat-lambatnya|paling\s+telat|batas\s+akhir|tenggat|no\s+later\s+than"
    r"|ditutup(?:\s+pada)?|berakhir(?:\s+pada)?|closes(?:\s+on)?|ends(?:\s+on)?|deadline"
    # A date something is moved or extended to ("diundur ke 17 Oktober 2027") is its new end.
    r"|ke"
    r"|mulai|starting|effective|commencing)"
    r"\s+(?:(?:tanggal|tgl\.?|tahun|bulan|akhir|awal|pertengahan|the|end|of)\s+){0,3}$",
    _F,
)
_DATE_QUAL_NORM = {
    "sebelum": "before", "before": "before",
    "sesudah": "after", "setelah": "after", "pasca": "after", "after": "after",
    "sejak": "since", "semenjak": "since", "since": "since",
    "hingga": "until", "sampai": "until", "until": "until", "by": "until",
    "paling lambat": "until", "selambat-lambatnya": "until", "paling telat": "until", "batas akhir": "until",
    "tenggat": "until", "no later than": "until", "ditutup": "until", "ditutup pada": "until",
    "berakhir": "until", "berakhir pada": "until", "closes": "until", "closes on": "until", "ends": "until",
    "ends on": "until", "deadline": "until", "ke": "until",
    "antara": "range", "between": "range", "selama": "range",
    "mulai": "start", "starting": "start", "effective": "start", "commencing": "start",
}  # fmt: skip
# Words before a number that make it a label, not a quantity or year ("Nomor 47 Tahun 2017").
_LABEL_WORDS = frozenset(
    """
    pasal ayat nomor nomer no nr ke tahap jilid bab butir poin sila kelas level lantai
    gelombang periode episode seri chapter article section number phase stage round putaran
    babak kategori tipe versi generasi rt rw kav kavling blok gedung jalur halaman hal
    peringkat urutan ranking rank nomor-nomor pukul jam skor kode tim grup group
    """.split()
)
# Label words that are also prepositions/nouns: only a label when no unit follows ("luas lantai 5.000 meter persegi").
_WEAK_LABELS = frozenset("ke tim grup group kelas level lantai gedung blok jalur kav kavling".split())
# Units after a year-shaped number that make it a quantity ("2020 orang").
_QTY_AFTER_YEAR_RE = re.compile(
    r"\s*(?:orang|jiwa|unit|buah|ton|kg|km|hektare|hektar|ha|meter|persen|%|people|units|tons|warga|siswa|peserta)\b",
    _F,
)

_MONTH_PATTERNS = frozenset({"dmy", "mdy", "my", "month", "month_bare"})
_DIGIT_PATTERNS = frozenset({"iso", "dmy_num", "dm_paren", "year_range", "year", "quarter_q"})
_PERIOD_PATTERNS = frozenset({"quarter", "quarter_en", "half", "half_en"})
_PERIOD_ANCHORS = frozenset("kuartal triwulan quarter kwartal semester paruh paro half".split())
_RELATIVE_ANCHORS = frozenset(
    "tahun bulan pekan minggu hari besok esok kemarin lusa year month week today tomorrow "
    "yesterday end mid midyear".split()
)
_WEEKDAY_ANCHORS = frozenset(w.lower() for w in _WEEKDAYS) | {"jum"}


def _date_tuple_ok(y: int | None, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and not 1 <= d <= 31:
        return False
    if y is not None and m is not None and d is not None:
        try:
            _dt.date(y, m, d)
        except ValueError:
            return False
    return True


_DECADE_BEFORE_RE = re.compile(r"\b(?:era|dekade|dasawarsa)\s+(?:tahun\s+)?$", _F)
_CURRENCY_BEFORE_RE = re.compile(r"(?:Rp\.?|\$|USD|IDR)\s?$")


@scoped_cache(maxsize=8192)
def _extract_dates_cached(text: str) -> tuple[DateMention, ...]:
    # Every date, uncapped: quantity extraction needs all their spans to skip the numbers inside
    # dates.  Users of the mentions take the first _MAX_DATES.
    cands: list[DateMention] = []

    def add(y: int | None, mo: int | None, d: int | None, s: int, e: int, *,
            rel: str | None = None, d_end: int | None = None, y_end: int | None = None) -> None:
        if not _date_tuple_ok(y, mo, d) or (d_end is not None and not (d or 0) < d_end <= 31):
            return
        if text[e - 1] == "." and text[s : e - 1].split()[-1].lower() in _FULL_MONTH_STANDALONE | {"mei"}:
            e -= 1  # sentence-final period after a full month name
        if y is not None and mo is None and y_end is None and y % 10 == 0 and _DECADE_BEFORE_RE.search(
            text[max(0, s - 20) : s]
        ):
            y_end = y + 9  # "era 2000": the decade
        qm = _DATE_QUAL_RE.search(text[max(0, s - 40) : s])
        qual = _DATE_QUAL_NORM[" ".join(qm.group(1).lower().split())] if qm else None
        cands.append(DateMention(y, mo, d, rel, text[s:e], s, e, qual, d_end, y_end))

    # Cheap prefilters on the word set: most patterns only run when an anchor word is
    # present (the big alternations cost ~70 us per text otherwise).
    words = {w.lower() for w in _WORD_RE.findall(text)}
    has_month = not words.isdisjoint(_MONTHS)
    has_digit = any(c.isdigit() for c in text)
    for name, rx in _DATE_PATTERNS:
        if name in _MONTH_PATTERNS and not has_month:
            continue
        if name in _DIGIT_PATTERNS and not has_digit:
            continue
        if name in _PERIOD_PATTERNS and words.isdisjoint(_PERIOD_ANCHORS):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            g = m.groups()
            if name == "iso":
                add(int(g[0]), int(g[1]), int(g[2]), s, e)
            elif name == "dmy_num":
                add(int(g[3]), int(g[2]), int(g[0]), s, e)  # day-first (Indonesian and most)
            elif name == "dm_paren":
                add(None, int(g[1]), int(g[0]), s + 1, e - 1)  # without the parentheses
            elif name == "dmy":
                mon = g[2]
                if mon.lower() in _AMBIGUOUS_MONTHS and not mon[0].isupper():
                    continue
                add(int(g[3]) if g[3] else None, _MONTHS[mon.lower()], int(g[0]), s, e,
                    d_end=int(g[1]) if g[1] else None)
            elif name == "mdy":
                mon = g[0]
                if mon.lower() in _AMBIGUOUS_MONTHS and not mon[0].isupper():
                    continue
                if g[3] is None and not _looks_english(text):
                    continue  # "Mei 24" without a year is rare in Indonesian; avoid noise
                add(int(g[3]) if g[3] else None, _MONTHS[mon.lower()], int(g[1]), s, e,
                    d_end=int(g[2]) if g[2] else None)
            elif name == "my":
                mon = g[0]
                if mon.lower() in _AMBIGUOUS_MONTHS and not mon[0].isupper():
                    continue
                add(int(g[1]), _MONTHS[mon.lower()], None, s, e)
            elif name == "month":
                mon = g[0]
                if mon.lower() in _AMBIGUOUS_MONTHS and not mon[0].isupper():
                    continue
                ms = m.start(1)
                add(None, _MONTHS[mon.lower()], None, ms, e)
            elif name == "month_bare":
                if g[0].lower() in _FULL_MONTH_STANDALONE:
                    add(None, _MONTHS[g[0].lower()], None, s, e)
            elif name == "year_range":
                y0, y1 = int(g[0]), int(g[1])
                if y0 < y1 and _prev_word(text, s).lower() not in _LABEL_WORDS:
                    add(y0, None, None, s, e, y_end=y1)
            elif name == "year":
                prev = _prev_word(text, s)
                if prev.lower() in _LABEL_WORDS or _QTY_AFTER_YEAR_RE.match(text, e):
                    continue
                if _CURRENCY_BEFORE_RE.search(text[max(0, s - 5) : s]):
                    continue
                add(int(g[0]), None, None, s, e)
            elif name in ("quarter", "quarter_en", "quarter_q"):
                q = _ORDINAL_WORDS.get(g[0].lower(), 0) if name != "quarter_q" else int(g[0])
                if q:
                    add(int(g[1]) if g[1] else None, None, None, s, e, rel=f"q{q}")
            elif name in ("half", "half_en"):
                h = _ORDINAL_WORDS.get(g[0].lower(), 0)
                if h in (1, 2):
                    add(int(g[1]) if g[1] else None, None, None, s, e, rel=f"h{h}")
    for m in _RELATIVE_RE.finditer(text) if not words.isdisjoint(_RELATIVE_ANCHORS) else ():
        label = _RELATIVE_PHRASES[int(m.lastgroup[1:])][1]  # type: ignore[index]
        add(None, None, None, m.start(), m.end(), rel=label)
    for m in _WEEKDAY_RE.finditer(text) if not words.isdisjoint(_WEEKDAY_ANCHORS) else ():
        word = m.group(0)
        add(None, None, None, m.start(), m.end(), rel=_WEEKDAYS.get(word) or _WEEKDAYS[word.replace("'", "")])
    # Resolve overlaps: longest span wins (so "14 Februari 2026" beats "2026").
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    # Taken spans are disjoint, so kept sorted by start their ends are sorted too: the only one
    # that can overlap a candidate is the last starting before the candidate ends.
    starts: list[int] = []
    taken: list[DateMention] = []
    for c in cands:
        k = bisect.bisect_left(starts, c.end)
        if k == 0 or taken[k - 1].end <= c.start:
            starts.insert(k, c.start)
            taken.insert(k, c)
    return tuple(taken)


def extract_dates(text: str) -> list[DateMention]:
    """Find date mentions in ``text``.

    Handles "14 Februari 2026", "February 14, 2026", "2026-02-14", "25/4/2020", "(14/2)",
    "Februari 2026", "tahun 2026"/bare years, year and day ranges, quarters/halves
    ("kuartal III 2026", "Q3", "semester pertama") and relative expressions ("akhir tahun
    ini", "tahun depan", "next month", weekdays).  Years preceded by label words
    ("Nomor 47 Tahun 2017" keeps 2017 but never 47) are handled conservatively.  At most
    ``_MAX_DATES`` mentions, the first in the text.
    """
    return list(_extract_dates_cached(text)[:_MAX_DATES])

# --------------------------------------------------------------------------------------
# Agreement
# --------------------------------------------------------------------------------------


def _date_ordinal_range(d: DateMention) -> tuple[int, int] | None:
    if d.year is None:
        return None
    y0, y1 = d.year, d.year_end or d.year
    if d.month is None:
        lo, hi = _dt.date(y0, 1, 1), _dt.date(y1, 12, 31)
    elif d.day is None:
        lo = _dt.date(y0, d.month, 1)
        hi = _dt.date(y0 + (d.month == 12), d.month % 12 + 1, 1) - _dt.timedelta(days=1)
    else:
        lo = _dt.date(y0, d.month, d.day)
        try:
            hi = _dt.date(y0, d.month, d.day_end) if d.day_end else lo
        except ValueError:
            hi = lo
    return lo.toordinal(), hi.toordinal()


_QUARTER_OF_PART = {"end": {"q4", "h2"}, "start": {"q1", "h1"}, "mid": {"q2", "q3", "h1", "h2"}}
_WEEKDAY_LABELS = frozenset(_WEEKDAYS.values())


def _is_qh(rel: str | None) -> bool:
    return bool(rel) and rel[0] in "qh" and rel[1:].isdigit()  # type: ignore[index]


def _year_part(rel: str | None) -> str | None:
    """'end'/'start'/'mid' for parts of *this* year ("akhir tahun ini"), else None."""
    m = _RELATIVE_MODEL.get(rel or "")
    return m[2] if m and m[0] == "year" and m[1] == 0 else None


# "mulai 1 Juli" says when something starts, as "sejak 1 Januari" does and as a bare "1 Januari" may ("berlaku
# 1 Januari"). A bare date is not compared with "sejak" ("kajian sejak 2025" / "ditetapkan 2026").
_SAME_START = ({"start", "since"}, {"start", None})


def _dates_comparable(r: DateMention, d: DateMention) -> bool:
    """Whether two mentions talk about time at the same granularity.

    Mentions with different qualifiers ("sebelum 1990" vs "hingga 1990") describe
    different spans of time and are never compared.
    """
    if d.qualifier != r.qualifier and {d.qualifier, r.qualifier} not in _SAME_START:
        return False
    if d.relative or r.relative:
        if not (d.relative and r.relative):
            return False
        md, mr = _RELATIVE_MODEL.get(d.relative), _RELATIVE_MODEL.get(r.relative)
        if md and mr:
            return md[0] == mr[0]
        if d.relative in _WEEKDAY_LABELS and r.relative in _WEEKDAY_LABELS:
            return True
        if _is_qh(d.relative) and _is_qh(r.relative):
            return d.year == r.year or d.year is None or r.year is None
        # "kuartal IV" vs "akhir tahun ini" (a quarter without a year)
        return bool(
            (_year_part(d.relative) and _is_qh(r.relative) and r.year is None)
            or (_year_part(r.relative) and _is_qh(d.relative) and d.year is None)
        )
    if d.year is not None and r.year is not None:
        return True
    # At least one side lacks a year: compare month/day only.
    return d.month is not None and r.month is not None


# A calendar year written out ("2026"): what the period tests compare.
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def other_years(reference: str, draft: str) -> bool:
    """Both texts name years and share none: a figure or scope for 2025 says nothing of one for 2026."""
    ref, dra = set(YEAR_RE.findall(reference)), set(YEAR_RE.findall(draft))
    return bool(ref and dra) and ref.isdisjoint(dra)


def dates_agree(r: DateMention, d: DateMention) -> bool:
    """The draft mention ``d`` names the date of the reference mention ``r`` (or one contains the other),
    whatever ``r``'s qualifier: "hingga 3 Januari 2027" states "3 Januari 2027", "antara November 1886 dan
    Juni 1887" states "November 1886"."""
    d = replace(d, qualifier=r.qualifier)
    return _dates_comparable(r, d) and _dates_agree(r, d)


def _dates_agree(r: DateMention, d: DateMention) -> bool:
    """Whether two comparable mentions can denote the same time."""
    if d.relative or r.relative:
        md, mr = _RELATIVE_MODEL.get(d.relative or ""), _RELATIVE_MODEL.get(r.relative or "")
        if md and mr:
            if md[1] != mr[1]:
                return False
            return not (md[2] and mr[2] and md[2] != mr[2])
        if _is_qh(d.relative) and _is_qh(r.relative):
            a, b = d.relative or "", r.relative or ""
            if a[0] == b[0]:
                return a == b
            q, h = (a, b) if a[0] == "q" else (b, a)
            return int(q[1]) in ((1, 2) if h == "h1" else (3, 4))
        part = _year_part(d.relative) or _year_part(r.relative)
        if part:
            other = r.relative if _year_part(d.relative) else d.relative
            return other in _QUARTER_OF_PART[part]
        return d.relative == r.relative
    rr, dr = _date_ordinal_range(r), _date_ordinal_range(d)
    if rr and dr:
        return _meet(rr, dr)
    if r.month != d.month:
        return False
    if r.day is not None and d.day is not None:
        return _meet((r.day, r.day_end or r.day), (d.day, d.day_end or d.day))
    return True


def _meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans can name one time: a day within a span ("8 Agustus" in "6–9 Agustus"), or one span holding the
    other; two spans that only overlap ("8–11 Agustus" against "6–9 Agustus") are two schedules."""
    if a[0] < a[1] and b[0] < b[1]:
        return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
    return a[0] <= b[1] and b[0] <= a[1]
