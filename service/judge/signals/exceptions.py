"""A draft's negation that restates its position's own exception or negation: "Mahasiswa … yang membawa surat
keterangan tidak dinonaktifkan" against a rule to deactivate, when another sentence of the position says
"Penonaktifan tidak berlaku bagi penduduk yang sedang menempuh pendidikan … dengan surat keterangan"."""

from __future__ import annotations

from service.judge.signals.analysis import _Analysis, _coverage, _sentence_roots, _sentence_text
from service.judge.signals.negation import _any_negator, _negated_at
from service.judge.signals.polarity_clashes import _EXCEPTIONS, _occurrences, _predicate
from service.text.words import is_content as _content

# Share of a negating draft sentence's content words that a negated or excepting sentence of the position must
# hold for the draft to be restating the position's own exception.
EXCEPTION_COVERAGE = 0.6
EXCEPTION_OWN_WORDS = 2


def exception_restated(setting: _Analysis, ref: _Analysis, dra: _Analysis) -> bool:
    """Another sentence of the position (``setting``) than the reference passage ``ref`` negates or excepts
    something ("Penonaktifan tidak berlaku bagi penduduk yang sedang menempuh pendidikan … dengan surat
    keterangan") and holds most of the draft's words: the draft's "tidak akan dinonaktifkan" restates that
    exception, not a denial of the rule."""
    if _negated_elsewhere(setting, ref, dra):
        return True
    sentences = _excepting_sentences(setting) & _other_sentences(setting, ref)
    words = [j for j, (w, _, _) in enumerate(dra.tokens) if _content(w) and not _any_negator(w) and not w[:1].isdigit()]
    for s in sentences:
        roots = _sentence_roots(setting, s)
        # The exception's own words, which the rule lacks ("bekerja sementara … surat keterangan"), not only the
        # subject both share ("penduduk … luar kota").
        own = sum(not dra.roots[j].isdisjoint(roots) and dra.roots[j].isdisjoint(ref.root_pool) for j in words)
        if own >= EXCEPTION_OWN_WORDS and _coverage(dra, words, roots) >= EXCEPTION_COVERAGE:
            return True
    return False


def _excepting_sentences(setting: _Analysis) -> frozenset[int]:
    """The sentences of a position that negate or except something (memoised per position)."""
    found = setting.memo.get("excepting_sentences")
    if found is None:
        excepting = [i for i, (w, _, _) in enumerate(setting.tokens) if w in _EXCEPTIONS or w == "dikecualikan"]
        found = setting.memo["excepting_sentences"] = frozenset(setting.sentence[i]
                                                                for i in [*setting.negators, *excepting])
    return found


def _negated_elsewhere(setting: _Analysis, ref: _Analysis, dra: _Analysis) -> bool:
    """A predicate the draft negates is negated in another sentence of the position too ("Warga yang membuang
    sampah tidak terpilah … dikenai denda" for "Membuang sampah tidak terpilah … dapat dikenai denda")."""
    others = _other_sentences(setting, ref)
    asked: set[frozenset[str]] = set()  # each predicate once, however often the draft negates it
    for i in dra.negators:
        p = _predicate(dra, i)
        if p is None or dra.roots[p] in asked:
            continue
        asked.add(dra.roots[p])
        if any(setting.sentence[k] in others and _negated_at(setting.tokens, k) is not None
               for k in _occurrences(setting, dra.roots[p])):
            return True
    return False


def _other_sentences(setting: _Analysis, ref: _Analysis) -> frozenset[int]:
    """The sentences of a position (``setting``) that are not in the reference passage (memoised per passage)."""
    key = ("other_sentences", ref.text)
    found = setting.memo.get(key)
    if found is None:
        first = {}
        for j, k in enumerate(setting.sentence):
            first.setdefault(k, j)
        found = setting.memo[key] = frozenset(k for k, j in first.items() if _sentence_text(setting, j) not in ref.text)
    return found
