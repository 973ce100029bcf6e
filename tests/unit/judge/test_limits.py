"""Limits said in other words than a qualifier (stop 46): a negated excess, a cap verb, a count of people
against a count of persons, a rate "dalam sehari". Each with the near miss that must not clash. Examples
written for this project."""

from __future__ import annotations

from service.judge.signals import find_clashes
from service.judge.signals.quantities import extract_quantities

COPRA = "Kopra yang dikirim harus berkadar air paling tinggi 6 persen."


def _kinds(reference: str, draft: str) -> list[str]:
    return [c.kind for c in find_clashes(reference, draft)]


def test_a_negated_excess_is_a_ceiling_not_a_denied_figure():
    for said in ("tidak boleh melebihi 8 persen", "tidak melebihi 8 persen"):
        assert extract_quantities(f"Kadar air kopra {said}.")[0].qualifier == "le"
    assert extract_quantities("The moisture content may not exceed 8 percent.")[0].qualifier == "le"
    assert _kinds(COPRA, "Kadar air kopra tidak boleh melebihi 8 persen.") == ["number"]
    assert _kinds(COPRA, "The moisture content of copra may not exceed 8 percent.") == ["number"]
    # the same ceiling restated
    assert _kinds(COPRA, "Kadar air kopra tidak boleh melebihi 6 persen.") == []
    assert _kinds(COPRA, "The moisture content of copra must not exceed 6 percent.") == []


def test_an_english_window_does_not_spend_its_words_on_function_words():
    # "moisture" stands six tokens before the figure, three content words before it
    draft = "The moisture content may not exceed 8 percent, and free fatty acids may not exceed 5 percent."
    reference = "Kopra harus berkadar air paling tinggi 6 persen dan berkadar asam lemak bebas paling tinggi 5 persen."
    assert [c.draft for c in find_clashes(reference, draft)] == ["8 percent"]


def test_a_cap_said_by_a_verb_is_compared_with_a_bound():
    reference = "Setiap perjalanan dibatasi 45 penumpang, dan penumpang tidak perlu memesan tempat."
    assert extract_quantities(reference)[0].capped
    assert _kinds(reference, "Each trip can carry up to 60 passengers, and no booking is needed.") == ["number"]
    assert _kinds(reference, "Setiap perjalanan mengangkut paling banyak 45 penumpang.") == []
    # a bound against a plain figure still covers it: "up to 60" is no cap of its own against "45 penumpang"
    assert _kinds("Setiap perjalanan mengangkut 45 penumpang.", "Each trip can carry up to 60 passengers.") == []


def test_a_period_within_a_day_is_a_rate():
    reference = "Pengemudi bus pariwisata paling lama mengemudi 8 jam dalam sehari."
    assert _kinds(reference, "A tour bus driver may drive for at most 10 hours a day.") == ["number"]
    assert _kinds(reference, "A tour bus driver may drive for at most 8 hours a day.") == []


def test_people_named_by_a_noun_are_counted_like_persons():
    reference = "Kunjungan dibagi dalam 4 sesi, dengan kuota 250 orang per sesi."
    assert _kinds(reference, "Setiap sesi kunjungan dapat menampung 300 pengunjung.") == ["number"]
    assert _kinds(reference, "Setiap sesi kunjungan dapat menampung 250 pengunjung.") == []
    # a count of things is not a count of people
    assert _kinds(reference, "Setiap sesi kunjungan memakai 300 kursi.") == []


def test_a_tally_of_people_is_no_quota_per_session():
    reference = "Kunjungan dibagi dalam 4 sesi, dengan kuota 250 orang per sesi."
    assert _kinds(reference, "Pada 2025 kunjungan mencatat sekitar 2,3 juta pengunjung.") == []


def test_free_of_charge_says_no_charge():
    reference = "Hewan yang disterilisasi harus berumur paling muda 5 bulan dan sekaligus mendapat vaksin rabies tanpa biaya."
    draft = "Dog and cat owners in Denpasar can have their pets sterilised free of charge throughout November 2026."
    assert "negation" not in _kinds(reference, draft)


def test_a_number_word_opening_a_sentence_after_a_dateline_is_a_figure():
    [q] = extract_quantities("Kudus – Tiga puluh persen unit biogas 2027 akan dialokasikan untuk pondok pesantren.")
    assert (q.value, q.unit) == (30.0, "percent")
    # a capitalised number word inside a sentence is a name
    assert extract_quantities("Warga Desa Lima Puluh menerima bantuan.") == []


def test_a_classifier_alone_is_what_it_counts():
    assert [q.noun for q in extract_quantities("paling banyak 50 batang per orang, 8 lembar saham")] == ["batang", "saham"]


def test_one_subject_tied_to_two_places_is_one_figure():
    reference = ("Mulai 1 Juni 2026, kunjungan ke Danau Kakaban di Kabupaten Berau dibatasi paling banyak 300 orang per "
                 "hari dan 40 orang dalam satu waktu.")
    draft = "Pemerintah Kabupaten Berau membatasi kunjungan ke Danau Kakaban paling banyak {} orang per hari."
    assert _kinds(reference, draft.format(500)) == ["number"]
    assert _kinds(reference, draft.format(300)) == []


def test_a_bare_figure_bounding_children_is_an_age():
    [q] = extract_quantities("Children under 14 are not allowed into the inpatient wards.")
    assert (q.value, q.unit, q.qualifier) == (14.0, "year", "lt")
    reference = "Anak berusia di bawah 12 tahun tidak diizinkan masuk ruang rawat inap."
    assert _kinds(reference, "Children under 14 are not allowed into the inpatient wards.") == ["number"]
    assert _kinds(reference, "Children under 12 are not allowed into the inpatient wards.") == []


def test_the_largest_and_the_smallest_allowed_are_bounds():
    reference = "Konversi hanya untuk sepeda motor berkapasitas mesin paling besar 150 cc."
    assert extract_quantities(reference)[0].qualifier == "le"
    assert _kinds(reference, "Conversion is only for motorcycles with engines of up to 250 cc.") == ["number"]
    assert _kinds(reference, "Conversion is only for motorcycles with engines of up to 150 cc.") == []


def test_how_long_something_lasts_before_the_next_event_is_how_long_it_lasts():
    reference = ("PT KAI Commuter menyimpan barang yang tertinggal di stasiun tempat barang ditemukan selama 3 hari sebelum "
                 "memindahkannya ke Stasiun Manggarai.")
    draft = "Items left behind on commuter trains are kept for {} days at the station where they are found."
    assert _kinds(reference, draft.format("seven")) == ["number"]
    assert _kinds(reference, draft.format("three")) == []
