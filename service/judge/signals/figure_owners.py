"""Figures paired with names in a list: "SIM A Rp80.000 dan SIM C Rp75.000", "Di Jawa, Bali, dan Sumatera ...
Rp17.500, sedangkan di Kalimantan, Sulawesi, dan Nusa Tenggara ... Rp18.000". Each figure belongs to the names
written between it and the figure before it; a draft giving one owner another owner's figure changes it
("SIM C Rp80.000", "di Sulawesi ... Rp17.500"), though the value stands in the reference."""

from __future__ import annotations

from service.judge.signals.analysis import _Analysis, _negated_before, _span_tokens
from service.judge.signals.figure_clashes import _outside, _progress_against_target, _ratio_base, _told_as_past
from service.judge.signals.figure_roles import difference, old_of_change
from service.judge.signals.names import _names
from service.judge.signals.quantities import _log_distance, _quantities_agree, _same_measure
from service.judge.signals.records import Clash, Quantity
from service.messages import CONFLICT, reason


# How many tokens before a figure the names of a list item may stand (a bound on the work, too).
_REACH = 40
# How many tokens before a draft figure its names may stand.
_BESIDE = 4


def owner_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    """A clash per draft figure whose names pick out exactly one figure of a reference list (of two or more
    figures of one measure in one sentence, each with names of its own) and whose value is not that one's."""
    owners = _list_owners(ref)
    if not owners or _outside(ref, dra) or _progress_against_target(ref, dra):
        return []
    out: list[Clash] = []
    for q, _ in _owners(dra, dra.quantities):
        lo, hi = _span_tokens(dra, q.start, q.end)
        if any(o is not q and _same_measure(o, q) and _sentence(dra, o) == dra.sentence[lo] for o in dra.quantities):
            continue  # a list of the draft's own: its pairing is its own business
        # The draft's names right before its figure ("SIM C Rp80.000", "di Sulawesi adalah Rp17.500").
        names = frozenset(_names(dra, max(0, lo - _BESIDE), lo)) if dra.clause[max(0, lo - _BESIDE)] == dra.clause[lo] \
            else frozenset(_names(dra, next(j for j in range(lo + 1) if dra.clause[j] == dra.clause[lo]), lo))
        if (_negated_before(dra, lo) or _told_as_past(dra, lo) or _ratio_base(dra, lo)
                or old_of_change(dra, q, lo, dra.quantities) or difference(dra, lo, hi)):
            continue  # as for any figure: no value stated now (see figure_clashes._number_clashes)
        picked = [(rq, own) for rq, own in owners if _same_measure(rq, q) and own & names]
        if len(picked) != 1:
            continue
        rq, own = picked[0]
        if any(o & names for r2, o in owners if r2 is not rq) or _quantities_agree(rq, q):
            continue  # the draft names two owners' names, or gives its owner's value
        if _log_distance(rq, q) == 0:
            continue
        out.append(Clash("number", reason(CONFLICT["number"], draft=q.text, reference=rq.text), q.text, rq.text,
                         "number:owner"))
    return out


def _list_owners(a: _Analysis) -> list[tuple[Quantity, frozenset[str]]]:
    """The figures of ``a`` that stand in a list with another of their measure in their sentence, each with the
    names only it has (names every figure of the list shares, like "SIM" in "SIM A … SIM C", own none)."""
    found = _owners(a, a.quantities)
    out: list[tuple[Quantity, frozenset[str]]] = []
    for q, names in found:
        mates = [n for q2, n in found if q2 is not q and _same_measure(q, q2) and _sentence(a, q2) == _sentence(a, q)]
        if not mates:
            continue
        own = names - frozenset().union(*mates)
        if not own:
            return []  # a figure of the list without names of its own: the pairing is unclear
        out.append((q, own))
    return out


def _owners(a: _Analysis, quantities: tuple[Quantity, ...]) -> list[tuple[Quantity, frozenset[str]]]:
    """Each quantity with the names between it and the quantity of its measure before it in its sentence (or
    the sentence's start): "3 kilogram" between them does not end the names of a price."""
    out: list[tuple[Quantity, frozenset[str]]] = []
    before: list[tuple[Quantity, int, int]] = []  # (quantity, sentence, token after it)
    for q in quantities:
        lo, hi = _span_tokens(a, q.start, q.end)
        s = a.sentence[lo]
        start = next((end for p, ps, end in reversed(before) if ps == s and _same_measure(p, q)), None)
        if start is None:
            start = lo
            while start > max(0, lo - _REACH) and a.sentence[start - 1] == s:
                start -= 1
        out.append((q, frozenset(_names(a, start, lo))))
        before.append((q, s, hi + 1))
    return out


def _sentence(a: _Analysis, q: Quantity) -> int:
    return a.sentence[_span_tokens(a, q.start, q.end)[0]]
