"""Per-text analysis (tokens, roots, clauses, sentences, mentions; cached per text: a reference
passage is compared with many drafts) and the clause, window and coverage questions the clash
finders ask of it."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from service.judge.signals.antonyms import _ANTONYM_IDIOMS, _FORM_TO_SIDES
from service.judge.signals.dates import _MAX_DATES, _extract_dates_cached
from service.judge.signals.negation import (
    _CLAUSE_WORDS, _CONDITIONALS, _EXISTENTIAL, _OTHER_TIME, _any_negator, _is_negator, _negator_at, _postponed_at,
    bounds_next,
)
from service.judge.signals.numbers import _MULTIPLIERS, _UNIT_RE
from service.judge.signals.quantities import _extract_quantities_cached
from service.judge.signals.records import DateMention, Quantity, TimeMention
from service.judge.signals.text import scoped_cache
from service.judge.signals.times import _extract_times_cached
from service.text.words import STOP as _STOP
from service.text.words import is_content as _content
from service.text.words import roots as _roots
from service.text.words import tokens as _tokens

# Clause boundaries for negation scope: punctuation and contrastive/subordinating words.
_CLAUSE_PUNCT_RE = re.compile(r"[.;:!?()\[\]\"“”]|,")
# A sentence break in the gap between two tokens. Not service.text.segment.split_sentences: that
# splitter keeps abbreviations ("Dr.", "No.") and initials inside a sentence and also breaks at
# "…"; this test breaks at any run of "." / "!" / "?" followed by a space, and at a line break.
# Using the splitter here would move clause and sentence boundaries and so change which clashes fire.
# The pattern starts only at the first mark of a run and holds it possessively: "[.!?]+" alone retried the
# rest of a long run of dots from every one of its characters (quadratic).
_SENT_BREAK_RE = re.compile(r"(?<![.!?])[.!?]++[\"'”’)]*+\s|\n")


@dataclass(frozen=True)
class _Analysis:
    text: str
    tokens: tuple[tuple[str, int, int], ...]
    roots: tuple[frozenset[str], ...]
    root_pool: frozenset[str]
    clause: tuple[int, ...]  # clause id per token
    sentence: tuple[int, ...]  # sentence id per token
    cond_sentences: frozenset[int]  # sentences with a conditional ("jika", "if")
    neg_clauses: frozenset[int]  # clauses containing any negation word or "kecuali"
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    times: tuple[TimeMention, ...]
    antonyms: tuple[tuple[int, int, int], ...]  # (token index, pair index, side)
    starts: tuple[int, ...]  # token start offsets, for char -> token lookup
    negators: tuple[int, ...] = ()  # tokens that negate (_is_negator), in order
    # Per-clause facts, so clause questions cost O(1) instead of a walk over the clause.
    clause_span: dict[int, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)  # first, last
    first_negator: dict[int, int] = field(default_factory=dict, compare=False, repr=False)  # clause -> token
    other_time_clauses: frozenset[int] = frozenset()  # clauses with "pernah", "dulu", ...
    # Results that depend on this text alone, filled on first use (a reference passage is checked
    # against many drafts): context windows, occurrences of a root set.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def tok_index(self, char: int) -> int:
        """Index of the token at or after character offset ``char``."""
        return bisect.bisect_left(self.starts, char)


@scoped_cache(maxsize=4096)
def _analyse(text: str) -> _Analysis:
    toks = tuple(_tokens(text))
    roots = tuple(_roots(w) for w, _, _ in toks)
    pool: set[str] = set()
    for (w, _, _), r in zip(toks, roots):
        if _content(w):
            pool |= r
    clause: list[int] = []
    sentence: list[int] = []
    cid = sid = 0
    prev_end = 0
    for w, s, e in toks:
        gap = text[prev_end:s]
        if gap == " ":  # the usual gap: no sentence or clause break but a clause word
            cid += w in _CLAUSE_WORDS
        elif gap in (".", ",") and prev_end and text[prev_end - 1].isdigit() and w[:1].isdigit():
            pass  # inside a figure ("Rp16.500", "2,48 persen"): no break
        elif _SENT_BREAK_RE.search(gap + " " if s == len(text) else gap) and prev_end:
            sid += 1
            cid += 1
        elif _CLAUSE_PUNCT_RE.search(gap) or w in _CLAUSE_WORDS:
            cid += 1
        clause.append(cid)
        sentence.append(sid)
        prev_end = e
    cond = frozenset(sentence[i] for i, (w, _, _) in enumerate(toks) if w in _CONDITIONALS)
    negc = frozenset(
        clause[i] for i, (w, _, _) in enumerate(toks) if _negator_at(toks, i) or w in ("kecuali", "except", "selain")
    )
    # Idiom matches do not overlap and come in order: the last one starting at or before a
    # token is the only one that can contain it.
    idioms = [m.span() for m in _ANTONYM_IDIOMS.finditer(text)]
    idiom_starts = [a for a, _ in idioms]
    ants: list[tuple[int, int, int]] = []
    for i, (w, s, _) in enumerate(toks):
        sides = _FORM_TO_SIDES.get(w)
        if sides:
            k = bisect.bisect_right(idiom_starts, s) - 1
            if not (k >= 0 and s < idioms[k][1]):
                ants.extend((i, pi, side) for pi, side in sides)
    clause_span: dict[int, tuple[int, int]] = {}
    for i, c in enumerate(clause):  # clause ids never decrease along the tokens
        clause_span[c] = (clause_span[c][0] if c in clause_span else i, i)
    negators = tuple(i for i in range(len(toks)) if _negator_at(toks, i) and _is_negator(toks, i))
    first_negator: dict[int, int] = {}
    for i in negators:
        if not _postponed_at(toks, i):  # "ditunda hingga 17 Oktober" states the new date
            first_negator.setdefault(clause[i], i)
    # "terlebih dahulu" is "first" (before doing something else), not "in the past"; "yang sebelumnya berlaku"
    # dates a relative clause ("mencabut status yang sebelumnya berlaku"), not its clause's main verb.
    # "dikurangi dibandingkan tahun sebelumnya" compares with the past and says what holds now.
    other_time = frozenset(clause[i] for i, (w, _, _) in enumerate(toks)
                           if w in _OTHER_TIME and not (i and toks[i - 1][0] in ("terlebih", "lebih", "yang"))
                           and not any(toks[j][0] in _COMPARED for j in range(max(0, i - 3), i)))
    return _Analysis(
        text, toks, roots, frozenset(pool), tuple(clause), tuple(sentence), cond, negc,
        _extract_quantities_cached(text), _extract_dates_cached(text)[:_MAX_DATES], _extract_times_cached(text),
        tuple(ants), tuple(s for _, s, _ in toks), negators, clause_span, first_negator, other_time,
    )


def _fragment(a: _Analysis, i: int, before: int = 2, after: int = 3) -> str:
    """Surface text around token ``i`` (clipped to its clause)."""
    toks = a.tokens
    lo = i
    while lo > 0 and i - lo < before and a.clause[lo - 1] == a.clause[i]:
        lo -= 1
    hi = i
    while hi + 1 < len(toks) and hi - i < after and a.clause[hi + 1] == a.clause[i]:
        hi += 1
    return a.text[toks[lo][1] : toks[hi][2]]


def _window_roots(a: _Analysis, lo: int, hi: int, radius: int, *, same: str = "sentence",
                  lean: bool = False) -> frozenset[str]:
    """Roots of content words within ``radius`` tokens outside [lo, hi] (same sentence/clause).

    ``lean``: English function words do not count toward the radius (the words beside a figure).
    Memoised per text: the same reference window is asked for by every draft it is paired with,
    and by every draft mention compared with it.
    """
    key = ("window", lo, hi, radius, same, lean)
    found = a.memo.get(key)
    if found is None:
        found = a.memo[key] = frozenset(_window_roots_uncached(a, lo, hi, radius, same, lean))
    return found


# English function words: an English sentence spends more tokens on them ("The moisture content of copra may not
# exceed 8 percent"), so they do not count toward a context window's radius.
_EN_FILLER = frozenset("the a an of to be is are was were been may must shall should will would can could not "
                       "do does did has have had its their this that these those".split())


def _window(a: _Analysis, lo: int, hi: int, radius: int, lean: bool) -> list[int]:
    """Token indices within ``radius`` tokens outside [lo, hi]; ``lean``: English function words not counted."""
    out: list[int] = []
    for step, start, stop in ((-1, lo - 1, -1), (1, hi + 1, len(a.tokens))):
        left = radius
        j = start
        while j != stop and left > 0:
            out.append(j)
            left -= not (lean and a.tokens[j][0] in _EN_FILLER)
            j += step
    return out


def _window_roots_uncached(a: _Analysis, lo: int, hi: int, radius: int, same: str, lean: bool) -> set[str]:
    ids = a.sentence if same == "sentence" else a.clause
    anchor = ids[min(lo, len(ids) - 1)] if ids else 0
    out: set[str] = set()
    for j in _window(a, lo, hi, radius, lean):
        if ids[j] != anchor:
            continue
        word = a.tokens[j][0]
        # Multipliers and unit words belong to the neighbouring *quantities* ("Rp 43 triliun dari
        # target Rp 63 triliun"), not the context: sharing "triliun" does not make two amounts
        # measure the same thing. Attribution ("kata X di Jakarta, Jumat (3/8)") says when
        # something was said, so "kata" beside two dates does not make them one event's.
        if (_content(word) and word not in _MULTIPLIERS and not _UNIT_RE.fullmatch(word)
                and word not in _CONTEXT_SKIP and a.roots[j].isdisjoint(_CONTEXT_SKIP)):
            out |= a.roots[j]
    return out


_COMPARED = frozenset({"dibandingkan", "dibanding", "daripada", "ketimbang", "compared", "than"})


_CONTEXT_SKIP = frozenset({
    "kata", "ujar", "ucap", "tutur", "jelas", "ungkap", "terang", "tegas", "sebut", "imbuh", "tambah",
    "lanjut", "menurut", "kutip", "dikutip", "lansir", "dilansir", "katanya", "ujarnya", "tuturnya",
    "said", "says", "told", "according",
    "malam", "pagi", "siang", "sore", "dini", "kemarin", "lalu",
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip


_RELATIVE = frozenset("yang who which that".split())  # words that open a relative clause


_WITHOUT = frozenset({"tanpa", "without"})  # negates the words right after it, not the rest of its clause


def _negated_before(a: _Analysis, i: int) -> bool:
    """A negator earlier in token ``i``'s clause: "tidak mencapai 5 persen" states no value. A negated relative
    clause names who ("Pengguna yang belum membayar diberi tenggat 1x24 jam"): a token past its verb is the main
    clause's, not negated."""
    j = a.first_negator.get(a.clause[i])
    if j is None or j >= i:
        return False
    return any(a.clause[n] == a.clause[i] and not _postponed_at(a.tokens, n)
               and not (n and a.tokens[n - 1][0] in _RELATIVE and i - n > 2)
               and not (a.tokens[n][0] in _WITHOUT and i - n > 2)  # "kredit tanpa agunan dengan plafon Rp15 juta"
               and not bounds_next(a.tokens, n)  # "tidak boleh melebihi 8 persen" states its ceiling
               for n in a.negators if j <= n < i)


def _per_sentence(a: _Analysis, kind: str) -> Counter[int]:
    """How many mentions of ``kind`` ("dates" or "times") each sentence of ``a`` holds (memoised per text: the
    date and time rules ask it once per pair of mentions)."""
    key = ("per_sentence", kind)
    found = a.memo.get(key)
    if found is None:
        found = a.memo[key] = Counter(a.sentence[_span_tokens(a, m.start, m.end)[0]] for m in getattr(a, kind))
    return found


def _sentence_roots(a: _Analysis, s: int) -> frozenset[str]:
    """The roots of sentence ``s`` of ``a`` (every sentence's read in one pass over the text, once: asked for each
    occurrence of a predicate and each charge)."""
    by_sentence = a.memo.get("sentence_roots")
    if by_sentence is None:
        collected: dict[int, set[str]] = {}
        for r, k in zip(a.roots, a.sentence):
            collected.setdefault(k, set()).update(r)
        by_sentence = a.memo["sentence_roots"] = {k: frozenset(v) for k, v in collected.items()}
    return by_sentence.get(s, frozenset())


def _sentence_text(a: _Analysis, j: int) -> str:
    """The text of the sentence holding token ``j`` (the sentences' spans read once per text)."""
    spans = a.memo.get("sentence_spans")
    if spans is None:
        spans = a.memo["sentence_spans"] = {}
        for (_, start, end), k in zip(a.tokens, a.sentence):
            spans[k] = (spans[k][0], end) if k in spans else (start, end)
    lo, hi = spans[a.sentence[j]]
    return a.text[lo:hi]


def _span_tokens(a: _Analysis, start: int, end: int) -> tuple[int, int]:
    lo = a.tok_index(start)
    hi = max(lo, a.tok_index(end) - 1)
    return min(lo, max(0, len(a.tokens) - 1)), min(hi, max(0, len(a.tokens) - 1))


def _word_set(a: _Analysis) -> frozenset[str]:
    """The distinct (lowercased) words of ``a``, worked out once per text."""
    words = a.memo.get("words")
    if words is None:
        words = a.memo["words"] = frozenset(w for w, _, _ in a.tokens)
    return words


def _coverage(a: _Analysis, idx: Iterable[int], pool: frozenset[str]) -> float:
    """Fraction of content words at ``idx`` whose roots occur in ``pool``."""
    words = [j for j in idx if _content(a.tokens[j][0]) and not _any_negator(a.tokens[j][0])]
    if not words:
        return 1.0
    return sum(not a.roots[j].isdisjoint(pool) for j in words) / len(words)


def _clause_cover(a: _Analysis, i: int, pool: frozenset[str], cache: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(covered, counted) content words of token ``i``'s clause, as :func:`_coverage` counts them;
    ``cache`` holds them per clause for one pool (one pair), so a clause is counted once."""
    c = a.clause[i]
    found = cache.get(c)
    if found is None:
        words = [j for j in _clause_idx(a, i) if _content(a.tokens[j][0]) and not _any_negator(a.tokens[j][0])]
        found = cache[c] = (sum(not a.roots[j].isdisjoint(pool) for j in words), len(words))
    return found


def _no_before(a: _Analysis, i: int, span: int) -> bool:
    """An English "no" within ``span`` tokens before token ``i``, in its clause ("No export permit", "no
    instalments allowed")."""
    return any(a.tokens[j][0] == "no" and a.clause[j] == a.clause[i] for j in range(max(0, i - span), i))


def _clause_idx(a: _Analysis, i: int) -> range:
    lo, hi = a.clause_span[a.clause[i]]
    return range(lo, hi + 1)


def _existential_clause(a: _Analysis, i: int) -> bool:
    """The clause opens with "Ada/Terdapat/Beberapa/Some ..." (a claim about *some*)."""
    c = _clause_idx(a, i)
    first = [a.tokens[j][0] for j in c[:2]]
    if not first or _any_negator(first[0]):
        return False  # "Tidak ada X" is a negated existential: a real denial
    return first[0] in _EXISTENTIAL or (len(first) > 1 and first[0] in _STOP and first[1] in _EXISTENTIAL)


# Minimum share of the draft clause's content words that must occur in the reference
# for negation/antonym clashes: the draft must be *about the same thing*.  0.5 leaves
# room for synonyms ("BBM" vs "bahan bakar minyak"); on IndoNLI 0.75 bought only +0.007
# precision for -4% recall.
_MIN_COVERAGE = 0.5


def roots_covered(reference: str, draft: str) -> float:
    """Share of the draft's content words with a root among the reference's ("mencicil" in "dicicil"; 1.0 if
    none): a looser match than :func:`~service.judge.signals.text.draft_words_covered`, for the gates of rules
    that check their own words by roots."""
    ref, dra = _analyse(reference), _analyse(draft)
    content = [r for (w, _, _), r in zip(dra.tokens, dra.roots) if _content(w)]
    if not content:
        return 1.0
    return sum(not r.isdisjoint(ref.root_pool) for r in content) / len(content)


# Words that set two subjects against each other in one sentence: "Curug Cimarinjung dibuka …, sedangkan zona inti
# di Pulau Kunti tertutup bagi wisatawan".
_CONTRAST_WORDS = frozenset("sedangkan sementara tetapi namun whereas while but".split())


def _segments(a: _Analysis) -> tuple[tuple[int, ...], dict[int, frozenset[str]]]:
    """Each token's contrast segment (its sentence, split at a contrast word) and each segment's content roots,
    read once per text."""
    found = a.memo.get("contrast_segments")
    if found is None:
        seg, k, roots_of = [], 0, {}
        for j, (w, _, _) in enumerate(a.tokens):
            if j and (a.sentence[j] != a.sentence[j - 1] or w in _CONTRAST_WORDS):
                k += 1
            seg.append(k)
            if _content(w):
                roots_of.setdefault(k, set()).update(a.roots[j])
        found = a.memo["contrast_segments"] = (tuple(seg), {s: frozenset(r) for s, r in roots_of.items()})
    return found


def contrast_apart(ref: _Analysis, ri: int, others: Iterable[int], dra: _Analysis, di: int) -> bool:
    """Token ``ri`` of ``ref`` stands in a contrast segment of its own, apart from every token of ``others`` (the
    reference's words of the draft's side), and the draft's own segment shares at least twice as many words with
    that segment as with any of theirs: a reference saying both sides of two subjects is read on the subject the
    draft is about, and only when that subject is plain."""
    seg, roots_of = _segments(ref)
    others = list(others)
    mine, theirs = seg[ri], {seg[j] for j in others}
    if mine in theirs:
        return False
    # The draft segment's words, counted once each; the antonyms themselves say nothing of which subject.
    poles = frozenset().union(ref.roots[ri], *(ref.roots[j] for j in others))
    d_seg = _segments(dra)[0]
    said = [dra.roots[j] for j in range(len(dra.tokens)) if d_seg[j] == d_seg[di] and j != di
            and _content(dra.tokens[j][0]) and dra.roots[j].isdisjoint(poles)]
    share = sum(not r.isdisjoint(roots_of.get(mine, frozenset())) for r in said)
    return share >= CONTRAST_MIN_SHARE and all(
        share >= 2 * sum(not r.isdisjoint(roots_of.get(s, frozenset())) for r in said) for s in theirs)


CONTRAST_MIN_SHARE = 2  # words the draft's segment must share with the reference segment it is read on


_EXCEPT = frozenset({"kecuali", "except", "excluding", "selain"})
EXCEPT_REACH = 4  # words after "kecuali" that name whom it leaves out


def excepts_subject(pos: _Analysis, k: int, neg: _Analysis, i: int) -> bool:
    """The positive sentence (token ``k``) leaves out, after "kecuali", the subject the negative clause denies it of
    (the content words before negator ``i``): "Praziquantel diberikan … kecuali ibu hamil" says what "Ibu hamil
    tidak diberi praziquantel" says."""
    subject = [neg.roots[j] for j in range(max(0, i - 3), i) if neg.clause[j] == neg.clause[i] and _content(
        neg.tokens[j][0])]
    if not subject:
        return False
    for j, (w, _, _) in enumerate(pos.tokens):
        if w in _EXCEPT and pos.sentence[j] == pos.sentence[k]:
            after = frozenset().union(*(pos.roots[m] for m in range(j + 1, min(len(pos.tokens), j + 1 + EXCEPT_REACH))))
            if all(not r.isdisjoint(after) for r in subject):
                return True
    return False
