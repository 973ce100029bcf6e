"""Clashes over who pays: one text says someone pays for a thing, the other that it is free for them or that
the state pays ("Biaya sertifikasi ISPO ditanggung BPDP dan tidak dibebankan kepada pekebun" / "Pekebun harus
menanggung sendiri biaya sertifikasi"; "tidak ada biaya apa pun yang dipungut untuk penukaran" / "Penukar akan
dikenakan biaya administrasi").

The negation rule needs one predicate negated on one side and asserted on the other; a fee is said with many
verbs ("dipungut", "dibebani", "menanggung", "membayar", "ditanggung oleh") and its payer may be the verb's
subject, its agent or its recipient. Here each text's payments are read as a :class:`_Charge` (who pays, or is
spared, for what) and two charges clash when one spares a party the other makes pay, or when the state pays what
a private party is said to pay. Vocabulary in ``vocab/cost.json``.

Precision first: a payer verb counts only with a cost noun or a rupiah figure in its clause; a sentence that
says both (a share paid by the state, the rest by the participant) says nothing here; the payer the charge
names must all be in the other text's sentence ("peserta mandiri membayar iuran" is no clash with "peserta PBI
tidak membayar iuran"); what is paid for must be the same where both name it ("biaya cetak" / "biaya
pendaftaran"), and the two must share a subject besides the fee's words.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from service.judge.signals.analysis import _Analysis, _fragment, _sentence_roots
from service.judge.signals.modality_clashes import _none_that
from service.judge.signals.negation import _any_negator, _negated_at
from service.judge.signals.records import Clash
from service.messages import COST, reason
from service.text.words import is_content as _content
from service.text.words import roots as _word_roots

_VOCAB = json.loads((Path(__file__).parent.parent / "vocab" / "cost.json").read_text(encoding="utf-8"))
_COST_NOUNS = frozenset(_VOCAB["cost_nouns"])
_FREE = frozenset(_VOCAB["free_words"])
_NONE_BEFORE = frozenset(_VOCAB["none_before_cost"])
_SUBJECT_PAYER = frozenset(_VOCAB["subject_payer"])
_AGENT_PAYER = frozenset(_VOCAB["agent_payer"])
_BY = frozenset(_VOCAB["by_words"])
_RECIPIENT_PAYER = frozenset(_VOCAB["recipient_payer"])
_TO = frozenset(_VOCAB["to_words"])
_FOR = frozenset(_VOCAB["for_words"])
_SELF = frozenset(_VOCAB["self_words"])
_STATE = frozenset(_VOCAB["state"])
_STATE_EN = frozenset(_VOCAB["state_en"])
_ALIASES = {w: frozenset().union(*(_word_roots(x) for x in full.split())) for w, full in _VOCAB["aliases"].items()}
_AUXILIARIES = frozenset(_VOCAB["auxiliaries"])
# The fee's own words, left out when two texts are asked whether they share a subject.
_FEE_WORDS = frozenset().union(*(_word_roots(w) for w in (
    _COST_NOUNS | _FREE | _SUBJECT_PAYER | _AGENT_PAYER | _RECIPIENT_PAYER | _SELF | {"cuma", "rp", "rupiah"})))
_ANY = frozenset({"apa", "apapun", "any"})  # "biaya apa pun": every fee
_STOPS = frozenset("dan serta atau maupun yang and or which who".split())
_NAME_JOINS = frozenset({"dan", "and"})
_WHEN = frozenset("mulai sejak pada tahun akademik ajaran anggaran bulan hingga sampai per in from since".split())
_PARTY_WORDS = 4  # content words of a payer read
_RELATIVE_REACH = 12  # tokens back from a verb that its subject or a relative clause's "yang" may stand
_ITEM_WORDS = 3  # content words after a cost noun that say what it is for
MIN_SHARED = 2  # content words besides the fee's that two texts must share when neither names what is paid for


@dataclass(frozen=True)
class _Charge:
    pays: bool  # the party pays (False: it is spared, or the thing is free)
    words: tuple[frozenset[str], ...]  # roots of each word naming who pays or is spared (none: not said, everyone)
    state: bool  # the party is the state: a public body or budget
    item: frozenset[str]  # roots of what is paid for (empty: not said, or every fee)
    at: int  # the cue's token

    @cached_property
    def party(self) -> frozenset[str]:
        """All roots of the party's words (read once: asked for each pair of charges)."""
        return frozenset().union(*self.words)


def _is_figure(w: str) -> bool:
    return any(ch.isdigit() for ch in w)


def _party_roots(a: _Analysis, idx: list[int]) -> tuple[frozenset[str], ...]:
    return tuple(a.roots[j] | _ALIASES.get(a.tokens[j][0], frozenset()) for j in idx)


def _subject(a: _Analysis, i: int) -> list[int]:
    """Content words of the subject before the verb at ``i`` in its clause (auxiliaries and negators skipped)."""
    clause, toks = a.clause[i], a.tokens
    j = i - 1
    while j >= 0 and i - j <= _RELATIVE_REACH and a.clause[j] == clause and (
            toks[j][0] in _AUXILIARIES or _any_negator(toks[j][0])):
        j -= 1
    # "Perawat yang dikirim ke luar negeri tidak boleh dibebani": the subject is the noun the relative clause follows.
    relative = next((k for k in range(j, max(-1, j - _RELATIVE_REACH), -1)
                     if a.clause[k] != clause or toks[k][0] in ("yang", "who", "which")), -1)
    if relative >= 0 and a.clause[relative] == clause:
        j = relative - 1
    out: list[int] = []
    while j >= 0 and i - j <= 2 * _RELATIVE_REACH and a.clause[j] == clause and len(out) < _PARTY_WORDS:
        w = toks[j][0]
        if not out and (_is_figure(w) or w in _WHEN):
            j -= 1  # "… mulai tahun akademik 2026/2027 menanggung": the subject is before the time
            continue
        if w in _NAME_JOINS and 0 < j < i - 1 and a.text[toks[j - 1][1]].isupper() and a.text[toks[j + 1][1]].isupper():
            j -= 1  # "Kementerian Kelautan dan Perikanan menanggung": "dan" inside one name
            continue
        if w in _STOPS or _is_figure(w):
            break
        if _content(w):
            out.append(j)
        elif out:
            break
        j -= 1
    return out


def _after(a: _Analysis, i: int, skip: frozenset[str] = frozenset()) -> list[int]:
    """Content words of the phrase after token ``i`` in its clause (one word of ``skip`` passed over first)."""
    clause, toks = a.clause[i], a.tokens
    j = i + 1
    if j < len(toks) and toks[j][0] in skip:
        j += 1
    out: list[int] = []
    while j < len(toks) and j - i <= _RELATIVE_REACH and a.clause[j] == clause and len(out) < _PARTY_WORDS:
        w = toks[j][0]
        if w in _STOPS or w in _COST_NOUNS or _is_figure(w):
            break
        if _content(w) and not _any_negator(w):
            out.append(j)
        elif out:
            break
        j += 1
    return out


def _clause_has_cost(a: _Analysis, i: int) -> int | None:
    """The clause's cost noun nearest ``i`` (or a rupiah figure's token), if any."""
    by_clause = a.memo.get("cost_nouns")
    if by_clause is None:  # read once per text: a long text full of cues stays linear
        by_clause = a.memo["cost_nouns"] = {}
        for j, (w, _, _) in enumerate(a.tokens):
            if w in _COST_NOUNS or (w.startswith("rp") and _is_figure(w)):
                by_clause.setdefault(a.clause[j], []).append(j)
    hits = by_clause.get(a.clause[i], [])  # in token order
    if not hits:
        return None
    k = bisect.bisect_left(hits, i)
    return min(hits[max(0, k - 1):k + 1], key=lambda j: abs(j - i))


def _item(a: _Analysis, noun: int | None) -> frozenset[str]:
    """What a cost noun is for: the content words after it ("biaya sertifikasi ISPO"); empty for "biaya apa
    pun" (every fee) or a figure."""
    if noun is None or a.tokens[noun][0] not in _COST_NOUNS:
        return frozenset()
    toks = a.tokens
    out: set[str] = set()
    j = noun + 1
    if j < len(toks) and toks[j][0] in _ANY:
        return frozenset()
    while j < len(toks) and a.clause[j] == a.clause[noun] and len(out) < _ITEM_WORDS:
        w = toks[j][0]
        if w in _STOPS or _is_figure(w) or w in _FOR or w in _BY or not _content(w):
            break
        out |= a.roots[j]
        j += 1
    return frozenset(out)


def _state(a: _Analysis, idx: list[int]) -> bool:
    """The party is the state: its head is a state word, first in Indonesian ("Pemerintah Provinsi …", not "warga
    negara Indonesia"), last in English ("the Provincial Government")."""
    if not idx:
        return False
    first, last = a.tokens[min(idx)][0], a.tokens[max(idx)][0]
    return first in _STATE or (last in _STATE_EN)


def _relative(a: _Analysis, i: int) -> bool:
    """The verb opens a relative clause that names who ("Peserta yang tidak membayar iuran ...")."""
    j = i - 1
    while j >= 0 and a.clause[j] == a.clause[i] and (a.tokens[j][0] in _AUXILIARIES or _any_negator(a.tokens[j][0])):
        j -= 1
    return j >= 0 and a.tokens[j][0] in ("yang", "who", "which") and not _none_that(a, j + 1)


def _free_word(a: _Analysis, i: int) -> bool:
    toks, w = a.tokens, a.tokens[i][0]
    nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
    prv = toks[i - 1][0] if i > 0 else ""
    if w == "gratis":
        return True
    if w == "cuma":
        return nxt == "cuma" and prv != "cuma"
    # English "free" is a fee only as "free of charge", "for free", "is free (for)": not "free trade zone".
    return w == "free" and (nxt in ("of", "for") or prv in ("for", "is", "are", "be", "remains", "remain"))


def _spared(a: _Analysis, i: int) -> list[int]:
    """Whom a free thing is for: after "bagi/untuk/for" within three words, else the clause's subject."""
    for j in range(i + 1, min(len(a.tokens), i + 4)):
        if a.clause[j] != a.clause[i]:
            break
        if a.tokens[j][0] in _FOR and not (a.tokens[j][0] == "for" and i and a.tokens[i - 1][0] == "for"):
            return _after(a, j)
    return []


def _charges(a: _Analysis) -> tuple[_Charge, ...]:
    """The payments ``a`` states, memoised per text; a sentence stating both a private and a public payer
    (or a payer and a spared party) is left out."""
    found = a.memo.get("cost")
    if found is not None:
        return found
    out: list[_Charge] = []
    toks = a.tokens
    for i, (w, _, _) in enumerate(toks):
        if a.sentence[i] in a.cond_sentences or a.clause[i] in a.other_time_clauses:
            continue
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        charge: _Charge | None = None
        if w in _COST_NOUNS and i and (toks[i - 1][0] in _NONE_BEFORE or (
                toks[i - 1][0] in ("ada", "terdapat") and _negated_at(toks, i - 1) is not None)):
            spared = _spared(a, i)
            charge = _Charge(False, _party_roots(a, spared), False, _item(a, i), i)
        elif _free_word(a, i):
            spared = _spared(a, i)
            charge = _Charge(False, _party_roots(a, spared), False, _item(a, _clause_has_cost(a, i)), i)
        elif w in _RECIPIENT_PAYER and nxt in _TO:
            noun = _clause_has_cost(a, i)
            party = _after(a, i + 1)
            if (noun is not None or w == "dibebankan") and party and not _relative(a, i):
                charge = _Charge(_negated_at(toks, i) is None, _party_roots(a, party), _state(a, party),
                                 _item(a, noun), i)
        elif w in _SUBJECT_PAYER:
            noun = _clause_has_cost(a, i)
            if (noun is not None or nxt in _SELF) and not _relative(a, i):
                negated = (_negated_at(toks, i) is not None or (i and toks[i - 1][0] == "tanpa")
                           or _none_that(a, i))
                subject = [] if negated and i and toks[i - 1][0] == "yang" else _subject(a, i)
                if subject or negated or not w.startswith("me"):  # "… menanggung biaya" with no payer found: no one
                    charge = _Charge(not negated, _party_roots(a, subject), _state(a, subject), _item(a, noun), i)
        elif w in _AGENT_PAYER and _negated_at(toks, i) is None:
            noun = _clause_has_cost(a, i)
            party = _after(a, i, _BY)
            if noun is not None and party:
                charge = _Charge(True, _party_roots(a, party), _state(a, party), _item(a, noun), i)
        if charge is not None:
            out.append(charge)
    # A sentence that both charges a private party and spares one (or has the state pay) is a split: left out.
    mixed = {a.sentence[c.at] for c in out if _private(c)} & {a.sentence[c.at] for c in out if not _private(c)}
    found = a.memo["cost"] = tuple(c for c in out if a.sentence[c.at] not in mixed)
    return found


def _private(c: _Charge) -> bool:
    """A private party pays."""
    return c.pays and not c.state


def _opposed(r: _Charge, ref: _Analysis, d: _Charge, dra: _Analysis) -> bool:
    """The two charges say the opposite of who pays: one makes a party pay that the other spares (a local
    government too: "Pemerintah daerah tidak dibebani biaya" / "pemda tetap menanggung biaya"), or a private
    party pays what is free or what the state pays."""
    if r.pays != d.pays and _named_both(r, d) and r.state == d.state:
        pays, spared, spared_text = (r, d, dra) if r.pays else (d, r, ref)
    elif _private(r) != _private(d):
        pays, spared, spared_text = (r, d, dra) if _private(r) else (d, r, ref)
        if spared.party and pays.party and not spared.pays:
            return False  # two named parties that do not meet (see _named_both)
        if spared.pays and pays.item.isdisjoint(spared.item):
            return False  # the state pays one thing, a private party another ("pemasangan" / "tarif gas")
    else:
        return False
    # Every word of the paying party stands in the other text's sentence: "peserta mandiri" is another group
    # than the "peserta PBI" whom the other spares.
    other = _sentence_roots(spared_text, spared_text.sentence[spared.at]) | spared.party
    return all(not w.isdisjoint(other) for w in pays.words)


def _named_both(r: _Charge, d: _Charge) -> bool:
    """Both charges name their party, and the two share a word."""
    return bool(r.words and d.words) and not r.party.isdisjoint(d.party)


_DEMONSTRATIVES = frozenset("ini itu tersebut this that".split())


def _refers_back(a: _Analysis, at: int) -> bool:
    """The charge's fee is named by a demonstrative ("pungutan ini", "biaya tersebut"): one said before."""
    noun = _clause_has_cost(a, at)
    return noun is not None and noun + 1 < len(a.tokens) and a.tokens[noun + 1][0] in _DEMONSTRATIVES


def _shared_words(a: _Analysis, s: int, pool: frozenset[str]) -> int:
    """How many content words of sentence ``s`` of ``a``, besides the fee's own, have a root in ``pool``."""
    by_sentence = a.memo.get("cost_words")
    if by_sentence is None:  # each sentence's content words besides the fee's, read once per text
        by_sentence = a.memo["cost_words"] = {}
        for j, (w, _, _) in enumerate(a.tokens):
            if _content(w) and not _is_figure(w) and a.roots[j].isdisjoint(_FEE_WORDS):
                by_sentence.setdefault(a.sentence[j], []).append(a.roots[j])
    return sum(not r.isdisjoint(pool) for r in by_sentence.get(s, ()))


def cost_clashes(ref: _Analysis, dra: _Analysis, setting: _Analysis | None = None) -> list[Clash]:
    """Clashes over who pays between a reference (its position's ``setting`` read for the shared subject) and a
    draft sentence, at most one."""
    ref_charges = _charges(ref)
    if not ref_charges:
        return []
    pool = ref.root_pool | (setting.root_pool if setting is not None else frozenset())
    shared_in: dict[int, int] = {}  # per draft sentence: many charges share one sentence
    for d in _charges(dra):
        s = dra.sentence[d.at]
        shared = shared_in[s] if s in shared_in else shared_in.setdefault(s, _shared_words(dra, s, pool))
        for r in ref_charges:
            if not _opposed(r, ref, d, dra):
                continue
            if (r.item and _refers_back(dra, d.at)) or (d.item and _refers_back(ref, r.at)):
                continue  # "pungutan ini" is the fee named before, not the one the other text names
            if r.item and d.item:
                if r.item.isdisjoint(d.item):
                    continue  # "biaya cetak" / "biaya pendaftaran": two fees
            elif shared < MIN_SHARED and not (shared and _named_both(r, d)):
                continue  # a fee said of nothing the other names ("Penerima" / "penerima" names it once)
            if shared < 1:
                continue
            dfrag, rfrag = _fragment(dra, d.at, 3, 4), _fragment(ref, r.at, 3, 4)
            return [Clash("negation", reason(COST, draft=dfrag, reference=rfrag), dfrag, rfrag,
                          "cost:" + ("draft_pays" if _private(d) else "draft_spared"))]
    return []


# The verbs and words through which a fee is said: a negation clash on one of them is a question of who pays.
FEE_VERBS = _SUBJECT_PAYER | _AGENT_PAYER | _RECIPIENT_PAYER | {"dibebaskan", "membebaskan"}


def payment_agrees(ref: _Analysis, dra: _Analysis, setting: _Analysis | None = None) -> bool:
    """Both texts say the same of who pays (a private party, or the state or no one) and do not clash over it:
    "Para calon tidak dibebani biaya pendaftaran karena seluruh anggaran ditanggung APBD" agrees with "Seluruh
    biaya dibebankan pada APBD, sehingga calon tidak dipungut biaya", whatever a plain negation rule makes of
    "tidak dibebani" against "dibebankan"."""
    same = any(_private(r) == _private(d) for r in _charges(ref) for d in _charges(dra))
    return same and not cost_clashes(ref, dra, setting)

