"""Clashes of polarity: a predicate one text negates and the other asserts, and opposite words
of the antonym lexicon used about the same thing."""

from __future__ import annotations

import re

from service.judge.signals.analysis import (
    _MIN_COVERAGE, _RELATIVE, _Analysis, _clause_cover, _clause_idx, _coverage, _existential_clause, _fragment,
    _no_before, _sentence_roots, _window_roots, contrast_apart, excepts_subject,
)
from service.judge.signals.antonyms import _ANTONYM_PAIRS, _COMPLEMENTARY, same_party
from service.judge.signals.labels import _labels_agree, _labels_near
from service.judge.signals.negation import (
    CONVERSES, POSTPONE, _DEONTIC, _IRREALIS, _NEG_SKIP, _NEGATORS_SOFT, _NOT_YET, _any_negator, _negated_at, _negator_at,
    MAIN_VERB, forbidden_after, lacking,
)
from service.judge.signals.dates import WEEKDAYS, dates_agree
from service.judge.signals.objects import agent_noun, other_objects, same_phrase
from service.judge.signals.records import Clash, DateMention
from service.judge.signals.text import _initials
from service.messages import ANTONYM, NEGATION_BY_DRAFT, NEGATION_BY_REFERENCE, reason
from service.text.words import is_content as _content


def _predicate(a: _Analysis, neg: int) -> int | None:
    """Index of the content word a negator at ``neg`` applies to (None: none / deontic)."""
    toks = a.tokens
    clause = a.clause[neg]
    j = neg + 1
    # "tidak ada X yang Y": the predicate is Y.
    if j < len(toks) and toks[j][0] in ("ada", "terdapat"):
        for k in range(j + 1, min(len(toks), j + 6)):
            if a.clause[k] != clause:
                break
            if toks[k][0] == "yang":
                j = k + 1
                break
    while j < len(toks) and j - neg <= 6 and a.clause[j] == clause:
        w = toks[j][0]
        if w in _DEONTIC:
            return None  # "tidak boleh/perlu diabaikan": an obligation, not a fact
        if w in _NEG_SKIP or _any_negator(w):
            j += 1
            continue
        return j if _content(w) else None
    return None


def _occurrences(a: _Analysis, roots: frozenset[str]) -> list[int]:
    """Content tokens of ``a`` sharing a root with ``roots``, in order (via a per-text root index)."""
    index = a.memo.get("root_index")
    if index is None:
        index = {}
        for i, (w, _, _) in enumerate(a.tokens):
            if _content(w):
                for r in a.roots[i]:
                    index.setdefault(r, []).append(i)
        a.memo["root_index"] = index
    hits: set[int] = set()
    for r in roots:
        hits.update(index.get(r, ()))
    return sorted(hits)


def _asserted_count(a: _Analysis, roots: frozenset[str]) -> int:
    """How many occurrences of ``roots`` in ``a`` are asserted (memoised per root set of ``a``'s own words)."""
    key = ("asserted", roots)
    n = a.memo.get(key)
    if n is None:
        n = a.memo[key] = sum(_asserted(a, k) for k in _occurrences(a, roots))
    return n


def _asserted(a: _Analysis, k: int) -> bool:
    """Token ``k`` is stated positively: no negation anywhere in its clause, and no exception ("kecuali",
    "selain") before it: in "wajib menunjukkan kartu tani selain KTP" the card is required, KTP is the aside."""
    if a.sentence[k] in a.cond_sentences:
        return False
    if a.clause[k] not in a.neg_clauses:
        return True
    clause = _clause_idx(a, k)
    # A negator in a relative clause names which ones ("Importir yang belum memenuhi … tetap dapat memperoleh"):
    # the clause's own predicate, past the relative's three words, is still asserted.
    if any(_negator_at(a.tokens, j) and not (_in_relative(a, j) and not j < k <= j + 3) for j in clause):
        return False
    return all(j > k for j in clause if a.tokens[j][0] in _EXCEPTIONS)


_EXCEPTIONS = frozenset({"kecuali", "except", "selain"})


def _irrealis_before(a: _Analysis, k: int) -> bool:
    return any(a.tokens[j][0] in _IRREALIS for j in range(max(0, k - 3), k) if a.clause[j] == a.clause[k])


# "tidak berlaku bagi / untuk / pada / terhadap X": the rule holds, except for X.
_APPLIES = frozenset({"berlaku", "apply", "applies"})
_EXCEPTED = frozenset({"bagi", "untuk", "pada", "terhadap", "atas", "to", "for"})


def _exclusion(a: _Analysis, p: int) -> bool:
    """The negated predicate is "berlaku" (applies) followed by whom or what it does not apply to."""
    toks = a.tokens
    return toks[p][0] in _APPLIES and p + 1 < len(toks) and toks[p + 1][0] in _EXCEPTED


def _in_relative(a: _Analysis, i: int, describing: bool = True) -> bool:
    """The negator ``i`` sits in a relative clause that says which ones: "yang" (who, which) at most three
    words before it in its clause ("Produsen yang kemasannya tidak memenuhi takaran ... wajib menarik"),
    or an English "not" right after a noun rather than an auxiliary ("Phones not registered ..."). ``describing``:
    a negated state describing the relative verb's object counts too ("yang membuang sampah tidak terpilah")."""
    toks = a.tokens
    reach = 6 if toks[i][0] == "tanpa" else 3  # "yang masih menggunakan operator tanpa lisensi" describes too
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if a.clause[j] != a.clause[i]:
            break
        if toks[j][0] in _RELATIVE:
            # "Pakaian bekas yang disita tidak dilelang": the relative clause is "yang disita", closed by its
            # verb; the "tidak" after it negates the main predicate. "tanpa" (without) still describes which
            # ones: "Dapur yang melewati tenggat tanpa sertifikat akan dihentikan".
            # "Warga yang membuang sampah tidak terpilah": a noun after the relative's active verb is its object,
            # and a negated state ("tidak terpilah") describes that object; a negated passive or active verb is
            # the statement's ("yang membawa surat keterangan tidak dinonaktifkan"), and so is a "tidak" after an
            # agent ("yang dirampas negara tidak dijual").
            verbs = [k for k in range(j + 1, i) if _VERB_FORM.match(toks[k][0])]
            nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
            # "Anak yang sedang demam tidak diberi obat": a state closes the relative clause, and the passive after
            # the negator is the statement's.
            closed = nxt.startswith("di") and len(nxt) > 5 and any(
                _content(toks[k][0]) and toks[k][0] not in _NEG_SKIP for k in range(j + 1, i))
            return toks[i][0] == "tanpa" or (not closed if not verbs else (
                describing and toks[verbs[-1]][0].startswith("me") and not MAIN_VERB.match(nxt)
                and any(_content(toks[k][0]) for k in range(verbs[-1] + 1, i))))
    if toks[i][0] != "not" or i == 0 or not toks[i - 1][0].isalpha():
        return False
    # no auxiliary shortly before ("will definitely not raise" is the clause's own negation)
    return not any(toks[j][0] in _EN_AUXILIARIES for j in range(max(0, i - 3), i))


def _free_of(a: _Analysis, k: int) -> bool:
    """Token ``k`` is the first half of "interest-free", "duty-free" or follows "free of" ("free of charge"): a no."""
    return (k + 1 < len(a.tokens) and a.tokens[k + 1][0] == "free" and a.text[a.tokens[k][2]:a.tokens[k + 1][1]]
            in ("-", "‑", "–")) or (k >= 2 and (a.tokens[k - 2][0], a.tokens[k - 1][0]) == ("free", "of"))


def _negation_one_way(neg: _Analysis, pos: _Analysis, neg_is_draft: bool, verbs_only: bool = False) -> list[Clash]:
    out: list[Clash] = []
    toks = neg.tokens
    cover_cache: dict[int, tuple[int, int]] = {}  # draft clause -> coverage counts
    for i in neg.negators:
        if toks[i][0] == "jangan":
            continue
        if neg.sentence[i] in neg.cond_sentences or _existential_clause(neg, i):
            continue
        if _in_relative(neg, i):
            continue  # "Pemudik yang tidak melakukan verifikasi" names who, it asserts no "not doing"
        if toks[i][0] in POSTPONE and _until_date(neg, i):
            continue  # "menunda kewajiban ... hingga 17 Oktober 2026" moves a date: the dates say whether it clashes
        p = _predicate(neg, i)
        if p is None:
            continue
        if _exclusion(neg, p):
            continue  # "tidak berlaku bagi barang dagangan" carves out an exception: a scope, not a "no"
        proots = neg.roots[p]
        proots = proots.union(*(CONVERSES[r] for r in proots if r in CONVERSES))
        # When the negating text also asserts the predicate (elsewhere, or before a coordinator in this clause),
        # only what follows the negated one, said around the other text's, is denied ("hanya melayani pengesahan
        # STNK tahunan, dan tidak melayani penggantian STNK lima tahunan" / "juga melayani penggantian STNK lima
        # tahunan"; "dilakukan dua siklus … dan tidak dilakukan atas permintaan warga"). p is one of the
        # occurrences: discount its own assertion.
        asserted_too = _asserted_count(neg, proots) - _asserted(neg, p) > 0
        tail = _complement(neg, p) if asserted_too or _coordinated_before(neg, i, proots) else None
        if tail == [] or (asserted_too and len(tail) < 2):
            continue  # one word after it names too little: "No fee is charged for the permit, but port fees apply"
        clause_i = _clause_idx(neg, i)
        neg_ctx: set[str] = set()
        for j in range(max(clause_i.start, i - 3), min(clause_i.stop, p + 4)):
            if j not in (i, p) and _content(toks[j][0]):
                neg_ctx |= neg.roots[j]
        neg_irrealis = any(toks[j][0] in _IRREALIS for j in range(max(0, i - 2), p))
        pos_occ = _occurrences(pos, proots)
        if any(lacking(pos.tokens, k) or (n := _negated_at(pos.tokens, k)) is not None
               and not _in_relative(pos, n, describing=False) for k in pos_occ):
            continue  # both texts negate it somewhere: not a polarity flip ("yang belum membeli" names who; both
            # describing "sampah tidak terpilah" speak of the same unsorted waste)
        for k in pos_occ:
            if not _asserted(pos, k) or _existential_clause(pos, k) or agent_noun(pos.tokens[k][0]):
                continue
            if verbs_only and (not _VERB_FORM.match(pos.tokens[k][0]) or _in_relative(pos, k)):
                continue  # a noun ("beban biaya"), or which ones ("ketentuan yang berlaku"): no assertion
            if not neg_irrealis and toks[i][0] in _NOT_YET and _irrealis_before(pos, k):
                continue  # "akan menaikkan" vs "belum menaikkan" is not a contradiction;
                # "akan menaikkan" vs "tidak menaikkan" is (a plan against an official "no")
            if tail and not all(any(not r.isdisjoint(pos.roots[j]) for j in range(max(0, k - 4), k + 5)
                                    if j < len(pos.tokens) and pos.clause[j] == pos.clause[k]) for r in tail):
                continue
            if _free_of(pos, k):
                continue  # "interest-free loans" says no interest, as "tanpa bunga" does
            if k > 0 and pos.tokens[k - 1][0] in _COMPARATIVE:
                continue  # "lebih suka X daripada Y" vs "tidak suka Y"
            if _waived(pos, k):
                continue  # "larangan ekspor" says no export too: no polarity flip against "no export quota"
            if _has_other_time(pos, k) and not _has_other_time(neg, i):
                continue  # "pernah memiliki masalah" (once had) vs "tidak lagi memiliki"
            if _other_class(neg, p, pos, k):
                continue  # "Kapal sampai dengan 60 GT dikenai tarif" against "Kapal di bawah 5 GT tidak dikenai"
            if _only_for_other(pos, k, neg, i, proots):
                continue  # "Pemeriksaan fisik hanya dilakukan terhadap jalur merah" / "jalur hijau … tanpa pemeriksaan"
            if _other_recipient(neg, p, pos, k) or other_objects(neg, p, pos, k):
                continue  # "tidak diberikan kepada narapidana korupsi" / "diberikan kepada pengguna narkotika"
            if (not neg_is_draft and _restricted_group(neg, i, pos, k)) or excepts_subject(pos, k, neg, i):
                continue  # "Guru … yang berstatus ASN tidak berhak" / "Setiap guru berhak": of other teachers
            if neg_is_draft and _unknown_subject(neg, i, pos):
                continue  # "bentor tidak diizinkan masuk" against "kendaraan darurat tetap diizinkan"
            # The draft's words right around the predicate, mostly the reference's: the same statement
            # inside a longer sentence ("Masyarakat diminta mengungsi karena gempa tersebut berpotensi
            # memicu tsunami" against "gempa tersebut tidak berpotensi tsunami").
            local = max(_local_cover(neg, i, p, pos.root_pool), _segment_cover(neg, i, pos.root_pool)) \
                if neg_is_draft else max(_local_cover(pos, k, k, neg.root_pool), _segment_cover(pos, k, neg.root_pool))
            local = local >= LOCAL_COVERAGE or same_phrase(neg, p, pos, k)
            if not local and _window_roots(pos, k, k, 8, same="clause").isdisjoint(neg_ctx):
                continue  # no shared subject/object around the predicate
            # The draft clause's coverage (counted once per clause and pair).
            covered, counted = (_clause_cover(neg, i, pos.root_pool, cover_cache) if neg_is_draft
                                else _clause_cover(pos, k, neg.root_pool, cover_cache))
            dra_cov = covered / counted if counted else 1.0
            if dra_cov < _MIN_COVERAGE and not local:
                continue  # the draft clause talks about something the reference does not
            end = p
            while end + 1 < len(toks) and end + 1 <= p + 2 and neg.clause[end + 1] == neg.clause[p]:
                end += 1
            neg_frag = neg.text[toks[i][1] : toks[end][2]]
            pos_frag = _fragment(pos, k, 2, 2)
            pred = toks[p][0]
            soft = toks[i][0] in _NEGATORS_SOFT
            rule = "negation:" + ("soft" if soft else "draft" if neg_is_draft else "reference")
            if neg_is_draft:
                why = reason(NEGATION_BY_DRAFT, word=pred, draft=neg_frag, reference=pos_frag)
                out.append(Clash("negation", why, neg_frag, pos_frag, rule))
            else:
                why = reason(NEGATION_BY_REFERENCE, word=pos.tokens[k][0], draft=pos_frag, reference=neg_frag)
                out.append(Clash("negation", why, pos_frag, neg_frag, rule))
            break
    return out


def _coordinated_before(a: _Analysis, i: int, proots: frozenset[str]) -> bool:
    """The predicate negated at ``i`` is asserted earlier in its clause, before a coordinator: "Fogging dilakukan
    dua siklus … dan tidak dilakukan atas permintaan warga" does fog, in two rounds."""
    start = _clause_idx(a, i).start
    joins = [m for m in range(start, i) if a.tokens[m][0] in _COORDINATORS]
    return bool(joins) and any(start <= q < joins[-1] and a.clause[q] == a.clause[i] for q in _occurrences(a, proots))


_COORDINATORS = frozenset({"dan", "serta", "tetapi", "namun", "sedangkan", "melainkan", "but", "and"})


def _complement(neg: _Analysis, p: int) -> list[frozenset[str]]:
    """The content words (roots) right after a predicate in its clause: what is not done ("atas permintaan")."""
    return [neg.roots[j] for j in range(p + 1, min(len(neg.tokens), p + 4))
            if neg.clause[j] == neg.clause[p] and _content(neg.tokens[j][0])]


# Share of the content words within LOCAL_RADIUS tokens of a predicate (its clause only) that the other
# text has, from which the predicate's surroundings say the same thing whatever the rest of the sentence.
# 0.55 (0.6 missed "tanpa biaya … dikenakan biaya obat sesuai tarif": 4 of 7); IndoNLI val and
# test_lay were the same at both.
LOCAL_COVERAGE = 0.55
LOCAL_RADIUS = 3
LOCAL_MIN_WORDS = 3


def _local_cover(a: _Analysis, lo: int, hi: int, pool: frozenset[str]) -> float:
    """Coverage by ``pool`` of the content words around tokens ``lo..hi`` of ``a`` (0 if too few to tell)."""
    clause = a.clause[lo]
    return _cover_of(a, [j for j in range(max(0, lo - LOCAL_RADIUS), min(len(a.tokens), hi + LOCAL_RADIUS + 1))
                         if a.clause[j] == clause], pool)


def _cover_of(a: _Analysis, idx: list[int], pool: frozenset[str]) -> float:
    """:func:`_coverage` of the tokens ``idx``, or 0 when they hold fewer than LOCAL_MIN_WORDS content words."""
    words = [j for j in idx if _content(a.tokens[j][0]) and not _any_negator(a.tokens[j][0])]
    return _coverage(a, words, pool) if len(words) >= LOCAL_MIN_WORDS else 0.0


# Words that open a subordinate statement inside a clause: "Kementerian menyatakan bahwa <statement>
# guna <purpose>" - the statement between them is what a negation is compared on.
_SUBORDINATORS = frozenset("bahwa karena guna agar supaya sehingga sebab meskipun walaupun that because so".split())


def _segment_cover(a: _Analysis, k: int, pool: frozenset[str]) -> float:
    """Coverage by ``pool`` of the content words of the stretch around token ``k`` that no subordinating
    word or clause boundary interrupts (0 if too few to tell)."""
    clause, toks = a.clause[k], a.tokens
    lo = k
    while lo > 0 and a.clause[lo - 1] == clause and toks[lo - 1][0] not in _SUBORDINATORS:
        lo -= 1
    hi = k
    while hi + 1 < len(toks) and a.clause[hi + 1] == clause and toks[hi + 1][0] not in _SUBORDINATORS:
        hi += 1
    return _cover_of(a, list(range(lo, hi + 1)), pool)


# Words between a clause's subject and its predicate ("X masih bisa tetap tidak ...").
_AUXILIARY = _NEG_SKIP | frozenset("tetap masih telah belum segera turut ikut hanya sering jarang selalu kerap "
                                   "biasanya memang terbilang sangat pasti tentu kini sekarang "
                                   "often always usually rarely still only now".split())


def _unknown_subject(draft: _Analysis, at: int, ref: _Analysis) -> bool:
    """The subject of the draft's negated clause (the content word just before the negator, past
    auxiliaries and adverbs) is a word the reference never uses, nor an acronym of words it writes ("KLH" for
    "Kementerian Lingkungan Hidup"): the draft denies it of something else."""
    clause, toks = draft.clause[at], draft.tokens
    j = at - 1
    while j >= 0 and draft.clause[j] == clause and (toks[j][0] in _AUXILIARY or _any_negator(toks[j][0])
                                                   or toks[j][0].endswith("ly")):  # English adverbs
        j -= 1
    if j < 0 or draft.clause[j] != clause:
        return False
    if not _content(toks[j][0]):
        return _other_group(draft, j + 1, ref)  # "… 3.500 VA ke atas tidak": the group's words come before
    w, start, _ = toks[j]
    if len(w) >= 3 and draft.text[start:start + len(w)].isupper() and w in _initials(ref.text):
        return False
    if not draft.roots[j].isdisjoint(ref.root_pool):
        return _other_group(draft, j, ref)
    return True


def _restricted_group(neg: _Analysis, i: int, pos: _Analysis, k: int) -> bool:
    """The negated clause's subject is a group a relative clause picks out ("Guru MDT yang sudah menerima tunjangan
    profesi atau berstatus ASN tidak berhak"), and the other text's clause holds under half its words."""
    clause = neg.clause[i]
    y = next((j for j in range(i - 1, max(-1, i - 13), -1) if neg.clause[j] == clause and neg.tokens[j][0] == "yang"),
             None)
    if y is None:
        return False
    words = [neg.roots[j] for j in range(y + 1, i) if _content(neg.tokens[j][0])]
    pool = frozenset().union(*(pos.roots[j] for j in _clause_idx(pos, k)))
    return bool(words) and sum(not r.isdisjoint(pool) for r in words) * 2 < len(words)


def _other_group(draft: _Analysis, j: int, ref: _Analysis) -> bool:
    """The subject ending before token ``j`` names a group the reference does not: a qualifier or figure back to
    the clause start or the verb before it that the reference never writes ("Rumah tangga berdaya 3.500 VA
    ke atas tidak memperoleh potongan" against a discount for 450 to 2.200 VA; "Peti kemas ekspor tidak
    terkena" against a tariff on import containers)."""
    clause, toks = draft.clause[j], draft.tokens
    k = j - 1
    while k >= 0 and draft.clause[k] == clause and j - k <= 6 and not _ACTIVE_OR_PASSIVE.match(toks[k][0]):
        w = toks[k][0]
        if w[:1].isdigit() and w not in ref.text:
            return True
        if _content(w) and not w[:1].isdigit() and draft.roots[k].isdisjoint(ref.root_pool):
            return True
        k -= 1
    return False


_ACTIVE_OR_PASSIVE = re.compile(r"(?:me|di)[a-z]{3,}$")


def _has_other_time(a: _Analysis, i: int) -> bool:
    return a.clause[i] in a.other_time_clauses


def _negation_clashes(ref: _Analysis, dra: _Analysis, verbs_only: bool = False) -> list[Clash]:
    """Negation clashes both ways; ``verbs_only``: the asserting side must assert the predicate as a verb of
    its clause ("dibeli", "memungut"), not name it as a noun ("beban biaya" against "tidak membebani") or in a
    relative clause ("ketentuan yang berlaku")."""
    return _negation_one_way(dra, ref, True, verbs_only) + _negation_one_way(ref, dra, False, verbs_only)


# Indonesian verb forms (passive di-, stative ter-, active me-, intransitive ber-) that close a short relative clause.
_VERB_FORM = re.compile(r"^(?:di|ter|me|ber)[a-z]{3,}$")
# Words that forbid, stop or waive what follows them: the predicate after them is not asserted ("membebaskan
# kedua pungutan" collects nothing, as "tidak memungut" does).
_PROHIBITIVE = frozenset("larangan dilarang melarang pelarangan moratorium penghentian menghentikan dihentikan "
                         "bebas membebaskan dibebaskan pembebasan menghapus dihapus penghapusan "
                         "ban banned banning prohibited prohibition halt halted exempt exempted waive waived".split())
# English puts a clause's "not" after an auxiliary ("will not", "are not"); after a noun it opens a
# reduced relative: "Phones not registered within 90 days will be blocked" names which phones.
_EN_AUXILIARIES = frozenset("""is are was were be been being am do does did will would shall should can could may might
must has have had need needs ought to""".split())
_DISJUNCTION = frozenset("atau ataupun maupun or either whether apakah".split())
_COMPARATIVE = frozenset("lebih kurang more less".split())
_THAN = frozenset("dari daripada than".split())


# "hanya" / "only" restricts what its clause asserts to what follows it; the rest it denies itself.
_ONLY = frozenset({"hanya", "only", "solely", "semata"})


def _only_for_other(pos: _Analysis, k: int, neg: _Analysis, i: int, proots: frozenset[str] | set[str]) -> bool:
    """``pos`` asserts its predicate (token ``k``) only for what follows an "hanya" in its clause ("hanya
    dilakukan terhadap barang yang masuk jalur merah", read to the sentence's end, nine words at most), and the
    negating sentence (negator ``i``) leaves out a word of that restriction: it denies the predicate for
    something else, as the restriction itself does."""
    clause = _clause_idx(pos, k)
    cue = next((j for j in clause if pos.tokens[j][0] in _ONLY), None)
    if cue is None:
        return False
    neg_roots = _sentence_roots(neg, neg.sentence[i])
    # The restriction's nouns and names: verbs ("dilakukan", "berlaku") say what is done, not to what
    # (short words are not taken for verbs: "merah" is a colour).
    restriction = [pos.roots[j] for j in range(cue + 1, min(len(pos.tokens), cue + 10))
                   if pos.sentence[j] == pos.sentence[cue] and _content(w := pos.tokens[j][0])
                   and not (len(w) > 5 and _VERB_FORM.match(w)) and pos.roots[j].isdisjoint(proots)]
    return any(r.isdisjoint(neg_roots) for r in restriction)


# Prepositions naming whom or what a predicate is given to or done for ("tidak diberikan kepada narapidana korupsi").
_RECIPIENT = frozenset("kepada bagi untuk terhadap to for".split())
RECIPIENT_WORDS = 4  # content words of the recipient that are read


def _other_recipient(neg: _Analysis, p: int, pos: _Analysis, k: int) -> bool:
    """The negating text denies its predicate (token ``p``) to someone it names right after it ("tidak diberikan
    kepada narapidana korupsi dan terorisme") and the asserting sentence (predicate ``k``) leaves most of them
    unnamed: it asserts the predicate of others ("Amnesti diberikan terbatas kepada pengguna narkotika, ...")."""
    toks = neg.tokens
    cue = next((j for j in range(p + 1, min(len(toks), p + 3))
                if toks[j][0] in _RECIPIENT and neg.clause[j] == neg.clause[p]), None)
    if cue is None:
        return False
    words = [neg.roots[j] for j in range(cue + 1, min(len(toks), cue + 7))
             if neg.clause[j] == neg.clause[cue] and _content(toks[j][0])][:RECIPIENT_WORDS]
    named = _sentence_roots(pos, pos.sentence[k])
    return sum(r.isdisjoint(named) for r in words) * 2 > len(words) > 0


def _antonym_blocked(a: _Analysis, i: int, pair: int = -1) -> bool:
    """Contexts where an antonym word does not assert a pole (a negated word of a complementary pair
    asserts the other one: see :func:`_poles`)."""
    if pair in _COMPLEMENTARY:
        pass  # negated, it asserts the other pole (see _poles)
    elif _negated_at(a.tokens, i) is not None:
        return True  # "tidak turun" vs "naik" is not a clean contradiction
    near = range(max(0, i - 2), min(len(a.tokens), i + 3))
    if any(a.tokens[j][0] in _DISJUNCTION for j in near if a.clause[j] == a.clause[i]):
        return True  # "terbuka atau tertutup"
    # Comparatives with a complement ("A lebih tinggi dari B") are often paraphrased by
    # swapping the arguments and the adjective ("B lebih rendah dari A").
    w = a.tokens[i][0]
    is_comp = (i > 0 and a.tokens[i - 1][0] in _COMPARATIVE) or w.endswith("er")
    if is_comp and any(a.tokens[j][0] in _THAN for j in range(i + 1, min(len(a.tokens), i + 6))):
        return True
    return a.sentence[i] in a.cond_sentences


# Verbs through which a negation reaches a noun: "tidak ada biaya yang dipungut", "tidak mendapatkan
# pembebasan", "tidak memperoleh izin".
_LIGHT_VERBS = frozenset("ada mendapat mendapatkan memperoleh menerima diberi diberikan get gets receive receives".split())


def _none_exists_before(a: _Analysis, i: int) -> bool:
    """A negation of a light verb just before token ``i`` in its clause ("tidak mendapatkan pembebasan")."""
    toks = a.tokens
    return any(toks[j][0] in _LIGHT_VERBS and toks[j - 1][0] in ("tidak", "tak", "not", "no")
               for j in range(max(1, i - 6), i) if a.clause[j] == a.clause[i])


def _free_of_before(a: _Analysis, i: int) -> bool:
    """"free of charge", "bebas biaya": the word after "free of" / "bebas" is what is not there."""
    toks = a.tokens
    return (i >= 2 and toks[i - 2][0] == "free" and toks[i - 1][0] == "of") or (i >= 1 and toks[i - 1][0] == "bebas")


def _poles(a: _Analysis) -> list[tuple[int, int, int]]:
    """The antonym words of a text with the pole each asserts: for a complementary pair a negated word
    asserts the other pole ("tidak dipungut biaya" is "dibebaskan", "tidak diizinkan" is "dilarang")."""
    out = []
    for i, pi, side in a.antonyms:
        if pi in _COMPLEMENTARY and (_negated_at(a.tokens, i) is not None or _none_exists_before(a, i)
                                     or _free_of_before(a, i) or _no_before(a, i, 3)):  # "No export permit"
            out.append((i, pi, 1 - side))
        else:
            out.append((i, pi, side))
    return out


_DUTIES = frozenset("kewajiban keharusan obligation duty requirement".split())


def _waived(a: _Analysis, k: int) -> bool:
    """A prohibitive word right before token ``k``, before the duty it names, or closing its clause after it."""
    before = [j for j in range(max(0, k - 5), k) if a.clause[j] == a.clause[k]]
    if any(a.tokens[j][0] in _PROHIBITIVE for j in before if j >= k - 2):
        return True  # "larangan ekspor"; "dibebaskan dari kewajiban melapor" below
    return (any(a.tokens[j][0] in _DUTIES for j in before) and any(a.tokens[j][0] in _PROHIBITIVE for j in before)
            or forbidden_after(a.tokens, a.clause, k))  # "penjualan tiket di lokasi … dilarang"


def _other_class(a: _Analysis, i: int, b: _Analysis, j: int) -> bool:
    """The two predicates are said of differently labelled classes ("kelas 1" / "kelas 3", "60 GT" / "5 GT")."""
    la, lb = _labels_near(a, i, i + 1), _labels_near(b, j, j + 1)
    return bool(la and lb) and not (_labels_agree(la, lb) and _labels_agree(lb, la))


_UNTIL = frozenset("hingga sampai until till through".split())


def _until_date(a: _Analysis, i: int) -> bool:
    """After token ``i``, its clause says until when with a figure ("hingga 17 Oktober 2026", "until 2027"), not
    until what ("sampai fasilitas pengganti siap")."""
    clause = _clause_idx(a, i)
    return any(a.tokens[j][0] in _UNTIL
               and any(a.tokens[k][0][:1].isdigit() for k in range(j + 1, min(j + 4, clause.stop)))
               for j in range(i + 1, clause.stop))


def _open_until(dra: _Analysis, di: int, ref: _Analysis, ri: int, pi: int) -> bool:
    """Open until a date is closed on it ("dibuka hingga akhir Agustus" / "ditutup pada 31 Agustus"), and an opening
    or closing on a day ("close on 31 July", "dibuka mulai 1 Mei") contradicts the other act on the same day only."""
    if _ANTONYM_PAIRS[pi][0] != "membuka/menutup":
        return False
    d_end, r_end = _window_end(dra, di), _window_end(ref, ri)
    d_start, r_start = [x for x in _days(dra, di) if x not in d_end], [x for x in _days(ref, ri) if x not in r_end]
    if d_end and r_end and all(any(dates_agree(r, d) for r in rs for d in ds)
                               for rs, ds in ((r_end, d_end), (r_start, d_start))):
        return False  # one window both texts name ("1 Oktober sampai 31 Januari"): opened in one, closed in the other
    if any(a.tokens[k][0] in _UNTIL for a, at in ((dra, di), (ref, ri))
           for k in range(at + 1, min(len(a.tokens), at + 3))):
        return True
    d_days, r_days = _days(dra, di), _days(ref, ri)
    # A window's end is the other's closing day: "dibuka pada 1 hingga 30 April" / "penutupan … pada 30 April".
    if any(dates_agree(e, d) for a, at, days in ((ref, ri, d_days), (dra, di, r_days))
           for e in _window_end(a, at) for d in days):
        return True
    return bool(d_days or r_days) and not any(dates_agree(r, d) for r in r_days for d in d_days)


def _window_end(a: _Analysis, at: int) -> list[DateMention]:
    """The dates after the first "hingga"/"until" after token ``at`` in its clause (not the window's start)."""
    clause = _clause_idx(a, at)
    k = next((k for k in range(at + 1, clause.stop) if a.tokens[k][0] in _UNTIL), None)
    return [] if k is None else [d for d in _days(a, at) if d.start >= a.tokens[k][2]]


def _days(a: _Analysis, at: int) -> list[DateMention]:
    """The dates with a day, a month or a weekday in token ``at``'s clause."""
    clause = _clause_idx(a, at)
    lo, hi = a.tokens[clause.start][1], a.tokens[clause.stop - 1][2]
    return [d for d in a.dates if lo <= d.start < hi and (d.day or d.month or d.relative in WEEKDAYS)]


def _antonym_clashes(ref: _Analysis, dra: _Analysis) -> list[Clash]:
    out: list[Clash] = []
    ref_poles, dra_poles = _poles(ref), _poles(dra)
    ref_sides: dict[int, set[int]] = {}
    for _, pi, side in ref_poles:
        ref_sides.setdefault(pi, set()).add(side)
    dra_sides: dict[int, set[int]] = {}
    for _, pi, side in dra_poles:
        dra_sides.setdefault(pi, set()).add(side)
    ref_words: dict[tuple[int, int], list[int]] = {}  # (pair, side) -> reference tokens, in order
    for ri, pi, side in ref_poles:
        ref_words.setdefault((pi, side), []).append(ri)
    cover_cache: dict[int, tuple[int, int]] = {}  # draft clause -> coverage counts
    seen: set[int] = set()
    for di, pi, side in dra_poles:
        both = ref_sides.get(pi) == {0, 1}  # then read on the subject the draft is about (contrast_apart)
        if pi in seen or (ref_sides.get(pi) != {1 - side} and not both) or dra_sides.get(pi) != {side}:
            continue  # each text must use one side only, opposite to the other's
        if _antonym_blocked(dra, di, pi) or _existential_clause(dra, di):
            continue
        if _has_other_time(dra, di):  # "pernah menurun" (once fell) is about another time
            continue
        if pi in _COMPLEMENTARY and (n := _negated_at(dra.tokens, di)) is not None and _unknown_subject(dra, n, ref):
            continue  # "Wisatawan Nusantara tidak dikenai pungutan" against a levy on every foreign tourist
        covered, counted = _clause_cover(dra, di, ref.root_pool, cover_cache)  # then without the antonym itself
        w = dra.tokens[di][0]
        if _content(w) and not _any_negator(w):
            covered, counted = covered - (not dra.roots[di].isdisjoint(ref.root_pool)), counted - 1
        if (covered / counted if counted else 1.0) < _MIN_COVERAGE and _local_cover(dra, di, di, ref.root_pool) < LOCAL_COVERAGE:
            continue  # the clause is about something else, and so are the antonym's own neighbours ("Kementerian
            # Perdagangan menyatakan HET Minyakita turun dari Rp16.500": mostly attribution; "turun"'s neighbours match)
        d_ctx = _window_roots(dra, di, di, 5)
        for ri in ref_words.get((pi, 1 - side), ()):
            if _antonym_blocked(ref, ri, pi) or (both and not contrast_apart(ref, ri, ref_words[pi, side], dra, di)):
                continue
            if d_ctx.isdisjoint(_window_roots(ref, ri, ri, 6)):
                continue
            if (_other_class(dra, di, ref, ri) or _open_until(dra, di, ref, ri, pi)
                    or same_party(pi, dra.tokens, di, ref.tokens, ri)):
                continue
            dw, rw = dra.tokens[di][0], ref.tokens[ri][0]
            dfrag, rfrag = _fragment(dra, di), _fragment(ref, ri)
            out.append(
                Clash("antonym",
                      reason(ANTONYM, word=dw, draft=dfrag, reference_word=rw, reference=rfrag,
                             pair=_ANTONYM_PAIRS[pi][0]),
                      dfrag, rfrag, "antonym:" + _ANTONYM_PAIRS[pi][0])
            )
            seen.add(pi)
            break
    return out
