"""Clashes of entities: another name in the same role ("Menteri Keuangan Sri Mulyani" against
"Menteri Keuangan Purbaya"), spelling variants, nicknames and acronyms excepted."""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from functools import lru_cache

from service.judge.signals.analysis import _Analysis, _coverage
from service.judge.signals.dates import _MONTHS, _WEEKDAYS
from service.judge.signals.negation import _OTHER_TIME
from service.judge.signals.records import Clash
from service.judge.signals.text import _prev_word, _sentence_initial
from service.messages import CONFLICT, reason
from service.text.words import STOP as _STOP
from service.text.words import is_content as _content


_ORG_HEADS = frozenset(
    """
    kementerian menteri kemenko badan dinas direktorat lembaga komisi bank provinsi kabupaten
    kota pemerintah pemprov pemkab pemkot gubernur bupati wali walikota kepala presiden wakil
    universitas pt partai ministry minister agency governor regent mayor province city
    """.split()
)
_NAME_CONNECTORS = frozenset("bin binti van de da of dan and".split())
_NOT_NAMES = frozenset(_MONTHS) | frozenset(w.lower() for w in _WEEKDAYS) | frozenset({"jumat"})
# "X juga ..." (X also ...) adds an entity rather than replacing one.
_ADDITIVE = frozenset("juga pula turut ikut also too likewise".split())


def _names(a: _Analysis) -> list[tuple[str, int, int]]:
    """Runs of capitalised tokens ("Kementerian Keuangan", "Sri Mulyani")."""
    out: list[tuple[str, int, int]] = []
    toks = a.tokens
    i = 0
    while i < len(toks):
        s = toks[i][1]
        if not a.text[s].isupper() or any(ch.isdigit() for ch in toks[i][0]):
            i += 1  # "Rp3" of "Rp3.153,6 triliun" is an amount, not a name (it was an entity swap)
            continue
        j = i
        while (
            j + 1 < len(toks)
            and a.clause[j + 1] == a.clause[i]
            and a.text[toks[j][2] : toks[j + 1][1]] in (" ", "-")
            and not any(ch.isdigit() for ch in toks[j + 1][0])  # "SMP Rp1.230.000": the amount ends the name
            and (
                a.text[toks[j + 1][1]].isupper()
                or (toks[j + 1][0] in _NAME_CONNECTORS and j + 2 < len(toks) and a.text[toks[j + 2][1]].isupper())
            )
        ):
            j += 1
        k = i
        # Drop sentence-initial function words ("Pada", "Menurut") from the run.
        while k <= j and _sentence_initial(a.text, toks[k][1]) and toks[k][0] in _STOP:
            k += 1
        words = [t[0] for t in toks[k : j + 1]]
        if words and not all(w in _NOT_NAMES for w in words):
            single_initial = k == j and _sentence_initial(a.text, toks[k][1])
            if not (single_initial and words[0] in _ORG_HEADS):
                out.append((a.text[toks[k][1] : toks[j][2]], toks[k][1], toks[j][2]))
        i = j + 1
    return out


def _name_words(name: str) -> list[str]:
    """Lowercase, accent-free words of a name ("Angoulême" -> "angouleme")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.split(r"[\s-]+", plain.lower().strip())


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75


@lru_cache(maxsize=4096)
def _abbreviates(short: str, words: tuple[str, ...]) -> bool:
    """``short`` is built from prefixes of ``words`` in order: "jokowi" <- ("joko",
    "widodo"), "bps" <- ("badan", "pusat", "statistik"), "kemenkeu" <- ("kementerian",
    "keuangan").  Connector words ("bin", "van", "de") may be skipped.

    Word by word, the set of lengths of ``short`` that can be spelled so far (a recursion over
    the words hit the recursion limit on a name of a few hundred words).
    """
    last_needed = max((k for k, w in enumerate(words) if w not in _NAME_CONNECTORS), default=-1)
    reach = {0}
    for k, head in enumerate(words):
        if len(short) in reach and k > last_needed:
            return True  # spelled out; the remaining words are connectors
        nxt = set(reach) if head in _NAME_CONNECTORS else set()
        for i in reach:
            n = 0
            while n < len(head) and i + n < len(short) and short[i + n] == head[n]:
                n += 1
                nxt.add(i + n)
        if not nxt:
            return False
        reach = nxt
    return len(short) in reach


def _abbreviation_of(a: list[str], b: list[str]) -> bool:
    sa, sb = "".join(a), "".join(b)
    return (len(sa) <= len(sb) and _abbreviates(sa, tuple(b))) or (len(sb) < len(sa) and _abbreviates(sb, tuple(a)))


def _entity_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    if any(w in _ADDITIVE or w in _OTHER_TIME for w, _, _ in dra.tokens) or dra.first_negator:
        return []  # "X juga ...", "pernah ...", negated drafts: not a swap
    dnames, rnames = _names(dra), _names(ref)
    if not dnames or not rnames:
        return []
    ref_lower, dra_lower = ref.text.lower(), dra.text.lower()
    in_ref: dict[str, bool] = {}
    in_dra: dict[str, bool] = {}
    novel = [n for n in dnames if not _memo_in(in_ref, n[0].lower(), ref_lower)]
    missing = [n for n in rnames if not _memo_in(in_dra, n[0].lower(), dra_lower)]
    if not novel or not missing:
        return []
    # The rest of the draft must be well covered by the reference.  Names come in text order
    # without overlapping: the last one starting at or before a token is the only one that can
    # contain it.
    name_starts = [ns for _, ns, _ in dnames]
    name_tok = set()
    for i, (_, s, _) in enumerate(dra.tokens):
        k = bisect.bisect_right(name_starts, s) - 1
        if k >= 0 and s < dnames[k][2]:
            name_tok.add(i)
    content = [i for i, (w, _, _) in enumerate(dra.tokens) if _content(w) and i not in name_tok]
    if not content or _coverage(dra, content, ref.root_pool) < 0.8:
        return []
    missing_info = [(rn, _name_words(rn), _prev_word(ref.text, rs).lower()) for rn, rs, _ in missing]
    out: list[Clash] = []
    for dn, ds, _ in novel:
        dwords = _name_words(dn)
        d_prev = _prev_word(dra.text, ds).lower()
        slot_word = bool(d_prev) and _content(d_prev) and d_prev not in _ORG_HEADS
        for rn, rwords, r_prev in missing_info:
            same_head = len(dwords) >= 2 and len(rwords) >= 2 and dwords[0] == rwords[0] and dwords[0] in _ORG_HEADS
            tail_d, tail_r = dwords, rwords
            if same_head:
                # Drop the shared leading words: "Menteri Keuangan Sri Mulyani" vs "Menteri
                # Keuangan Purbaya" differ in the person, not the office.
                n = 0
                while n < min(len(dwords), len(rwords)) - 1 and dwords[n] == rwords[n]:
                    n += 1
                tail_d, tail_r = dwords[n:], rwords[n:]
            # The cheap tests first; all must pass, so their order does not change the result.
            same_slot = slot_word and d_prev == r_prev
            if not (same_head or (same_slot and len(content) >= 2)):
                continue
            if set(tail_d) & set(tail_r):
                continue  # overlapping names ("Sri Mulyani" vs "Mulyani Indrawati")
            if _similar(" ".join(tail_d), " ".join(tail_r)) or _abbreviation_of(tail_d, tail_r) or _abbreviation_of(dwords, rwords):
                continue  # a spelling variant, nickname or acronym, not another entity
            out.append(
                Clash("entity",
                      reason(CONFLICT["entity"], draft=dn, reference=rn),
                      dn, rn, "entity:" + ("head" if same_head else "slot"))
            )
            break
    return out


def _memo_in(memo: dict[str, bool], needle: str, haystack: str) -> bool:
    """``needle in haystack``, once per distinct needle (a text may repeat one name many times)."""
    found = memo.get(needle)
    if found is None:
        found = memo[needle] = needle in haystack
    return found
