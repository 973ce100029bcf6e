"""Clashes of numbers (by measure, or swapped inside copied wording) that the draft states otherwise than the
reference, and what the date and time rules share with them (the same statement, history, outside the subject)."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from service.judge.signals.analysis import (
    _Analysis, _negated_before, _sentence_text, _span_tokens, _window_roots, _word_set,
)
from service.judge.signals.quantities import (
    _MONEY_UNITS, _log_distance, _quantities_agree, _same_measure,
)
from service.judge.signals.figure_roles import (_EVERY, PERSON_NOUNS, difference, old_of_change, same_role,
                                                told_as_past, total_over)
from service.judge.signals.labels import _labels_agree, _labels_near
from service.judge.signals.names import _PLACE_MARKERS, _named_for_another, _places_near, _places_stated
from service.judge.signals.rates import _PER_FORMS, _per, _same_rate
from service.judge.signals.records import Clash, DateMention, Quantity
from service.judge.signals.text import draft_words_covered, same_language
from service.messages import CONFLICT, reason
from service.text.words import is_content as _content
from service.text.words import roots as _roots

# The copied-wording rule (_aligned_number_clashes) aligns the two token sequences with difflib,
# which is quadratic in their lengths, so a side with more tokens than this is not aligned.  The
# rule fires only when the draft copies at least half its tokens from the reference, and a
# passage of at most 600 characters of space-separated words has at most 300 tokens, so no such
# pair loses a clash.
_MAX_ALIGN_TOKENS = 600


# A draft sentence this much of whose content words stand in the reference says the same thing (the
# time rule's bar too): a figure in it that the reference states otherwise is a change of that figure.
SAME_STATEMENT = 0.6
SAME_STATEMENT_ACROSS_LANGUAGES = 0.5
HALF_STATEMENT = 0.5
HALF_STATEMENT_ACROSS_LANGUAGES = 0.4
SETTING_MIN_OWN = 0.3  # the judge's rule_min_coverage


def same_statement(ref: _Analysis, dra: _Analysis) -> bool:
    """Most of the draft sentence's content words stand in the reference (memoised per pair)."""
    key = ("same_statement", ref.text)
    known = dra.memo.get(key)
    if known is None:
        # Across languages the lexicon finds fewer of the shared words: a lower bar.
        bar = SAME_STATEMENT if same_language(ref.text, dra.text) else SAME_STATEMENT_ACROSS_LANGUAGES
        known = dra.memo[key] = draft_words_covered(ref.text, dra.text) >= bar
    return known


def _half_statement(ref: _Analysis, dra: _Analysis, setting: frozenset[str] = frozenset(), at: int = 0) -> bool:
    """At least half of the draft sentence's content words stand in the reference, or in the reference with
    its position's ``setting`` ("Untuk golongan I, perjalanan penuh dari Bakauheni ke Terbanggi Besar" names the
    toll road the position's first sentence names). With the setting, the reference's sentence holding token
    ``at`` (its figure) must itself cover ``SETTING_MIN_OWN`` of the draft's: a sentence sharing next to nothing
    with it is about something else of the same position ("Dosis kedua diberikan empat minggu setelah …")."""
    # Across languages the lexicon finds fewer of the shared words: a lower bar, as for same_statement.
    half = HALF_STATEMENT if same_language(ref.text, dra.text) else HALF_STATEMENT_ACROSS_LANGUAGES
    if draft_words_covered(ref.text, dra.text) >= half:
        return True
    return (bool(setting) and draft_words_covered(_sentence_text(ref, at), dra.text) >= SETTING_MIN_OWN
            and draft_words_covered(ref.text + " " + " ".join(sorted(setting)), dra.text) >= HALF_STATEMENT)


# Words that report progress so far, and words that set a target, quota or ceiling: "realisasi ... telah
# mencapai 25,7 juta kiloliter" is how much of the "kuota 31,2 juta kiloliter" is used, not another quota.
_PROGRESS = frozenset("realisasi terealisasi tercatat telah sudah tersalurkan terserap reached "
                      "recorded".split())
_TARGET = frozenset("target ditargetkan menargetkan kuota alokasi pagu direncanakan rencana dianggarkan plafon "
                    "targeted quota allocation planned ceiling".split())


# "baru" is "only so far" before a figure or a verb of progress ("baru 54 persen", "baru mencapai"), and
# "new" elsewhere ("ketentuan baru yang berlaku mulai 1 Juni").
_SO_FAR_NEXT = frozenset("mencapai terealisasi tersalurkan terserap sekitar sebesar sebanyak menjangkau".split())


def _reports_progress(a: _Analysis) -> bool:
    """The text reports a result so far ("realisasi", "telah", "baru" before a figure); memoised per text."""
    found = a.memo.get("progress")
    if found is None:
        found = a.memo["progress"] = not _word_set(a).isdisjoint(_PROGRESS) or _only_so_far(a)
    return found


def _only_so_far(a: _Analysis) -> bool:
    """"baru" before a figure or a verb of progress: "Saat ini baru 35 industri yang telah terhubung" (memoised per
    text: asked for each figure of each pair)."""
    found = a.memo.get("only_so_far")
    if found is None:
        toks = a.tokens
        found = a.memo["only_so_far"] = any(
            w == "baru" and k + 1 < len(toks) and (toks[k + 1][0][:1].isdigit() or toks[k + 1][0] in _SO_FAR_NEXT)
            for k, (w, _, _) in enumerate(toks))
    return found


# A rule's figure is what must be reached ("mewajibkan 120 industri ... memasang"): a count reached so far ("baru
# 35 industri", "realisasi", "tercatat") is progress against it. ("telah" alone is not enough here: "telah
# menetapkan 150 industri" restates a rule.)
_OBLIGATION = frozenset("wajib mewajibkan diwajibkan required must".split())
_RESULT = frozenset("realisasi terealisasi tercatat".split())


def _progress_against_target(ref: _Analysis, dra: _Analysis) -> bool:
    """The draft reports progress so far and the reference sets a target or a rule (or the other way round)."""
    def kind(a: _Analysis) -> tuple[bool, bool]:
        words = _word_set(a)
        return _reports_progress(a), not words.isdisjoint(_TARGET)
    (d_progress, d_target), (r_progress, r_target) = kind(dra), kind(ref)
    if (_only_so_far(dra) or not _word_set(dra).isdisjoint(_RESULT)) and not d_target and not r_progress \
            and not _word_set(ref).isdisjoint(_OBLIGATION):
        return True
    return (d_progress and not d_target and r_target and not r_progress) or (
        r_progress and not r_target and d_target and not d_progress)


# Words that put a statement in the past: "Pada periode sebelumnya, Juni dan Juli" or "Pada 2024 ... sempat
# ditambah" reports what was, not a change of the reference's "Oktober" or "2026".
_PAST = frozenset("sebelumnya sempat pernah lalu dulu dahulu semula previously formerly earlier".split())


def _history(dra: _Analysis, dd: DateMention, rd: DateMention) -> bool:
    """The draft's date is earlier than the reference's and the draft tells it as past (or as a span of
    years that ended before the reference's year)."""
    if dd.year_end is not None and rd.year is not None and dd.year_end < rd.year:
        return True
    earlier = ((dd.year or rd.year or 0), dd.month or 0, dd.day or 0) < ((rd.year or dd.year or 0), rd.month or 0,
                                                                      rd.day or 0)
    # Told as past ("sempat", "sebelumnya"), as a result so far ("realisasi … tercatat", "telah
    # mencakup", "baru 54 persen") or as how things still stood then ("Pada 2024, batas bunga masih
    # 0,3 persen"): an earlier year's record, not a change of the reference's date.
    words = _word_set(dra)
    toks = dra.tokens
    if "lalu" in words and all(toks[j + 1][0] == "lintas" for j in range(len(toks) - 1) if toks[j][0] == "lalu"):
        words = words - {"lalu"}  # "Korps Lalu Lintas": traffic, not the past
    return earlier and not (words.isdisjoint(_PAST) and not _reports_progress(dra) and words.isdisjoint(_STILL)
                            and not _contrasted(dra, dd))


_STILL = frozenset({"masih", "still"})
_CONTRAST = frozenset("sementara sedangkan whereas while".split())


def _contrasted(dra: _Analysis, dd: DateMention) -> bool:
    """The date opens a clause set against the rest ("…, sementara pada 2025 penutupan berlangsung hingga …"):
    an earlier year compared, not a change of the reference's date."""
    i = dra.tok_index(dd.start)
    return any(dra.tokens[j][0] in _CONTRAST for j in range(max(0, i - 3), i))


def _outside(ref: _Analysis, dra: _Analysis) -> bool:
    """The draft speaks of what lies outside the reference's subject ("Di luar Ramadan, jam kerja …"
    against "Selama Ramadan, jam kerja …"): its figures are not the reference's.
    Both speaking of what lies outside the same thing ("di luar Jawa, Madura, dan Bali") share the subject."""
    words = _word_set(ref) - _outside_of(ref)
    return bool(_outside_of(dra) & words)


def _outside_of(a: _Analysis) -> frozenset[str]:
    """The words a text puts outside: "Bali" in "di luar Bali" or "outside Bali" (read once per text: the number,
    date and time finders each ask)."""
    found = a.memo.get("outside")
    if found is None:
        toks = a.tokens
        found = a.memo["outside"] = frozenset(
            toks[j + 1][0] for j in range(len(toks) - 1)
            if toks[j][0] == "outside" or (toks[j][0] == "luar" and j and toks[j - 1][0] in ("di", "outside")))
    return found


def _number_clashes(ref: _Analysis, dra: _Analysis, setting: frozenset[str] = frozenset()) -> list[Clash]:
    if _outside(ref, dra):
        return []
    rqs, dqs = ref.quantities, dra.quantities
    # Which reference quantity measures the same thing as, and agrees with, which draft
    # quantity: computed once per pair (len(rqs) * len(dqs) comparisons, both capped), then
    # looked up, instead of re-comparing every draft quantity for each (draft, reference) pair.
    same = [[_same_measure(rq, dq) or _same_people(ref, rq, dra, dq) for dq in dqs] for rq in rqs]
    agree = [[same[r][d] and _quantities_agree(rq, dq) for d, dq in enumerate(dqs)] for r, rq in enumerate(rqs)]
    # A value the reference names as replaced ("naik dari Rp150.000 menjadi Rp200.000") is restated only by a
    # draft that also marks it old: given as the value now, it is the old value, a change of the new one.
    replaced = _replaced(ref)
    if replaced:
        agree = [[agree[r][d] and (r not in replaced or _marked_old(dra, dq)) for d, dq in enumerate(dqs)]
                 for r in range(len(rqs))]
    # Draft quantities that restate reference quantity r. A draft value equal to one reference value restates
    # that one only, not also a bound it falls under ("parasetamol … Rp250" restates "Rp250", not "paling tinggi
    # Rp550" of the amoxicillin before it).
    equal = [[agree[r][d] and _log_distance(rq, dq) < 1e-9 for d, dq in enumerate(dqs)] for r, rq in enumerate(rqs)]
    pinned = [any(row[d] for row in equal) for d in range(len(dqs))]
    n_agree = [sum(agree[r][d] and (equal[r][d] or not pinned[d]) for d in range(len(dqs))) for r in range(len(rqs))]
    # What each reference figure is counted per, read once for every draft figure it is compared with.
    r_pers = [_per(ref, *_span_tokens(ref, rq.start, rq.end)) for rq in rqs]
    out: list[Clash] = []
    everywhere: dict[str, frozenset[str]] | None = None  # the reference's labels, read once when needed
    for d, dq in enumerate(dqs):
        if dq.unit is None and dq.noun is None:
            continue
        if dq.qualifier == "other" and not any(rq.qualifier == "other" for rq in rqs):
            continue  # "tambahan Rp500.000" adds to something; against another "tambahan" it is compared
        lo, hi = _span_tokens(dra, dq.start, dq.end)
        if _states_no_value(dra, dq, lo, hi, dqs):
            continue
        if _measured_against_rule(dra, lo):
            continue  # "Rp17.200 per kilogram, masih di bawah acuan": a market reading set against the rule
        same_idx = [r for r in range(len(rqs)) if same[r][d] and r not in replaced]
        # A reference figure for another named place is no figure for the draft's: "di Maluku paling
        # tinggi Rp230 juta" neither backs nor contradicts "di Bali ... Rp180 juta".
        # Likewise a figure for another class, zone or phase: "kelas 1" is not the "kelas 3" fee.
        d_labels = _labels_near(dra, lo, hi)
        if d_labels:
            # A reference figure with no label beside it takes the labels its text names elsewhere (a
            # position about "kelas 3" throughout: its "peserta membayar Rp35.000" is kelas 3's too).
            if everywhere is None:
                everywhere = _labels_near(ref, 0, len(ref.tokens), radius=len(ref.tokens), same=False)
            same_idx = [r for r in same_idx
                        if _labels_agree(d_labels, _labels_near(ref, *_span_tokens(ref, rqs[r].start, rqs[r].end),
                                                                radius=10) or everywhere)]
        if d_places := _places_near(dra, lo, hi):
            same_idx = _same_place(ref, dra, rqs, same_idx, d_places)
        # The value a reference change left behind ("85 persen, naik dari 80 persen pada 2026") is no value now: the
        # draft's "dipatok 80 persen" is compared with the new one.
        left = {r for r in same_idx if agree[r][d] and _left_behind(ref, rqs, r, dra)}
        same_idx = [r for r in same_idx if r not in left]
        d_per = _per(dra, lo, hi)

        def at_rate(r: int) -> bool:
            return _same_rate(d_per, r_pers[r], dq, rqs[r])

        if not same_idx or any(agree[r][d] and at_rate(r) for r in same_idx):
            continue  # a measure the reference never mentions, or a value it does state (at the same rate)
        # Only compare with reference numbers in a related context (shared words nearby).
        d_ctx = _window_roots(dra, lo, hi, 5, lean=True)
        related = [r for r in same_idx
                   if not d_ctx.isdisjoint(_window_roots(ref, *_span_tokens(ref, rqs[r].start, rqs[r].end), 6,
                                                               lean=True))]
        if not related and len(same_idx) == 1 and sum(same[same_idx[0]]) == 1 and _half_statement(
                ref, dra, setting, _span_tokens(ref, rqs[same_idx[0]].start, rqs[same_idx[0]].end)[0]):
            # The only figure of this measure on either side, in texts sharing half the sentence's words
            # ("Rp2,8 triliun untuk merehabilitasi 75.000 hektare hutan" / "rehabilitasi hutan … 75.000
            # hektare … total anggaran Rp1,8 triliun"): the words beside each need not be the same.
            related = same_role(ref, dra, rqs, same_idx, lo, hi, dq)
        if not related and same_statement(ref, dra):
            # The sentence restates the reference with its words in another order ("beras sebanyak 10
            # kilogram per bulan disalurkan" / "diberikan sebanyak 20 kilogram per keluarga setiap
            # bulan"): the one measure it shares is the figure it changes, whatever the words beside it.
            related = same_role(ref, dra, rqs, same_idx, lo, hi, dq)
        # A reference value the draft restates elsewhere is accounted for ("43 orang ...
        # tiga orang" against "43 orang ... tiga"): compare only with the others.  "Elsewhere"
        # is another draft mention than this one: discount this one's own agreement.
        related = [r for r in same_role(ref, dra, rqs, related, lo, hi, dq)
                   if n_agree[r] - agree[r][d] == 0 and not _value_restated(rqs[r], dq, dqs)
                   and not _named_for_another(ref, dra, *_span_tokens(ref, rqs[r].start, rqs[r].end), lo, setting)]
        if not related or not _places_stated(ref, dra, lo, hi, setting=setting) or _progress_against_target(ref, dra):
            continue
        if _priced_other(ref, dra, lo, setting):
            continue
        # A rate is compared with a rate of the same denominator ("Rp300.000 per bulan" is not "Rp71 triliun"
        # for all villages, nor "Rp650 ribu setiap tahap"); a figure stated without one is compared with a
        # rate only when the two are of a size ("Rp350.000" for "Rp300.000 per bulan").
        related = [r for r in related if at_rate(r)
                   and _every_base(ref, _span_tokens(ref, rqs[r].start, rqs[r].end)[0]) == _every_base(dra, lo)]
        if not related or _total_of_rate(ref, rqs, related, dq, total_over(dra, lo, hi)):
            continue
        rq = min((rqs[r] for r in related), key=lambda q: _log_distance(q, dq))  # quote the closest value
        rule = "number:" + (
            "percent" if dq.unit in ("percent", "percentage_point", "bps")
            else "money" if dq.unit in _MONEY_UNITS
            else "count" if dq.unit is None
            else "unit"
        )
        out.append(
            Clash("number", reason(CONFLICT["number"], draft=dq.text, reference=rq.text), dq.text, rq.text, rule)
        )
    return out


_PRICE = frozenset("harga tarif price".split())
_PRICE_REACH = 15  # tokens back from a figure to its "harga"
# Words after "harga" that say which price, not of what ("harga acuan di tingkat petani").
_PRICE_KINDS = frozenset("""acuan eceran tertinggi terendah jual beli pembelian penjualan rata pasar dasar pokok
referensi di tingkat petani konsumen produsen pedagang grosir per the of""".split())


def _priced_other(ref: _Analysis, dra: _Analysis, lo: int, setting: frozenset[str]) -> bool:
    """The draft's figure (first token ``lo``) is the price of a thing neither the reference nor its position names:
    "harga gabah di tingkat petani … Rp6.900" against the farm-gate price of shallots."""
    toks = dra.tokens
    for j in range(lo - 1, max(-1, lo - _PRICE_REACH), -1):
        if dra.clause[j] != dra.clause[lo]:
            return False
        if toks[j][0] in _PRICE:
            thing = next((k for k in range(j + 1, lo) if _content(toks[k][0]) and toks[k][0] not in _PRICE_KINDS
                          and not toks[k][0][:1].isdigit()), None)
            return thing is not None and dra.roots[thing].isdisjoint(ref.root_pool) and toks[thing][0] not in setting
    return False


def _total_of_rate(ref: _Analysis, rqs: tuple[Quantity, ...], related: list[int], dq: Quantity,
                   over: tuple[float, str] | None) -> bool:
    """The draft's figure is the total of ``over`` (N periods) at a reference rate per that period: "Rp2.250.000
    untuk tiga bulan" is three months of "Rp750.000 per bulan"."""
    return over is not None and any(
        _PER_FORMS.get(over[1]) in (_per(ref, *_span_tokens(ref, rqs[r].start, rqs[r].end)) or ())
        and abs(dq.value / over[0] - rqs[r].value) <= 1e-6 * abs(rqs[r].value) for r in related)


def _left_behind(ref: _Analysis, rqs: tuple[Quantity, ...], r: int, dra: _Analysis) -> bool:
    """Reference figure ``r`` is the old value of a change ("naik dari 80 persen pada 2026"), and the draft names
    none of the years written right after it (it does not speak of that year's value)."""
    lo, hi = _span_tokens(ref, rqs[r].start, rqs[r].end)
    if not old_of_change(ref, rqs[r], lo, rqs):
        return False
    after = {w for w, _, _ in ref.tokens[hi + 1:hi + 4] if len(w) == 4 and w.isdigit()}
    return after.isdisjoint(w for w, _, _ in dra.tokens)


def _value_restated(rq: Quantity, dq: Quantity, dqs: tuple[Quantity, ...]) -> bool:
    """Another figure of the draft gives the reference's value ``rq`` in its unit, not as the old value of a
    change: "Dari 360 daerah peserta, sebanyak 19 kabupaten meraih predikat" states the "360 kabupaten" of
    the reference, so its 19 counts something else."""
    return any(q is not dq and q.unit == rq.unit and not q.change and abs(q.value - rq.value) <= 1e-9 * abs(rq.value)
               for q in dqs)


def _states_no_value(dra: _Analysis, item: Quantity | DateMention, lo: int, hi: int,
                     others: tuple[Quantity, ...]) -> bool:
    """The draft's figure or date ``item`` (tokens ``lo..hi``) states no value now, so no reference value can
    contradict it: negated ("tidak mencapai 5 persen"), told as past ("Sebelumnya, daftar itu hanya berisi 13
    negara"), the base of a ratio ("35 dari setiap 100 ton"), the old value of a change among ``others`` (the
    draft's figures: "naik dari 220 objek") or a gap between two values ("lebih tinggi Rp15 juta dibanding")."""
    return (_negated_before(dra, lo) or told_as_past(dra, lo) or _ratio_base(dra, lo)
            or (isinstance(item, Quantity) and old_of_change(dra, item, lo, others)) or difference(dra, lo, hi))


def _same_place(ref: _Analysis, dra: _Analysis, rqs: tuple[Quantity, ...], same_idx: list[int],
                d_places: frozenset[str]) -> list[int]:
    """The reference figures (of ``same_idx``) for the place the draft names beside its figure: those with no
    place beside them or the same place, and those whose places the draft names elsewhere while the reference
    names the draft's elsewhere: the two texts tie one subject to two places ("Kawasan Cagar Budaya Nasional
    Muarajambi … Rp105 miliar" / "Muarajambi di Provinsi Jambi … Rp150 miliar")."""
    near = {r: _places_near(ref, *_span_tokens(ref, rqs[r].start, rqs[r].end)) for r in same_idx}
    both = d_places <= _word_set(ref)  # the reference names the draft's place too
    d_words = _word_set(dra)
    # Each place either side is named by the other text: one subject tied to two places ("kunjungan ke Danau Kakaban
    # di Kabupaten Berau dibatasi 300 orang" / "Kabupaten Berau membatasi kunjungan ke Danau Kakaban 500 orang").
    return [r for r in same_idx if not near[r] or near[r] & d_places or (both and near[r] - _PLACE_MARKERS <= d_words)]


_FROM = frozenset({"dari", "from", "semula"})
_TO = frozenset({"menjadi", "jadi", "ke", "to"})
_OLD_MARKS = _FROM | frozenset({"sebelumnya", "lama", "sebelum", "previously", "earlier", "old", "was", "former"})


def _replaced(a: _Analysis) -> frozenset[int]:
    """Indices of the quantities ``a`` names as replaced: "dari X menjadi Y", "from X to Y", where Y measures the
    same (memoised per text)."""
    known = a.memo.get("replaced")
    if known is None:
        qs, toks, out = a.quantities, a.tokens, set()
        for k in range(len(qs) - 1):
            lo, hi = _span_tokens(a, qs[k].start, qs[k].end)
            nxt, _ = _span_tokens(a, qs[k + 1].start, qs[k + 1].end)
            if (lo and toks[lo - 1][0] in _FROM and nxt == hi + 2 and toks[hi + 1][0] in _TO
                    and _same_measure(qs[k], qs[k + 1])):
                out.add(k)
        known = a.memo["replaced"] = frozenset(out)
    return known


def _marked_old(a: _Analysis, q: Quantity) -> bool:
    """The text marks ``q`` as a former value: "dari Rp150.000", "tarif lama Rp2.500", "sebelumnya Rp2.500"."""
    lo, _ = _span_tokens(a, q.start, q.end)
    return any(a.tokens[j][0] in _OLD_MARKS for j in range(max(0, lo - 3), lo))


_RECIPIENTS = frozenset("penerima peserta pendaftar pelamar recipients participants beneficiaries applicants".split())


def _same_people(ref: _Analysis, rq: Quantity, dra: _Analysis, dq: Quantity) -> bool:
    """A count of persons ("4.000 orang") and a count of a noun ("5.000 penerima") measure the same when that
    noun stands just before the persons on their side ("Kuota penerima tahap I ditetapkan 4.000 orang";
    "jumlah pendaki 700 orang" against "500 pendaki"): "orang" counts the people the sentence named."""
    if rq.change != dq.change:
        return False
    if rq.unit == "person" and dq.unit is None and dq.noun:
        return _named_before(ref, rq, dq.noun) or _people_per(ref, rq, dra, dq, dq.noun)
    if dq.unit == "person" and rq.unit is None and rq.noun:
        return _named_before(dra, dq, rq.noun) or _people_per(ref, rq, dra, dq, rq.noun)
    # A count of recipients and a count of what the sentence names as receiving: "insentif penyuluh agama … kepada
    # 45.000 penerima" / "insentif kepada 43.500 penyuluh agama".
    # Given "to" them (not "target 100 juta peserta" after "seluruh provinsi").
    if rq.unit is None and dq.unit is None and rq.noun and dq.noun:
        if dq.noun.casefold() in _RECIPIENTS and _given_to(dra, dq):
            return _named_before(dra, dq, rq.noun, 8)
        if rq.noun.casefold() in _RECIPIENTS and _given_to(ref, rq):
            return _named_before(ref, rq, dq.noun, 8)
    # A bare figure and a fraction "of" a noun: a fraction counts nothing, it describes the noun, which English
    # names after the figure and Indonesian often before it ("A magnitude 6.2 earthquake" / "Gempa
    # bermagnitudo 5,8"). A whole number with a noun is a count ("14 gempa susulan"), not such a figure.
    if rq.unit is None and dq.unit is None:
        if rq.noun is None and dq.noun and not dq.value.is_integer():
            return _named_before(ref, rq, dq.noun, 3)
        if dq.noun is None and rq.noun and not rq.value.is_integer():
            return _named_before(dra, dq, rq.noun, 3)
    return False


def _people_per(ref: _Analysis, rq: Quantity, dra: _Analysis, dq: Quantity, noun: str) -> bool:
    """``noun`` counts people and both figures are counted per the same unit: "kuota 250 orang per sesi" and "300
    pengunjung per sesi" (a tally of "2,3 juta pengunjung" in a year is no such quota)."""
    if noun.casefold() not in PERSON_NOUNS:
        return False
    r_per, d_per = _per(ref, *_span_tokens(ref, rq.start, rq.end)), _per(dra, *_span_tokens(dra, dq.start, dq.end))
    return bool(r_per and d_per and not r_per.isdisjoint(d_per))


def _given_to(a: _Analysis, q: Quantity) -> bool:
    lo, _ = _span_tokens(a, q.start, q.end)
    return lo >= 1 and a.tokens[lo - 1][0] in ("kepada", "bagi", "untuk", "to", "for")


def _named_before(a: _Analysis, q: Quantity, noun: str, words: int = 5) -> bool:
    """``noun`` (by its roots) stands among the ``words`` words before ``q``, in its clause."""
    lo, _ = _span_tokens(a, q.start, q.end)
    wanted = _roots(noun)
    return any(a.clause[j] == a.clause[lo] and not a.roots[j].isdisjoint(wanted)
               for j in range(max(0, lo - words), lo))


_BELOW_ABOVE = frozenset("bawah atas melebihi melampaui below above exceeds exceeding".split())
_RULE_WORDS = frozenset("acuan het ketentuan batas plafon patokan ceiling cap limit reference".split())


def _measured_against_rule(a: _Analysis, lo: int) -> bool:
    """The figure's sentence sets it against the rule ("masih di bawah acuan", "melebihi HET", "below the
    ceiling"): an observed value compared with the reference's, not a restatement of it. ("batas atas
    upah" is an upper limit: "atas" must follow "di" or be a verb of its own.)"""
    sid = a.sentence[lo]
    key = ("against_rule", sid)  # one answer per sentence: a sentence of many figures is read once
    found = a.memo.get(key)
    if found is None:
        found = a.memo[key] = _sets_against_rule(a, sid)
    return found


def _sets_against_rule(a: _Analysis, sid: int) -> bool:
    toks = a.tokens
    for j, (w, _, _) in enumerate(toks):
        if a.sentence[j] != sid or w not in _BELOW_ABOVE:
            continue
        if w in ("bawah", "atas") and (j == 0 or toks[j - 1][0] != "di"):
            continue
        if any(toks[k][0] in _RULE_WORDS for k in range(j + 1, min(len(toks), j + 4)) if a.sentence[k] == sid):
            return True
    return False


def _every_base(a: _Analysis, lo: int) -> bool:
    """The figure at token ``lo`` follows "setiap" / "every": what a rate counts by ("setiap tiga angkot lama
    menjadi satu bus", "setiap 45 menit"), compared only with another such figure, not with a count ("2.700
    angkot masih terdaftar")."""
    return lo >= 1 and (a.tokens[lo - 1][0] in _EVERY or a.tokens[lo - 1][0] == "each")


def _ratio_base(a: _Analysis, lo: int) -> bool:
    """The figure at token ``lo`` follows "dari setiap" / "out of every": the base of a ratio."""
    toks = a.tokens
    return lo >= 2 and (toks[lo - 2][0], toks[lo - 1][0]) in (("dari", "setiap"), ("of", "every"), ("dari", "tiap"))


# Words and numbers for alignment; a number glued to letters ("#May17", "B2") is a name, not a figure.
_ALIGN_TOKEN_RE = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+")


def _align_tokens(text: str, limit: int | None = None) -> list[tuple[str, int, int, bool]] | None:
    """(comparison key, start, end, is a standalone number) per word or number of ``text``;
    None as soon as there are more than ``limit``."""
    out: list[tuple[str, int, int, bool]] = []
    for m in _ALIGN_TOKEN_RE.finditer(text):
        if limit is not None and len(out) >= limit:
            return None
        tok, start = m.group(), m.start()
        if tok[0].isdigit():
            standalone = not (start and text[start - 1].isalpha()) and not (m.end() < len(text) and text[m.end()].isalpha())
            # One key per written value whatever the convention: "06.00" = "6.00" = "6:00", "2,7" = "2.7".
            key = re.sub(r"^0+(?=\d)", "", re.sub(r"[,:]", ".", tok))
            out.append((key, start, m.end(), standalone))
        else:
            out.append((tok.casefold(), start, m.end(), False))
    return out


def _around(text: str, toks: list[tuple[str, int, int, bool]], i: int) -> str:
    """Token ``i`` with one word either side ("rata-rata" counts as one word)."""
    lo, hi = max(0, i - 1), min(len(toks) - 1, i + 1)
    if lo > 0 and lo < i and text[toks[lo][1] - 1 : toks[lo][1]] == "-":
        lo -= 1
    return text[toks[lo][1] : toks[hi][2]]


def _aligned_number_clashes(ref_a: _Analysis, dra_a: _Analysis, found: list[Clash]) -> list[Clash]:
    """A figure swapped inside wording the draft otherwise copies: "Komisi 4 DPR" for "Komisi 1 DPR",
    "peron 6" for "peron 4", "KM 66 dan KM 39" for "KM 33 dan KM 39".

    The measure-aware rule above needs a unit, a counted noun or a date to know what a number
    measures; here the copied words around it say so. Fires only when the draft follows the
    reference for at least half its words, the swapped number has two identical words on each
    side (fewer where the copy reaches the text's start or end, three at least in all), it is
    not negated, and no other clash already quotes it.
    """
    reference, draft = ref_a.text, dra_a.text
    ref, dra = _align_tokens(reference, _MAX_ALIGN_TOKENS), _align_tokens(draft, _MAX_ALIGN_TOKENS)
    if not ref or not dra:
        return []  # no words, or too many to align
    # The alignment can match at most min(count in reference, count in draft) copies of each
    # token: when even that is under half the draft, the rule below cannot fire, and the
    # (quadratic) alignment is skipped.
    ref_keys, dra_keys = [t[0] for t in ref], [t[0] for t in dra]
    if sum((Counter(ref_keys) & Counter(dra_keys)).values()) < 0.5 * len(dra):
        return []
    matcher = difflib.SequenceMatcher(None, ref_keys, dra_keys, autojunk=False)
    ops = matcher.get_opcodes()
    if sum(j2 - j1 for tag, _, _, j1, j2 in ops if tag == "equal") < 0.5 * len(dra):
        return []
    out: list[Clash] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1 or not (ref[i1][3] and dra[j1][3]):
            continue
        left = ops[k - 1][4] - ops[k - 1][3] if k > 0 and ops[k - 1][0] == "equal" else 0
        right = ops[k + 1][4] - ops[k + 1][3] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else 0
        # Two copied words each side, or fewer where the copy runs to the text's start or end.
        left_ok = left >= 2 or j1 - left == 0
        right_ok = right >= 2 or j2 + right == len(dra)
        if not (left_ok and right_ok and left + right >= 3):
            continue
        if any(draft[dra[j1][1] : dra[j1][2]] in c.draft for c in found):
            continue
        at = dra_a.tok_index(dra[j1][1])
        if at < len(dra_a.tokens) and _negated_before(dra_a, at):
            continue  # "tidak menjabat ... ke-38" denies the figure; it states none
        d_frag, r_frag = _around(draft, dra, j1), _around(reference, ref, i1)
        out.append(Clash("number", reason(CONFLICT["number"], draft=d_frag, reference=r_frag),
                         d_frag, r_frag, "number:aligned"))
    return out
