"""The dateline of an Indonesian press release ("Jakarta, 2 Oktober 2025 – …") and Indonesian dates.

A small month table (Indonesian and English names and their usual abbreviations) rather than a
locale library: the dateline is the one place a release states its date in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "agus": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_DAY_NAMES = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,10})\.?\s+(?P<year>(?:19|20)\d{2})"
# "Jakarta, 2 Oktober 2025 –", "JAKARTA, Senin (2/10/2025)" is not matched on purpose (no month name).
# Bounded: the place is at most 40 characters and the whole dateline sits at the start of a line.
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Za-z.'\- ]{{1,40}}?)\s*,\s*(?:{_DAY_NAMES}\s*,?\s*)?{_DATE}"
    r"\s*(?:\([A-Za-z]+\)\s*)?(?:[-–—:]+\s*)?", re.M)
_DATE_ANYWHERE = re.compile(rf"\b{_DATE}\b")


@dataclass(frozen=True)
class Dateline:
    """Where and when a release says it was issued, and where its body text starts."""

    place: str
    day: date
    start: int
    end: int


def to_date(day: str, month: str, year: str) -> date | None:
    """A date from its parts in words ("2", "Oktober", "2025"), or None if they do not make one."""
    number = MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def find_dateline(text: str, within: int = 400) -> Dateline | None:
    """The dateline in the first ``within`` characters of ``text`` (press releases open with it), or None."""
    for match in _DATELINE.finditer(text[:within]):
        day = to_date(match["day"], match["month"], match["year"])
        if day is not None:
            return Dateline(match["place"].strip(), day, match.start(), match.end())
    return None


def first_date(text: str, within: int = 400) -> date | None:
    """The first date written in words in the first ``within`` characters ("Senin, 2 Oktober 2025")."""
    for match in _DATE_ANYWHERE.finditer(text[:within]):
        day = to_date(match["day"], match["month"], match["year"])
        if day is not None:
            return day
    return None
