"""Tests for service.judge.signals: number mentions (values, units, qualifiers, labels) and number clashes, including a figure swapped inside copied wording."""

from __future__ import annotations

import pytest

from service.judge.signals import (
    Quantity,
    extract_quantities,
    figures_stated,
    find_clashes,
)


def kinds(reference: str, draft: str) -> list[str]:
    return [c.kind for c in find_clashes(reference, draft)]


def one_quantity(text: str) -> Quantity:
    qs = extract_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # Indonesian formats
        ("Sebanyak 1.000.000 orang hadir.", 1e6, "person"),
        ("Inflasi 2,5 persen.", 2.5, "percent"),
        ("Inflasi turun ke 1,5 persen.", 1.5, "percent"),
        ("Anggaran subsidi Rp335 triliun.", 3.35e14, "IDR"),
        ("Anggaran subsidi Rp 335 triliun.", 3.35e14, "IDR"),
        ("Dana hibah Rp 1,2 miliar.", 1.2e9, "IDR"),
        ("Pinjaman USD 3 juta.", 3e6, "USD"),
        ("Impor beras 40 ribu ton.", 4e4, "ton"),
        ("Pertumbuhan 5 persen.", 5.0, "percent"),
        ("Pertumbuhan lima persen.", 5.0, "percent"),
        ("Pertumbuhan 5%.", 5.0, "percent"),
        ("Produksi 1.000 ton.", 1000.0, "ton"),
        ("Stok dua puluh lima ribu ton.", 25000.0, "ton"),
        ("Sebanyak 8,727 miliar lembar saham.", 8.727e9, None),
        ("Target Rp5 T tahun ini.", 5e12, "IDR"),
        ("Nilai ekspor 3,5 miliar dolar AS.", 3.5e9, "USD"),
        ("Panjang sirkuit 0.858 km.", 0.858, "km"),
        # English formats
        ("About 1,000,000 people attended.", 1e6, "person"),
        ("The budget is $3 million.", 3e6, "USD"),
        ("The deficit reached 3.5 billion dollars.", 3.5e9, "USD"),
        ("Growth of five percent is expected.", 5.0, "percent"),
        ("Inflation was 1.5% last month.", 1.5, "percent"),
        ("The fund is Rp 2.5 trillion.", 2.5e12, "IDR"),
        ("It costs 2.5 million dollars.", 2.5e6, "USD"),
        ("Exports rose to 1,500 tonnes.", 1500.0, "ton"),
    ],
)
def test_extract_quantity_values(text: str, value: float, unit: str | None) -> None:
    q = one_quantity(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert text[q.start : q.end] == q.text


def test_thousands_dots_vs_decimal_comma() -> None:
    assert one_quantity("Jumlahnya 1.000.000 unit.").value == 1e6
    assert one_quantity("Jumlahnya 2,5 unit.").value == 2.5
    # a dot followed by exactly three digits is a thousands separator in Indonesian ...
    assert one_quantity("Produksi mencapai 2.500 ton.").value == 2500
    # ... but a decimal point in English context
    assert one_quantity("Production reached 2.500 million tonnes.").value == pytest.approx(2.5e6)
    assert one_quantity("Nilainya 2.5 persen.").value == 2.5


def test_unitless_counts_keep_their_noun() -> None:
    q = one_quantity("Indonesia mengirimkan 22 atlet ke Olimpiade.")
    assert (q.value, q.unit, q.noun) == (22, None, "atlet")


def test_qualifiers_and_ranges() -> None:
    assert one_quantity("Sekitar 300 orang hadir.").qualifier == "approx"
    assert one_quantity("Lebih dari 20 tahun berlalu.").qualifier == "gt"
    q = one_quantity("Bunga 10-15 persen per tahun.")
    assert (q.value, q.upper, q.qualifier, q.unit) == (10, 15, "range", "percent")
    assert one_quantity("Harga naik 5 persen.").change is True
    assert one_quantity("Harga menjadi 5 persen.").change is False


@pytest.mark.parametrize(
    "text",
    [
        "Program ini mendukung Asta Cita 3.",
        "Indonesia memimpin G20 tahun lalu.",
        "Sesuai Pasal 33 UUD 1945.",
        "Pandemi COVID-19 berakhir.",
        "Pemilu digelar pada tahun 2024.",
        "Rapat dimulai pukul 10.30 WIB.",
        "Ini peringkat ke-3 dunia.",
        "Peraturan Presiden Nomor 47 Tahun 2017.",
        "Jaringan 5G diluncurkan.",
        "Salah satu cara terbaik.",
    ],
)
def test_names_years_and_labels_are_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


REF_BUDGET = "Pemerintah mengalokasikan anggaran subsidi energi sebesar Rp335 triliun pada 2026."


def test_same_amount_different_spacing_does_not_clash() -> None:
    assert find_clashes(REF_BUDGET, "Anggaran subsidi energi sebesar Rp 335 triliun dialokasikan pemerintah.") == []


def test_changed_amount_clashes_and_names_both() -> None:
    clashes = find_clashes(REF_BUDGET, "Pemerintah mengalokasikan anggaran subsidi energi sebesar Rp350 triliun.")
    assert [c.kind for c in clashes] == ["number"]
    c = clashes[0]
    assert c.draft == "Rp350 triliun" and c.reference == "Rp335 triliun"
    assert '"Rp350 triliun"' in c.reason and '"Rp335 triliun"' in c.reason


def test_percent_equal_across_languages() -> None:
    ref = "Bank Indonesia memperkirakan inflasi inti sebesar 1,5 persen."
    assert find_clashes(ref, "Bank Indonesia projects core inflation of 1.5%.") == []
    assert find_clashes(ref, "Bank Indonesia memperkirakan inflasi inti 1,5%.") == []


def test_percent_clash() -> None:
    ref = "Pertumbuhan ekonomi kuartal ini diproyeksikan 5,2 persen."
    assert kinds(ref, "Pertumbuhan ekonomi kuartal ini diproyeksikan 4,8 persen.") == ["number"]


def test_english_number_clash() -> None:
    ref = "The ministry allocated $3 million for flood relief."
    clashes = find_clashes(ref, "The ministry allocated $5 million for flood relief.")
    assert [c.kind for c in clashes] == ["number"]
    assert "$5 million" in clashes[0].reason and "$3 million" in clashes[0].reason


def test_unit_conversion_and_rounding_agree() -> None:
    ref = "Impor beras tahun ini mencapai 40 ribu ton."
    assert find_clashes(ref, "Impor beras tahun ini mencapai 40 juta kg.") == []
    assert find_clashes("Anggaran Rp335,4 triliun untuk subsidi.", "Anggaran Rp335 triliun untuk subsidi.") == []


def test_count_clash_needs_same_noun() -> None:
    ref = "Indonesia mengirimkan 22 atlet ke Olimpiade Paris."
    assert kinds(ref, "Indonesia mengirimkan 25 atlet ke Olimpiade Paris.") == ["number"]
    assert kinds(ref, "Indonesia mengirimkan 22 atlet dan 10 pelatih ke Olimpiade Paris.") == []


def test_same_kind_of_bound_compares_the_figures() -> None:
    # "hingga" (up to) on both sides states the amount; a different amount is a clash.
    ref = "Kasus itu merugikan keuangan negara hingga Rp 2,3 triliun."
    assert kinds(ref, "Kerugian keuangan negara dalam kasus itu hingga Rp 4,3 triliun.") == ["number"]
    assert find_clashes(ref, "Kerugian keuangan negara dalam kasus itu hingga Rp 2,3 triliun.") == []
    # Different kinds of bound still agree when they overlap.
    assert find_clashes(ref, "Kerugian keuangan negara dalam kasus itu lebih dari Rp 2 triliun.") == []


@pytest.mark.parametrize(
    ("reference", "draft", "draft_fragment", "reference_fragment"),
    [
        # figures without a unit or counted noun, swapped inside copied wording
        ("Ketua Komisi 1 DPR RI menyatakan pengakuan itu memicu ketegangan.",
         "Ketua Komisi 4 DPR RI menyatakan pengakuan itu memicu ketegangan.", "Komisi 4 DPR", "Komisi 1 DPR"),
        ("Kereta tambahan berangkat dari peron 4 Stasiun Gambir setiap pagi.",
         "Kereta tambahan berangkat dari peron 6 Stasiun Gambir setiap pagi.", "peron 6 Stasiun", "peron 4 Stasiun"),
        ("Tim nasional menang 2-1 atas Kamboja di Jakarta.", "Tim nasional menang 3-1 atas Kamboja di Jakarta.",
         "menang 3-1", "menang 2-1"),
        ("Kepadatan terjadi di Jalan Tol Jakarta-Cikampek, tepatnya di KM 33 dan KM 39.",
         "Kepadatan terjadi di Jalan Tol Jakarta-Cikampek, tepatnya di KM 66 dan KM 39.", "KM 66 dan", "KM 33 dan"),
        ("Gate 3 of the stadium opens for the public on Sunday.",
         "Gate 5 of the stadium opens for the public on Sunday.", "Gate 5 of", "Gate 3 of"),
    ],
)
def test_number_swapped_in_copied_wording_clashes(reference: str, draft: str, draft_fragment: str,
                                                  reference_fragment: str) -> None:
    [c] = find_clashes(reference, draft)
    assert (c.kind, c.rule) == ("number", "number:aligned")
    assert (c.draft, c.reference) == (draft_fragment, reference_fragment)
    assert f'"{draft_fragment}"' in c.reason and f'"{reference_fragment}"' in c.reason


@pytest.mark.parametrize(
    ("reference", "draft"),
    [
        # same value written another way
        ("Harga saham naik 2,7% saat fitur itu diumumkan.", "Harga saham naik 2.7% saat fitur itu diumumkan."),
        ("Acara dimulai pukul 06.00 WIB di alun-alun kota.", "Acara dimulai pukul 6:00 WIB di alun-alun kota."),
        # a number glued to letters is a name, not a figure
        ("Anggun menulis tagar #LoveIsLove dan #May17 di akunnya.", "Anggun menulis tagar #LoveIsLove dan #May34 di akunnya."),
        # the draft denies the figure rather than stating another one
        ("Johnson menjabat sebagai Wakil Presiden Amerika Serikat yang ke-37.",
         "Johnson tidak menjabat sebagai Wakil Presiden Amerika Serikat yang ke-38."),
        # too little copied wording around the number to know it is the same figure
        ("Rapat membahas 3 hal penting.", "Presiden meminta 5 menteri hadir dalam rapat terbatas hari ini."),
    ],
)
def test_no_aligned_clash_without_a_real_swap(reference: str, draft: str) -> None:
    assert [c for c in find_clashes(reference, draft) if c.rule == "number:aligned"] == []


def test_extra_number_of_new_unit_does_not_clash() -> None:
    ref = "Pemerintah menyalurkan bantuan Rp10 triliun."
    assert find_clashes(ref, "Pemerintah menyalurkan bantuan Rp10 triliun kepada 5 juta keluarga.") == []


def test_qualified_numbers_agree_when_consistent() -> None:
    ref = "Sebanyak 335 orang mengikuti pelatihan vokasi."
    assert find_clashes(ref, "Lebih dari 300 orang mengikuti pelatihan vokasi.") == []
    assert find_clashes(ref, "Sekitar 330 orang mengikuti pelatihan vokasi.") == []
    assert kinds(ref, "Kurang dari 200 orang mengikuti pelatihan vokasi.") == ["number"]


def test_change_amount_not_compared_with_level() -> None:
    ref = "Harga beras naik 5 persen menjadi Rp14.000 per kilogram."
    assert find_clashes(ref, "Harga beras naik 5 persen.") == []
    assert kinds(ref, "Harga beras naik 8 persen.") == ["number"]


def test_numbers_in_names_are_not_quantities() -> None:
    ref = "Program makan bergizi mendukung Asta Cita 3 dengan anggaran Rp71 triliun."
    assert find_clashes(ref, "Sesuai Asta Cita 3, anggaran program makan bergizi Rp71 triliun.") == []
    # A mission or article number swapped inside copied wording is caught, but only as a swap
    # in the same words (number:aligned), never as a count of "Cita" or "Pasal".
    for reference, draft in [
        (ref, "Program makan bergizi mendukung Asta Cita 4 dengan anggaran Rp71 triliun."),
        ("Sesuai Pasal 33 UUD 1945, negara menguasai cabang produksi penting.",
         "Sesuai Pasal 34 UUD 1945, negara menguasai cabang produksi penting."),
    ]:
        assert [c.rule for c in find_clashes(reference, draft)] == ["number:aligned"]
    assert find_clashes(ref, "Anggaran Asta Cita 4 berbeda dari program makan bergizi senilai Rp71 triliun.") == []


def test_verbs_are_not_counted_nouns() -> None:
    assert extract_quantities("Sebanyak 40 diselamatkan di sekoci.")[0].noun is None
    ref = "Sebanyak 43 orang selamat, 40 diselamatkan di sekoci dan tiga oleh kapal lain."
    assert find_clashes(ref, "Sebanyak 43 orang selamat, 40 di sekoci dan tiga orang diselamatkan kapal lain.") == []


def test_other_set_quantities_do_not_clash() -> None:
    ref = "DKI Jakarta mencatat 133 pasien baru hari ini."
    assert find_clashes(ref, "DKI Jakarta mencatat 100 pasien lainnya sembuh hari ini.") == []


def test_negated_number_does_not_clash() -> None:
    ref = "Realisasi investasi mencapai 5 persen di atas target."
    assert [c for c in find_clashes(ref, "Realisasi investasi tidak mencapai 7 persen di atas target.")
            if c.kind == "number"] == []


def test_rupiah_amounts_agree_across_english_and_indonesian_digit_grouping():
    # "Rp1,980" in English and "Rp1.980" in Indonesian are one amount (it was read as 1.98 and clashed).
    reference = "HET urea bersubsidi menjadi Rp1.980 per kilogram dan NPK Rp2.060 per kilogram."
    assert [q.value for q in extract_quantities("Farmers now pay Rp1,980 per kilogram for urea.")] == [1980.0]
    assert find_clashes(reference, "Farmers now pay Rp1,980 per kilogram for urea and Rp2,060 for NPK.") == []
    assert find_clashes(reference, "Farmers now pay Rp2,980 per kilogram for urea.")  # a real difference still clashes
    # With a multiplier word the comma stays a decimal: "Rp1,5 triliun".
    assert [q.value for q in extract_quantities("Anggaran Rp1,5 triliun disiapkan.")] == [1.5e12]


def test_durations_compare_across_hours_days_and_weeks():
    reference = "Platform wajib menurunkan konten hoaks paling lambat 1x24 jam setelah permintaan diterima."
    assert [(q.text, q.value, q.unit) for q in extract_quantities(reference)] == [("1x24 jam", 24.0, "hour")]
    same = ("Platform wajib menurunkan konten hoaks paling lambat 24 jam setelah permintaan diterima.",
            "Platform wajib menurunkan konten hoaks paling lambat satu hari setelah permintaan diterima.")
    for draft in same:
        assert find_clashes(reference, draft) == [], draft
    [clash] = find_clashes(reference, "Platform wajib menurunkan konten hoaks paling lambat 7 hari setelah permintaan diterima.")
    assert clash.draft == "7 hari" and clash.reference == "1x24 jam"
    [clash] = find_clashes(reference, "Platform wajib menurunkan konten hoaks paling lambat 2x24 jam setelah permintaan diterima.")
    assert clash.draft == "2x24 jam"
    assert find_clashes("Masa tanggap darurat 2 minggu.", "Masa tanggap darurat 14 hari.") == []


def test_a_restated_sentence_changes_its_figure_whatever_the_word_order():
    # Most of the draft's words stand in the reference, the words beside the figures differ: the one
    # measure both state (kilograms) is the figure the draft changes.
    reference = "Subsidi pupuk sebanyak 50 kilogram per hektare diberikan kepada petani penggarap setiap musim tanam."
    [clash] = find_clashes(reference, "Setiap musim tanam, petani penggarap menerima subsidi pupuk 75 kilogram per hektare.")
    assert clash.kind == "number" and clash.draft == "75 kilogram" and clash.reference == "50 kilogram"
    assert find_clashes(reference, "Setiap musim tanam, petani penggarap menerima subsidi pupuk 50 kilogram per hektare.") == []


def test_a_restated_figure_for_a_place_the_reference_never_names_is_another_figure():
    reference = "Batas harga gabah di Jawa paling tinggi Rp6.500 per kilogram, sedangkan di Kalimantan Rp6.900 per kilogram."
    assert find_clashes(reference, "Di Sulawesi, batas harga gabah ditetapkan Rp6.700 per kilogram.") == []


def test_a_figure_for_a_place_the_reference_never_names_is_no_change():
    # Same measure, words close, but the draft's figure is for Kalimantan, which the reference never names.
    reference = ("Batas harga jual rumah subsidi di Bali paling tinggi Rp170 juta per unit, "
                 "sedangkan di Maluku paling tinggi Rp230 juta per unit.")
    assert find_clashes(reference, "Sementara itu, di Kalimantan batas harga rumah subsidi ditetapkan Rp180 juta.") == []
    [clash] = find_clashes(reference, "Sementara itu, di Bali batas harga rumah subsidi ditetapkan Rp180 juta.")
    assert clash.draft == "Rp180 juta" and clash.reference == "Rp170 juta"


def test_progress_so_far_is_no_change_of_a_target():
    reference = "Kuota penyaluran pupuk bersubsidi tahun ini ditetapkan 9 juta ton."
    assert find_clashes(reference, "Hingga Agustus, realisasi penyaluran pupuk bersubsidi telah mencapai 5,2 juta ton.") == []
    [clash] = find_clashes(reference, "Kuota penyaluran pupuk bersubsidi tahun ini ditetapkan 12 juta ton.")
    assert clash.draft == "12 juta ton"


def test_a_name_right_beside_the_figure_that_the_reference_never_names_is_another_subject():
    reference = "Pemerintah membuka 250.000 formasi CPNS tahun ini."
    assert find_clashes(reference, "Pemerintah juga membuka 700.000 formasi PPPK tahun ini.") == []
    [clash] = find_clashes(reference, "Pemerintah membuka 300.000 formasi CPNS tahun ini.")
    assert clash.draft == "300.000 formasi"


def test_a_deadline_is_an_upper_bound_of_a_duration():
    reference = "Laporan insiden wajib disampaikan paling lambat 3x24 jam sejak kejadian diketahui."
    [clash] = find_clashes(reference, "Laporan insiden wajib disampaikan paling lambat 7x24 jam sejak kejadian diketahui.")
    assert clash.draft == "7x24 jam" and clash.reference == "3x24 jam"
    assert find_clashes(reference, "Laporan insiden wajib disampaikan dalam waktu 72 jam sejak kejadian diketahui.") == []


def test_an_english_figure_against_the_indonesian_one():
    reference = "Iuran peserta mandiri kelas 2 ditetapkan Rp100.000 per orang per bulan."
    [clash] = find_clashes(reference, "The contribution for self-paying class 2 members is set at Rp120,000 per person per month.")
    assert clash.kind == "number" and clash.draft == "Rp120,000"


def test_a_ceiling_written_out_compares_with_another_ceiling():
    reference = "Bantuan modal usaha diberikan paling tinggi Rp10 juta per kelompok."
    [clash] = find_clashes(reference, "Bantuan modal usaha diberikan maksimal Rp15 juta per kelompok.")
    assert clash.draft == "Rp15 juta" and clash.reference == "Rp10 juta"
    assert find_clashes(reference, "Bantuan modal usaha diberikan hingga Rp10 juta per kelompok.") == []


def test_a_figure_for_another_numbered_class_is_no_change():
    reference = "Iuran peserta mandiri kelas 2 ditetapkan Rp100.000 per orang per bulan."
    assert find_clashes(reference, "Untuk kelas 1, iuran peserta mandiri sebesar Rp150.000 per orang per bulan.") == []
    [clash] = find_clashes(reference, "Iuran peserta mandiri kelas 2 naik menjadi Rp120.000 per orang per bulan.")
    assert clash.draft == "Rp120.000"


@pytest.mark.parametrize("reference, draft, stated", [
    ("mengairi 52.000 hektare lahan", "mengairi 52 ribu hektare sawah", True),
    ("kuota 18,6 juta kiloliter", "a quota of 18.6 million kilolitres", True),
    ("anggaran Rp1,2 triliun", "anggaran 1.200 miliar rupiah", True),
    ("pada tahun 2026 sebesar Rp71 triliun", "pada tahun 2026 sebesar Rp71 triliun", True),
    # Close is not equal: a rounded or bounded figure is not the same figure.
    ("luas 329.847 km persegi", "luas 329.849 km persegi", False),
    ("sekitar £760", "£865", False),
    ("sebesar Rp 7,56 triliun dan Rp 535 miliar", "kurang dari Rp5,6 triliun", False),
    # A bare figure outside a quantity (a year) must stand as written.
    ("pada 2025 sebesar 17,5 juta", "pada 2026 sebesar 17,5 juta", False),
])
def test_figures_stated_accepts_equal_values_in_other_forms_only(reference, draft, stated):
    assert figures_stated(reference, draft) is stated


def test_a_worded_figure_read_alone_is_stated_by_its_bounded_digits():
    """A clash's figure is read without its sentence ("seribu sumur", its "sedikitnya" left behind), as the
    digits are compared as written: "paling sedikit 1.000 sumur" states it; "1.100 sumur" does not."""
    from service.judge.signals import worded_figures_stated
    assert worded_figures_stated("wajib mengebor paling sedikit 1.000 sumur pengembangan", "seribu sumur")
    assert not worded_figures_stated("wajib mengebor paling sedikit 1.100 sumur pengembangan", "seribu sumur")
    assert not worded_figures_stated("wajib mengebor 1.000 sumur", "sedikitnya seribu sumur")


def test_residents_and_kilolitres_are_units():
    # "100 juta warga" and "60 juta orang" count the same thing; fuel quotas come in kilolitres.
    [warga] = extract_quantities("pemerintah menargetkan 100 juta warga mengikuti pemeriksaan")
    [orang] = extract_quantities("target peserta tahun 2026 adalah 60 juta orang")
    assert warga.unit == orang.unit == "person"
    [kl] = extract_quantities("kuota Biosolar 19,4 juta kiloliter")
    [en] = extract_quantities("a Biosolar quota of 17.4 million kilolitres")
    assert kl.unit == en.unit == "kiloliter" and kl.value == 19.4e6
    assert find_clashes("Kuota Biosolar tahun 2026 sebesar 19,4 juta kiloliter.",
                        "Kuota Biosolar tahun 2026 sebesar 17,4 juta KL.")


def test_a_lone_one_after_a_limit_is_a_count():
    # "satu" alone is mostly an article ("satu rumah tangga"); after "hanya" it is the limit itself.
    assert extract_quantities("Ia tinggal di satu rumah dengan keluarganya.") == []
    [one] = extract_quantities("Pelamar hanya dapat mendaftar pada satu instansi.")
    assert one.value == 1 and one.noun == "instansi"
    [clash] = find_clashes("Pelamar hanya dapat mendaftar pada satu instansi dan satu jabatan.",
                           "Pelamar dapat mendaftar di dua instansi sekaligus.")
    assert clash.draft == "dua instansi" and clash.reference == "satu instansi"


def test_a_name_spelled_out_before_the_references_acronym_is_no_other_subject():
    reference = "Plafon KUR tahun 2026 secara keseluruhan sebesar Rp300 triliun."
    draft = "Indonesia has set the 2026 ceiling for People's Business Credit (KUR) at Rp280 trillion."
    assert [c.kind for c in find_clashes(reference, draft)] == ["number"]
    # Another programme's name beside the figure still makes it another subject's figure.
    other = "Indonesia has set the 2026 ceiling for the Rural Water Fund (RWF) at Rp280 trillion."
    assert find_clashes(reference, other) == []


def test_working_days_are_days() -> None:
    """"five working days" counts days (as "5 hari kerja" does), not a noun "working"."""
    [q] = extract_quantities("Refunds are paid within five working days.")
    assert (q.value, q.unit) == (5.0, "day")
    [q] = extract_quantities("Izin terbit paling lambat 3 hari kerja.")
    assert (q.value, q.unit) == (3.0, "day")


def test_counts_of_times_are_compared_in_either_language():
    """"dapat diperpanjang satu kali" and "can be extended twice" count extensions; "once a year" is a frequency,
    not a count, and "dua kali lipat" is a change."""
    reference = "Izin tinggal terbatas dapat diperpanjang satu kali untuk 60 hari di kantor imigrasi."
    [clash] = find_clashes(reference, "The limited stay permit can be extended twice, each time for 60 days, at an immigration office.")
    assert clash.draft == "twice" and clash.reference == "satu kali"
    assert find_clashes(reference, "The limited stay permit can be extended once for 60 days at an immigration office.") == []
    assert [q.unit for q in extract_quantities("The report is filed once a year.")] == []


def test_a_count_of_numbers_is_a_count():
    """"nomor" after a count is what is counted ("tiga nomor"), though as a word it is a stop word."""
    reference = "Satu NIK dapat dipakai untuk mendaftarkan paling banyak empat nomor pada setiap penyedia layanan."
    [clash] = find_clashes(reference, "Satu NIK kini dapat dipakai untuk mendaftarkan paling banyak enam nomor pada setiap penyedia layanan.")
    assert clash.draft == "enam nomor" and clash.reference == "empat nomor"


def test_a_value_equal_to_one_reference_figure_does_not_also_restate_a_bound_above_it():
    """The draft's "Rp300" is the lozenges' ceiling; it does not also restate the syrup's "paling tinggi Rp900",
    so the syrup's changed ceiling still clashes."""
    reference = "Sirup obat batuk dibatasi paling tinggi Rp900 per botol, sedangkan tablet hisap paling tinggi Rp300 per butir."
    [clash] = find_clashes(reference, "Sirup obat batuk kini dibatasi paling tinggi Rp1.200 per botol, sedangkan tablet hisap Rp300 per butir.")
    assert clash.draft == "Rp1.200" and clash.reference == "Rp900"
    assert find_clashes(reference, "Sirup obat batuk dibatasi paling tinggi Rp900 per botol, sedangkan tablet hisap Rp300 per butir.") == []


def test_a_range_the_draft_restates_does_not_restate_the_average_inside_it():
    """"7-14 hari" restates the range, not also the "rata-rata 10 hari" it spans: the changed average is a
    figure clash of its own (before, only the copied-wording rule saw it)."""
    [c] = find_clashes("Masa inkubasi berkisar 7-14 hari (rata-rata 10 hari).",
                       "Masa inkubasi berkisar 7-14 hari (rata-rata 20 hari).")
    assert (c.kind, c.draft, c.reference) == ("number", "20 hari", "10 hari")



def test_an_additional_amount_is_compared_with_the_references_additional_amount():
    """"tambahan Rp100.000" adds to something and is no change of a plain fee, but against the reference's own
    "biaya tambahan Rp75.000" it is the same surcharge."""
    reference = "Pengurusan SIM yang hilang dikenai biaya tambahan Rp75.000 selain biaya penerbitan."
    [clash] = find_clashes(reference, "Pengurusan SIM yang hilang dikenai biaya tambahan Rp100.000 selain biaya penerbitan.")
    assert clash.draft == "Rp100.000" and clash.reference == "Rp75.000"
    assert find_clashes(reference, "Pengurusan SIM yang hilang dikenai biaya tambahan Rp75.000 selain biaya penerbitan.") == []
    assert find_clashes("Biaya penerbitan SIM yang hilang Rp75.000.",
                        "Biaya penerbitan SIM yang hilang Rp75.000, dengan tambahan Rp30.000 untuk pengiriman.") == []


def test_one_period_after_a_bound_is_a_duration():
    """Written for this project. "satu"/"one" is mostly an article, but after a bound ("paling lama", "hingga",
    "within", "at least") and before a period it is a deadline or duration; "dalam satu hari" stays a rate."""
    one_day = "Sertifikat apostille elektronik diterbitkan paling lama satu hari kerja setelah pembayaran diverifikasi."
    [clash] = find_clashes(one_day, "Sertifikat apostille elektronik diterbitkan paling lama tiga hari kerja setelah "
                                    "pembayaran diverifikasi.")
    assert (clash.draft, clash.reference) == ("tiga hari", "satu hari")
    [clash] = find_clashes("Tiket dapat dibeli paling lambat 3 jam sebelum jadwal masuk pelabuhan.",
                           "Pengguna jasa dapat membeli tiket hingga satu jam sebelum jadwal masuk pelabuhan.")
    assert (clash.draft, clash.reference) == ("satu jam", "3 jam")
    assert [(q.value, q.unit) for q in extract_quantities("Warnings are issued at least one hour before.")] == [(1, "hour")]
    assert [q.text for q in extract_quantities("Petugas melayani 500 pemohon dalam satu hari.")] == ["500 pemohon"]
    assert extract_quantities("Satu hari kemudian, pendaftaran ditutup.") == []
    assert [(q.value, q.unit) for q in extract_quantities("Izin terbit paling lama sebulan setelah permohonan.")] == \
        [(1, "month")]
    assert extract_quantities("Pertemuan digelar sebulan sekali.") == []
    [clash] = find_clashes("Kartu berlaku dua tahun.", "Kartu tersebut kini berlaku setahun.")
    assert (clash.draft, clash.reference) == ("setahun", "dua tahun")
    rkab = "RKAB disetujui untuk jangka waktu satu tahun, tidak lagi tiga tahun."
    assert find_clashes(rkab, "Approvals are now granted for one year at a time.") == []


def test_a_negated_relative_clause_leaves_the_main_clauses_figure_stated():
    """Written for this project: "yang belum membayar" names who; the deadline after it is stated."""
    reference = "Pengguna yang belum membayar diberi tenggat 3x24 jam sebelum dikenai denda dua kali tarif tol."
    [clash] = [c for c in find_clashes(reference, "Pengguna yang belum membayar punya waktu 1x24 jam sebelum dikenai "
                                                  "denda dua kali tarif tol.") if c.kind == "number"]
    assert clash.draft == "1x24 jam"
    # Negated in the main clause, the figure is no value stated.
    assert [c for c in find_clashes(reference, "Pengguna tidak diberi tenggat 1x24 jam.") if c.kind == "number"] == []


def test_a_money_range_written_with_both_units_is_one_range():
    """"Rp24.000 sampai Rp26.000" is one range, as "24–26 ribu rupiah" is: a range it touches at one end is another
    range; "dari Rp24.000 hingga Rp26.000" is a change from one value to the other, not a range."""
    [r] = extract_quantities("harga acuan berada pada rentang Rp24.000 sampai Rp26.000 per kilogram")
    assert (r.value, r.upper, r.qualifier) == (24000.0, 26000.0, "range")
    reference = "Harga acuan pembelian di tingkat peternak wilayah I berada pada rentang Rp24.000 sampai Rp26.000 per kilogram."
    assert kinds(reference, "Harga acuan pembelian di tingkat peternak wilayah I pada rentang Rp26.000 hingga "
                            "Rp28.000 per kilogram.") == ["number"]
    assert kinds(reference, "Harga acuan pembelian di tingkat peternak wilayah I antara Rp24 ribu dan Rp26 ribu "
                            "per kilogram.") == []
    assert len(extract_quantities("harga naik dari Rp24.000 hingga Rp26.000")) == 2
    # A part of the same noun still takes the noun after it ("57 dari 107 provinsi").
    assert [q.noun for q in extract_quantities("57 dari 107 provinsi")] == ["provinsi", "provinsi"]
    [ranged] = extract_quantities("Farm-gate prices range from IDR 24,000 to IDR 26,000 per kilogram.")
    assert (ranged.value, ranged.upper) == (24000.0, 26000.0)


def test_an_english_sentence_after_a_dateline_compares_its_figure():
    """"Jakarta – The National Food Agency …": "The" names nothing, and "South Sumatra" is the reference's
    "Sumatera Selatan"; an English figure sentence sharing two fifths of its words is a restatement across
    languages ("no more than 50 ppm of nitrite" / "paling tinggi 30 ppm")."""
    reference = ("Badan Pangan Nasional menetapkan harga acuan penjualan telur ayam ras di tingkat konsumen untuk "
                 "wilayah I, yaitu Jawa, Bali, Lampung, dan Sumatera Selatan, sebesar Rp30.000 per kilogram.")
    draft = ("Jakarta – The National Food Agency has set the consumer reference price for chicken eggs in Java, "
             "Bali, Lampung and South Sumatra at IDR 32,000 per kilogram.")
    assert kinds(reference, draft) == ["number"]
    assert kinds(reference, draft.replace("32,000", "30,000")) == []
    assert kinds("Kadar nitrit sarang walet bersih yang diekspor paling tinggi 30 ppm.",
                 "Cleaned nests may contain no more than 50 ppm of nitrite.") == ["number"]
    # A one-letter label is still a name: "SIM C" is not "SIM A".
    assert kinds("Biaya perpanjangan SIM A Rp 80.000 dan SIM C Rp 75.000.", "Biaya perpanjangan SIM C Rp 80.000.") \
        == ["number"]


def test_a_floor_area_after_a_label_word_is_a_quantity():
    """"luas lantai 5.000 meter persegi": "lantai" labels a floor only when no unit follows ("lantai 5")."""
    [q] = extract_quantities("Gudang dengan luas lantai 5.000 meter persegi atau lebih wajib memasang sprinkler.")
    assert (q.value, q.unit) == (5000.0, "m2")
    assert find_clashes("Gudang dengan luas lantai 5.000 meter persegi atau lebih wajib memasang sprinkler.",
                        "Gudang berukuran 8.000 meter persegi ke atas wajib memasang sprinkler.") != []


def test_without_negates_the_words_after_it_not_a_figure_further_on():
    """"kredit tanpa agunan … dengan plafon hingga Rp20 juta" states a ceiling; "tanpa biaya Rp5.000" states none."""
    reference = "Bank daerah menyalurkan kredit tanpa agunan bagi nelayan dengan plafon paling tinggi Rp10.000.000 per nelayan."
    assert find_clashes(reference, "Nelayan dapat mengajukan kredit tanpa agunan di bank daerah dengan plafon hingga "
                                   "Rp20 juta per orang.") != []
    assert find_clashes("Pembayaran dilakukan tanpa biaya Rp5.000.", "Pembayaran dilakukan tanpa biaya Rp7.000.") == []


def test_half_past_after_pukul_is_a_clock_time_not_a_count():
    """"pukul setengah delapan waktu setempat" is 07.30, no count of 8.5 against "15.00 waktu setempat"."""
    assert extract_quantities("Apel pagi dimulai pukul setengah delapan waktu setempat.") == []
    assert [(q.value, q.unit) for q in extract_quantities("Petugas bekerja delapan jam sehari.")] == [(8.0, "hour")]


@pytest.mark.parametrize("text, value", [
    ("potongan tarif seperempat harga tiket", 25.0),
    ("Sepertiga kuota disisihkan bagi IKM", 100 / 3),
    ("seperlima kuota bantuan", 20.0),
    ("separuh dari kuota nasional", 50.0),
    ("half of the quota", 50.0),
])
def test_a_fraction_of_something_is_a_share_of_it(text, value):
    # Written for this project.
    [q] = extract_quantities(text)
    assert q.unit == "percent" and q.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["rapat berlangsung setengah jam", "selama separuh hari", "half an hour later",
                                  "separuh waktu", "workers received benefits in the first half of 2025",
                                  "tarif PPh final setengah persen dari omzet"])
def test_a_fraction_of_a_period_or_alone_is_no_share(text):
    assert all(q.unit != "percent" for q in extract_quantities(text))


def test_a_share_in_words_meets_the_same_share_in_digits():
    reference = "Pemegang kartu memperoleh potongan tarif 50 persen untuk kereta api kelas ekonomi."
    assert find_clashes(reference, "Pemegang kartu mendapat potongan separuh harga tiket kereta api kelas ekonomi.") == []
    [clash] = find_clashes(reference, "Pemegang kartu mendapat potongan seperempat harga tiket kereta api kelas ekonomi.")
    assert clash.kind == "number" and "seperempat" in clash.reason
    quota = "Sebanyak 25 persen kuota disisihkan bagi IKM yang dipimpin perempuan."
    assert find_clashes(quota, "Seperempat kuota disisihkan bagi IKM yang dipimpin perempuan.") == []
    assert find_clashes(quota, "Sepertiga kuota disisihkan bagi IKM yang dipimpin perempuan.")


def test_a_fraction_quoted_alone_is_stated_only_by_its_share():
    """A finding quotes the fraction alone ("seperlima"): the corpus backs it only where the share stands."""
    from service.judge.signals.quantities import worded_figures_stated
    assert not worded_figures_stated("Sebanyak 30 persen kuota dialokasikan bagi kelulut.", "seperlima")
    assert worded_figures_stated("Sebanyak 20 persen kuota dialokasikan bagi kelulut.", "seperlima")
