"""A word-level diff of two versions of a position's text (difflib), for the curator page."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# Whitespace kept as tokens of its own, so the pieces put back together are the texts themselves.
_TOKENS = re.compile(r"\s+|[^\s]+")
# Bounded work: difflib is quadratic in the worst case, so very long texts are compared in their first words.
MAX_WORDS = 6000


@dataclass(frozen=True)
class DiffPiece:
    """A run of the new text (``same`` / ``added``) or of the old one that is gone (``removed``)."""

    op: Literal["same", "added", "removed"]
    text: str


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """The pieces that turn ``old`` into ``new``, word by word; beyond MAX_WORDS the rest is one piece each."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    tail_a, tail_b = "".join(a[MAX_WORDS:]), "".join(b[MAX_WORDS:])
    a, b = a[:MAX_WORDS], b[:MAX_WORDS]
    pieces: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(DiffPiece("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(DiffPiece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(DiffPiece("added", "".join(b[j1:j2])))
    if tail_a or tail_b:
        pieces += [DiffPiece(op, text) for op, text in (("removed", tail_a), ("added", tail_b)) if text]
    return pieces
