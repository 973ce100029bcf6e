"""A vision text's commitments: the listed goals of a mission, one passage each.

An Asta Cita mission is published as one sentence listing many commitments ("… mendorong kemandirian
bangsa melalui swasembada pangan, energi, air, ekonomi syariah …"); a single-topic draft sentence
("memperkuat swasembada pangan") never comes close to the whole list. A vision position is therefore
split into one passage per listed item, each keeping the clause's lead ("mendorong kemandirian bangsa
melalui swasembada pangan", "… swasembada energi"), so a curator may load a mission as the paragraph
it is published as, or as structured commitments (``asta-cita-2/pangan``): both give commitment-sized
passages. Linear in the text; no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.text.segment import Span, split_passages

# A clause starts at ", serta", at "dan"/"serta" before a verb (meN-, ber-, ter-, di-) or at ";":
# "Memantapkan … negara dan mendorong …" is two clauses; "pangan, energi, dan air" is one list.
_CLAUSE_RE = re.compile(r",\s+serta\s+|;\s*|\s+(?:dan|serta)\s+(?=(?:me|ber|ter|di)[a-z]{3,}\b)", re.IGNORECASE)
# The last item's conjunction after the list's last comma.
_LAST_RE = re.compile(r"^(?:dan|serta|and)\s+", re.IGNORECASE)
_VERB_RE = re.compile(r"^(?:me|ber|ter|di)[a-z]{3,}\b", re.IGNORECASE)
_PAREN_RE = re.compile(r"\s*\([^)]*\)")
# Fewer listed items than this is a plain sentence, kept whole.
MIN_ITEMS = 3


@dataclass(frozen=True)
class Commitment:
    """One listed goal of a vision text: the passage to embed and a short label for the report."""

    passage: Span
    label: str


def split_commitments(text: str) -> list[Commitment]:
    """The commitments of a vision text, in order.

    Each sentence that lists at least :data:`MIN_ITEMS` goals in a clause becomes one commitment per
    goal (the clause's lead + the goal); other sentences and clauses are one commitment each.
    """
    out: list[Commitment] = []
    for sentence in split_passages(text):
        out += _sentence_commitments(sentence)
    return out


def _sentence_commitments(sentence: Span) -> list[Commitment]:
    body = sentence.text.rstrip(" .")
    cuts = [0] + [m.end() for m in _CLAUSE_RE.finditer(body)]
    starts = [0] + [m.start() for m in _CLAUSE_RE.finditer(body)]
    clauses = [(cuts[i], (starts[i + 1] if i + 1 < len(starts) else len(body))) for i in range(len(cuts))]
    out: list[Commitment] = []
    for lo, hi in clauses:
        clause = body[lo:hi]
        items = [_LAST_RE.sub("", piece.strip()) for piece in clause.split(",") if piece.strip()]
        at = sentence.start + lo
        if len(items) < MIN_ITEMS:
            out.append(Commitment(Span(clause, at, at + len(clause)), _label(clause)))
        elif sum(bool(_VERB_RE.match(item)) for item in items[1:]) * 2 > len(items) - 1:
            # A list of verb phrases ("mendorong kewirausahaan, mengembangkan industri kreatif"): each whole.
            out += [Commitment(Span(item, at, at + len(clause)), _label(item)) for item in items]
        else:
            # The first piece is the clause's lead and its first goal: "mendorong kemandirian bangsa
            # melalui swasembada pangan" → lead "… melalui swasembada", goal "pangan".
            lead, _, goal = _PAREN_RE.sub("", items[0]).rpartition(" ")
            for item in [goal] + items[1:]:
                passage = f"{lead} {item}".strip()
                out.append(Commitment(Span(passage, at, at + len(clause)), _PAREN_RE.sub("", item).strip()))
    return out


def _label(clause: str) -> str:
    """A short label for a clause kept whole: its first words."""
    words = _PAREN_RE.sub("", clause).split()
    return " ".join(words[:6])
