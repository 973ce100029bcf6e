"""Split Indonesian / English text into sentences and passages with character offsets.

Offsets index the original string, so a CMS can highlight ``text[start:end]``.
Rules are deliberately simple and predictable: a sentence ends at ``.``, ``!``,
``?`` or ``…`` (optionally followed by closing quotes/brackets) before
whitespace, or at a blank line / line break, except after a known abbreviation,
a single initial, or inside a number ("2.5", "1.000.000").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations common in Indonesian official writing (lower-case, without the dot).
_ABBREVIATIONS = frozenset(
    """
    dr drs dra prof ir h hj kh st no nomor hal tgl tg jl jln kec kab kel prov rp usd
    dll dsb dst dkk sbb yth a.n u.p s.h s.e s.pd s.sos m.si m.m ph.d mr mrs ms jr sr
    vs etc e.g i.e no pt tbk cv ui itb ipb ugm p.t bpk ibu sdr kol brigjen mayjen letjen jend
    """.split()
)

_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’)\]]*)(\s+)|(\n\s*)""")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Span:
    """A piece of text and where it sits in the original string."""

    text: str
    start: int
    end: int


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():  # an initial: "M. Hatta"
        return True
    return word in _ABBREVIATIONS


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right <= left:
        return None
    return Span(piece[left:right], start + left, start + right)


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` with offsets; empty or whitespace-only pieces are dropped."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(4) is not None:  # a line break always ends a sentence (titles, bullets)
            end = match.start(4)
        else:
            end = match.end(2)
            if match.group(1) == "." and _is_abbreviation(text[start : match.start(1)]):
                continue
        span = _trimmed(text, start, end)
        if span:
            spans.append(span)
        start = match.end()
    tail = _trimmed(text, start, len(text))
    if tail:
        spans.append(tail)
    return spans


def split_passages(text: str, max_chars: int = 600) -> list[Span]:
    """Reference passages: single sentences, very short ones joined with the next.

    Sentence-level passages keep evidence precise (a reviewer sees the clashing
    sentence, not a paragraph); fragments under 40 characters (headings, "Jakarta -")
    are merged forward so they do not become noise hits.
    """
    sentences = split_sentences(text)
    passages: list[Span] = []
    pending: Span | None = None
    for sentence in sentences:
        if pending is not None:
            joined = text[pending.start : sentence.end]
            if len(joined) <= max_chars:
                sentence = Span(joined, pending.start, sentence.end)
            else:
                passages.append(pending)
            pending = None
        if len(sentence.text) < 40:
            pending = sentence
        else:
            passages.append(sentence)
    if pending is not None:
        passages.append(pending)
    return passages
