"""What a predicate is said of: the object named right after it ("tidak membayar sewa" / "membayar listrik sendiri";
"bukan uang tunai" / "uang transpor naik"). A negation and an assertion of one verb about two different objects
do not contradict each other."""

from __future__ import annotations

from service.judge.signals.analysis import _Analysis
from service.text.words import is_content

# Words between a predicate and its object that are not the object ("mengajukan kembali", "menerima lagi",
# "membayar sendiri"), English articles and possessives included.
_SKIPPED = frozenset("""kembali lagi juga pula sendiri langsung segera masih sudah telah akan dapat bisa the a an their
its his her our your any some again also back only""".split())
# A preposition opens an adjunct, not an object: "tanpa biaya di puskesmas" names where, not what is free.
_PREPOSITIONS = frozenset("""oleh dengan untuk bagi kepada pada di ke dari dalam atas sebagai secara sebesar sebanyak selama
hingga sampai mulai setiap sesuai of to by for with from at in on as per""".split())


# Predicates of membership, whose "object" is a class named in many words (sasaran, penerima, peserta).
_MEMBERSHIP = frozenset("termasuk tergolong merupakan menjadi berhak included include includes eligible".split())


def object_after(a: _Analysis, i: int) -> int | None:
    """The first content token after token ``i`` in its clause, within three tokens, past words that are no object
    (None: the predicate names no object there)."""
    for j in range(i + 1, min(len(a.tokens), i + 4)):
        if a.clause[j] != a.clause[i]:
            return None
        w = a.tokens[j][0]
        if w in _SKIPPED:
            continue
        return j if is_content(w) and w.isalpha() and w not in _PREPOSITIONS else None
    return None


def other_objects(neg: _Analysis, p: int, pos: _Analysis, k: int) -> bool:
    """The negated predicate (token ``p`` of ``neg``) and the asserted one (token ``k`` of ``pos``) name objects
    right after them, and neither object is named anywhere in the other's clause: two things, not one."""
    if neg.tokens[p][0] in _MEMBERSHIP or pos.tokens[k][0] in _MEMBERSHIP:
        return False  # "tidak termasuk sasaran" / "termasuk penerima": one class in other words
    o1, o2 = object_after(neg, p), object_after(pos, k)
    if o1 is None or o2 is None or not neg.roots[o1].isdisjoint(pos.roots[o2]):
        return False

    def clause_roots(a: _Analysis, at: int) -> frozenset[str]:
        first, last = a.clause_span[a.clause[at]]  # a clause's tokens are contiguous
        return frozenset().union(*a.roots[first:last + 1])

    return neg.roots[o1].isdisjoint(clause_roots(pos, k)) and pos.roots[o2].isdisjoint(clause_roots(neg, p))


def agent_noun(word: str) -> bool:
    """A pe- noun of the one who acts ("penerima", "pembeli", "pengemudi"): it names a person, it asserts no act
    ("Penerima wajib mengikuti pelatihan" says nothing of receiving again)."""
    return (len(word) >= 7 and word.startswith(("pem", "pen", "peng", "peny")) and not word.endswith("an")
            and word.isalpha())


def same_phrase(neg: _Analysis, p: int, pos: _Analysis, k: int) -> bool:
    """The negated word and the content word after it stand together in the other text too ("tanpa agunan
    tambahan" / "menyerahkan agunan tambahan"; "tanpa kartu tani" / "menunjukkan kartu tani"): a named
    thing, not a word both texts happen to use."""
    if p + 1 >= len(neg.tokens) or k + 1 >= len(pos.tokens) or neg.clause[p + 1] != neg.clause[p]:
        return False
    return (is_content(neg.tokens[p + 1][0]) and is_content(pos.tokens[k + 1][0])
            and not neg.roots[p + 1].isdisjoint(pos.roots[k + 1]))
