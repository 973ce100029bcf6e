"""Clashes of modality: what one text requires, allows or keeps unchanged and the other says is not
required, forbidden or changed ("TKA tidak wajib diikuti" / "siswa wajib mengikuti TKA"; "Kebijakan ini
tidak berlaku pada hari Sabtu" / "tetap berlaku pada hari Sabtu"; "Suku bunga KUR tetap 6 persen" /
"Suku bunga KUR dinaikkan").

The negation rule leaves these alone: it skips deontic words ("tidak wajib", "tidak boleh") because a
prohibition denies no fact, and it needs the same predicate on both sides. Here the cue words are
the statement. Vocabulary in ``vocab/modality.json``: four classes (required, applies, permitted, unchanged),
each with a positive and a negative side; a negated cue counts for the other side (a negated direction,
"tidak naik", counts for none). Cues in conditions, in the past and in requests ("meminta ... agar boleh")
state no rule.

A pair clashes when one text's cue is on the positive side and the other's on the negative side of
one class (or the one requires what the other forbids), and the negative side's *object* (the words
after "wajib", "dilarang", "tidak berlaku pada"; the subject before "dinaikkan") is mostly in the
other text's clause, its figures included: "tidak berlaku bagi pelanggan 3.500 VA" says nothing
against "berlaku bagi pelanggan 450 VA". A cue that ends a list ("A, B, dan C dikecualikan") is about any
item of it. The judge asks these clashes of passages below its general bars too (they name their
object). Word sets are read once per clause or sentence of each text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from service.judge.signals.analysis import _Analysis, _clause_idx, _fragment, _no_before
from service.judge.signals.labels import _labels_agree, _labels_near
from service.judge.signals.negation import _CONDITIONALS, _any_negator, _negated_at
from service.judge.signals.records import Clash
from service.messages import MODALITY, reason
from service.text.words import is_content as _content
from service.text.words import roots as _word_roots

_VOCAB = json.loads((Path(__file__).parent.parent / "vocab" / "modality.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Cue:
    cls: str
    side: int  # 1: requires / allows / stays; 0: not required / forbidden / changes
    nxt: frozenset[str]  # one of these must follow (empty: none needed)
    figure: bool  # a figure must follow within two words
    directional: bool  # negated, it says nothing of the class ("tidak naik" may have fallen)


def _cue_index() -> dict[str, list[_Cue]]:
    index: dict[str, list[_Cue]] = {}
    for cls, entry in _VOCAB.items():
        if cls.startswith("_"):
            continue  # notes and word lists that are not cue classes
        directional = set(entry.get("directional", ()))
        for side, key in ((1, "positive"), (0, "negative")):
            for cue in entry[key]:
                word, _, rest = cue.partition(" ")
                figure = rest == "+figure"
                nxt = frozenset() if figure or not rest else frozenset(rest.split("|"))
                index.setdefault(word, []).append(_Cue(cls, side, nxt, figure, cue in directional))
    return index


_CUES = _cue_index()
# Verbs through which a negation reaches a cue noun: "tidak mengalami kenaikan", "tidak ada perubahan".
_LIGHT_VERBS = frozenset("mengalami ada terjadi melakukan".split())
_OBJECT_BEFORE = frozenset(cls for cls, e in _VOCAB.items() if not cls.startswith("_") and e["object"] == "before")
# Words that ask for something rather than state it.
_REQUESTS = frozenset("meminta mengusulkan mendesak menuntut berharap mengharapkan memohon "
                      "asked asks urged urges requested proposed proposes demanded hoped".split())
# Words that end a cue's object: the next item of a list is another thing ("tidak wajib diikuti dan
# tidak menentukan kelulusan").
_COORDINATORS = frozenset("dan serta atau maupun and or".split())
# Words that open a time or place adjunct rather than an object.
_ADJUNCTS = frozenset("sepanjang mulai sejak selama hingga sampai di dalam until from since during in on at".split())
_OBJECT_WORDS = 5  # how far an object reaches after its cue
_SUBJECT_WORDS = 4  # ... or before it
_LIST_WORDS = 16  # how far back a list before a clause-final cue is read
# Share of the object's content words the other text's clause must hold, and of the subject's words
# its sentence must hold.
OBJECT_COVERAGE = 0.6
SUBJECT_COVERAGE = 0.6
# Words that refer back to the subject rather than name it ("Kebijakan ini tidak berlaku pada hari Sabtu").
_GENERIC = frozenset("kebijakan ketentuan aturan peraturan program hal ini tersebut itu policy rule it this".split())
# A clause opened by one of these has its subject in the sentence's first clause: "Pas kecil berlaku selama …,
# sehingga tidak perlu diperpanjang" says that of the pas kecil.
_CONSEQUENCE = frozenset("sehingga maka jadi so therefore".split())
# ... and so has a predicate joined to the sentence's first by one of these right before its cue.
_JOINERS = frozenset("dan serta tetapi namun and but".split())
_UNIVERSAL = frozenset(_VOCAB["_universal"])
_UNIVERSAL_PUN = frozenset(_VOCAB["_universal_pun"])
# Each word of a "_same_object" group stands for the whole group's roots: "dicicil" is found in "secara bertahap".
_SAME_OBJECT = {w: frozenset().union(*(_word_roots(x) for x in group))
                for group in _VOCAB["_same_object"] for w in group}
_SUBJECT_REACH = 12  # how far back a universal word may stand before its cue
_MESSAGES = {"required": MODALITY["required"], "applies": MODALITY["required"], "permitted": MODALITY["permitted"],
             "unchanged": MODALITY["unchanged"]}


@dataclass(frozen=True)
class _Mention:
    cls: str
    side: int
    start: int  # cue tokens start..end
    end: int


def _is_figure(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def _mentions(a: _Analysis) -> tuple[_Mention, ...]:
    """The modality cues of ``a`` with the side each asserts (memoised per text)."""
    found = a.memo.get("modality")
    if found is not None:
        return found
    out = []
    toks = a.tokens
    for i, (w, _, _) in enumerate(toks):
        if _modal_not(a, i, ("must", "shall")):
            out.append(_Mention("permitted", 0, i, i + 1))  # "must not slaughter" forbids, as "dilarang" does
            continue
        for cue in _CUES.get(w, ()):
            end = i
            if cue.nxt:
                if i + 1 >= len(toks) or toks[i + 1][0] not in cue.nxt or a.clause[i + 1] != a.clause[i]:
                    continue
                end = i + 1
            if cue.figure and not any(_is_figure(toks[j][0]) or toks[j][0].startswith("rp")
                                      for j in range(i + 1, min(len(toks), i + 3)) if a.clause[j] == a.clause[i]):
                continue
            negated = _negated_at(toks, i) is not None or (
                i > 0 and toks[i - 1][0] in _LIGHT_VERBS and _negated_at(toks, i - 1) is not None) or _english_no(a, i) \
                or _none_that(a, i) or _modal_not(a, i, ("may",))
            if negated and cue.directional:
                continue
            out.append(_Mention(cue.cls, 1 - cue.side if negated else cue.side, i, end))
    # A clause that says both ("tidak mengalami kenaikan dan tetap Rp3.000" is one side twice, but
    # "tidak naik, sementara tarif lain naik" is both): its cues of that class tell nothing.
    sides: dict[tuple[str, int], set[int]] = {}
    for m in out:
        sides.setdefault((m.cls, a.clause[m.start]), set()).add(m.side)
    found = a.memo["modality"] = tuple(m for m in out if len(sides[(m.cls, a.clause[m.start])]) == 1)
    return found


def _none_that(a: _Analysis, i: int) -> bool:
    """"tidak ada biaya apa pun yang dipungut": the cue after "yang" is what there is none of."""
    toks = a.tokens
    return i > 0 and toks[i - 1][0] == "yang" and any(
        toks[j][0] in ("ada", "terdapat") and toks[j - 1][0] in ("tidak", "tak")
        for j in range(max(1, i - 7), i - 1) if a.clause[j] == a.clause[i])


def _before(a: _Analysis, m: _Mention) -> list[int]:
    """Token indices of up to _SUBJECT_WORDS words before a cue in its clause (negators and cues skipped). A cue
    that opens a predicate of its own ("… dan tidak dimintai uang muka", "…, sehingga tidak perlu diperpanjang")
    says it of the sentence's subject: its first words."""
    clause, toks = a.clause[m.start], a.tokens
    j = m.start - 1
    while j >= 0 and _any_negator(toks[j][0]) and a.sentence[j] == a.sentence[m.start]:
        j -= 1
    if j > 0 and a.sentence[j] == a.sentence[m.start] and (toks[j][0] in _CONSEQUENCE or toks[j][0] in _JOINERS):
        start = next(k for k in range(j, -1, -1) if k == 0 or a.sentence[k - 1] != a.sentence[j])
        end = next((k for k in range(start, j) if toks[k][0] in _CUES), j)  # the first predicate's cue
        return [k for k in range(start, end) if _content(toks[k][0]) and not _any_negator(toks[k][0])][
            :_SUBJECT_WORDS - 1]
    out: list[int] = []
    j = m.start - 1
    while j >= 0 and a.clause[j] == clause and len(out) < _SUBJECT_WORDS:
        w = toks[j][0]
        if w in _COORDINATORS:
            # "THR harus dibayar penuh dan tidak boleh dicicil": the words after an earlier cue are its own
            # predicate; the two cues share the subject before the first.
            k = next((i for i in range(j - 1, max(-1, j - _OBJECT_WORDS - 1), -1)
                      if toks[i][0] in _CUES and a.clause[i] == clause), None)
            if k is not None:
                j = k - 1
                continue
        if not (_any_negator(w) or w in _CUES or w in _GENERIC):
            out.append(j)
        j -= 1
    return out


def _list_items(a: _Analysis, m: _Mention) -> list[list[int]]:
    """The items of a list that ends at a cue in its sentence ("A, B, dan C dikecualikan"), each with a content
    word, at most _LIST_WORDS words back."""
    items: list[list[int]] = [[]]
    j = m.start - 1
    while j >= 0 and a.sentence[j] == a.sentence[m.start] and m.start - j <= _LIST_WORDS:
        w = a.tokens[j][0]
        if w in _COORDINATORS or a.clause[j] != a.clause[j + 1]:
            items.append([])
        if w not in _COORDINATORS and not _any_negator(w) and w not in _CUES:
            items[-1].append(j)
        j -= 1
    return [item for item in items if any(_content(a.tokens[k][0]) and not _is_figure(a.tokens[k][0]) for k in item)]


def _object(a: _Analysis, m: _Mention) -> list[int]:
    """Token indices of a cue's object: after it (up to a coordinator) or, for the change class, before it."""
    if m.cls in _OBJECT_BEFORE:
        return _before(a, m)
    clause, toks = a.clause[m.start], a.tokens
    out: list[int] = []
    j = m.end + 1
    if j < len(toks) and toks[j][0] in _ADJUNCTS:
        return out  # "dilarang sepanjang tahun": when, not what
    while j < len(toks) and a.clause[j] == clause and len(out) < _OBJECT_WORDS and toks[j][0] not in _COORDINATORS:
        out.append(j)
        j += 1
    return out


@dataclass(frozen=True)
class _Words:
    roots: frozenset[str]  # roots of the content words
    plain: frozenset[str]  # every word as written
    figures: frozenset[str]  # words with digits


def _clause_words(a: _Analysis, m: _Mention, sentence: bool = False) -> _Words:
    """The words of the mention's clause (or sentence), cue words left out (memoised per clause or sentence of
    the text: a long sentence full of cues is read once)."""
    key = ("modality_words", sentence, a.sentence[m.start] if sentence else a.clause[m.start])
    found = a.memo.get(key)
    if found is None:
        found = a.memo[key] = _words_of(a, [j for j in range(len(a.tokens)) if a.sentence[j] == a.sentence[m.start]]
                                        if sentence else _clause_idx(a, m.start))
    return found


def _words_of(a: _Analysis, span) -> _Words:  # noqa: ANN001 - a range or a list of token indices
    roots: set[str] = set()
    plain: set[str] = set()
    figures: set[str] = set()
    for j in span:
        w = a.tokens[j][0]
        plain.add(w)
        if _is_figure(w):
            figures.add(w)
        elif _content(w) and not _any_negator(w) and w not in _CUES:
            roots |= a.roots[j] | _SAME_OBJECT.get(w, frozenset())
    return _Words(frozenset(roots), frozenset(plain), frozenset(figures))


def _found(a: _Analysis, idx: list[int], words: _Words, share: float) -> bool:
    """At least ``share`` of the content words at ``idx`` have a root among ``words`` (or, when they hold no
    content word, every word is there as written: "pada hari Minggu"), and all their figures are there when ``words``
    hold any."""
    content = [j for j in idx if _content(a.tokens[j][0]) and not _is_figure(a.tokens[j][0])]
    if content:
        if sum(not a.roots[j].isdisjoint(words.roots) for j in content) < share * len(content):
            return False
    elif not all(a.tokens[j][0] in words.plain for j in idx if not _is_figure(a.tokens[j][0])):
        return False
    # Another amount or year, when the other text gives one ("di 24 titik" against a text naming no count: a detail).
    return not words.figures or all(a.tokens[j][0] in words.figures for j in idx if _is_figure(a.tokens[j][0]))


# English puts "no" on the object of a cue: "require no additional collateral" (requires none), "no instalments
# allowed", "no permit is required" (allows none, requires none).
_NO_BEFORE = frozenset({"allowed", "permitted", "required", "needed"})


def _modal_not(a: _Analysis, i: int, modals: tuple[str, ...]) -> bool:
    """English puts the negation after the modal: token ``i`` is one of ``modals`` with "not" right after it in its
    clause. "may not be released" forbids, as "is prohibited" does; so does "must not" / "shall not", which is no
    obligation denied ("need not")."""
    toks = a.tokens
    return toks[i][0] in modals and i + 1 < len(toks) and toks[i + 1][0] == "not" and a.clause[i + 1] == a.clause[i]


def _english_no(a: _Analysis, i: int) -> bool:
    """The cue at ``i`` is denied by an English "no" on its object, just after it or up to three words before
    a participle cue, in its clause."""
    toks = a.tokens
    if i + 1 < len(toks) and toks[i + 1][0] == "no" and a.clause[i + 1] == a.clause[i]:
        return True
    return toks[i][0] in _NO_BEFORE and _no_before(a, i, 4)


def _against(neg: _Analysis, n: _Mention, pos: _Analysis, p: _Mention) -> bool:
    """The negative mention ``n`` is about what the positive ``p`` states: its object is in p's clause and,
    for the cues whose object follows them, what it says that of is in p's sentence ("Penundaan tidak
    berlaku bagi usaha menengah" is about the postponement, not about what else binds medium firms).
    A cue with nothing after it ("bersifat sukarela", "dilarang sepanjang tahun") is about what comes
    before it."""
    obj, before = _object(neg, n), _before(neg, n)
    clause = _clause_words(pos, p)
    if n.cls in _OBJECT_BEFORE:
        return bool(obj) and _found(neg, obj, clause, 1.0)
    if obj:
        sentence = _clause_words(pos, p, sentence=True)
        if _universal(pos, p):
            # "setiap pinjaman KUR, berapa pun nilainya, wajib …" is said of the loans up to Rp100 juta too.
            before = [j for j in before if not _near_figure(neg, j)]
        return _found(neg, obj, clause, OBJECT_COVERAGE) and (
            _found(neg, before, sentence, SUBJECT_COVERAGE)
            or any(_found(neg, item, sentence, SUBJECT_COVERAGE) for item in _list_items(neg, n)))
    if any(_content(neg.tokens[j][0]) for j in before) and _found(neg, before, clause, OBJECT_COVERAGE):
        return True
    # "Angkutan BBM, bahan pokok, dan barang ekspor-impor dikecualikan": any item of the list before the cue.
    return any(_found(neg, item, clause, OBJECT_COVERAGE) for item in _list_items(neg, n))


def _universal(a: _Analysis, m: _Mention) -> bool:
    """The subject of ``m`` is every one of its kind: a universal word ("setiap", "seluruh", "berapa pun")
    before the cue in its sentence, with no figure between it and the cue that names a group of its own
    ("setiap rumah tangga 450 VA")."""
    toks, sent = a.tokens, a.sentence[m.start]
    for j in range(m.start - 1, max(-1, m.start - 1 - _SUBJECT_REACH), -1):
        if a.sentence[j] != sent:
            return False
        w = toks[j][0]
        if _is_figure(w):
            return False
        if w in _UNIVERSAL or (w == "pun" and j > 0 and toks[j - 1][0] in _UNIVERSAL_PUN):
            return True
    return False


def _near_figure(a: _Analysis, j: int) -> bool:
    """Token ``j`` is a figure, or a bound or unit word beside one ("sampai Rp100 juta")."""
    return any(_is_figure(a.tokens[k][0]) for k in range(max(0, j - 2), min(len(a.tokens), j + 2))
               if a.clause[k] == a.clause[j])


def _usable(a: _Analysis, m: _Mention, draft: bool = False) -> bool:
    """A stated rule: not in a condition, not about another time, not what someone asks for ("meminta
    kelonggaran agar boleh membakar lahan"). A draft's permission followed by its condition ("diperbolehkan
    meminta uang jaminan … jika status pasien belum terverifikasi") still grants what a prohibition forbids."""
    if a.clause[m.start] in a.other_time_clauses:
        return False
    if a.sentence[m.start] in a.cond_sentences and not (draft and _granted_before_condition(a, m)):
        return False
    if m.cls == "permitted" and m.side == 0 and _exempting(a, m):
        return False  # "Larangan melintas tidak berlaku bagi ambulans" lets ambulances pass
    return not any(a.tokens[j][0] in _REQUESTS for j in range(max(0, m.start - 8), m.start)
                   if a.sentence[j] == a.sentence[m.start])


def _exempting(a: _Analysis, m: _Mention) -> bool:
    """``m``'s clause says whom its ban does not apply to ("tidak berlaku bagi", "dikecualikan")."""
    toks, clause = a.tokens, a.clause[m.start]
    for j in range(m.start, len(toks)):
        if a.clause[j] != clause:
            return False  # clauses run in text order: the rest is another clause's
        if toks[j][0] == "dikecualikan" or (toks[j][0] in ("tidak", "tak") and j + 2 < len(toks)
                                            and toks[j + 1][0] == "berlaku"
                                            and toks[j + 2][0] in ("bagi", "untuk", "pada", "terhadap")):
            return True
    return False


def _granted_before_condition(a: _Analysis, m: _Mention) -> bool:
    """``m`` allows something, and every conditional word of its sentence comes after it."""
    if m.cls != "permitted" or m.side != 1:
        return False
    sent = a.sentence[m.start]
    return not any(a.tokens[j][0] in _CONDITIONALS for j in range(m.start) if a.sentence[j] == sent)


def _says_too(a: _Analysis, m: _Mention, like: _Mention) -> bool:
    """``a`` also says, in ``m``'s sentence, what ``like`` says (same class, same side): "THR wajib dibayar
    penuh dan tidak boleh dicicil" is not against "tidak boleh dicicil"."""
    said = a.memo.get("modality_said")
    if said is None:
        said = a.memo["modality_said"] = {(o.cls, o.side, a.sentence[o.start]) for o in _mentions(a)}
    return (like.cls, like.side, a.sentence[m.start]) in said


def _opposed(d: _Mention, r: _Mention) -> tuple[str, bool] | None:
    """(class, whether the draft is the negative side) when the two mentions contradict each other."""
    if d.cls == r.cls and d.side != r.side:
        return d.cls, d.side == 0
    # Requiring what the other forbids: "wajib menyeberang" / "dilarang menyeberang".
    if {d.cls, r.cls} == {"required", "permitted"}:
        if d.cls == "permitted" and d.side == 0 and r.side == 1:
            return "permitted", True
        if r.cls == "permitted" and r.side == 0 and d.side == 1:
            return "permitted", False
    return None


def _required_act(req: _Analysis, r: _Mention, forb: _Analysis, f: _Mention) -> bool:
    """What ``r`` requires (the first content word after its cue: "wajib menyeberang") is what ``f`` forbids: a word
    of its object or of the words before it ("dilarang menyeberang", "menyeberang … dilarang")."""
    head = next((j for j in range(r.end + 1, min(len(req.tokens), r.end + 4))
                 if req.clause[j] == req.clause[r.start] and _content(req.tokens[j][0])), None)
    if head is None:
        return True
    return any(not req.roots[head].isdisjoint(forb.roots[j]) for j in _object(forb, f) + _before(forb, f))


def _modality_agrees(ref: _Analysis, dra: _Analysis, cls: str) -> bool:
    """The reference says what the draft says of class ``cls`` (the same side, about the draft's object): "hadiah
    pernikahan … tidak wajib dilaporkan" against the position's exemption sentence, not its general rule."""
    theirs = _usable_mentions(ref)
    return any(d.cls == r.cls == cls and d.side == r.side and (_against(dra, d, ref, r) or _against(ref, r, dra, d))
               for d in _usable_mentions(dra, draft=True) for r in theirs)


def _usable_mentions(a: _Analysis, draft: bool = False) -> list[_Mention]:
    return [m for m in _mentions(a) if _usable(a, m, draft=draft)]


# A figure's bound: forbidding what goes past it ("lebih dari 180 hari") allows up to it ("paling lama 180 hari").
_PAST = ("lebih dari", "melebihi", "lebih lama dari", "more than", "longer than", "exceeding", "beyond", "over")
_UP_TO = ("paling lama", "paling banyak", "maksimal", "maksimum", "sebanyak-banyaknya", "selama-lamanya", "hingga",
          "sampai", "at most", "up to", "no more than", "a maximum of")


def _bounded_figures(a: _Analysis, m: _Mention, cues: tuple[str, ...]) -> set[str]:
    """The figures right after one of ``cues`` in the clause of mention ``m`` ("lebih dari 180" -> {"180"})."""
    text = " ".join(a.tokens[j][0] for j in _clause_idx(a, m.start))
    return {f for cue in cues for f in re.findall(rf"\b{re.escape(cue)} (\S+)", text) if _is_figure(f)}


def _beyond_bound(neg: _Analysis, n: _Mention, pos: _Analysis, p: _Mention) -> bool:
    """The forbidding side forbids going past a figure the permitting side allows up to: the same rule."""
    past = _bounded_figures(neg, n, _PAST)
    return bool(past) and not past.isdisjoint(_bounded_figures(pos, p, _UP_TO))


def _modality_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    out: list[Clash] = []
    done: set[str] = set()
    ref_mentions = _usable_mentions(ref)
    if not ref_mentions:
        return out
    for d in _usable_mentions(dra, draft=True):
        for r in ref_mentions:
            opposed = _opposed(d, r)
            if opposed is None or opposed[0] in done:
                continue
            cls, draft_negative = opposed
            if not (_against(dra, d, ref, r) if draft_negative else _against(ref, r, dra, d)):
                continue
            if d.cls != r.cls and not (_required_act(ref, r, dra, d) if r.cls == "required"
                                       else _required_act(dra, d, ref, r)):
                continue  # "wajib menyediakan ruang khusus merokok" requires a room, not the smoking "dilarang" forbids
            if _says_too(ref, r, d) if draft_negative else _says_too(dra, d, r):
                continue
            forbidding, allowing = ((dra, d), (ref, r)) if draft_negative else ((ref, r), (dra, d))
            if cls == "permitted" and _beyond_bound(*forbidding, *allowing):
                continue  # "tidak boleh disimpan lebih dari 180 hari" is "boleh disimpan paling lama 180 hari"
            if not _labels_agree(_labels_near(dra, d.start, d.start), _labels_near(ref, r.start, r.start)):
                continue  # "akreditasi A tetap 40 persen" against "akreditasi B dinaikkan": another class's rule
            dfrag, rfrag = _fragment(dra, d.start, 2, 4), _fragment(ref, r.start, 2, 4)
            out.append(Clash("negation", reason(_MESSAGES[cls], draft=dfrag, reference=rfrag),
                             dfrag, rfrag, "modality:" + cls))
            done.add(cls)
            break
    return out
