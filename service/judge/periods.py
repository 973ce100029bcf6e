"""Periods: which year or month a reference passage's figures belong to, and which a draft sentence speaks of.
A figure for 2025 neither contradicts nor backs one for 2026; the period is often said once, in a position's
title or first sentence, or in a draft's earlier sentence."""

from __future__ import annotations

import re

from service.domain import Candidate
from service.judge.signals import extract_dates
from service.judge.signals.dates import YEAR_RE, dates_agree, other_years


# Years said relative to the check date: "tahun ini" in a draft checked in 2026 is 2026, "tahun depan" 2027.
_RELATIVE_YEARS = ((re.compile(r"\b(?:tahun ini|tahun berjalan|this year)\b", re.IGNORECASE), 0),
                   (re.compile(r"\b(?:tahun depan|next year)\b", re.IGNORECASE), 1))


def relative_years(sentence: str, year: int | None) -> list[str]:
    """The years ``sentence`` names relative to ``year``, the check date's ("tahun ini", "tahun depan"); none
    without a year."""
    if year is None:
        return []
    return [str(year + shift) for pattern, shift in _RELATIVE_YEARS if pattern.search(sentence)]


def draft_periods(sentences: list[str], year: int | None = None) -> list[str]:
    """Per sentence of a draft, the years its earlier sentences last named, when it names none itself ("" when
    it does, or when none came before): "Dana Desa tahun anggaran 2026 … . Untuk tahun ini, … Rp71 triliun"
    speaks of 2026. With ``year`` (the check date's), "tahun ini" names that year: "bantuan tahun ini menjangkau
    1.200 kelompok", checked in 2026, is the 2026 programme's figure, not a change of the 2027 one's."""
    out, last = [], ""
    for sentence in sentences:
        own = sorted(str(y) for y in years(sentence))
        said = own or relative_years(sentence, year)
        if said:
            last = " ".join(sorted(set(said)))
        # A year in digits is the sentence's own (no period given); one said as "tahun ini", or none but a year it
        # compares with, is given as its period.
        out.append("" if own else last)
    return out


def draft_years(sentences: list[str], year: int | None = None) -> list[str]:
    """Per sentence of a draft, every year its earlier sentences named ("Dana BOS Reguler 2026 … lebih besar
    daripada alokasi tahun 2025 … . Untuk siswa SD, satuan biaya terendah tahun ini …" speaks of 2025 or 2026,
    not of 2025 alone), and the years it names itself relative to ``year`` ("tahun ini")."""
    out, seen = [], set()
    for sentence in sentences:
        relative = set(relative_years(sentence, year))
        out.append(" ".join(sorted(seen | relative)))
        seen |= set(YEAR_RE.findall(sentence)) | relative
    return out


# A year the text compares with ("tiga bulan lebih lama dibanding pendampingan pada 2026") is not its own.
_COMPARED_BEFORE = re.compile(r"\b(?:dibanding(?:kan)?|daripada|ketimbang|than|compared\s+(?:with|to))\b[^.;]{0,30}$",
                              re.IGNORECASE)


def years(text: str) -> set[int]:
    """The years ``text`` names as its own (not one it compares with)."""
    return {int(m.group()) for m in YEAR_RE.finditer(text)
            if not _COMPARED_BEFORE.search(text, max(0, m.start() - 40), m.start())}


def superseded(backing: set[int], clashing: set[int]) -> bool:
    """Every year the backing passage is dated to is before every year of the clashing one: for a sentence that
    names no year, the later period's figure is in force ("Dana Desa sebesar Rp71 triliun" is the 2025
    allocation, not a value the corpus backs beside the 2026 one)."""
    return bool(backing and clashing) and max(backing) < min(clashing)


def dated(candidate: Candidate, related: list[Candidate]) -> str:
    """The passage, or when it names no year, the passage with its position's title ("Kuota dan biaya
    haji 2026") and, failing that, with the years its position's other passages name ("… untuk tahun
    2026. Kuota industri sebesar 480.000 ton."): the period a figure belongs to is often said once."""
    if YEAR_RE.search(candidate.passage):
        return candidate.passage
    dated = f"{candidate.ref.title}. {candidate.passage}" if candidate.ref.title else candidate.passage
    if YEAR_RE.search(dated) or not candidate.ref.position_id:
        return dated
    named = {y for c in related if c.ref.position_id == candidate.ref.position_id
             for y in YEAR_RE.findall(c.passage)}
    return f"{dated} ({' '.join(sorted(named))})" if named else dated


# A comma or semicolon that opens another clause: "…, dan realisasi hingga Oktober 2026 mencapai 71 persen".
_CLAUSE_BREAK_RE = re.compile(r"[,;]\s+(?=(?:dan|serta|sedangkan|sementara|namun|tetapi|adapun|and|while|whereas|but)\b)",
                              re.IGNORECASE)


def dating_clause(sentence: str, figure: str) -> str:
    """The clause of the sentence that holds ``figure``, when that clause names a year, else the sentence:
    in "Pada 2025, alokasi urea sebesar 385.000 ton, dan realisasi hingga Oktober 2026 mencapai 71 persen"
    the tonnage is 2025's, whatever the later clause dates."""
    at = sentence.find(figure)
    if at < 0:
        return sentence
    # A year right after the figure dates it alone: "Rp1,42 triliun, sedikit lebih besar dari Rp1,2 triliun pada
    # 2025" gives 2025's amount beside 2026's.
    own = _OWN_YEAR_RE.match(sentence, at + len(figure))
    if own:
        return figure + own.group()
    start = 0
    for m in _CLAUSE_BREAK_RE.finditer(sentence):
        if m.start() >= at:
            clause = sentence[start:m.start()]
            return clause if YEAR_RE.search(clause) else sentence
        start = m.end()
    clause = sentence[start:]
    return clause if YEAR_RE.search(clause) else sentence


_OWN_YEAR_RE = re.compile(r"\s*(?:pada|tahun|di|in)\s+(?:(?:tahun|akhir|awal)\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
_BEFORE_RE = re.compile(r"\s*(?:sebelum|before)\b([^,]{1,80}),", re.IGNORECASE)
_THIS_RULE_RE = re.compile(r"\b(?:ini|tersebut|this|the new)\b", re.IGNORECASE)


def before_the_rule(sentence: str, cand: Candidate, related: list[Candidate]) -> bool:
    """The sentence opens with the time before the position's rule ("Sebelum 1 Juli 2026, tarifnya Rp22.000"
    where the position takes effect on 1 Juli 2026; "Sebelum kebijakan ini berlaku, …"): its figures are
    the old ones, not a change of the rule's."""
    m = _BEFORE_RE.match(sentence)
    if not m:
        return False
    opening = m.group(1)
    wanted = extract_dates(opening)
    if not wanted:
        return bool(_THIS_RULE_RE.search(opening))
    return any(dates_agree(p, d) for c in related if c.ref.position_id == cand.ref.position_id
               for p in extract_dates(c.passage) for d in wanted)


def other_period(reference: str, draft: str) -> bool:
    """Both name years and share none, or both name months and share none: a figure for 2025 does not
    contradict one for 2026, nor one for "Juni dan Juli" one for "Oktober dan November"."""
    if other_years(reference, draft):
        return True
    ref_months = {d.month for d in extract_dates(reference) if d.month and not d.day}
    dra_months = {d.month for d in extract_dates(draft) if d.month and not d.day}
    return bool(ref_months and dra_months and ref_months.isdisjoint(dra_months))
