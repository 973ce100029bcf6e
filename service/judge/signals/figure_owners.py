"""Figures and dates paired with owners in a list: "SIM A Rp80.000 dan SIM C Rp75.000", "Di Jawa, Bali, dan
Sumatera ... Rp17.500, sedangkan di Kalimantan, Sulawesi, dan Nusa Tenggara ... Rp18.000", "bagi wajib pajak
orang pribadi 31 Maret 2026, sedangkan bagi wajib pajak badan 30 April 2026". Each item belongs to the words
written between it and the item of its kind before it; a draft giving one owner another owner's value changes
it ("SIM C Rp80.000", "orang pribadi … hingga 30 April 2026"), though the value stands in the reference."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from service.judge.signals.analysis import _Analysis, _span_tokens
from service.judge.signals.dates import _dates_comparable, dates_agree
from service.judge.signals.figure_clashes import _outside, _progress_against_target, _states_no_value
from service.judge.signals.names import _names
from service.judge.signals.quantities import _quantities_agree, _same_measure
from service.judge.signals.records import Clash
from service.judge.signals.times import _times_agree
from service.messages import CONFLICT, reason
from service.text.words import is_content

# How many tokens before an item its owner's words may stand in a reference list (a bound on the work, too).
_REACH = 40
# How many tokens before a draft figure or date its owner's words may stand.
_BESIDE = 5


@dataclass(frozen=True)
class _Kind:
    """What is listed: its mentions in a text, when two are of one kind, when a draft mention restates one."""
    mentions: Callable[[_Analysis], Sequence[Any]]
    same: Callable[[Any, Any], bool]
    agree: Callable[[Any, Any], bool]
    clash: str  # the Clash kind and its message ("number", "date")
    # Owners are names ("SIM C", "di Sulawesi"); for dates, any content word ("orang pribadi"): figures sit
    # beside more words that are no owner ("tarif parkir mobil Rp5.000 untuk jam pertama").
    names_only: bool = True
    message: str = ""  # the message's key when not ``clash`` (a clock time is a "date" clash told as a time)
    reach: int = _REACH  # how far before a sentence's first item its owner's words may stand
    in_clause: bool = False  # ... and only in that item's clause


def _full_date(d: Any) -> bool:
    return d.day is not None and d.month is not None and d.relative is None


_FIGURES = _Kind(lambda a: a.quantities, _same_measure, _quantities_agree, "number")
_DATES = _Kind(lambda a: [d for d in a.dates if _full_date(d)],
               lambda r, d: _dates_comparable(r, replace(d, qualifier=r.qualifier)), dates_agree, "date",
               names_only=False)
# "SD berakhir paling lambat pukul 13.30 WIB dan SMP paling lambat pukul 14.30 WIB": clock times listed per owner.
# The first time's owner stands right before it, in its clause: "Di Pelabuhan Tenau, Gerbang Utara tutup pukul 22.00"
# is the north gate's, and the port is every gate's.
_TIMES = _Kind(lambda a: a.times, lambda r, d: True, _times_agree, "date", message="time", reach=4, in_clause=True)
# Words that put an item's owner after it ("Rp5.000 untuk jam pertama dan Rp3.000 untuk jam berikutnya"): a
# list written so is not read by the words before its items.
_OWNER_AFTER = frozenset("untuk bagi kepada for to".split())
_FOR = frozenset("bagi untuk kepada for".split())


def owner_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    """A clash per draft figure or date whose words pick out exactly one item of a reference list (two or more
    of one kind in one sentence, each with words of its own) and whose value is not that item's."""
    if _outside(ref, dra) or _progress_against_target(ref, dra):
        return []
    return [c for kind in (_FIGURES, _DATES, _TIMES) for c in _kind_clashes(kind, ref, dra)] + _respective_clashes(ref,
                                                                                                             dra)


# "perak dan perunggu masing-masing menerima Rp5.000.000 dan Rp3.500.000": owners listed before "masing-masing",
# their figures after it in its clause, in the same order.
_LIST_BREAKS = frozenset({"dan", "serta"})


def _respective_owners(a: _Analysis) -> list[tuple[Any, frozenset[str]]]:
    """Each figure of a respective list with its owner's roots (the last word of its item), paired in order;
    nothing for a list whose counts differ."""
    out: list[tuple[Any, frozenset[str]]] = []
    toks = a.tokens
    for i in range(1, len(toks) - 1):
        if not (toks[i][0] == toks[i + 1][0] == "masing"):
            continue
        values = [q for q in a.quantities if (at := _span_tokens(a, q.start, q.end)[0]) > i + 1
                  and a.clause[at] == a.clause[i]]
        owners = _item_ends(a, i, len(values))
        if len(values) >= 2 and len(owners) == len(values):
            out += list(zip(values, owners))
    return out


def _item_ends(a: _Analysis, end: int, k: int) -> list[frozenset[str]]:
    """The roots of the last content word of each of the ``k`` list items just before token ``end`` in its clause
    (items split by "dan", "serta" or a comma), first item first."""
    toks, ends = a.tokens, []
    j = end - 1
    while j >= 0 and a.clause[j] == a.clause[end] and len(ends) < k:
        if is_content(toks[j][0]) and not toks[j][0].isdigit():
            ends.append(a.roots[j])
            # Back over the rest of this item to the break before it.
            while j > 0 and toks[j - 1][0] not in _LIST_BREAKS and "," not in a.text[toks[j - 1][2]:toks[j][1]]:
                j -= 1
        j -= 1
    return ends[::-1]


def _respective_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    """A draft figure whose nearest owner word names one owner of a reference respective list and whose value is
    not that owner's ("peraih medali perak menerima Rp3.500.000" against perak's Rp5.000.000)."""
    owners = _respective_owners(ref)
    out: list[Clash] = []
    for m in dra.quantities if owners else ():
        lo, _ = _span_tokens(dra, m.start, m.end)
        for j in range(lo - 1, max(-1, lo - _BESIDE - 1), -1):
            if dra.clause[j] != dra.clause[lo]:
                break
            holders = [r for r, own in owners if _same_measure(r, m) and not own.isdisjoint(dra.roots[j])]
            if holders:
                r = holders[0]
                if len(holders) == 1 and not _quantities_agree(r, m):
                    out.append(Clash("number", reason(CONFLICT["number"], draft=m.text, reference=r.text), m.text,
                                     r.text, "number:owner"))
                break
    return out


def _kind_clashes(kind: _Kind, ref: _Analysis, dra: _Analysis) -> list[Clash]:
    owners = _list_owners(kind, ref)
    if not owners:
        return []
    ours = kind.mentions(dra)
    out: list[Clash] = []
    for m in ours:
        lo, hi = _span_tokens(dra, m.start, m.end)
        if any(o is not m and kind.same(o, m) and _sentence(dra, o) == dra.sentence[lo] for o in ours):
            continue  # a list of the draft's own: its pairing is its own business
        if _states_no_value(dra, m, lo, hi, dra.quantities):
            continue  # as for any figure: no value stated now
        picked = _nearest_owner(kind, owners, dra, m, lo)
        if picked is None or kind.agree(picked, m):
            continue  # no one owner named, or the owner's own value
        r = picked
        out.append(Clash(kind.clash, reason(CONFLICT[kind.message or kind.clash], draft=m.text, reference=r.text),
                         m.text, r.text, kind.clash + ":owner"))
    return out


def _nearest_owner(kind: _Kind, owners: list[tuple[Any, frozenset[str]]], dra: _Analysis, m: Any, lo: int) -> Any:
    """The reference item owned by the draft word nearest before ``m`` (first token ``lo``, same clause, _BESIDE
    tokens at most) that some item owns: "Golongan III Rp120.000" is item "III"'s, though "biaya uji kir" before
    it opens the whole list. None when that word is owned by several items or no word is."""
    j = lo - 1
    while j >= max(0, lo - _BESIDE) and dra.clause[j] == dra.clause[lo]:
        word = _words(dra, j, j + 1, kind.names_only)
        holders = [r for r, own in owners if kind.same(r, m) and own & word]
        if holders:
            return holders[0] if len(holders) == 1 else None
        j -= 1
    return None


def _list_owners(kind: _Kind, a: _Analysis) -> list[tuple[Any, frozenset[str]]]:
    """The items of ``a`` that stand in a list with another of their kind in their sentence, each with the words
    only it has (words every item shares, like "SIM" in "SIM A … SIM C", own none); none when an item of a list
    has no words of its own (the pairing is unclear)."""
    found = _owners(kind, a)
    if any(_owner_after(a, m) for m, _ in found):
        return []
    out: list[tuple[Any, frozenset[str]]] = []
    for m, words in found:
        mates = [w for m2, w in found if m2 is not m and kind.same(m, m2) and _sentence(a, m2) == _sentence(a, m)]
        if not mates:
            continue
        own = words - frozenset().union(*mates)
        if not own:
            return []
        out.append((m, own))
    return out


def _owner_after(a: _Analysis, m: Any) -> bool:
    """The word after item ``m`` (past a "per …" rate) introduces whom it is for."""
    j = _span_tokens(a, m.start, m.end)[1] + 1
    if j + 1 < len(a.tokens) and a.tokens[j][0] in ("per", "setiap"):
        j += 2
    return j < len(a.tokens) and a.sentence[j] == a.sentence[j - 1] and a.tokens[j][0] in _OWNER_AFTER


def _owners(kind: _Kind, a: _Analysis) -> list[tuple[Any, frozenset[str]]]:
    """Each item with the words between it and the item of its kind before it in its sentence (or the sentence's
    start, _REACH tokens at most): "3 kilogram" between them does not end the words of a price."""
    out: list[tuple[Any, frozenset[str]]] = []
    before: list[tuple[Any, int, int]] = []  # (item, sentence, token after it)
    for m in kind.mentions(a):
        lo, hi = _span_tokens(a, m.start, m.end)
        s = a.sentence[lo]
        start = next((end for p, ps, end in reversed(before) if ps == s and kind.same(p, m)), None)
        if start is None:
            start = lo
            while start > max(0, lo - kind.reach) and a.sentence[start - 1] == s and (
                    not kind.in_clause or a.clause[start - 1] == a.clause[lo]):
                start -= 1
        if not kind.names_only:
            # A dated item's owner is whom it is for: the words after its last "bagi" ("bagi wajib pajak
            # badan 30 April"); "Pendaftaran dibuka 1 Mei dan ditutup 15 Juni" lists no owners.
            start = next((j + 1 for j in range(lo - 1, start - 1, -1) if a.tokens[j][0] in _FOR), lo)
        out.append((m, _words(a, start, lo, kind.names_only)))
        before.append((m, s, hi + 1))
    return out


def _words(a: _Analysis, lo: int, hi: int, names_only: bool) -> frozenset[str]:
    """The names of tokens ``lo..hi`` ("sulawesi", "c"), or all their content words (not numbers)."""
    if names_only:
        return frozenset(_names(a, lo, hi))
    return frozenset(w for w, _, _ in a.tokens[lo:hi] if not w.isdigit() and is_content(w))


def _sentence(a: _Analysis, m: Any) -> int:
    return a.sentence[_span_tokens(a, m.start, m.end)[0]]
