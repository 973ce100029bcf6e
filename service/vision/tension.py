"""Tension with the vision: a sentence announcing a policy that goes against a commitment's direction.

"Impor beras menjadi sumber utama" pulls against swasembada pangan; "program cek kesehatan gratis
dihentikan" against the health commitment; "ekspor bijih nikel dibuka kembali" against hilirisasi. The
cues are data (``vocab/tension.json``: kinds, cue pairs, examples and look-alikes as tests). Reporting a
problem being solved ("impor beras turun"), critics' proposals, the past and negated or hypothetical
actions are no tension. A cue only counts against a commitment the sentence is about (the caller
passes the commitments it matched). Linear: a bounded regex pass per kind.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from pathlib import Path

from service.vision.cues import lowered_words
from service.vision.index import VisionMatch

_F = re.IGNORECASE
_VOCAB = json.loads((Path(__file__).with_name("vocab") / "tension.json").read_text(encoding="utf-8"))


def _words(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternatives})\b", _F)


@dataclass(frozen=True)
class _Pair:
    action: re.Pattern[str]
    quick: re.Pattern[str]  # the action, for the lower-cased sentence: does the sentence have it at all
    object: re.Pattern[str]
    window: int
    either_order: bool
    objects_from_commitment: bool


@dataclass(frozen=True)
class _Kind:
    name: str
    commitments: frozenset[str]  # the part of a commitment id after "/"; "*": any
    pairs: tuple[_Pair, ...]
    not_objects: re.Pattern[str] | None
    answered_by: re.Pattern[str] | None  # the next sentence takes the sting out ("It will be replaced by …")

    def applies_to(self, commitment: str) -> bool:
        return "*" in self.commitments or commitment.rsplit("/", 1)[-1] in self.commitments


KINDS: tuple[_Kind, ...] = tuple(
    _Kind(name, frozenset(spec["commitments"]),
          tuple(_Pair(_words(p["action"]), lowered_words(p["action"]), _words(p["object"]), p["window"],
                      p.get("either_order", False),
                      p.get("objects_from_commitment", False)) for p in spec["pairs"]),
          _words(spec["not_objects"]) if spec.get("not_objects") else None,
          _words(spec["answered_by"]) if spec.get("answered_by") else None)
    for name, spec in _VOCAB["kinds"].items())
_ANY_ACTION = lowered_words("|".join(p["action"] for spec in _VOCAB["kinds"].values() for p in spec["pairs"]))
_EXCLUSIONS = {name: lowered_words(alts) for name, alts in _VOCAB["exclusions"].items()}  # read on lower-cased text
# A year before this one named beside a past cue; "Pada 2013 ..." alone is how the past is told too.
_OLD_YEAR = re.compile(r"\b(?:pada|tahun|sejak|in|since)\s+(?:tahun\s+)?(?:19\d\d|20[01]\d)\b"
                       r"|\b(?:sebelum|before|hingga|until)\s+(?:tahun\s+)?(?:19\d\d|20[01]\d|202[0-4])\b", _F)


@dataclass(frozen=True)
class Tension:
    """A sentence pulling against a commitment: which, the kind, and the two fragments that show it."""

    match: VisionMatch
    kind: str
    action: str
    object: str


def find_tension(sentence: str, matches: list[VisionMatch], following: str = "") -> Tension | None:
    """The first tension of ``sentence`` with one of the commitments it is about (``matches``), or None.

    ``following`` is the draft's next sentence: a programme that ends and "will be replaced by" a larger
    one, or an import share followed by "to reduce that reliance", is a change or a problem being solved.
    """
    if not matches:
        return None
    low = sentence.lower()
    if not _ANY_ACTION.search(low):
        return None  # most sentences (~85 % of the development drafts') have no cue's action at all: one search
    if any(p.search(low) for p in _EXCLUSIONS.values()) or _OLD_YEAR.search(sentence):
        return None
    for kind in KINDS:
        # Only the cue pairs whose action the sentence has (looked up once, not once per commitment).
        pairs = [pair for pair in kind.pairs if pair.quick.search(low)]
        if not pairs or (kind.answered_by is not None and kind.answered_by.search(following)):
            continue
        for m in matches:
            # A kind for any commitment (a programme cut) needs the sentence to name the commitment's
            # subject (a shared key term); a kind for named commitments has its subject in its cues.
            if not kind.applies_to(m.ref.commitment) or ("*" in kind.commitments and not m.shared):
                continue
            for pair in pairs:
                found = _cue(sentence, pair, kind, m)
                if found:
                    return Tension(m, kind.name, *found)
    return None


_CLAUSE_BREAK = re.compile(r"[,;:](?!\d)|\b(?:sehingga|agar|karena|sementara|namun|tetapi|while|but|so that)\b", _F)


_LOOK_BACK = 160
_ACTIVE = re.compile(r"me", _F)  # the meN- prefix: menutup, menghentikan, memangkas, mencabut


def _clause_start(breaks: list[int], at: int) -> int:
    """Where the clause holding position ``at`` begins: the last clause break (comma, linking word) before
    it; ``breaks`` are the sentence's break ends, found once (a bisect, so many cues stay linear)."""
    k = bisect.bisect_right(breaks, at) - 1
    return breaks[k] if k >= 0 else 0


def _cue(sentence: str, pair: _Pair, kind: _Kind, m: VisionMatch) -> tuple[str, str] | None:
    breaks: list[int] | None = None
    for a in pair.action.finditer(sentence):
        if breaks is None:
            breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence)]
        start = _clause_start(breaks, a.start())
        # What an action acts on follows it within its clause: "Untuk menutup jalur tersebut, BNN …" closes a
        # route, not BNN. An Indonesian active verb ("menutup") has its object after it; what comes before is
        # the agent ("BNN … menutup tempat hiburan"), so only a passive or an English verb looks back (across
        # commas: "Kewajiban TKDN untuk laptop, ponsel dan televisi dihapus").
        k = bisect.bisect_right(breaks, a.end())
        end = min(breaks[k] if k < len(breaks) else len(sentence), a.end() + pair.window)
        back = pair.either_order and not _ACTIVE.match(a.group())
        lo = max(0, a.start() - pair.window) if back else a.end()
        span = sentence[lo:end]
        # At most _LOOK_BACK characters back, so a long sentence full of cues stays linear.
        clause = sentence[max(start, a.start() - _LOOK_BACK):a.end() + pair.window]
        if kind.not_objects is not None and kind.not_objects.search(clause):
            continue  # stopping imports, closing illegal mines, cutting costs: for the vision, not against it
        o = pair.object.search(span)
        if o is not None:
            return a.group(), o.group()
        if pair.objects_from_commitment:
            named = next((w for w in m.shared if re.search(rf"\b{re.escape(w)}\b", span, _F)), None)
            if named is not None:  # the commitment's own subject ("program cek kesehatan")
                return a.group(), named
    return None
