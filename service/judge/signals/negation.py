"""Negation: which words negate (vocabulary in ``vocab/negation.json``), whether a token is a
negator in its context and which negator governs a word."""

from __future__ import annotations

import json
import re
from pathlib import Path

_VOCAB = json.loads((Path(__file__).parent.parent / "vocab" / "negation.json").read_text(encoding="utf-8"))

# True negators.  "enggan" (unwilling), "gagal" (failed), "batal" (called off) are
# lexical negators: they deny the event as firmly as "tidak" in a press statement but
# are measured as their own sub-rule.  "jangan" (don't!) and "tidak boleh/perlu/harus"
# are prohibitions/obligations: recognised as negation (so they block other rules) but
# they never fire a clash, because a prohibition does not deny a fact.
_NEGATORS_STRONG = frozenset(_VOCAB["strong"])
# Postponing denies the event now ("menunda penghentian" = no stop yet), as a soft negator; a date it
# postpones to ("ditunda hingga 17 Oktober 2026") is still stated (see analysis.first_negator).
POSTPONE = frozenset(_VOCAB["postpone"])
_NEGATORS_SOFT = frozenset(_VOCAB["soft"]) | POSTPONE
# Fixed expressions containing a negator that do not negate what follows:
# "tidak hanya" (not only), "tak lama" (soon), "tidak sedikit" (many), "tidak semua"
# (not all: compatible with "some"), "not only", "no longer" is kept (it negates).
_NEG_EXCEPT_NEXT = frozenset(_VOCAB["except_next"])
_NEG_EXCEPT_PREV = frozenset(_VOCAB["except_prev"])
# "tidak boleh melebihi 8 persen", "may not exceed 8 percent": a ceiling (numbers.py reads it as "le"), whose figure
# is stated, not denied (the negator still negates for the negation and modality rules).
_BOUND_NEXT = frozenset(_VOCAB["bound_next"])
_COMPARATIVE = frozenset({"lebih", "kurang", "more", "less", "fewer"})
# "Kawasan Tanpa Rokok", "Hari Tanpa Kendaraan": "tanpa" after a place or day names a zone; it negates nothing.
_DESIGNATIONS = frozenset(_VOCAB["designations"])
# Words skipped between a negator and its predicate.
_NEG_SKIP = frozenset(_VOCAB["skip"])
_DEONTIC = frozenset(_VOCAB["deontic"])
# Sentences that assert nothing: conditions ("jika", "if") and fears ("warga khawatir sertipikat tidak berlaku").
_CONDITIONALS = frozenset(_VOCAB["conditionals"])
# "Ada/Beberapa X yang tidak Y" (some X are not Y) is compatible with "X Y".
_EXISTENTIAL = frozenset(_VOCAB["existential"])
# Converse verbs, by root: "tiket tidak dijual di loket" denies what "tiket dapat dibeli di loket" asserts.
CONVERSES: dict[str, frozenset[str]] = {}
for _a, _b in _VOCAB["converses"]:
    CONVERSES[_a] = CONVERSES.get(_a, frozenset()) | {_b}
    CONVERSES[_b] = CONVERSES.get(_b, frozenset()) | {_a}
# Intention/future markers: "CDB bakal mencairkan" does not clash with "belum mencairkan".
_IRREALIS = frozenset(_VOCAB["irrealis"])
# Markers that the draft talks about another time ("pernah turun" = once fell).
_OTHER_TIME = frozenset(_VOCAB["other_time"])
_NOT_YET = frozenset(_VOCAB["not_yet"])
_CLAUSE_WORDS = frozenset(_VOCAB["clause_words"])


_PUT = frozenset({"put", "puts", "putting"})


def _put_off(tokens: tuple[tuple[str, int, int], ...], i: int) -> bool:
    """Token ``i`` is the "off" of "put off" ("has put off the tariff adjustment"): a postponement, like "postponed"."""
    return tokens[i][0] == "off" and i > 0 and tokens[i - 1][0] in _PUT


def _is_negator(tokens: tuple[tuple[str, int, int], ...], i: int, soft: bool = True) -> bool:
    w = tokens[i][0]
    if soft and _put_off(tokens, i):
        return True
    if not (w in _NEGATORS_STRONG or (soft and w in _NEGATORS_SOFT) or w.endswith(("n't", "n’t"))):
        return False
    nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    prv = tokens[i - 1][0] if i > 0 else ""
    if nxt in _NEG_EXCEPT_NEXT or prv in _NEG_EXCEPT_PREV or (w == "tanpa" and prv in _DESIGNATIONS):
        return False
    if _any_negator(nxt) or _any_negator(prv):
        return False  # double negation: "bukan tanpa alasan" (not without reason)
    if w == "belum" and nxt == "lagi":
        return False  # "belum lagi" = "not to mention"
    if nxt == "satu" and i + 2 < len(tokens) and tokens[i + 2][0] == "satunya":
        return False  # "bukan satu-satunya" (not the only one)
    return True


def bounds_next(tokens: tuple[tuple[str, int, int], ...], i: int) -> bool:
    """The negator at ``i`` makes a bound of the figure after it ("tidak boleh melebihi", "may not exceed", "tidak
    boleh lebih dari"), over at most two auxiliaries: the figure is a limit stated, not a value denied."""
    for j in range(i + 1, min(i + 4, len(tokens))):
        w = tokens[j][0]
        if w in _BOUND_NEXT or (w in _COMPARATIVE and j + 1 < len(tokens) and tokens[j + 1][0] in ("dari", "than")):
            return True
        if w not in _NEG_SKIP:
            return False
    return False


def _any_negator(w: str) -> bool:
    return w in _NEGATORS_STRONG or w in _NEGATORS_SOFT or w.endswith(("n't", "n’t"))


def _negator_at(tokens: tuple[tuple[str, int, int], ...], i: int) -> bool:
    """Token ``i`` is a negator word (any strength) or the "off" of "put off": what :func:`_any_negator` asks of a
    word, asked of a position, so the two-word postponement counts wherever a negator word does."""
    return _any_negator(tokens[i][0]) or _put_off(tokens, i)


def _postponed_at(tokens: tuple[tuple[str, int, int], ...], i: int) -> bool:
    """Token ``i`` postpones ("ditunda", "postponed", the "off" of "put off")."""
    return tokens[i][0] in POSTPONE or _put_off(tokens, i)


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


_HAVE = frozenset("memiliki mempunyai punya having".split())


def lacking(tokens: tuple[tuple[str, int, int], ...], i: int) -> bool:
    """Token ``i`` follows a denied "memiliki" ("pulau yang belum memiliki nama baku"): it names what is lacking,
    as "pulau tanpa nama baku" does, whether or not the denial sits in a relative clause."""
    return i > 0 and tokens[i - 1][0] in _HAVE and _negated_at(tokens, i - 1) is not None


# Passive or active Indonesian verbs, not states ("terpilah"): where a clause's own predicate stands.
MAIN_VERB = re.compile(r"^(?:di|me)[a-z]{3,}$")
# Passive prohibitions that close what their clause names first: "penjualan tiket di lokasi pada hari acara dilarang".
_FORBIDDEN_AFTER = frozenset("dilarang dihentikan dihapus ditiadakan prohibited banned forbidden".split())


def forbidden_after(tokens: tuple[tuple[str, int, int], ...], clause: tuple[int, ...], k: int) -> bool:
    """A passive prohibition follows token ``k`` in its clause, with no other verb between ("penjualan tiket di
    lokasi … dilarang"): the clause forbids what ``k`` names rather than asserting it."""
    for j in range(k + 1, min(len(tokens), k + 9)):
        if clause[j] != clause[k]:
            return False
        if tokens[j][0] in _FORBIDDEN_AFTER:
            return True
        if MAIN_VERB.match(tokens[j][0]):
            return False
    return False
