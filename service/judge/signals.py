"""Precise, explainable conflict signals between a reference passage and a draft sentence.

Embedding similarity cannot tell a paraphrase from a contradiction: a changed number or an
inserted "tidak" barely moves the vector.  This module finds those precise contradictions
with cheap, deterministic rules (no model) and explains each one in a sentence that quotes
both fragments.

Texts are mostly Bahasa Indonesia, sometimes English.  Everything is tuned for *precision*
(a false alarm costs reviewer trust); recall is secondary.  Precision was measured on
IndoNLI train/val with ``bench/signals_on_indonli.py``.

Public API: :func:`extract_quantities`, :func:`extract_dates`, :func:`find_clashes` and
the :class:`Quantity`, :class:`DateMention` and :class:`Clash` records.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import difflib
import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import Iterable, Literal, TypeVar

__all__ = [
    "Quantity",
    "DateMention",
    "Clash",
    "extract_quantities",
    "extract_dates",
    "find_clashes",
]


# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------


_T = TypeVar("_T")
# Per-text analyses are cached, and a cache hit shows in a check's judging time. The scope (the
# agency a check runs for, set by the judge) is part of every text-keyed cache key, so one agency
# can never time a hit on another agency's sentence. Word-level caches (roots) reveal no text.
_CACHE_SCOPE: ContextVar[str] = ContextVar("selaras_signal_cache_scope", default="")


@contextmanager
def cache_scope(scope: str) -> Iterator[None]:
    """Run the ``with`` block with text caches partitioned by ``scope``."""
    token = _CACHE_SCOPE.set(scope)
    try:
        yield
    finally:
        _CACHE_SCOPE.reset(token)


def scoped_cache(maxsize: int) -> Callable[[Callable[..., _T]], Callable[..., _T]]:
    """``lru_cache`` keyed by the current :func:`cache_scope` as well as the arguments."""

    def wrap(fn: Callable[..., _T]) -> Callable[..., _T]:
        @lru_cache(maxsize=maxsize)
        def keyed(scope: str, *args: object) -> _T:
            return fn(*args)

        @wraps(fn)
        def call(*args: object) -> _T:
            return keyed(_CACHE_SCOPE.get(), *args)

        call.cache_clear = keyed.cache_clear  # type: ignore[attr-defined]
        call.cache_info = keyed.cache_info  # type: ignore[attr-defined]
        return call

    return wrap


@dataclass(frozen=True)
class Quantity:
    """A number mention, normalised.

    ``value`` is the plain number ("Rp335 triliun" -> 3.35e14, "1,5 persen" -> 1.5).
    ``unit`` is a canonical unit ("IDR", "USD", "percent", "ton", "person", ...) or None.
    The trailing fields are extras used for comparison: ``noun`` is the counted noun for
    unitless counts ("22 atlet" -> "atlet"), ``qualifier`` one of "approx", "gt", "ge",
    "lt", "le", "range" (then ``upper`` is the range's top), ``step`` the value of the
    least significant digit written (rounding tolerance) and ``change`` whether the number
    is an amount of change ("naik 5 persen") rather than a level ("menjadi 5 persen").
    """

    value: float
    unit: str | None
    text: str
    start: int
    end: int
    noun: str | None = None
    qualifier: str | None = None
    upper: float | None = None
    step: float = 1.0
    change: bool = False


@dataclass(frozen=True)
class DateMention:
    """A date or time-expression mention.

    Absolute parts (``year``/``month``/``day``) are filled as far as the text says;
    ``relative`` holds a normalised relative expression ("end_of_this_year", "next_year",
    "q3", "h1", "next_month", "monday", ...).  Extras: ``qualifier`` ("before", "after",
    "since", "until") and ``day_end``/``year_end`` for ranges ("24-29 Mei", "1946-1948").
    """

    year: int | None
    month: int | None
    day: int | None
    relative: str | None
    text: str
    start: int
    end: int
    qualifier: str | None = None
    day_end: int | None = None
    year_end: int | None = None


@dataclass(frozen=True)
class TimeMention:
    """A clock time ("pukul 21.00 WIB", "jam 9 malam", "9:30 a.m."), in minutes after midnight.

    ``offset`` is the time zone's hours ahead of UTC when the text names one (WIB 7, WITA 8,
    WIT 9), so "10.00 WITA" and "09.00 WIB" compare equal; ``upper`` closes a range
    ("pukul 10.00-12.00"); ``approx`` marks "sekitar"/"around".
    """

    minutes: int
    text: str
    start: int
    end: int
    offset: int | None = None
    upper: int | None = None
    approx: bool = False
    bound: bool = False  # "hingga/sebelum/sejak pukul 12.00": a limit, not when something happened


ClashKind = Literal["number", "date", "negation", "antonym", "entity"]


@dataclass(frozen=True)
class Clash:
    """One contradiction signal between a reference passage and a draft sentence.

    ``reason`` is a human-readable English sentence quoting both fragments; ``draft`` and
    ``reference`` are the fragments themselves.  ``rule`` names the sub-rule that fired
    (for measurement and debugging; not part of the user-facing explanation).
    """

    kind: ClashKind
    reason: str
    draft: str
    reference: str
    rule: str = ""


# --------------------------------------------------------------------------------------
# Tokens, stop words, light stemming
# --------------------------------------------------------------------------------------

# Words are letter/digit runs; an apostrophe joins contractions ("don't", "Jum'at").
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Clause boundaries for negation scope: punctuation and contrastive/subordinating words.
_CLAUSE_PUNCT_RE = re.compile(r"[.;:!?()\[\]\"“”]|,")

_ID_STOP = frozenset(
    """
    yang dan di ke dari untuk dengan pada dalam ini itu tersebut adalah ialah merupakan akan
    telah sudah sedang masih juga atau oleh sebagai karena bahwa ada para bagi kepada antara
    hingga sampai serta tetapi tapi namun jika agar supaya bisa dapat harus perlu lebih sangat
    saat ketika setelah sebelum sejak nya pun lah kah hal secara sebuah seorang sejumlah
    bagaimana apa siapa mana kami kita saya aku dia ia mereka anda beliau kata ujar ucap
    hanya pernah yakni yaitu seperti bahkan pula lagi mulai menjadi begitu maka kemudian lalu
    sehingga bila apabila meski meskipun walaupun terhadap melalui atas sendiri semua seluruh
    setiap beberapa berbagai tiap tak tidak bukan belum tanpa jangan tiada si sang kan mau
    ingin boleh pun demikian sementara selain oleh nanti kini sekarang saja cukup paling
    sebesar sebanyak senilai hampir sekitar kurang sama baik amat terlalu tentu lain hal pihak
    tahun bulan hari pekan minggu jam kali orang persen rp nomor no
    """.split()
)
_EN_STOP = frozenset(
    """
    the a an of to in on at for by with from and or but is are was were be been being will
    would shall should can could may might must has have had do does did that this these
    those it its as also which who whom whose than then there their they them he she we you
    i our his her him us said says not no never without any all some such into about over
    under more most less very just only so if when while after before since until per
    up down out off yet still each other own same both either neither nor how what why where
    """.split()
)
_STOP = _ID_STOP | _EN_STOP

_ENGLISH_CUES = frozenset(
    "the of and is are was were will would has have had that this with from by which".split()
)
_INDONESIAN_CUES = frozenset(
    "yang dan di ke dari untuk dengan pada dalam ini itu akan telah adalah tidak juga".split()
)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


@scoped_cache(maxsize=8192)
def _looks_english(text: str) -> bool:
    """Cheap language guess: English function words outnumber Indonesian ones."""
    words = [w.lower() for w in _TOKEN_RE.findall(text)]
    en = sum(w in _ENGLISH_CUES for w in words)
    idn = sum(w in _INDONESIAN_CUES for w in words)
    return en > idn


def same_language(a: str, b: str) -> bool:
    """Both texts look English or both look Indonesian (by function words; cheap, not a detector)."""
    return _looks_english(a) == _looks_english(b)


_ID_SUFFIXES = ("nya", "lah", "kah", "pun")
_ID_DERIV_SUFFIXES = ("kan", "an", "i")


@lru_cache(maxsize=65536)
def _roots(word: str) -> frozenset[str]:
    """Candidate roots of a word (Indonesian affix stripping + English inflections).

    A dictionary-free stemmer cannot pick *the* root, so it returns every plausible one and
    two words match when their candidate sets intersect.  Prefix-stripped candidates must
    keep at least 4 letters, which keeps accidental matches rare.
    """
    w = word.lower()
    out = {w}
    if not w.isalpha() or len(w) < 4:
        return frozenset(out)
    # English inflections.
    if w.endswith("ies") and len(w) > 4:
        out.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 4:
        out.add(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.add(w[:-1])
    if w.endswith("ed") and len(w) > 4:
        out.update({w[:-2], w[:-1]})
        if len(w) > 5 and w[-3] == w[-4]:
            out.add(w[:-3])
    if w.endswith("ing") and len(w) > 5:
        out.update({w[:-3], w[:-3] + "e"})
        if w[-4] == w[-5]:
            out.add(w[:-4])
    # Indonesian: inflectional particles, then derivational suffixes, then prefixes.
    bases = {w}
    for suf in _ID_SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            bases.add(w[: -len(suf)])
    for b in list(bases):
        for suf in _ID_DERIV_SUFFIXES:
            if b.endswith(suf) and len(b) - len(suf) >= 4:
                bases.add(b[: -len(suf)])
    stems = set(bases)
    for b in bases:
        stems.update(_strip_prefixes(b))
    out.update(s for s in stems if len(s) >= 4)
    return frozenset(out)


def _strip_prefixes(w: str) -> set[str]:
    out: set[str] = set()
    for pre in ("memper", "diper", "member", "mempe", "ber", "ter", "per", "di", "ke", "se"):
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            rest = w[len(pre) :]
            out.add(rest)
            # "dipertahankan" -> "pertahan" -> also strip the inner "per".
            if pre == "di" and rest.startswith(("per", "ber")) and len(rest) > 6:
                out.add(rest[3:])
    for base in ("me", "pe"):
        if not w.startswith(base):
            continue
        r = w[2:]
        if r.startswith("ny") and len(r) >= 5:
            out.add("s" + r[2:])
        elif r.startswith("ng") and len(r) >= 5:
            out.add(r[2:])
            out.add("k" + r[2:])
        elif r.startswith("m") and len(r) >= 5:
            out.add(r[1:])
            out.add("p" + r[1:])
        elif r.startswith("n") and len(r) >= 5:
            out.add(r[1:])
            out.add("t" + r[1:])
        out.add(r)  # me- + l/m/n/r/w/y roots ("melarang", "menaikkan" -> "naikkan")
    return {s for s in out if len(s) >= 4}


def _content(word: str) -> bool:
    return len(word) >= 3 and word not in _STOP and not word.isdigit()


def _content_words(text: str) -> set[str]:
    return {w for w in _TOKEN_RE.findall(text.lower()) if _content(w)}


def shared_content_words(a: str, b: str) -> int:
    """How many distinct content words (not stopwords, not numbers, ≥ 3 letters) two texts share.

    A contradiction is about the same subject, so it shares words with its reference: on the
    IndoNLI held-out slice 99.4 % of contradictions share at least one, while half of the
    nearest passages on a neighbouring topic share none.
    """
    return len(_content_words(a) & _content_words(b))


def draft_words_covered(reference: str, draft: str) -> float:
    """Share of the draft's distinct content words that also occur in the reference (1.0 if none)."""
    words = _content_words(draft)
    return len(words & _content_words(reference)) / len(words) if words else 1.0


# --------------------------------------------------------------------------------------
# Size caps
# --------------------------------------------------------------------------------------

# At most this many quantities, dates and clock times are taken from one text, in order of
# appearance; later mentions are ignored (the text itself is never rejected here).  The clash
# finders compare every draft mention with every reference mention, so without a cap a caller
# controls the cost of a pair: a 2,000-character sentence packed with figures against a passage
# with ~50 took seconds.  A press-statement passage (<= 600 characters) or a draft sentence
# states far fewer than 64 of each, so real text is unaffected.
_MAX_QUANTITIES = 64
_MAX_DATES = 64
_MAX_TIMES = 64
# The copied-wording rule (_aligned_number_clashes) aligns the two token sequences with difflib,
# which is quadratic in their lengths, so a side with more tokens than this is not aligned.  The
# rule fires only when the draft copies at least half its tokens from the reference, and a
# passage of at most 600 characters of space-separated words has at most 300 tokens, so no such
# pair loses a clash.
_MAX_ALIGN_TOKENS = 600


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

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
# "Minggu" is also "week": accept it only as "hari Minggu"/"pada Minggu" or before "(".
_WEEKDAY_RE = re.compile(
    r"\b(Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|(?:(?<=\bhari )|(?<=\bpada )|(?<=\bHari )|(?<=\bPada ))Minggu\b|\bMinggu(?=\s*[(,])"
)

_DATE_QUAL_RE = re.compile(
    r"\b(sebelum|sesudah|setelah|pasca|sejak|semenjak|hingga|sampai|until|before|after|since|by|antara|between|selama)"
    r"\s+(?:(?:tanggal|tgl\.?|tahun|bulan|akhir|awal|pertengahan|the|end|of)\s+){0,3}$",
    _F,
)
_DATE_QUAL_NORM = {
    "sebelum": "before", "before": "before",
    "sesudah": "after", "setelah": "after", "pasca": "after", "after": "after",
    "sejak": "since", "semenjak": "since", "since": "since",
    "hingga": "until", "sampai": "until", "until": "until", "by": "until",
    "antara": "range", "between": "range", "selama": "range",
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
# Label words that are also prepositions/nouns: only a label when no unit follows.
_WEAK_LABELS = frozenset("ke tim grup group kelas level".split())
# Units after a year-shaped number that make it a quantity ("2020 orang").
_QTY_AFTER_YEAR_RE = re.compile(
    r"\s*(?:orang|jiwa|unit|buah|ton|kg|km|hektare|hektar|ha|meter|persen|%|people|units|tons|warga|siswa|peserta)\b",
    _F,
)


_WORD_RE = re.compile(r"[^\W\d_]+")
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


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([^\W_]+)\W{0,3}$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


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
        if y is not None and mo is None and y_end is None and y % 10 == 0 and re.search(
            r"\b(?:era|dekade|dasawarsa)\s+(?:tahun\s+)?$", text[max(0, s - 20) : s], _F
        ):
            y_end = y + 9  # "era 2000": the decade
        qm = _DATE_QUAL_RE.search(text[max(0, s - 40) : s])
        qual = _DATE_QUAL_NORM[qm.group(1).lower()] if qm else None
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
                if re.search(r"(?:Rp\.?|\$|USD|IDR)\s?$", text[max(0, s - 5) : s]):
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
# Clock times
# --------------------------------------------------------------------------------------

_ZONES = {"wib": 7, "wita": 8, "wit": 9}
_CLOCK = r"(\d{1,2})(?:[.:](\d{2}))?"
_DAYPART = r"(?:\s+(pagi|siang|sore|petang|malam|dini\s+hari))?"
_ZONE = r"(?:\s*(WIB|WITA|WIT)\b)?"
_AMPM = r"\s*([ap])\.?\s?m\b\.?"
# Indonesian needs a clock word first ("pukul 9", "jam 21.00"): "3 jam" is a duration.
# A bare "21.00 WIB" or English "9:30" / "9 a.m." is a time on its own.
_TIME_RES = (
    re.compile(rf"\b(?:pukul|pkl\.?|pk\.|jam)\s*{_CLOCK}{_DAYPART}{_ZONE}", _F),
    re.compile(r"(?<![\d.,:])(\d{1,2})[.:](\d{2})()\s*(WIB|WITA|WIT)\b", _F),
    re.compile(rf"(?<![\d.,:])(\d{{1,2}})(?:[.:](\d{{2}}))?{_AMPM}", _F),
    re.compile(r"\bat\s+(\d{1,2}):(\d{2})\b(?![.,:]\d)", _F),
)
_TIME_RANGE_RE = re.compile(r"\s*(?:-|–|—|hingga|sampai|s\.d\.?|s/d|to|until)\s*(?:pukul\s*|jam\s*)?"
                            r"(\d{1,2})[.:](\d{2})" + _ZONE, _F)
_TIME_BOUND_RE = re.compile(r"\b(?:hingga|sampai|sebelum|sesudah|setelah|sejak|selambat-lambatnya|paling\s+lambat|"
                            r"until|before|after|since|by)\s+(?:(?:pada|pukul|jam|at)\s+)?$", _F)
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
    return (hour % 24) * 60 + minute


@scoped_cache(maxsize=4096)
def _extract_times_cached(text: str) -> tuple[TimeMention, ...]:
    found: list[TimeMention] = []
    taken: tuple[list[int], list[int]] = ([], [])  # the text the times found so far cover
    for k, pattern in enumerate(_TIME_RES):
        for m in pattern.finditer(text):
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
            if r:
                upper = _clock_minutes(int(r.group(1)), int(r.group(2)), part)
                zone = zone or r.group(3)
                end = r.end() if upper is not None else end
            before = text[max(0, m.start() - 30) : m.start()]
            approx = bool(_TIME_APPROX_RE.search(before))
            bound = bool(_TIME_BOUND_RE.search(before + (" " if k == 3 else "")))
            offset = _ZONES.get(zone.lower()) if zone else None
            start = m.start(1) if k == 3 else m.start()  # "at 10:15" quotes "10:15"
            found.append(TimeMention(minutes, text[start:end], start, end, offset, upper, approx, bound))
            _cover(taken, m.start(), end)
    return tuple(sorted(found, key=lambda t: t.start)[:_MAX_TIMES])


def extract_times(text: str) -> list[TimeMention]:
    """Clock times in ``text`` (Indonesian and English forms), in order of appearance; at most
    ``_MAX_TIMES``, the first in the text."""
    return list(_extract_times_cached(text))


def _times_agree(a: TimeMention, b: TimeMention) -> bool:
    """Same clock time (after time-zone conversion when both name one), within a range, or
    within 30 minutes when either says "sekitar"/"around"."""
    shift = (b.offset - a.offset) * 60 if a.offset is not None and b.offset is not None else 0

    def span(t: TimeMention, d: int = 0) -> tuple[int, int]:
        lo = t.minutes + d
        return lo, (t.upper + d if t.upper is not None and t.upper >= t.minutes else lo)

    lo1, hi1 = span(a, shift)
    lo2, hi2 = span(b)
    slack = 30 if a.approx or b.approx else 0
    return lo1 - slack <= hi2 and lo2 - slack <= hi1


# --------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------

# Digit runs with optional "." / "," groups.  Parsing rule (documented in _parse_number):
#   * both "." and "," present: the later one is the decimal mark;
#   * several of the same separator: thousands ("1.000.000", "1,000,000");
#   * a single "." followed by exactly three digits is a thousands separator unless the
#     mention is English ("1.000 ton" = 1000, "3.125 million" = 3.125);
#   * a single "," is a decimal comma unless the mention is English and exactly three
#     digits follow ("2,5 persen" = 2.5, "8,727 miliar" = 8.727, "1,500 people" = 1500).
_NUM_CORE_RE = re.compile(r"\d+(?:[.,]\d+)*")

_MULTIPLIERS = {
    "triliun": 1e12, "trilyun": 1e12, "trillion": 1e12,
    "miliar": 1e9, "milyar": 1e9, "billion": 1e9,
    "juta": 1e6, "million": 1e6,
    "ribu": 1e3, "thousand": 1e3,
    "ratus": 1e2, "hundred": 1e2,
}  # fmt: skip
_ENGLISH_MULT = frozenset({"trillion", "billion", "million", "thousand", "hundred"})
_MULT_RE = re.compile(r"\s?(triliun|trilyun|miliar|milyar|juta|ribu|trillion|billion|million|thousand|hundred)\b", _F)
# Abbreviated multipliers; only trusted right after a currency amount ("Rp5 T", "$3bn").
_MULT_ABBR_RE = re.compile(r"\s?(T|M|B|bn|mn|mln|jt|rb|k|K)\b")

_CUR_PREFIX_RE = re.compile(r"(Rp\.?|IDR|USD|US\$|S\$|A\$|SGD|EUR|GBP|JPY|CNY|RMB|MYR|AUD|\$|€|£|¥)\s?$")
_CUR_PREFIX_NORM = {
    "rp": "IDR", "rp.": "IDR", "idr": "IDR", "usd": "USD", "us$": "USD", "$": "USD",
    "s$": "SGD", "sgd": "SGD", "a$": "AUD", "aud": "AUD", "eur": "EUR", "€": "EUR",
    "gbp": "GBP", "£": "GBP", "jpy": "JPY", "¥": "JPY", "cny": "CNY", "rmb": "CNY",
    "myr": "MYR",
}  # fmt: skip

# Units after the number (and multiplier).  Order matters: longer alternatives first.
_UNIT_TABLE: list[tuple[str, str]] = [
    (r"poin persentase|percentage points?|ppt|pp\b", "percentage_point"),
    (r"basis poin|basis points?|bps|bp\b", "bps"),
    (r"%|persen\b|per ?cent\b|pct\b", "percent"),
    (r"rupiah\b", "IDR"),
    (r"dolar singapura|singapore dollars?", "SGD"),
    (r"dolar australia|australian dollars?", "AUD"),
    (r"(?:dolar|dollars?)(?:\s+(?:as|amerika(?: serikat)?|us))?\b|us dollars?", "USD"),
    (r"euro\b|euros\b", "EUR"),
    (r"yen\b", "JPY"),
    (r"yuan\b|renminbi\b", "CNY"),
    (r"ringgit\b", "MYR"),
    (r"ton\b|tons\b|tonnes?\b|tonase\b", "ton"),
    (r"kilogram\b|kilograms\b|kg\b", "kg"),
    (r"gram\b|grams\b", "gram"),
    (r"km2\b|km²|kilometer persegi|square kilomet(?:er|re)s?", "km2"),
    (r"m2\b|m²|meter persegi|square met(?:er|re)s?", "m2"),
    (r"kilometer\b|kilometers\b|kilometres?\b|km\b", "km"),
    (r"meter\b|meters\b|metres?\b|(?-i:m)\b", "m"),
    (r"hektare\b|hektar\b|hectares?\b|ha\b", "hectare"),
    (r"liter\b|liters\b|litres?\b", "liter"),
    (r"barel\b|barrels?\b", "barrel"),
    (r"gigawatt\b|gw\b", "GW"),
    (r"megawatt\b|mw\b", "MW"),
    (r"kwh\b", "kWh"),
    (r"orang\b|jiwa\b|people\b|persons?\b|individu\b|individuals?\b", "person"),
    (r"kepala keluarga|kk\b|households?\b|rumah tangga\b", "household"),
    (r"unit\b|units\b|buah\b", "unit"),
    (r"tahun\b|years?\b", "year"),
    (r"bulan\b|months?\b", "month"),
    (r"pekan\b|minggu\b|weeks?\b", "week"),
    (r"hari\b|days?\b", "day"),
    (r"jam\b|hours?\b", "hour"),
    (r"menit\b|minutes?\b", "minute"),
    (r"detik\b|seconds?\b", "second"),
    (r"kali\b|times\b", "times"),
]
_UNIT_RE = re.compile(
    r"\s?(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNIT_TABLE)) + ")", _F
)
_ENGLISH_UNIT_WORDS = re.compile(r"percent|per cent|dollars?|tons|tonnes|people|persons|years|months|units", _F)
_INDONESIAN_UNIT_WORDS = re.compile(r"persen|rupiah|dolar|orang|jiwa|tahun|bulan|buah", _F)
# Classifiers count the following noun ("8 lembar saham" counts "saham").
_CLASSIFIERS = frozenset("ekor lembar butir batang helai biji pucuk bidang potong pasang keping".split())
_NOUN_RE = re.compile(r"\s+([a-z][a-z]+(?:-[a-z]+)?)\b")
_NOT_NOUNS = _STOP | frozenset(
    "lebih kurang sekitar hingga sampai atau dan per wib wita wit pm am lalu silam kemudian "
    "terakhir pertama lainnya saja kali sebelumnya berikutnya".split()
)

_QUAL_RE = re.compile(
    r"(?:^|\b)(sekitar|kurang lebih|lebih kurang|kira-kira|sekira|hampir|approximately|about|around|roughly|nearly|almost|some"
    r"|tidak lebih dari|tak lebih dari|no more than|tidak kurang dari|tak kurang dari|no less than"
    r"|lebih dari|di atas|more than|over|above|exceeding|melebihi|lebih|"
    r"minimal|sedikitnya|setidaknya|paling sedikit|at least|minimum|"
    r"kurang dari|di bawah|less than|fewer than|under|below|"
    r"maksimal|maksimum|paling banyak|hingga|sampai|up to|at most|maximum|"
    r"antara|between|±|~)\s*$",
    _F,
)
_QUAL_NORM = {
    "sekitar": "approx", "kurang lebih": "approx", "lebih kurang": "approx", "kira-kira": "approx",
    "sekira": "approx", "hampir": "approx", "approximately": "approx", "about": "approx",
    "around": "approx", "roughly": "approx", "nearly": "approx", "almost": "approx", "some": "approx",
    "±": "approx", "~": "approx",
    "tidak lebih dari": "le", "tak lebih dari": "le", "no more than": "le",
    "tidak kurang dari": "ge", "tak kurang dari": "ge", "no less than": "ge",
    "lebih dari": "gt", "di atas": "gt", "more than": "gt", "over": "gt", "above": "gt",
    "exceeding": "gt", "melebihi": "gt", "lebih": "gt",
    "minimal": "ge", "sedikitnya": "ge", "setidaknya": "ge", "paling sedikit": "ge",
    "at least": "ge", "minimum": "ge",
    "kurang dari": "lt", "di bawah": "lt", "less than": "lt", "fewer than": "lt", "under": "lt",
    "below": "lt",
    "maksimal": "le", "maksimum": "le", "paling banyak": "le", "hingga": "le", "sampai": "le",
    "up to": "le", "at most": "le", "maximum": "le",
    "antara": "approx", "between": "approx",
}  # fmt: skip
_RANGE_SEP_RE = re.compile(r"\s*+(?:-|–|—|hingga|sampai|s\.d\.?|s/d|to|dan|and)\s*+", _F)

# Number words.  Digits are handled above; these cover "lima persen", "dua puluh lima
# ribu ton", "five percent".
_NUMBER_WORDS: dict[str, float] = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "sejuta": 1e6, "semiliar": 1e9, "setengah": 0.5, "separuh": 0.5,
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "half": 0.5,
}  # fmt: skip
_NUMBER_WORD_ALT = "|".join(
    sorted(list(_NUMBER_WORDS) + ["belas", "puluh", "ratus"] + list(_MULTIPLIERS), key=len, reverse=True)
)
_NUMBER_WORD_SET = frozenset(_NUMBER_WORDS) | {"belas", "puluh", "ratus"}
_NUMBER_WORDS_RE = re.compile(rf"\b(?:{_NUMBER_WORD_ALT})(?:[\s-]+(?:{_NUMBER_WORD_ALT}))*\b", _F)


# A number right after a verb of change is an amount of change, not a level:
# "naik 5 persen" / "rose by 5 percent" vs "menjadi 5 persen" / "to 5 percent".
_CHANGE_RE = re.compile(
    r"\b(?:naik|turun|meningkat|menurun|bertambah|berkurang|tumbuh|melonjak|anjlok|merosot|melemah|"
    r"menguat|terkoreksi|susut|menyusut|terdepresiasi|terapresiasi|kenaikan|penurunan|peningkatan|"
    r"pertumbuhan|increased?|increases|rose|rises?|fell|falls?|grew|grows?|dropped|drops?|gained|gains?|"
    r"declined?|declines|jumped|climbed|slid|lost|up|down)"
    r"(?:\s+(?:sebesar|sekitar|hingga|sampai|lebih dari|kurang dari|by|about|around|more than|nearly|almost))?"
    r"\s*(?:Rp\.?|US\$|\$|USD|IDR)?\s*$",
    _F,
)
# "100 pasien lainnya", "another 5 people": a different set from any mentioned before.
_OTHER_AFTER_RE = re.compile(r"\s+(?:lainnya|lain|lagi|tambahan|more|others?)\b", _F)
_OTHER_BEFORE_RE = re.compile(r"\b(?:another|other|additional|further|extra|tambahan)\s*$", _F)


def _qualifier(text: str, start: int, end: int) -> str | None:
    if _OTHER_AFTER_RE.match(text, end) or _OTHER_BEFORE_RE.search(text, max(0, start - 12), start):
        return "other"
    qm = _QUAL_RE.search(text, max(0, start - 30), start)
    return _QUAL_NORM.get(qm.group(1).lower()) if qm else None


_ONE_GROUP_RE = re.compile(r"\d{1,3}[.,]\d{3}")


def _parse_number(core: str, english: bool) -> tuple[float, float] | None:
    """Parse a digit string; return (value, step) or None when it is not a plain number.

    ``step`` is the value of the last written digit (for rounding tolerance).
    See the rule comment above ``_NUM_CORE_RE``.
    """
    dots, commas = core.count("."), core.count(",")
    if dots and commas:
        dec = "." if core.rfind(".") > core.rfind(",") else ","
        thou = "," if dec == "." else "."
        int_part, frac = core.rsplit(dec, 1)
        if dec in int_part:
            return None
        groups = int_part.split(thou)
    elif dots > 1 or commas > 1:
        sep = "." if dots else ","
        groups = core.split(sep)
        frac = ""
    elif dots == 1 or commas == 1:
        sep = "." if dots else ","
        left, right = core.split(sep)
        # "0.858" can only be a decimal, whatever the language.
        is_thousands = len(right) == 3 and left != "0" and (english if sep == "," else not english)
        if is_thousands:
            groups, frac = [left, right], ""
        else:
            groups, frac = [left], right
    else:
        groups, frac = [core], ""
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None  # "1.2.3" is a section number, not a quantity
    whole = "".join(groups)
    value = float(f"{whole}.{frac}" if frac else whole)
    step = 10.0 ** (-len(frac)) if frac else 1.0
    return value, step


_NASAL_NOUNS = frozenset("menteri menit mentor memori menu mesin merek media medali meja meter".split())


def _looks_verb(word: str) -> bool:
    """Indonesian verb morphology ("40 diselamatkan", "3 menyerang"): not a counted noun."""
    if word.startswith(("meng", "meny", "mem", "men")) and word not in _NASAL_NOUNS:
        return True
    return len(word) >= 8 and word.startswith(("di", "ber", "ter")) and word.endswith(("kan", "lah"))


def _parse_number_words(words: list[str]) -> float | None:
    total, current, last = 0.0, 0.0, 0.0
    seen = False
    for w in words:
        w = w.lower()
        if w in _NUMBER_WORDS:
            v = _NUMBER_WORDS[w]
            if v >= 1000:  # seribu, sejuta, semiliar behave like "1 ribu"
                total += (current or 1) * v if current else v
                current = last = 0.0
            else:
                current += v
                last = v
            seen = True
        elif w == "belas":
            current += 10
            last = 0.0
        elif w == "puluh":
            current = current - last + (last or 1) * 10
            last = 0.0
        elif w == "ratus":
            current = current - last + (last or 1) * 100
            last = 0.0
        elif w == "hundred":
            current = (current or 1) * 100
            last = 0.0
        elif w in _MULTIPLIERS:
            if not seen:
                return None  # a bare "juta" is not a number
            total += (current or 1) * _MULTIPLIERS[w]
            current = last = 0.0
        else:
            return None
    return total + current if seen else None


def _unit_at(text: str, pos: int) -> tuple[str | None, int]:
    m = _UNIT_RE.match(text, pos)
    if not m or m.end() == pos:
        return None, pos
    unit = _UNIT_TABLE[int(m.lastgroup[1:])][1]  # type: ignore[index]
    return unit, m.end()


def _sentence_initial(text: str, pos: int) -> bool:
    # Walks back over the stripped characters only: copying text[:pos] for every capitalised
    # word made long texts quadratic.
    i = pos
    while i > 0 and text[i - 1] in " \t\"'“(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n:"


# Quantity extraction stops once it holds this many raw mentions of a kind: merging ranges
# ("10-15 persen") joins at most two raw mentions into one, so the first _MAX_QUANTITIES
# quantities depend only on the first 2 * _MAX_QUANTITIES raw mentions (plus one to look ahead).
_RAW_QUANTITY_LIMIT = 2 * _MAX_QUANTITIES + 2


@scoped_cache(maxsize=8192)
def _extract_quantities_cached(written: str) -> tuple[Quantity, ...]:
    # "1x24 jam", "2 x 24 jam": the product, written in place (offsets unchanged), then quoted as written.
    text, products = _multiplied_out(written)
    found = _extract_quantities_in(text)
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


def _multiplied_out(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each "AxB" before a duration unit replaced by A*B right-aligned in the same
    width ("1x24" -> "  24"), and the replaced spans. A product never has more digits than "AxB"."""
    spans: list[tuple[int, int]] = []

    def product(m: re.Match[str]) -> str:
        spans.append(m.span())
        value = str(int(m.group(1)) * int(m.group(2)))
        return value.rjust(len(m.group()))

    return _MULTIPLIED_RE.sub(product, text), spans


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
                if noun in _CLASSIFIERS:
                    nm2 = _NOUN_RE.match(text, nm.end())
                    noun = nm2.group(1) if nm2 and nm2.group(1) not in _NOT_NOUNS else None
                    if noun is not None:
                        pos = nm2.end()  # type: ignore[union-attr]
                else:
                    pos = nm.end()
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
        if in_date(s, e):
            continue
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
        if len(words) == 1 and value <= 1:
            continue  # "satu"/"one"/"setengah" alone are mostly articles ("satu rumah tangga")
        unit, upos = _unit_at(text, e)
        has_mult = any(w.lower() in _MULTIPLIERS for w in words) or value >= 1000
        noun = None
        pos = upos if unit else e
        if unit is None:
            if value < 2 or not has_mult and value < 2:
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
            sep = _RANGE_SEP_RE.fullmatch(gap)
            is_and = sep is not None and gap.strip().lower() in ("dan", "and")
            between = re.search(r"(?:antara|between)\s*$", text[max(0, r["start"] - 9) : r["start"]], _F)
            if sep and (not is_and or between):
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
    "kg": ("ton", 1e-3), "gram": ("ton", 1e-6), "km": ("m", 1e3), "hour": ("minute", 60.0),
    "day": ("minute", 1440.0), "week": ("minute", 10080.0),  # "1x24 jam" = "satu hari"; months vary
    "second": ("minute", 1 / 60), "GW": ("MW", 1e3), "km2": ("hectare", 100.0), "m2": ("hectare", 1e-4),
}  # fmt: skip
# "kali" (times) counts different events within one passage ("dua kali", "99 kali"):
# comparing them gave mostly false alarms on IndoNLI.
_UNCOMPARED_UNITS = frozenset({"times"})
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
    same_bound = a.qualifier == b.qualifier and a.qualifier in ("lt", "le", "gt", "ge")
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


# --------------------------------------------------------------------------------------
# Negation vocabulary
# --------------------------------------------------------------------------------------

# True negators.  "enggan" (unwilling), "gagal" (failed), "batal" (called off) are
# lexical negators: they deny the event as firmly as "tidak" in a press statement but
# are measured as their own sub-rule.  "jangan" (don't!) and "tidak boleh/perlu/harus"
# are prohibitions/obligations: recognised as negation (so they block other rules) but
# they never fire a clash, because a prohibition does not deny a fact.
_NEGATORS_STRONG = frozenset(
    "tidak tak bukan bukanlah tidaklah belum tanpa jangan tiada enggak nggak gak tdk "
    "not no never without none nobody nothing neither nor cannot".split()
)
_NEGATORS_SOFT = frozenset("gagal batal urung enggan".split())
# Fixed expressions containing a negator that do not negate what follows:
# "tidak hanya" (not only), "tak lama" (soon), "tidak sedikit" (many), "tidak semua"
# (not all: compatible with "some"), "not only", "no longer" is kept (it negates).
_NEG_EXCEPT_NEXT = frozenset(
    """
    hanya saja sekadar cuma lain lama sedikit jarang main kurang lebih terkecuali terhitung
    pelak heran ayal urung mustahil sengaja langsung semua seluruh selalu semuanya
    only just least doubt less more later matter wonder all every always necessarily
    """.split()
)
_NEG_EXCEPT_PREV = frozenset("atau ataupun apakah or whether secara".split())
# Words skipped between a negator and its predicate.
_NEG_SKIP = frozenset(
    """
    akan dapat bisa boleh perlu harus mau ingin pernah sedang sudah lagi juga pula terlalu
    begitu sangat cukup benar ada adalah merupakan yang untuk lah pun sama sekali bakal
    mampu sempat usah kunjung menjadi jadi lebih terlalu
    will would can could should shall may might must be been being is are was were do does
    did have has had to a an any the ever yet also really
    """.split()
)
_DEONTIC = frozenset("boleh perlu harus usah wajib diwajibkan diharuskan need needs must should required".split())
_CONDITIONALS = frozenset("jika kalau apabila bila seandainya andaikan jikalau asalkan if unless whether apakah".split())
# "Ada/Beberapa X yang tidak Y" (some X are not Y) is compatible with "X Y".
_EXISTENTIAL = frozenset("ada terdapat beberapa sebagian some several many banyak".split())
# Intention/future markers: "CDB bakal mencairkan" does not clash with "belum mencairkan".
_IRREALIS = frozenset(
    "akan bakal hendak ingin mau berencana berniat mencoba berusaha segera "
    "will would going plan plans planned intend intends intended hope hopes want wants try tries "
    "won't wouldn't shan't".split()
)
# Markers that the draft talks about another time ("pernah turun" = once fell).
_OTHER_TIME = frozenset("pernah dulu dahulu dulunya sebelumnya semula once ever previously formerly".split())
_NOT_YET = frozenset("belum yet".split())
_CLAUSE_WORDS = frozenset("tetapi tapi namun sedangkan sementara padahal melainkan but whereas however while".split())


def _is_negator(tokens: tuple[tuple[str, int, int], ...], i: int, soft: bool = True) -> bool:
    w = tokens[i][0]
    if not (w in _NEGATORS_STRONG or (soft and w in _NEGATORS_SOFT) or w.endswith(("n't", "n’t"))):
        return False
    nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    prv = tokens[i - 1][0] if i > 0 else ""
    if nxt in _NEG_EXCEPT_NEXT or prv in _NEG_EXCEPT_PREV:
        return False
    if _any_negator(nxt) or _any_negator(prv):
        return False  # double negation: "bukan tanpa alasan" (not without reason)
    if w == "belum" and nxt == "lagi":
        return False  # "belum lagi" = "not to mention"
    if nxt == "satu" and i + 2 < len(tokens) and tokens[i + 2][0] == "satunya":
        return False  # "bukan satu-satunya" (not the only one)
    return True


_NEGATOR_WORDS = _NEGATORS_STRONG | _NEGATORS_SOFT


def _any_negator(w: str) -> bool:
    return w in _NEGATORS_STRONG or w in _NEGATORS_SOFT or w.endswith(("n't", "n’t"))


def _negated_at(tokens: tuple[tuple[str, int, int], ...], i: int) -> int | None:
    """Index of the negator governing token ``i`` (looking back over auxiliaries)."""
    j = i - 1
    while j >= 0 and i - j <= 4:
        if _is_negator(tokens, j):
            return j
        if tokens[j][0] not in _NEG_SKIP:
            return None
        j -= 1
    return None


# --------------------------------------------------------------------------------------
# Antonyms
# --------------------------------------------------------------------------------------


def _nasal(base: str, root: str) -> str:
    """Indonesian meN-/peN- nasal assimilation: me+tutup -> menutup, pe+kurang -> pengurang."""
    c = root[0]
    if c in "aiueo":
        return base + "ng" + root
    if c in "bfv":
        return base + "m" + root
    if c == "p":
        return base + "m" + root[1:]
    if c == "t":
        return base + "n" + root[1:]
    if c in "dcjz":
        return base + "n" + root
    if c == "s":
        return base + "ny" + root[1:]
    if c == "k":
        return base + "ng" + root[1:]
    if c in "gh":
        return base + "ng" + root
    return base + root


def _id_forms(root: str, templates: str) -> set[str]:
    """Generate affixed forms of an Indonesian root from template codes."""
    out: set[str] = set()
    for t in templates.split():
        if t == "0":
            out.add(root)
        elif t == "meN":
            out.add(_nasal("me", root))
        elif t == "meN-kan":
            out.add(_nasal("me", root) + "kan")
        elif t == "meN-i":
            out.add(_nasal("me", root) + "i")
        elif t == "di":
            out.add("di" + root)
        elif t == "di-kan":
            out.add("di" + root + "kan")
        elif t == "di-i":
            out.add("di" + root + "i")
        elif t == "peN-an":
            out.add(_nasal("pe", root) + "an")
        elif t == "per-an":
            out.add("per" + root + "an")
        elif t == "ke-an":
            out.add("ke" + root + "an")
        elif t == "ber":
            out.add("ber" + root)
        elif t == "ter":
            out.add("ter" + root)
        elif t == "-an":
            out.add(root + "an")
        elif t == "memper":
            out.update({"memper" + root, "diper" + root})
        elif t == "memper-kan":
            out.update({"memper" + root + "kan", "diper" + root + "kan"})
        else:  # pragma: no cover - programming error
            raise ValueError(t)
    return out


def _en_forms(*verbs: str) -> set[str]:
    """Regular English inflections (verbs/nouns); irregular forms are listed explicitly."""
    out: set[str] = set()
    for v in verbs:
        out.add(v)
        if v.endswith("e"):
            out.update({v + "s", v + "d", v[:-1] + "ing"})
        elif v.endswith("y") and v[-2] not in "aeiou":
            out.update({v[:-1] + "ies", v[:-1] + "ied", v + "ing"})
        else:
            out.update({v + "s", v + "ed", v + "ing", v + "es"})
    return out


# Each entry: (name, side A forms, side B forms).  Indonesian sides are generated from
# roots with the affix templates that keep the antonymous sense (e.g. bare "tingkat" is
# the noun "level", so only meningkat/meningkatkan/peningkatan count; "keturunan" is
# "descendant", so turun has no ke-an form).
_ANTONYM_PAIRS: list[tuple[str, frozenset[str], frozenset[str]]] = []


def _pair(name: str, a: Iterable[str], b: Iterable[str]) -> None:
    _ANTONYM_PAIRS.append((name, frozenset(a), frozenset(b)))


_pair(
    "naik/turun",
    _id_forms("naik", "0 meN-kan di-kan ke-an")
    | _id_forms("tingkat", "meN meN-kan di-kan peN-an")
    | _id_forms("tambah", "ber peN-an")
    | _id_forms("lonjak", "meN -an")
    | _en_forms("increase", "raise", "hike")
    | {"rise", "rises", "rose", "risen", "rising"},
    _id_forms("turun", "0 meN meN-kan di-kan peN-an")
    | _id_forms("kurang", "ber meN-i di-i peN-an")
    | _id_forms("susut", "meN peN-an")
    | {"anjlok", "merosot", "kemerosotan"}
    | _id_forms("pangkas", "meN di peN-an")
    | _en_forms("decrease", "reduce", "decline", "lower")
    | {"fall", "falls", "fell", "fallen", "falling", "cut", "cuts", "cutting", "reduction",
       "drop", "drops", "dropped", "dropping"},
)
_pair(
    "menguat/melemah",
    _id_forms("kuat", "meN memper peN-an") | _en_forms("strengthen"),
    _id_forms("lemah", "meN memper peN-an") | _en_forms("weaken"),
)
_pair(
    "membuka/menutup",
    _id_forms("buka", "meN di peN-an ter") | _en_forms("open", "reopen"),
    _id_forms("tutup", "0 meN di peN-an ter")
    | _en_forms("close", "shut") | {"closure", "shutdown", "shuts", "shutting"},
)
_pair(
    "menyetujui/menolak",
    _id_forms("setuju", "0 meN-i di-i per-an")
    | _id_forms("terima", "meN di")
    | _en_forms("approve", "accept") | {"approval", "acceptance"},
    _id_forms("tolak", "meN di peN-an")
    | _en_forms("reject", "refuse") | {"rejection", "refusal"},
)
_pair(
    "membenarkan/membantah",
    _id_forms("benar", "meN-kan di-kan")
    | {"mengonfirmasi", "mengkonfirmasi", "dikonfirmasi", "konfirmasi"}
    | _en_forms("confirm") | {"confirmation"},
    _id_forms("bantah", "meN di -an") | _id_forms("sangkal", "meN di")
    | {"deny", "denies", "denied", "denying", "denial"},
)
_pair(
    "melanjutkan/menghentikan",
    _id_forms("lanjut", "meN-kan di-kan ber ke-an") | _id_forms("terus", "meN-kan di-kan")
    | _en_forms("continue", "resume"),
    _id_forms("henti", "ber meN-kan di-kan peN-an") | {"setop", "distop"}
    | _en_forms("halt", "suspend", "cease") | {"stop", "stops", "stopped", "stopping"},
)
_pair(
    "mendukung/menentang",
    _id_forms("dukung", "meN di -an") | _en_forms("support", "endorse"),
    _id_forms("tentang", "meN di") | _en_forms("oppose") | {"opposition"},
)
_pair(
    "memperluas/mempersempit",
    _id_forms("luas", "memper per-an") | _en_forms("expand", "widen") | {"expansion"},
    _id_forms("sempit", "memper peN-an") | _en_forms("narrow", "shrink"),
)
_pair(
    "mempercepat/memperlambat",
    _id_forms("cepat", "memper per-an") | _en_forms("accelerate") | {"speed"},
    _id_forms("lambat", "meN memper per-an") | _en_forms("decelerate", "delay"),
)
_pair("surplus/defisit", {"surplus"}, {"defisit", "deficit", "deficits"})
_pair(
    "untung/rugi",
    _id_forms("untung", "ke-an meN-kan") | {"laba", "profit", "profits", "profitable"},
    _id_forms("rugi", "0 ke-an meN meN-kan di-kan") | {"loss", "losses"},
)
_pair("positif/negatif", {"positif", "positive"}, {"negatif", "negative"})
_pair(
    "tinggi/rendah",
    _id_forms("tinggi", "0 ter meN-kan") | {"high", "higher", "highest"},
    _id_forms("rendah", "0 ter meN-kan") | {"low", "lowest"},
)
_pair(
    "besar/kecil",
    _id_forms("besar", "0 ter memper") | {"larger", "largest", "bigger", "biggest"},
    _id_forms("kecil", "0 ter memper") | {"smaller", "smallest"},
)
_pair(
    "mengizinkan/melarang",
    _id_forms("izin", "meN-kan di-kan") | _id_forms("boleh", "memper-kan meN-kan di-kan")
    | _en_forms("allow", "permit") | {"permitted", "permitting"},
    _id_forms("larang", "meN di -an")
    | {"ban", "bans", "banned", "banning", "prohibit", "prohibits", "prohibited", "forbid", "forbids", "forbidden"},
)
_pair(
    "memperketat/melonggarkan",
    _id_forms("ketat", "memper peN-an") | _en_forms("tighten"),
    _id_forms("longgar", "meN-kan di-kan peN-an") | _en_forms("loosen", "relax", "ease"),
)
_pair(
    "mencabut/memberlakukan",
    _id_forms("cabut", "meN di peN-an") | _en_forms("revoke", "repeal") | {"lift", "lifts", "lifted", "lifting"},
    {"memberlakukan", "diberlakukan", "pemberlakuan"} | _en_forms("impose", "enforce", "introduce"),
)
_pair(
    "ekspor/impor",
    _id_forms("ekspor", "0 meN di") | {"eksportir", "export", "exports", "exported", "exporter", "exporters"},
    _id_forms("impor", "0 meN di") | {"importir", "import", "imports", "imported", "importer", "importers"},
)
_pair(
    "menang/kalah",
    _id_forms("menang", "0 ke-an meN-kan di-kan") | {"win", "wins", "won", "winning", "victory"},
    _id_forms("kalah", "0 ke-an") | {"lose", "loses", "lost", "losing", "defeat"},
)
_pair(
    "memperpanjang/memperpendek",
    _id_forms("panjang", "memper per-an") | _en_forms("extend", "lengthen") | {"extension"},
    _id_forms("pendek", "memper") | _en_forms("shorten"),
)
_pair("legal/ilegal", {"legal", "sah", "lawful"}, {"ilegal", "illegal", "unlawful"})
_pair(
    "dimulai/berakhir",
    _id_forms("mulai", "meN-i di-i") | _en_forms("begin", "start") | {"began", "begun"},
    _id_forms("akhir", "meN-i di-i ber") | _en_forms("end", "finish"),
)

# Phrases where a lexicon word is idiomatic, not the antonymous sense.
_ANTONYM_IDIOMS = re.compile(
    r"\b(?:perguruan tinggi|pendidikan tinggi|pengadilan tinggi|kejaksaan tinggi|mahkamah tinggi|"
    r"rendah hati|tinggi hati|duta besar|dubes|sebagian besar|besar-besaran|secara besar|hari besar|"
    r"naik (?:pesawat|kereta|kapal|bus|motor|mobil|haji|daun|banding|panggung|takhta|tahta|ke)|"
    r"turun (?:tangan|ke|hujan|temurun)|buang air (?:besar|kecil)|buka puasa|buka bersama|tutup usia|tutup mata|"
    r"high school|close to|closely|at least|end up|in the end|low-income|high-income|"
    r"usaha kecil|kecil dan menengah|mikro, kecil|rumah sakit|positif covid|negatif covid)\b",
    _F,
)

_FORM_TO_SIDES: dict[str, list[tuple[int, int]]] = {}
for _pi, (_name, _a, _b) in enumerate(_ANTONYM_PAIRS):
    for _side, _forms in ((0, _a), (1, _b)):
        for _f in _forms:
            _FORM_TO_SIDES.setdefault(_f, []).append((_pi, _side))
            _FORM_TO_SIDES.setdefault(_f + "nya", []).append((_pi, _side))


# --------------------------------------------------------------------------------------
# Text analysis (cached per text: a reference passage is compared with many drafts)
# --------------------------------------------------------------------------------------

# Starts only at the first mark of a run and holds it possessively: "[.!?]+" alone retried the
# rest of a long run of dots from every one of its characters (quadratic).
_SENT_BREAK_RE = re.compile(r"(?<![.!?])[.!?]++[\"'”’)]*+\s|\n")


@dataclass(frozen=True)
class _Analysis:
    text: str
    tokens: tuple[tuple[str, int, int], ...]
    roots: tuple[frozenset[str], ...]
    root_pool: frozenset[str]
    clause: tuple[int, ...]  # clause id per token
    sentence: tuple[int, ...]  # sentence id per token
    cond_sentences: frozenset[int]  # sentences with a conditional ("jika", "if")
    neg_clauses: frozenset[int]  # clauses containing any negation word or "kecuali"
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    times: tuple[TimeMention, ...]
    antonyms: tuple[tuple[int, int, int], ...]  # (token index, pair index, side)
    starts: tuple[int, ...]  # token start offsets, for char -> token lookup
    negators: tuple[int, ...] = ()  # tokens that negate (_is_negator), in order
    # Per-clause facts, so clause questions cost O(1) instead of a walk over the clause.
    clause_span: dict[int, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)  # first, last
    first_negator: dict[int, int] = field(default_factory=dict, compare=False, repr=False)  # clause -> token
    other_time_clauses: frozenset[int] = frozenset()  # clauses with "pernah", "dulu", ...
    # Results that depend on this text alone, filled on first use (a reference passage is checked
    # against many drafts): context windows, occurrences of a root set.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def tok_index(self, char: int) -> int:
        """Index of the token at or after character offset ``char``."""
        return bisect.bisect_left(self.starts, char)


@scoped_cache(maxsize=4096)
def _analyse(text: str) -> _Analysis:
    toks = tuple(_tokens(text))
    roots = tuple(_roots(w) for w, _, _ in toks)
    pool: set[str] = set()
    for (w, _, _), r in zip(toks, roots):
        if _content(w):
            pool |= r
    clause: list[int] = []
    sentence: list[int] = []
    cid = sid = 0
    prev_end = 0
    for w, s, e in toks:
        gap = text[prev_end:s]
        if gap == " ":  # the usual gap: no sentence or clause break but a clause word
            cid += w in _CLAUSE_WORDS
        elif _SENT_BREAK_RE.search(gap + " " if s == len(text) else gap) and prev_end:
            sid += 1
            cid += 1
        elif _CLAUSE_PUNCT_RE.search(gap) or w in _CLAUSE_WORDS:
            cid += 1
        clause.append(cid)
        sentence.append(sid)
        prev_end = e
    cond = frozenset(sentence[i] for i, (w, _, _) in enumerate(toks) if w in _CONDITIONALS)
    negc = frozenset(
        clause[i] for i, (w, _, _) in enumerate(toks) if _any_negator(w) or w in ("kecuali", "except", "selain")
    )
    # Idiom matches do not overlap and come in order: the last one starting at or before a
    # token is the only one that can contain it.
    idioms = [m.span() for m in _ANTONYM_IDIOMS.finditer(text)]
    idiom_starts = [a for a, _ in idioms]
    ants: list[tuple[int, int, int]] = []
    for i, (w, s, _) in enumerate(toks):
        sides = _FORM_TO_SIDES.get(w)
        if sides:
            k = bisect.bisect_right(idiom_starts, s) - 1
            if not (k >= 0 and s < idioms[k][1]):
                ants.extend((i, pi, side) for pi, side in sides)
    clause_span: dict[int, tuple[int, int]] = {}
    for i, c in enumerate(clause):  # clause ids never decrease along the tokens
        clause_span[c] = (clause_span[c][0] if c in clause_span else i, i)
    negators = tuple(i for i, (w, _, _) in enumerate(toks)
                     if (w in _NEGATOR_WORDS or w.endswith(("n't", "n’t"))) and _is_negator(toks, i))
    first_negator: dict[int, int] = {}
    for i in negators:
        first_negator.setdefault(clause[i], i)
    other_time = frozenset(clause[i] for i, (w, _, _) in enumerate(toks) if w in _OTHER_TIME)
    return _Analysis(
        text, toks, roots, frozenset(pool), tuple(clause), tuple(sentence), cond, negc,
        _extract_quantities_cached(text), _extract_dates_cached(text)[:_MAX_DATES], _extract_times_cached(text),
        tuple(ants), tuple(s for _, s, _ in toks), negators, clause_span, first_negator, other_time,
    )


def _fragment(a: _Analysis, i: int, before: int = 2, after: int = 3) -> str:
    """Surface text around token ``i`` (clipped to its clause)."""
    toks = a.tokens
    lo = i
    while lo > 0 and i - lo < before and a.clause[lo - 1] == a.clause[i]:
        lo -= 1
    hi = i
    while hi + 1 < len(toks) and hi - i < after and a.clause[hi + 1] == a.clause[i]:
        hi += 1
    return a.text[toks[lo][1] : toks[hi][2]]


def _window_roots(a: _Analysis, lo: int, hi: int, radius: int, *, same: str = "sentence") -> frozenset[str]:
    """Roots of content words within ``radius`` tokens outside [lo, hi] (same sentence/clause).

    Memoised per text: the same reference window is asked for by every draft it is paired with,
    and by every draft mention compared with it.
    """
    key = ("window", lo, hi, radius, same)
    found = a.memo.get(key)
    if found is None:
        found = a.memo[key] = frozenset(_window_roots_uncached(a, lo, hi, radius, same))
    return found


def _window_roots_uncached(a: _Analysis, lo: int, hi: int, radius: int, same: str) -> set[str]:
    ids = a.sentence if same == "sentence" else a.clause
    anchor = ids[min(lo, len(ids) - 1)] if ids else 0
    out: set[str] = set()
    for j in range(max(0, lo - radius), min(len(a.tokens), hi + radius + 1)):
        if lo <= j <= hi or ids[j] != anchor:
            continue
        word = a.tokens[j][0]
        # Multipliers and unit words belong to the neighbouring *quantities* ("Rp 43 triliun dari
        # target Rp 63 triliun"), not the context: sharing "triliun" does not make two amounts
        # measure the same thing. Attribution ("kata X di Jakarta, Jumat (3/8)") says when
        # something was said, so "kata" beside two dates does not make them one event's.
        if (_content(word) and word not in _MULTIPLIERS and not _UNIT_RE.fullmatch(word)
                and word not in _CONTEXT_SKIP and a.roots[j].isdisjoint(_CONTEXT_SKIP)):
            out |= a.roots[j]
    return out


_CONTEXT_SKIP = frozenset({
    "kata", "ujar", "ucap", "tutur", "jelas", "ungkap", "terang", "tegas", "sebut", "imbuh", "tambah",
    "lanjut", "menurut", "kutip", "dikutip", "lansir", "dilansir", "katanya", "ujarnya", "tuturnya",
    "said", "says", "told", "according",
    "malam", "pagi", "siang", "sore", "dini", "kemarin", "lalu",
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip


def _negated_before(a: _Analysis, i: int) -> bool:
    """A negator earlier in token ``i``'s clause: "tidak mencapai 5 persen" states no value."""
    j = a.first_negator.get(a.clause[i])
    return j is not None and j < i


def _span_tokens(a: _Analysis, start: int, end: int) -> tuple[int, int]:
    lo = a.tok_index(start)
    hi = max(lo, a.tok_index(end) - 1)
    return min(lo, max(0, len(a.tokens) - 1)), min(hi, max(0, len(a.tokens) - 1))


def _coverage(a: _Analysis, idx: Iterable[int], pool: frozenset[str]) -> float:
    """Fraction of content words at ``idx`` whose roots occur in ``pool``."""
    words = [j for j in idx if _content(a.tokens[j][0]) and not _any_negator(a.tokens[j][0])]
    if not words:
        return 1.0
    return sum(not a.roots[j].isdisjoint(pool) for j in words) / len(words)


def _clause_cover(a: _Analysis, i: int, pool: frozenset[str], cache: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(covered, counted) content words of token ``i``'s clause, as :func:`_coverage` counts them;
    ``cache`` holds them per clause for one pool (one pair), so a clause is counted once."""
    c = a.clause[i]
    found = cache.get(c)
    if found is None:
        words = [j for j in _clause_idx(a, i) if _content(a.tokens[j][0]) and not _any_negator(a.tokens[j][0])]
        found = cache[c] = (sum(not a.roots[j].isdisjoint(pool) for j in words), len(words))
    return found


def _clause_idx(a: _Analysis, i: int) -> range:
    lo, hi = a.clause_span[a.clause[i]]
    return range(lo, hi + 1)


def _existential_clause(a: _Analysis, i: int) -> bool:
    """The clause opens with "Ada/Terdapat/Beberapa/Some ..." (a claim about *some*)."""
    c = _clause_idx(a, i)
    first = [a.tokens[j][0] for j in c[:2]]
    if not first or _any_negator(first[0]):
        return False  # "Tidak ada X" is a negated existential: a real denial
    return first[0] in _EXISTENTIAL or (len(first) > 1 and first[0] in _STOP and first[1] in _EXISTENTIAL)


# Minimum share of the draft clause's content words that must occur in the reference
# for negation/antonym clashes: the draft must be *about the same thing*.  0.5 leaves
# room for synonyms ("BBM" vs "bahan bakar minyak"); on IndoNLI 0.75 bought only +0.007
# precision for -4% recall.
_MIN_COVERAGE = 0.5


# --------------------------------------------------------------------------------------
# Clash finders
# --------------------------------------------------------------------------------------


def _number_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    rqs, dqs = ref.quantities, dra.quantities
    # Which reference quantity measures the same thing as, and agrees with, which draft
    # quantity: computed once per pair (len(rqs) * len(dqs) comparisons, both capped), then
    # looked up, instead of re-comparing every draft quantity for each (draft, reference) pair.
    comparable = [rq.unit not in _UNCOMPARED_UNITS for rq in rqs]
    same = [[_same_measure(rq, dq) for dq in dqs] for rq in rqs]
    agree = [[same[r][d] and _quantities_agree(rq, dq) for d, dq in enumerate(dqs)] for r, rq in enumerate(rqs)]
    n_agree = [sum(row) for row in agree]  # draft quantities that restate reference quantity r
    out: list[Clash] = []
    for d, dq in enumerate(dqs):
        if (dq.unit is None and dq.noun is None) or dq.unit in _UNCOMPARED_UNITS or dq.qualifier == "other":
            continue
        lo, hi = _span_tokens(dra, dq.start, dq.end)
        if _negated_before(dra, lo):
            continue  # "tidak mencapai 5 persen" says nothing positive about the value
        same_idx = [r for r in range(len(rqs)) if same[r][d] and comparable[r]]
        if not same_idx or any(agree[r][d] for r in same_idx):
            continue  # a measure the reference never mentions, or a value it does state
        # Only compare with reference numbers in a related context (shared words nearby).
        d_ctx = _window_roots(dra, lo, hi, 5)
        related = [r for r in same_idx
                   if not d_ctx.isdisjoint(_window_roots(ref, *_span_tokens(ref, rqs[r].start, rqs[r].end), 6))]
        # A reference value the draft restates elsewhere is accounted for ("43 orang ...
        # tiga orang" against "43 orang ... tiga"): compare only with the others.  "Elsewhere"
        # is another draft mention than this one: discount this one's own agreement.
        related = [r for r in related if n_agree[r] - agree[r][d] == 0]
        if not related:
            continue
        rq = min((rqs[r] for r in related), key=lambda q: _log_distance(q, dq))  # quote the closest value
        rule = "number:" + (
            "percent" if dq.unit in ("percent", "percentage_point", "bps")
            else "money" if dq.unit in _MONEY_UNITS
            else "count" if dq.unit is None
            else "unit"
        )
        out.append(
            Clash("number", f'Number differs: the draft says "{dq.text}" where the reference says "{rq.text}".',
                  dq.text, rq.text, rule)
        )
    return out


def _time_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    out: list[Clash] = []
    points = [t for t in ref.times if not t.bound]
    if not points or not dra.times:
        return out
    # Whether each draft time agrees with some reference time, once per pair (both capped).
    stated = [any(_times_agree(rt, ot) for rt in ref.times) for ot in dra.times]
    n_stated = sum(stated)
    first, last = min(t.minutes for t in points), max(t.minutes for t in points)
    same_statement = draft_words_covered(ref.text, dra.text) >= 0.5
    for d, dt in enumerate(dra.times):
        if dt.bound or stated[d]:
            continue  # a limit ("sebelum pukul 10.00") is compatible with many event times
        if len(points) > 1 and first <= dt.minutes <= last:
            continue  # "dimulai 19.00 ... berakhir 21.25": 20.00 may be a moment in between
        lo, hi = _span_tokens(dra, dt.start, dt.end)
        if _negated_before(dra, lo):
            continue  # "tidak dimulai pukul 09.00" states no time
        # A draft that also states the reference's time is comparing ("diundur dari pukul 09.00 ke 13.00").
        if n_stated - stated[d] > 0:
            continue
        # Two shared words around both times: "jenazah" alone does not make "04.00 jenazah dikenakan
        # jas" and "05.00 jenazah bernafas" one event. One is enough when the sentences otherwise
        # say the same (half the draft's words in the reference): "Upacara dijadwalkan mulai pukul
        # 10.00 WIB" against "Upacara dimulai pukul 10.00 WITA dan disiarkan langsung".
        need = 1 if same_statement else 2
        d_ctx = _window_roots(dra, lo, hi, 6)
        related = [rt for rt in points
                   if len(d_ctx & _window_roots(ref, *_span_tokens(ref, rt.start, rt.end), 6)) >= need]
        if not related:
            continue
        rt = related[0]
        out.append(Clash("date", f'Time differs: the draft says "{dt.text}" where the reference says "{rt.text}".',
                         dt.text, rt.text, "date:time"))
    return out


# Words and numbers for alignment; a number glued to letters ("#May17", "B2") is a name, not a figure.
_ALIGN_TOKEN_RE = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+")


def _align_tokens(text: str, limit: int | None = None) -> list[tuple[str, int, int, bool]] | None:
    """(comparison key, start, end, is a standalone number) per word or number of ``text``;
    None as soon as there are more than ``limit``."""
    out: list[tuple[str, int, int, bool]] = []
    for m in _ALIGN_TOKEN_RE.finditer(text):
        if limit is not None and len(out) >= limit:
            return None
        tok, start = m.group(), m.start()
        if tok[0].isdigit():
            standalone = not (start and text[start - 1].isalpha()) and not (m.end() < len(text) and text[m.end()].isalpha())
            # One key per written value whatever the convention: "06.00" = "6.00" = "6:00", "2,7" = "2.7".
            key = re.sub(r"^0+(?=\d)", "", re.sub(r"[,:]", ".", tok))
            out.append((key, start, m.end(), standalone))
        else:
            out.append((tok.casefold(), start, m.end(), False))
    return out


def _around(text: str, toks: list[tuple[str, int, int, bool]], i: int) -> str:
    """Token ``i`` with one word either side ("rata-rata" counts as one word)."""
    lo, hi = max(0, i - 1), min(len(toks) - 1, i + 1)
    if lo > 0 and lo < i and text[toks[lo][1] - 1 : toks[lo][1]] == "-":
        lo -= 1
    return text[toks[lo][1] : toks[hi][2]]


def _aligned_number_clashes(ref_a: _Analysis, dra_a: _Analysis, found: list[Clash]) -> list[Clash]:
    """A figure swapped inside wording the draft otherwise copies: "Komisi 4 DPR" for "Komisi 1 DPR",
    "peron 6" for "peron 4", "KM 66 dan KM 39" for "KM 33 dan KM 39".

    The measure-aware rule above needs a unit, a counted noun or a date to know what a number
    measures; here the copied words around it say so. Fires only when the draft follows the
    reference for at least half its words, the swapped number has two identical words on each
    side (fewer where the copy reaches the text's start or end, three at least in all), it is
    not negated, and no other clash already quotes it.
    """
    reference, draft = ref_a.text, dra_a.text
    ref, dra = _align_tokens(reference, _MAX_ALIGN_TOKENS), _align_tokens(draft, _MAX_ALIGN_TOKENS)
    if not ref or not dra:
        return []  # no words, or too many to align
    # The alignment can match at most min(count in reference, count in draft) copies of each
    # token: when even that is under half the draft, the rule below cannot fire, and the
    # (quadratic) alignment is skipped.
    ref_keys, dra_keys = [t[0] for t in ref], [t[0] for t in dra]
    if sum((Counter(ref_keys) & Counter(dra_keys)).values()) < 0.5 * len(dra):
        return []
    matcher = difflib.SequenceMatcher(None, ref_keys, dra_keys, autojunk=False)
    ops = matcher.get_opcodes()
    if sum(j2 - j1 for tag, _, _, j1, j2 in ops if tag == "equal") < 0.5 * len(dra):
        return []
    out: list[Clash] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1 or not (ref[i1][3] and dra[j1][3]):
            continue
        left = ops[k - 1][4] - ops[k - 1][3] if k > 0 and ops[k - 1][0] == "equal" else 0
        right = ops[k + 1][4] - ops[k + 1][3] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else 0
        # Two copied words each side, or fewer where the copy runs to the text's start or end.
        left_ok = left >= 2 or j1 - left == 0
        right_ok = right >= 2 or j2 + right == len(dra)
        if not (left_ok and right_ok and left + right >= 3):
            continue
        if any(draft[dra[j1][1] : dra[j1][2]] in c.draft for c in found):
            continue
        at = dra_a.tok_index(dra[j1][1])
        if at < len(dra_a.tokens) and _negated_before(dra_a, at):
            continue  # "tidak menjabat ... ke-38" denies the figure; it states none
        d_frag, r_frag = _around(draft, dra, j1), _around(reference, ref, i1)
        out.append(Clash("number", f'Number differs: the draft says "{d_frag}" where the reference says "{r_frag}".',
                         d_frag, r_frag, "number:aligned"))
    return out


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


def _dates_comparable(r: DateMention, d: DateMention) -> bool:
    """Whether two mentions talk about time at the same granularity.

    Mentions with different qualifiers ("sebelum 1990" vs "hingga 1990") describe
    different spans of time and are never compared.
    """
    if d.qualifier != r.qualifier:
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
        return rr[0] <= dr[1] and dr[0] <= rr[1]
    if r.month != d.month:
        return False
    if r.day is not None and d.day is not None:
        return r.day <= (d.day_end or d.day) and d.day <= (r.day_end or r.day)
    return True


def _date_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    rds, dds = ref.dates, dra.dates
    if not rds or not dds:
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
        if not comparable:
            continue
        # Agreement with any reference mention counts, whatever its qualifier: "November
        # 1886" agrees with "antara November 1886 dan Juni 1887".
        requalified: dict[str | None, DateMention] = {}
        for rd in rds:
            if rd.qualifier not in requalified:
                requalified[rd.qualifier] = replace(dd, qualifier=rd.qualifier)
        # When the reference dates the same thing as precisely as the draft, only such dates speak
        # for it: "tahun 2026" does not back "1 Desember 2026" against "17 November 2026".
        precise = [r for r in range(len(rds)) if rspec[r] >= spec[d]]
        voices = [rds[r] for r in precise] if any(comp[r][d] for r in precise) else rds
        if any(_dates_agree(rd, requalified[rd.qualifier]) for rd in voices
               if _dates_comparable(rd, requalified[rd.qualifier])):
            continue
        # A draft that also states the reference's date is comparing, not swapping
        # ("April 2017 lebih rendah dibanding Mei 2017").  "Also" is another draft mention than
        # this one: discount this one's own agreement.
        if any(n_match[r][spec[d]] - match[r][d] > 0 for r in comparable):
            continue
        lo, hi = _span_tokens(dra, dd.start, dd.end)
        if _negated_before(dra, lo):
            continue  # "tidak diselenggarakan pada 1986" asserts no date
        d_ctx = _window_roots(dra, lo, hi, 6)
        related = [r for r in comparable
                   if not d_ctx.isdisjoint(_window_roots(ref, *_span_tokens(ref, rds[r].start, rds[r].end), 6))]
        if not related:
            continue
        rd = rds[max(related, key=lambda r: rspec[r])]  # quote the most precise
        out.append(
            Clash("date", f'Date differs: the draft says "{dd.text}" where the reference says "{rd.text}".',
                  dd.text, rd.text, "date:relative" if dd.relative else "date:absolute")
        )
    return out


def _predicate(a: _Analysis, neg: int) -> int | None:
    """Index of the content word a negator at ``neg`` applies to (None: none / deontic)."""
    toks = a.tokens
    clause = a.clause[neg]
    j = neg + 1
    # "tidak ada X yang Y": the predicate is Y.
    if j < len(toks) and toks[j][0] in ("ada", "terdapat"):
        for k in range(j + 1, min(len(toks), j + 6)):
            if a.clause[k] != clause:
                break
            if toks[k][0] == "yang":
                j = k + 1
                break
    while j < len(toks) and j - neg <= 6 and a.clause[j] == clause:
        w = toks[j][0]
        if w in _DEONTIC:
            return None  # "tidak boleh/perlu diabaikan": an obligation, not a fact
        if w in _NEG_SKIP or _any_negator(w):
            j += 1
            continue
        return j if _content(w) else None
    return None


def _occurrences(a: _Analysis, roots: frozenset[str]) -> list[int]:
    """Content tokens of ``a`` sharing a root with ``roots``, in order (via a per-text root index)."""
    index = a.memo.get("root_index")
    if index is None:
        index = {}
        for i, (w, _, _) in enumerate(a.tokens):
            if _content(w):
                for r in a.roots[i]:
                    index.setdefault(r, []).append(i)
        a.memo["root_index"] = index
    hits: set[int] = set()
    for r in roots:
        hits.update(index.get(r, ()))
    return sorted(hits)


def _asserted_count(a: _Analysis, roots: frozenset[str]) -> int:
    """How many occurrences of ``roots`` in ``a`` are asserted (memoised per root set of ``a``'s own words)."""
    key = ("asserted", roots)
    n = a.memo.get(key)
    if n is None:
        n = a.memo[key] = sum(_asserted(a, k) for k in _occurrences(a, roots))
    return n


def _asserted(a: _Analysis, k: int) -> bool:
    """Token ``k`` is stated positively: no negation anywhere in its clause."""
    return a.clause[k] not in a.neg_clauses and a.sentence[k] not in a.cond_sentences


def _irrealis_before(a: _Analysis, k: int) -> bool:
    return any(a.tokens[j][0] in _IRREALIS for j in range(max(0, k - 3), k) if a.clause[j] == a.clause[k])


def _negation_one_way(neg: _Analysis, pos: _Analysis, neg_is_draft: bool) -> list[Clash]:
    out: list[Clash] = []
    toks = neg.tokens
    cover_cache: dict[int, tuple[int, int]] = {}  # draft clause -> coverage counts
    for i in neg.negators:
        if toks[i][0] == "jangan":
            continue
        if neg.sentence[i] in neg.cond_sentences or _existential_clause(neg, i):
            continue
        p = _predicate(neg, i)
        if p is None:
            continue
        proots = neg.roots[p]
        # The negating text must not also assert the predicate elsewhere (p is one of the
        # occurrences: discount its own assertion).
        if _asserted_count(neg, proots) - _asserted(neg, p) > 0:
            continue
        clause_i = _clause_idx(neg, i)
        neg_ctx: set[str] = set()
        for j in range(max(clause_i.start, i - 3), min(clause_i.stop, p + 4)):
            if j not in (i, p) and _content(toks[j][0]):
                neg_ctx |= neg.roots[j]
        neg_irrealis = any(toks[j][0] in _IRREALIS for j in range(max(0, i - 2), p))
        pos_occ = _occurrences(pos, proots)
        if any(_negated_at(pos.tokens, k) is not None for k in pos_occ):
            continue  # both texts negate it somewhere: not a polarity flip
        for k in pos_occ:
            if not _asserted(pos, k) or _existential_clause(pos, k):
                continue
            if not neg_irrealis and toks[i][0] in _NOT_YET and _irrealis_before(pos, k):
                continue  # "akan menaikkan" vs "belum menaikkan" is not a contradiction;
                # "akan menaikkan" vs "tidak menaikkan" is (a plan against an official "no")
            if k > 0 and pos.tokens[k - 1][0] in _COMPARATIVE:
                continue  # "lebih suka X daripada Y" vs "tidak suka Y"
            if _has_other_time(pos, k) and not _has_other_time(neg, i):
                continue  # "pernah memiliki masalah" (once had) vs "tidak lagi memiliki"
            if _window_roots(pos, k, k, 8, same="clause").isdisjoint(neg_ctx):
                continue  # no shared subject/object around the predicate
            # The draft clause's coverage (counted once per clause and pair).
            covered, counted = (_clause_cover(neg, i, pos.root_pool, cover_cache) if neg_is_draft
                                else _clause_cover(pos, k, neg.root_pool, cover_cache))
            dra_cov = covered / counted if counted else 1.0
            if dra_cov < _MIN_COVERAGE:
                continue  # the draft clause talks about something the reference does not
            end = p
            while end + 1 < len(toks) and end + 1 <= p + 2 and neg.clause[end + 1] == neg.clause[p]:
                end += 1
            neg_frag = neg.text[toks[i][1] : toks[end][2]]
            pos_frag = _fragment(pos, k, 2, 2)
            pred = toks[p][0]
            soft = toks[i][0] in _NEGATORS_SOFT
            rule = "negation:" + ("soft" if soft else "draft" if neg_is_draft else "reference")
            if neg_is_draft:
                reason = (f'Negation mismatch: the draft negates "{pred}" ("{neg_frag}") '
                          f'where the reference asserts it ("{pos_frag}").')
                out.append(Clash("negation", reason, neg_frag, pos_frag, rule))
            else:
                reason = (f'Negation mismatch: the draft asserts "{pos.tokens[k][0]}" ("{pos_frag}") '
                          f'where the reference negates it ("{neg_frag}").')
                out.append(Clash("negation", reason, pos_frag, neg_frag, rule))
            break
    return out


def _has_other_time(a: _Analysis, i: int) -> bool:
    return a.clause[i] in a.other_time_clauses


def _negation_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    return _negation_one_way(dra, ref, True) + _negation_one_way(ref, dra, False)


_DISJUNCTION = frozenset("atau ataupun maupun or either whether apakah".split())
_COMPARATIVE = frozenset("lebih kurang more less".split())
_THAN = frozenset("dari daripada than".split())


def _antonym_blocked(a: _Analysis, i: int) -> bool:
    """Contexts where an antonym word does not assert its pole."""
    if _negated_at(a.tokens, i) is not None:
        return True  # "tidak turun" vs "naik" is not a clean contradiction
    near = range(max(0, i - 2), min(len(a.tokens), i + 3))
    if any(a.tokens[j][0] in _DISJUNCTION for j in near if a.clause[j] == a.clause[i]):
        return True  # "terbuka atau tertutup"
    # Comparatives with a complement ("A lebih tinggi dari B") are often paraphrased by
    # swapping the arguments and the adjective ("B lebih rendah dari A").
    w = a.tokens[i][0]
    is_comp = (i > 0 and a.tokens[i - 1][0] in _COMPARATIVE) or w.endswith("er")
    if is_comp and any(a.tokens[j][0] in _THAN for j in range(i + 1, min(len(a.tokens), i + 6))):
        return True
    return a.sentence[i] in a.cond_sentences


def _antonym_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    out: list[Clash] = []
    ref_sides: dict[int, set[int]] = {}
    for _, pi, side in ref.antonyms:
        ref_sides.setdefault(pi, set()).add(side)
    dra_sides: dict[int, set[int]] = {}
    for _, pi, side in dra.antonyms:
        dra_sides.setdefault(pi, set()).add(side)
    ref_words: dict[tuple[int, int], list[int]] = {}  # (pair, side) -> reference tokens, in order
    for ri, pi, side in ref.antonyms:
        ref_words.setdefault((pi, side), []).append(ri)
    cover_cache: dict[int, tuple[int, int]] = {}  # draft clause -> coverage counts
    seen: set[int] = set()
    for di, pi, side in dra.antonyms:
        if pi in seen or ref_sides.get(pi) != {1 - side} or dra_sides.get(pi) != {side}:
            continue  # each text must use one side only, opposite to the other's
        if _antonym_blocked(dra, di) or _existential_clause(dra, di):
            continue
        if _has_other_time(dra, di):
            continue  # "pernah menurun" (once fell) is about another time
        # Coverage of the clause without the antonym itself (counted once per clause).
        covered, counted = _clause_cover(dra, di, ref.root_pool, cover_cache)
        w = dra.tokens[di][0]
        if _content(w) and not _any_negator(w):
            covered, counted = covered - (not dra.roots[di].isdisjoint(ref.root_pool)), counted - 1
        if (covered / counted if counted else 1.0) < _MIN_COVERAGE:
            continue
        d_ctx = _window_roots(dra, di, di, 5)
        for ri in ref_words.get((pi, 1 - side), ()):
            if _antonym_blocked(ref, ri):
                continue
            if d_ctx.isdisjoint(_window_roots(ref, ri, ri, 6)):
                continue
            dw, rw = dra.tokens[di][0], ref.tokens[ri][0]
            dfrag, rfrag = _fragment(dra, di), _fragment(ref, ri)
            out.append(
                Clash("antonym",
                      f'Opposite meaning: the draft says "{dw}" ("{dfrag}") where the reference '
                      f'says "{rw}" ("{rfrag}") ({_ANTONYM_PAIRS[pi][0]}).',
                      dfrag, rfrag, "antonym:" + _ANTONYM_PAIRS[pi][0])
            )
            seen.add(pi)
            break
    return out


# Entity swap ---------------------------------------------------------------------------

_ORG_HEADS = frozenset(
    """
    kementerian menteri kemenko badan dinas direktorat lembaga komisi bank provinsi kabupaten
    kota pemerintah pemprov pemkab pemkot gubernur bupati wali walikota kepala presiden wakil
    universitas pt partai ministry minister agency governor regent mayor province city
    """.split()
)
_NAME_CONNECTORS = frozenset("bin binti van de da of".split())
_NOT_NAMES = frozenset(_MONTHS) | frozenset(w.lower() for w in _WEEKDAYS) | frozenset({"jumat"})
# "X juga ..." (X also ...) adds an entity rather than replacing one.
_ADDITIVE = frozenset("juga pula turut ikut also too likewise".split())


def _names(a: _Analysis) -> list[tuple[str, int, int]]:
    """Runs of capitalised tokens ("Kementerian Keuangan", "Sri Mulyani")."""
    out: list[tuple[str, int, int]] = []
    toks = a.tokens
    i = 0
    while i < len(toks):
        s = toks[i][1]
        if not a.text[s].isupper() or any(ch.isdigit() for ch in toks[i][0]):
            i += 1  # "Rp3" of "Rp3.153,6 triliun" is an amount, not a name (it was an entity swap)
            continue
        j = i
        while (
            j + 1 < len(toks)
            and a.clause[j + 1] == a.clause[i]
            and a.text[toks[j][2] : toks[j + 1][1]] in (" ", "-")
            and (
                a.text[toks[j + 1][1]].isupper()
                or (toks[j + 1][0] in _NAME_CONNECTORS and j + 2 < len(toks) and a.text[toks[j + 2][1]].isupper())
            )
        ):
            j += 1
        k = i
        # Drop sentence-initial function words ("Pada", "Menurut") from the run.
        while k <= j and _sentence_initial(a.text, toks[k][1]) and toks[k][0] in _STOP:
            k += 1
        words = [t[0] for t in toks[k : j + 1]]
        if words and not all(w in _NOT_NAMES for w in words):
            single_initial = k == j and _sentence_initial(a.text, toks[k][1])
            if not (single_initial and words[0] in _ORG_HEADS):
                out.append((a.text[toks[k][1] : toks[j][2]], toks[k][1], toks[j][2]))
        i = j + 1
    return out


def _name_words(name: str) -> list[str]:
    """Lowercase, accent-free words of a name ("Angoulême" -> "angouleme")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.split(r"[\s-]+", plain.lower().strip())


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75


@lru_cache(maxsize=4096)
def _abbreviates(short: str, words: tuple[str, ...]) -> bool:
    """``short`` is built from prefixes of ``words`` in order: "jokowi" <- ("joko",
    "widodo"), "bps" <- ("badan", "pusat", "statistik"), "kemenkeu" <- ("kementerian",
    "keuangan").  Connector words ("bin", "van", "de") may be skipped.

    Word by word, the set of lengths of ``short`` that can be spelled so far (a recursion over
    the words hit the recursion limit on a name of a few hundred words).
    """
    last_needed = max((k for k, w in enumerate(words) if w not in _NAME_CONNECTORS), default=-1)
    reach = {0}
    for k, head in enumerate(words):
        if len(short) in reach and k > last_needed:
            return True  # spelled out; the remaining words are connectors
        nxt = set(reach) if head in _NAME_CONNECTORS else set()
        for i in reach:
            n = 0
            while n < len(head) and i + n < len(short) and short[i + n] == head[n]:
                n += 1
                nxt.add(i + n)
        if not nxt:
            return False
        reach = nxt
    return len(short) in reach


def _abbreviation_of(a: list[str], b: list[str]) -> bool:
    sa, sb = "".join(a), "".join(b)
    return (len(sa) <= len(sb) and _abbreviates(sa, tuple(b))) or (len(sb) < len(sa) and _abbreviates(sb, tuple(a)))


def _entity_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    if any(w in _ADDITIVE or w in _OTHER_TIME for w, _, _ in dra.tokens) or dra.first_negator:
        return []  # "X juga ...", "pernah ...", negated drafts: not a swap
    dnames, rnames = _names(dra), _names(ref)
    if not dnames or not rnames:
        return []
    ref_lower, dra_lower = ref.text.lower(), dra.text.lower()
    in_ref: dict[str, bool] = {}
    in_dra: dict[str, bool] = {}
    novel = [n for n in dnames if not _memo_in(in_ref, n[0].lower(), ref_lower)]
    missing = [n for n in rnames if not _memo_in(in_dra, n[0].lower(), dra_lower)]
    if not novel or not missing:
        return []
    # The rest of the draft must be well covered by the reference.  Names come in text order
    # without overlapping: the last one starting at or before a token is the only one that can
    # contain it.
    name_starts = [ns for _, ns, _ in dnames]
    name_tok = set()
    for i, (_, s, _) in enumerate(dra.tokens):
        k = bisect.bisect_right(name_starts, s) - 1
        if k >= 0 and s < dnames[k][2]:
            name_tok.add(i)
    content = [i for i, (w, _, _) in enumerate(dra.tokens) if _content(w) and i not in name_tok]
    if not content or _coverage(dra, content, ref.root_pool) < 0.8:
        return []
    missing_info = [(rn, _name_words(rn), _prev_word(ref.text, rs).lower()) for rn, rs, _ in missing]
    out: list[Clash] = []
    for dn, ds, _ in novel:
        dwords = _name_words(dn)
        d_prev = _prev_word(dra.text, ds).lower()
        slot_word = bool(d_prev) and _content(d_prev) and d_prev not in _ORG_HEADS
        for rn, rwords, r_prev in missing_info:
            same_head = len(dwords) >= 2 and len(rwords) >= 2 and dwords[0] == rwords[0] and dwords[0] in _ORG_HEADS
            tail_d, tail_r = dwords, rwords
            if same_head:
                # Drop the shared leading words: "Menteri Keuangan Sri Mulyani" vs "Menteri
                # Keuangan Purbaya" differ in the person, not the office.
                n = 0
                while n < min(len(dwords), len(rwords)) - 1 and dwords[n] == rwords[n]:
                    n += 1
                tail_d, tail_r = dwords[n:], rwords[n:]
            # The cheap tests first; all must pass, so their order does not change the result.
            same_slot = slot_word and d_prev == r_prev
            if not (same_head or (same_slot and len(content) >= 2)):
                continue
            if set(tail_d) & set(tail_r):
                continue  # overlapping names ("Sri Mulyani" vs "Mulyani Indrawati")
            if _similar(" ".join(tail_d), " ".join(tail_r)) or _abbreviation_of(tail_d, tail_r) or _abbreviation_of(dwords, rwords):
                continue  # a spelling variant, nickname or acronym, not another entity
            out.append(
                Clash("entity",
                      f'Different name in the same role: the draft says "{dn}" where the reference says "{rn}".',
                      dn, rn, "entity:" + ("head" if same_head else "slot"))
            )
            break
    return out


def _memo_in(memo: dict[str, bool], needle: str, haystack: str) -> bool:
    """``needle in haystack``, once per distinct needle (a text may repeat one name many times)."""
    found = memo.get(needle)
    if found is None:
        found = memo[needle] = needle in haystack
    return found


def find_clashes(reference: str, draft: str) -> list[Clash]:
    """Find precise contradictions between a reference passage and a draft sentence.

    Returns one :class:`Clash` per conflicting fragment, kinds "number", "date",
    "negation", "antonym" and "entity", each with a reason quoting both fragments.  An
    empty list means no *precise* contradiction was found, not that the texts agree.
    Analyses are cached per text, so one reference checked against many drafts is cheap.
    """
    ref, dra = _analyse(reference), _analyse(draft)
    clashes = (
        _number_clashes(ref, dra)
        + _date_clashes(ref, dra)
        + _time_clashes(ref, dra)
        + _negation_clashes(ref, dra)
        + _antonym_clashes(ref, dra)
        + _entity_clashes(ref, dra)
    )
    clashes += _aligned_number_clashes(ref, dra, clashes)
    seen: set[tuple[str, str, str]] = set()
    out: list[Clash] = []
    for c in clashes:
        key = (c.kind, c.draft, c.reference)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
