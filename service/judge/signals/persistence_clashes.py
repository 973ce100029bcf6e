"""Clashes of persistence: the draft says something goes on ("Kantor imigrasi tetap menerima pemohon yang
datang tanpa janji temu", "tiket masih dapat dibeli secara tunai di loket") where the reference says, in
another verb, that it does not ("kantor imigrasi tidak melayani pemohon yang datang tanpa janji temu",
"ASDP tidak lagi melayani penjualan tiket secara tunai di loket").

The negation rule needs the same predicate on both sides; here "tetap" or "masih" is the draft's
assertion, so the two verbs may differ, and everything else must match instead:

* the reference's denial says "no longer" ("tidak lagi"), or the draft says it is still possible ("tetap
  dapat"), or the denied predicate is a service, sale, validity or continuation that "tetap" affirms
  (``ongoing`` in ``vocab/persistence.json``);
* the same verb on both sides is the negation rule's, which runs first; this rule takes it when that one
  cannot read the draft's clause as asserted ("tetap melayani pemohon tanpa janji temu");
* a denied change agrees with "tetap" ("tidak naik" / "tetap Rp3.000"), and so does the draft's verb when it
  is the denied one's antonym ("tidak dibuka" / "tetap ditutup") or itself says no ("tetap dilarang");
* most content words of the reference's denying clause are in the draft's clause, most of the draft's
  subject and of the first words of its object are in the reference's sentence, and the figures of either
  clause are in the other text.

Conditions, other times and relative clauses ("yang tidak …" names which ones) state no rule. At most
MAX_READ markers and denials are read per text, so a text full of them costs bounded work.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from service.judge.signals.analysis import (
    _RELATIVE,
    _WITHOUT,
    _Analysis,
    _clause_idx,
    _existential_clause,
    _fragment,
)
from service.judge.signals.negation import _NOT_YET, _any_negator
from service.judge.signals.negation import _VOCAB as _NEGATION
from service.judge.signals.polarity_clashes import (
    _PROHIBITIVE,
    _VERB_FORM,
    _exclusion,
    _in_relative,
    _poles,
    _predicate,
)
from service.judge.signals.records import Clash
from service.messages import PERSISTENCE, reason
from service.text.words import is_content as _content

_VOCAB = json.loads((Path(__file__).parent.parent / "vocab" / "persistence.json").read_text(encoding="utf-8"))
_MARKERS = frozenset(_VOCAB["markers"])
_MODALS = frozenset(_VOCAB["modals"])
_SKIP = frozenset(_VOCAB["skip"])
_NO_LONGER = frozenset(_VOCAB["no_longer"])
_ONGOING = frozenset(_VOCAB["ongoing"])
_CHANGES = frozenset(_VOCAB["changes"])
_SAYS_NO = _PROHIBITIVE | frozenset(_NEGATION["negative_lexical"]) | frozenset(_VOCAB["negative_verbs"])
# Share of each side's content words the other must hold (the denying clause in the draft's clause, the
# draft clause in the reference's sentence), and the fewest shared words that make them about one thing.
COVERAGE = 0.6
MIN_SHARED = 3
OBJECT_WORDS = 4  # content words of the draft's object that are compared
MAX_READ = 8


def _persisting(a: _Analysis) -> list[tuple[int, int, bool]]:
    """(marker, verb, whether a modal stands between) for each "tetap/masih [dapat] <verb>" of ``a`` (memoised)."""
    found = a.memo.get("persisting")
    if found is not None:
        return found
    out = a.memo["persisting"] = []
    toks = a.tokens
    for i, (w, _, _) in enumerate(toks):
        if w not in _MARKERS:
            continue
        modal = False
        j = i + 1
        while j < len(toks) and j - i <= 3 and a.clause[j] == a.clause[i] and toks[j][0] in _MODALS | _SKIP:
            modal = modal or toks[j][0] in _MODALS
            j += 1
        if j >= len(toks) or a.clause[j] != a.clause[i]:
            continue
        v = toks[j][0]
        # "can still obtain": the modal may stand before an English marker.
        modal = modal or (i > 0 and toks[i - 1][0] in _MODALS and a.clause[i - 1] == a.clause[i])
        verb = _VERB_FORM.match(v) or v in _ONGOING or (w == "still" and v.isalpha())
        if _content(v) and not v[:1].isdigit() and verb:
            out.append((i, j, modal))
    return out


def _denials(a: _Analysis) -> list[tuple[int, int, bool]]:
    """(negator, predicate, whether it says "no longer") for each plain denial of a fact in ``a`` (memoised)."""
    found = a.memo.get("denials")
    if found is not None:
        return found
    out = a.memo["denials"] = []
    toks = a.tokens
    for i in a.negators:
        w = toks[i][0]
        if w in _NOT_YET or w not in ("tidak", "tak", "not", "no", "never"):
            continue  # "belum" (not yet) is compatible with "masih dibahas"; "tanpa" denies a noun
        if a.sentence[i] in a.cond_sentences or _in_relative(a, i) or _existential_clause(a, i):
            continue
        no_longer = i + 1 < len(toks) and toks[i + 1][0] in _NO_LONGER
        p = _predicate(a, i + 1 if no_longer else i)  # "no longer issues": the predicate follows "longer"
        if p is None or toks[p][0] in _CHANGES:
            continue
        if w == "no" and not no_longer:
            continue  # English "no" before a noun ("no fee") is the negation rule's
        out.append((i, p, no_longer))
    return out


def _says_no(a: _Analysis, i: int) -> bool:
    """The clause of ``i`` negates or forbids something itself ("tetap tidak", "masih dilarang"); a "tanpa"
    in its object ("tanpa janji temu") or a negator that says which ones ("yang belum memesan") does not."""
    toks = a.tokens
    return any(toks[j][0] in _SAYS_NO or (_any_negator(toks[j][0]) and toks[j][0] not in _WITHOUT
                                         and not _in_relative(a, j)) for j in _clause_idx(a, i))


def _opposites(dra: _Analysis, v: int, ref: _Analysis, p: int) -> bool:
    """The draft's verb and the denied predicate are the two poles of one antonym pair."""
    dp = {pi for i, pi, _ in _poles(dra) if i == v}
    return any(i == p and pi in dp for i, pi, _ in _poles(ref))


def _content_roots(a: _Analysis, idx: Iterable[int], leave_out: set[int]) -> list[frozenset[str]]:
    return [a.roots[j] for j in idx if j not in leave_out and _content(a.tokens[j][0])
            and not _any_negator(a.tokens[j][0]) and not a.tokens[j][0][:1].isdigit()]


def _figures(a: _Analysis, idx: Iterable[int]) -> set[str]:
    return {a.tokens[j][0] for j in idx if any(ch.isdigit() for ch in a.tokens[j][0])}


def _which_ones(a: _Analysis, m: int) -> set[int]:
    """The relative clause that qualifies the subject before the marker ("pengguna jasa yang belum sempat
    memesan tetap dapat membeli"): it says which ones, so its words are not what the two texts must share."""
    clause = _clause_idx(a, m)
    rel = next((j for j in clause if j < m and a.tokens[j][0] in _RELATIVE), None)
    return set(range(rel, m)) if rel is not None else set()


def _aligned(ref: _Analysis, n: int, p: int, dra: _Analysis, m: int, v: int) -> bool:
    """The denying clause and the persisting clause speak of the same thing (see the module's note)."""
    r_clause, d_clause = _clause_idx(ref, n), _clause_idx(dra, m)
    r_sentence = [j for j in range(len(ref.tokens)) if ref.sentence[j] == ref.sentence[n]]
    d_pool = frozenset().union(*(dra.roots[j] for j in d_clause))
    r_pool = frozenset().union(*(ref.roots[j] for j in r_sentence))
    r_words = _content_roots(ref, r_clause, set(range(n, p + 1)))
    # The draft's subject (past the relative clause that says which ones) and the object after its verb; what
    # follows the object ("bagi penumpang yang kesulitan mengakses internet") says for whom or why.
    subject = [j for j in d_clause if j < m and j not in _which_ones(dra, m)]
    after = [j for j in d_clause if j > v]
    d_words = _content_roots(dra, subject, set()) + _content_roots(dra, after, set())[:OBJECT_WORDS]
    r_hit = sum(not r.isdisjoint(d_pool) for r in r_words)
    d_hit = sum(not r.isdisjoint(r_pool) for r in d_words)
    if r_hit < MIN_SHARED or r_hit < COVERAGE * len(r_words) or d_hit < COVERAGE * len(d_words):
        return False
    d_text = {w for w, _, _ in dra.tokens}
    r_text = {w for w, _, _ in ref.tokens}
    return _figures(ref, r_clause) <= d_text and _figures(dra, d_clause) <= r_text


def persistence_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    """The draft clauses that say something goes on where the reference denies it (one clash at most)."""
    marks = [(m, v, modal) for m, v, modal in _persisting(dra)[:MAX_READ]
             if dra.sentence[m] not in dra.cond_sentences and dra.clause[m] not in dra.other_time_clauses
             and not _says_no(dra, m)]
    if not marks:
        return []
    for n, p, no_longer in _denials(ref)[:MAX_READ]:
        for m, v, modal in marks:
            if not (no_longer or modal or ref.tokens[p][0] in _ONGOING):
                continue
            if _opposites(dra, v, ref, p):
                continue  # "tidak dibuka" / "tetap ditutup" agree
            if _exclusion(ref, p) and dra.roots[v].isdisjoint(ref.roots[p]):
                continue  # "Pembatasan tidak berlaku bagi truk BBM" / "Truk BBM tetap boleh melintas": the exception
            if not _aligned(ref, n, p, dra, m, v):
                continue
            end = min(v + 2, _clause_idx(dra, m)[-1])
            dfrag = dra.text[dra.tokens[m][1]:dra.tokens[end][2]]
            rfrag = _fragment(ref, n, 1, 3)
            return [Clash("negation", reason(PERSISTENCE, draft=dfrag, reference=rfrag), dfrag, rfrag, "persistence")]
    return []
