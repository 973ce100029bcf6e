"""The records the rule signals produce: number, date and clock-time mentions, and clashes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


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
    # A value the text states as a limit in words that are no qualifier ("dibatasi 45 penumpang", "paling lama
    # mengemudi 8 jam"): against another text's bound ("up to 60 passengers") the two limits are compared.
    capped: bool = False


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
    local: str = ""  # "waktu setempat" / "local time" as written after it: each region's own clock, no one zone


ClashKind = Literal["number", "date", "negation", "antonym", "entity"]


@dataclass(frozen=True)
class Clash:
    """One contradiction signal between a reference passage and a draft sentence.

    ``reason`` quotes both fragments: a :class:`~service.messages.Reason`, whose text is English and which
    carries the catalogue message the report renders in the reader's language; ``draft`` and
    ``reference`` are the fragments themselves.  ``rule`` names the sub-rule that fired
    (for measurement and debugging; not part of the user-facing explanation).
    """

    kind: ClashKind
    reason: str
    draft: str
    reference: str
    rule: str = ""
