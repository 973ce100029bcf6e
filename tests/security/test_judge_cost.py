"""The judge's rule signals must cost about linear time in what the caller sends.

Before (issue 11): ``find_clashes`` compared every draft quantity, date and clock time with every
related reference mention *and again with every draft mention* (D * R * D), so one 2,000-character
sentence full of figures against a passage with 50 of each took 0.3-1.1 s per pair on this machine
(up to 3.6 s reported), and the extractors, the date/time overlap checks, the sentence splitter's
"[.!?]+" run, a "\\s*...\\s*" duration match, the entity rule's name lookup and its recursive
abbreviation check were quadratic or worse on long inputs: 500,000 characters of "Rp 1, " took
368 s, 20,000 dots 3.7 s, a 1,700-word name "De De De ..." raised RecursionError.

Now agreement between draft and reference mentions is computed once per pair (D * R), at most 64
quantities, dates and clock times are taken from a text (``_MAX_*``), the regexes are linear
(possessive runs), overlap checks bisect, and per-text facts (clause spans, context windows) are
memoised. Each bound below is generous (the measured time is noted beside it): these tests guard
against super-linear blow-ups, which show up as many seconds, not against a slow machine.
"""

from __future__ import annotations

import time

import pytest

from service.judge import signals
from service.vision.tension import find_tension
from tests.unit.vision.test_vision_rules import about
from service.domain import Candidate
from service.judge.judge import Judge
from service.judge.signals import (
    analysis, date_clashes, dates, extract_dates, extract_quantities, extract_times, figure_clashes, find_clashes,
    quantities, time_clashes, times,
)

# A passage with 50 quantities, 50 dates and 50 clock times, all about "ekspor" (shared context).
PASSAGE = " ".join(
    f"Ekspor mencapai {1000 + 7 * k} persen pada {k % 28 + 1} Mei 20{10 + k % 15} pukul 10.{k % 60:02d} WIB."
    for k in range(50)
)


def _fill(fragment, n_chars: int = 2000) -> str:
    """Fragments ``fragment(i)`` joined up to ``n_chars`` characters (cut at a space)."""
    parts: list[str] = []
    i = 0
    while sum(len(p) + 1 for p in parts) < n_chars:
        parts.append(fragment(i))
        i += 1
    return " ".join(parts)[:n_chars].rsplit(" ", 1)[0]


DENSE_SENTENCES = {
    # ~180 percentages that the passage states otherwise, each beside "ekspor".
    "quantities": _fill(lambda i: f"ekspor {i % 90 + 3}%"),
    # ~170 bare years, comparable with every dated passage mention.
    "dates": _fill(lambda i: f"ekspor {1990 + i % 20}"),
    # ~120 clock times outside the passage's 10.00-10.49 span.
    "times": _fill(lambda i: f"ekspor {13 + i % 9}.{(i * 7) % 60:02d} WIB"),
    "mixed": _fill(lambda i: (f"ekspor {i % 90 + 3} persen", f"ekspor {i % 27 + 1} Juni 19{i % 90 + 10}",
                              f"ekspor pukul {i % 9 + 13:02d}.{(i * 7) % 60:02d} WIB")[i % 3]),
}


def _clear_caches() -> None:
    for fn in (signals._analyse, signals._extract_quantities_cached, signals._extract_dates_cached,
               signals._extract_times_cached, signals._looks_english, signals._abbreviates):
        fn.cache_clear()


def _timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def _assert_about_linear(seconds_for, small: int, large: int, label: str) -> None:
    """``seconds_for(n)`` at ``large`` stays within 30x its time at ``small`` (a tenth of it).

    Linear work costs ~10x; quadratic 100x. The bound is relative to the small run, so a slower
    or busier machine does not fail it: an absolute 2 s bound once failed on CI at 2.02 s, and
    these long texts take 1-2.6 s here depending on load. Below 1 s nothing is asserted.
    """
    small_s, large_s = seconds_for(small), seconds_for(large)
    assert large_s < max(1.0, 30 * small_s), (
        f"{label}: {small_s:.2f} s at {small:,} characters, {large_s:.2f} s at {large:,}"
    )


# --------------------------------------------------------------------------------------
# One dense sentence against a figure-heavy passage
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(DENSE_SENTENCES))
def test_sentence_full_of_figures_against_a_passage_with_fifty(kind):
    sentence = DENSE_SENTENCES[kind]
    assert 1900 <= len(sentence) <= 2000
    _clear_caches()
    clashes, seconds = _timed(find_clashes, PASSAGE, sentence)
    # Measured (cold caches, analysis included): 15-25 ms; before: quantities 1.1 s, dates
    # 0.86 s, times 0.22 s, mixed 0.14 s.
    assert seconds < 2.0, f"{kind}: {seconds:.2f} s"
    if kind != "times":  # the times share too few context words with the passage's to clash
        assert clashes, "the changed figures are still reported"


def test_judge_on_a_sentence_full_of_figures():
    """The same input through the judge (no classifier), the way a check reaches the signals."""
    sentence = DENSE_SENTENCES["mixed"]
    _clear_caches()
    judgements, seconds = _timed(Judge().judge, [sentence], [[Candidate(PASSAGE, 0.95)]])
    assert seconds < 2.0, f"{seconds:.2f} s"  # measured ~25 ms
    assert judgements[0].relation == "conflicts"


def test_pair_comparisons_grow_with_draft_times_reference_not_cubed(uncapped, monkeypatch):
    """With the caps lifted, each agreement test runs at most about D * R times per pair.

    Before: the "does the draft also state this reference value?" check re-ran over every draft
    mention for each draft mention (D * R * D): 1.25 M quantity, 2 M date and 2 M time
    comparisons for D = 200, R = 50, against at most 10,000 / 20,000 / 10,000 now.
    """
    calls = {"_quantities_agree": 0, "_dates_agree": 0, "_times_agree": 0}
    homes = {"_quantities_agree": figure_clashes, "_dates_agree": date_clashes, "_times_agree": time_clashes}
    for name in calls:
        inner = getattr(homes[name], name)

        def counting(*args, _inner=inner, _name=name):
            calls[_name] += 1
            return _inner(*args)

        monkeypatch.setattr(homes[name], name, counting)  # where the clash finders call it
    reference, draft = _figures(50, "Mei", 1000, 10), _figures(200, "Juni", 3, 14)
    ref, dra = signals._analyse(reference), signals._analyse(draft)
    assert (len(dra.quantities), len(dra.dates), len(dra.times)) == (200, 200, 200)
    assert (len(ref.quantities), len(ref.dates), len(ref.times)) == (50, 50, 50)
    assert find_clashes(reference, draft)
    d, r = 200, 50
    assert calls["_quantities_agree"] <= d * r, calls
    assert calls["_dates_agree"] <= 2 * d * r, calls  # the matrix, then the requalified check
    assert calls["_times_agree"] <= d * r, calls


def test_time_grows_about_linearly_with_the_figures(uncapped):
    """Caps lifted: 4x the draft's figures costs well under the 16x that D * R * D would."""
    reference = _figures(50, "Mei", 1000, 10)

    def pair_seconds(n: int) -> float:
        draft = _figures(n, "Juni", 3, 14)
        signals._analyse(reference), signals._analyse(draft)  # time the pair, not the analyses
        return min(_timed(find_clashes, reference, draft)[1] for _ in range(3))

    small, large = pair_seconds(50), pair_seconds(200)
    # Measured: 37 ms -> 62 ms (1.7x); before: 277 ms -> 2.9 s (10.6x).
    assert large < 6 * small, f"{small * 1000:.0f} ms -> {large * 1000:.0f} ms"


def _figures(n: int, month: str, base: int, hour: int) -> str:
    return " ".join(f"Ekspor mencapai {base + 7 * k}% pada {k % 28 + 1} {month} {1990 + k % 30} "
                    f"pukul {hour}.{k % 60:02d} WIB." for k in range(n))


@pytest.fixture
def uncapped(monkeypatch):
    """The per-text caps lifted for one test; caches emptied before and after, so no uncapped
    analysis outlives it."""
    # Each cap in the part modules that read it.
    for module, name in ((quantities, "_MAX_QUANTITIES"), (dates, "_MAX_DATES"), (analysis, "_MAX_DATES"),
                         (times, "_MAX_TIMES")):
        monkeypatch.setattr(module, name, 100_000)
    monkeypatch.setattr(quantities, "_RAW_QUANTITY_LIMIT", 200_002)
    _clear_caches()
    yield
    _clear_caches()


# --------------------------------------------------------------------------------------
# Long adversarial texts
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["1.1.1.", "Rp 1, "])
def test_half_a_million_characters_of_figures(unit):
    def seconds_for(n_chars: int) -> float:
        _clear_caches()
        return _timed(find_clashes, PASSAGE, unit * (n_chars // len(unit)))[1]

    # Measured 0.3 -> 2.1-2.6 s (linear work over 170,000-250,000 tokens); before: "Rp 1, " took
    # 368 s at 500,000 characters (the entity rule tested every token against every "Rp" name).
    _assert_about_linear(seconds_for, 50_000, 500_000, repr(unit))


def test_half_a_million_characters_as_the_reference():
    def seconds_for(n_chars: int) -> float:
        _clear_caches()
        return _timed(find_clashes, "Rp 1, " * (n_chars // 6), DENSE_SENTENCES["mixed"])[1]

    _assert_about_linear(seconds_for, 50_000, 500_000, "reference")  # measured 0.3 -> 2.6 s


@pytest.mark.parametrize("text", [
    "Harga naik " + "." * 200_000 + "lalu turun",  # sentence-break run: was quadratic (3.7 s at 20,000)
    "Harga naik " + "!" * 200_000 + "x turun",
    "Harga naik " + "!?.,;:-" * 30_000 + " turun",
    "Rapat 1 jam" + " " * 200_000 + "x 5 menit",  # "\s*(dan)?\s*" on the gap: was quadratic (0.9 s at 20,000)
    "Ekspor sebanyak 10" + " " * 200_000 + "dari 20 provinsi",
    "pukul" + " " * 200_000 + "10.00 WIB",
], ids=["dots", "bangs", "punctuation-mix", "blank-gap-duration", "blank-gap-part-of", "blank-gap-clock"])
def test_long_runs_of_punctuation_and_blanks(text):
    _clear_caches()
    _, seconds = _timed(find_clashes, "Harga beras naik 5 persen dalam 1 jam 5 menit pukul 10.00 WIB.", text)
    assert seconds < 2.0, f"{seconds:.2f} s"  # measured 0.03-0.1 s


def test_a_name_of_a_thousand_words_does_not_recurse():
    # "De" is a name connector: the abbreviation check ("is one name an abbreviation of the
    # other?") recursed once per word and raised RecursionError; now it walks the words.
    reference = "Rapat koordinasi pangan dipimpin Budi di Jakarta."
    assert [c.rule for c in find_clashes(reference, reference.replace("Budi", "Andi"))] == ["entity:slot"]
    draft = reference.replace("Budi", " ".join(["De"] * 1500))
    clashes, seconds = _timed(find_clashes, reference, draft)
    assert seconds < 2.0, f"{seconds:.2f} s"  # measured ~6 ms
    assert [c.rule for c in clashes] == ["entity:slot"]


EXTRACTOR_SHAPES = {
    "dotted": "1.1.1.",
    "comma": "1,",
    "money": "Rp 1, ",
    "money-multiplier": "Rp5 ribu ",
    "percent": "5 persen ",
    "number-words": "lima persen ",
    "ranges": "10-15 persen ",
    "dates-and-numbers": "1 Mei 2020, 5 persen, ",
    "years": "2020 ",
    "numeric-dates": "25/4/2020 ",
    "clock": "pukul 10.00 WIB, ",
    "bare-clock": "12.30 WIB ",
    "am-pm": "9 a.m. ",
    "durations": "1 jam 5 menit ",
    "digits": "1234567890",
    "times-words": "twice ",
}


@pytest.mark.parametrize("shape", sorted(EXTRACTOR_SHAPES))
def test_extractors_on_two_hundred_thousand_characters(shape):
    unit = EXTRACTOR_SHAPES[shape]
    for extract, cap in ((extract_quantities, signals._MAX_QUANTITIES), (extract_dates, signals._MAX_DATES),
                         (extract_times, signals._MAX_TIMES)):
        def seconds_for(n_chars: int) -> float:
            _clear_caches()
            found, seconds = _timed(extract, (unit * (n_chars // len(unit) + 1))[:n_chars])
            assert len(found) <= cap
            return seconds

        # Measured at most ~13x ("am-pm" 0.06 -> 0.74 s; "years" 0.08 -> 0.93 s, 40,000 candidate
        # years dropped as quantities). Before (issue 11), 20,000 characters of "25/4/2020 " alone
        # took 3.1 s to judge.
        _assert_about_linear(seconds_for, 20_000, 200_000, f"{extract.__name__} on {shape}")


# --------------------------------------------------------------------------------------
# Caps keep the first mentions; behaviour below them is unchanged
# --------------------------------------------------------------------------------------


def test_caps_keep_the_first_mentions_in_text_order():
    quantities = extract_quantities(" ".join(f"{k} orang hadir," for k in range(1, 101)))
    assert [q.value for q in quantities] == list(range(1, signals._MAX_QUANTITIES + 1))
    dates = extract_dates(" ".join(f"{k % 28 + 1} Mei {1901 + k}," for k in range(100)))
    assert [d.year for d in dates] == list(range(1901, 1901 + signals._MAX_DATES))
    times = extract_times(" ".join(f"pukul {k // 60:02d}.{k % 60:02d} WIB," for k in range(100)))
    assert [t.minutes for t in times] == list(range(signals._MAX_TIMES))


@pytest.mark.parametrize("reference, draft, rule, fires", [
    # A changed figure is a clash; the draft also stating the reference's figure elsewhere is a
    # comparison, not a swap. The second half exercises the "another draft mention" exclusion.
    ("Ekspor beras mencapai 43 ton pada bulan ini.", "Ekspor beras mencapai 40 ton pada bulan ini.",
     "number:unit", True),
    ("Ekspor beras mencapai 43 ton pada bulan ini.",
     "Ekspor beras mencapai 40 ton pada bulan ini, naik dari ekspor beras 43 ton.", "number:unit", False),
    ("Rapat digelar pada 14 Februari 2026 di Jakarta.", "Rapat digelar pada 15 Februari 2026 di Jakarta.",
     "date:absolute", True),
    ("Rapat digelar pada 14 Februari 2026 di Jakarta.",
     "Rapat digelar pada 15 Februari 2026 di Jakarta, bukan rapat 14 Februari 2026.", "date:absolute", False),
    ("Rapat dimulai pukul 09.00 WIB di Jakarta.", "Rapat dimulai pukul 10.00 WIB di Jakarta.", "date:time", True),
    ("Rapat dimulai pukul 09.00 WIB di Jakarta.",
     "Rapat dimulai pukul 10.00 WIB di Jakarta, diundur dari pukul 09.00 WIB.", "date:time", False),
])
def test_restated_figures_still_count_as_comparisons(reference, draft, rule, fires):
    assert (rule in [c.rule for c in find_clashes(reference, draft)]) is fires


def test_tension_cues_in_a_long_clause_stay_linear():
    """120,000 characters of a cut ("dikurangi") with nothing it acts on nearby, in one clause: each cue
    looks back at most a bounded stretch for a cost or a waiting time (service/vision/tension.py), so
    this takes ~0.3 s; looking back to the clause start took 43 s."""
    sentence = "kesehatan " + "lorem " * 40 + "pelatihan dikurangi " * 6000
    match = about(sentence, "asta-cita-4/kesehatan")
    started = time.perf_counter()
    assert find_tension(sentence, [match]) is None
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("text", [
    "hanya di Aa " * 20_000,  # every place alone: pairs with the lists were quadratic (192 s) before the cap
    "hanya di Aa dan Bb. " * 10_000,
    "Aa, " * 40_000 + "dan Bb",
    "hanya di " + "Badan " * 40_000,
], ids=["alone-runs", "alone-and-lists", "one-long-list", "one-long-name"])
def test_scope_places_alone_and_in_lists_stay_linear(text):
    from service.judge.scope import scope_clashes
    started = time.perf_counter()
    scope_clashes(text, text)
    scope_clashes("Festival di Aa dan Bb, lomba hanya di Aa.", text)
    scope_clashes(text, "Festival di Aa dan Bb, lomba hanya di Aa.")
    seconds = time.perf_counter() - started
    assert seconds < 3.0, f"{seconds:.2f} s"  # measured 0.3-0.5 s


@pytest.mark.parametrize("text", [
    "Peserta tetap harus membayar biaya " * 8_000,  # one clause of payer verbs: each looks up its clause's fee once
    "peserta " * 20_000 + "membayar biaya pendaftaran",  # a subject run with no end: the walk back is bounded
    "Biaya tidak dipungut. " * 8_000,  # thousands of sentences sparing everyone
    "dibebankan kepada " + "di " * 40_000,  # a recipient phrase of function words: the walk forward is bounded
], ids=["payer-clause", "long-subject", "many-sentences", "empty-recipient"])
def test_who_pays_stays_linear(text):
    from service.judge.signals import payer_clashes
    started = time.perf_counter()
    payer_clashes(text, "Peserta membayar biaya pendaftaran Rp50.000.")
    payer_clashes("Peserta tidak dipungut biaya pendaftaran.", text, text)
    seconds = time.perf_counter() - started
    assert seconds < 3.0, f"{seconds:.2f} s"


def test_a_restated_exception_is_looked_up_once_per_predicate():
    """A draft negating one predicate thousands of times against a position negating it thousands of times: each
    predicate is looked up in the position once (was draft negations x position occurrences)."""
    reference = "Dinas menonaktifkan NIK penduduk yang pindah."
    draft = "NIK penduduk tidak dinonaktifkan. " + "Warga tidak dinonaktifkan " * 4_000
    setting = reference + " " + "Penonaktifan tidak berlaku bagi warga, NIK tidak dinonaktifkan. " * 2_000
    started = time.perf_counter()
    find_clashes(reference, draft, setting)
    seconds = time.perf_counter() - started
    assert seconds < 5.0, f"{seconds:.2f} s"
