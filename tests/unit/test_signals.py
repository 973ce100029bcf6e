"""Tests for service.judge.signals: number/date extraction and contradiction signals."""

from __future__ import annotations


import pytest

from service.judge.signals import (
    Clash,
    DateMention,
    Quantity,
    extract_dates,
    extract_quantities,
    extract_times,
    find_clashes,
)


def one_quantity(text: str) -> Quantity:
    qs = extract_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


def kinds(reference: str, draft: str) -> list[str]:
    return [c.kind for c in find_clashes(reference, draft)]


# --------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------


def ymd(d: DateMention) -> tuple[int | None, int | None, int | None]:
    return d.year, d.month, d.day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rapat digelar 14 Februari 2026.", (2026, 2, 14)),
        ("The meeting is on February 14, 2026.", (2026, 2, 14)),
        ("Tanggal 2026-02-14 ditetapkan.", (2026, 2, 14)),
        ("Diumumkan Sabtu (25/4/2020) lalu.", (2020, 4, 25)),
        ("Berlaku mulai Februari 2026.", (2026, 2, None)),
        ("Target pada tahun 2026.", (2026, None, None)),
        ("Diresmikan 14 Feb 2026.", (2026, 2, 14)),
    ],
)
def test_extract_absolute_dates(text: str, expected: tuple) -> None:
    absolute = [d for d in extract_dates(text) if d.relative is None]
    assert len(absolute) == 1, absolute
    assert ymd(absolute[0]) == expected
    assert text[absolute[0].start : absolute[0].end] == absolute[0].text


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("Proyek selesai akhir tahun ini.", "end_of_this_year"),
        ("The project ends at the end of this year.", "end_of_this_year"),
        ("Tarif naik tahun depan.", "next_year"),
        ("Prices rise next year.", "next_year"),
        ("Aturan berlaku bulan depan.", "next_month"),
        ("Rapat digelar pekan depan.", "next_week"),
        ("Pertumbuhan kuartal ketiga membaik.", "q3"),
        ("Growth improved in Q3.", "q3"),
        ("Realisasi semester pertama.", "h1"),
    ],
)
def test_extract_relative_dates(text: str, relative: str) -> None:
    assert [d.relative for d in extract_dates(text)] == [relative]


def test_may_the_modal_is_not_a_month() -> None:
    assert extract_dates("The minister may visit Jakarta.") == []


def test_date_ranges() -> None:
    (d,) = extract_dates("Digelar pada 24-29 Mei 1989.")
    assert (d.year, d.month, d.day, d.day_end) == (1989, 5, 24, 29)


# --------------------------------------------------------------------------------------
# Number clashes
# --------------------------------------------------------------------------------------

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
        ("Masa inkubasi berkisar 7-14 hari (rata-rata 10 hari).",
         "Masa inkubasi berkisar 7-14 hari (rata-rata 20 hari).", "rata-rata 20 hari", "rata-rata 10 hari"),
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


@pytest.mark.parametrize(
    ("text", "minutes", "offset", "upper"),
    [
        ("Laga dimulai pukul 21.00 WIB.", 21 * 60, 7, None),
        ("Rapat dibuka pkl. 09:30 WITA.", 9 * 60 + 30, 8, None),
        ("Acara dibuka jam 9 pagi.", 9 * 60, None, None),
        ("Pesta kembang api jam 9 malam.", 21 * 60, None, None),
        ("Kapal tiba pukul 12 malam.", 0, None, None),
        ("Sidang berlangsung pukul 10.30 hingga 12.00 WITA.", 10 * 60 + 30, 8, 12 * 60),
        ("Gempa terjadi 05.15 WIT.", 5 * 60 + 15, 9, None),
        ("The minister arrives at 9:30 a.m.", 9 * 60 + 30, None, None),
        ("Voting closes at 7 pm.", 19 * 60, None, None),
        ("He spoke at 10:15 in Jakarta.", 10 * 60 + 15, None, None),
    ],
)
def test_extract_times(text: str, minutes: int, offset: int | None, upper: int | None) -> None:
    [t] = extract_times(text)
    assert (t.minutes, t.offset, t.upper) == (minutes, offset, upper)


@pytest.mark.parametrize(
    "text",
    ["Perjalanan memakan waktu 3 jam.", "Inflasi 21,00 persen.", "Harga naik 2.50 dolar.", "Skor akhir 2-1.",
     "Pukul 25.00 WIB."],
)
def test_durations_decimals_and_impossible_clocks_are_not_times(text: str) -> None:
    assert extract_times(text) == []


TIME_REF = "Upacara bendera di Istana Merdeka dimulai pukul 08.00 WIB."


def test_changed_time_clashes_and_quotes_both() -> None:
    [c] = find_clashes(TIME_REF, "Upacara bendera di Istana Merdeka dimulai pukul 10.00 WIB.")
    assert (c.kind, c.rule, c.draft, c.reference) == ("date", "date:time", "pukul 10.00 WIB", "pukul 08.00 WIB")
    assert "Time differs" in c.reason


@pytest.mark.parametrize(
    "draft",
    [
        "Upacara bendera di Istana Merdeka dimulai pukul 09.00 WITA.",  # same moment, other zone
        "Upacara di Istana Merdeka berlangsung jam 8 pagi.",  # same time, other wording
        "Upacara bendera di Istana Merdeka dimulai sekitar pukul 08.15.",  # "sekitar": within 30 min
        "Upacara bendera di Istana Merdeka selesai sebelum pukul 10.00 WIB.",  # a limit, not a start
        "Menteri tiba di Bandara Soekarno-Hatta pukul 15.00 WIB.",  # another event
        "The flag ceremony at Merdeka Palace starts at 8:00 a.m.",  # English, same time
    ],
)
def test_compatible_or_unrelated_times_do_not_clash(draft: str) -> None:
    assert [c for c in find_clashes(TIME_REF, draft) if c.rule == "date:time"] == []


def test_a_swapped_time_is_reported_once_as_a_time() -> None:
    ref = "Untuk pertandingan skuat senior akan dimulai sekitar pukul 21.00 WIB."
    clashes = find_clashes(ref, "Untuk pertandingan skuat senior akan dimulai sekitar pukul 23.00 WIB.")
    assert [c.rule for c in clashes] == ["date:time"]  # not again as number:aligned
    english = find_clashes("The ceremony started at 6.00 a.m. in the hall.", "The ceremony started at 8.00 a.m. in the hall.")
    assert [(c.rule, c.draft) for c in english] == [("date:time", "8.00 a.m.")]


def test_time_inside_the_references_span_does_not_clash() -> None:
    ref = "Upacara penutupan dimulai pukul 19.00 WIB dan berakhir pukul 21.25 WIB."
    assert find_clashes(ref, "Upacara penutupan sempat terhenti pukul 20.00 WIB karena hujan.") == []
    assert [c.rule for c in find_clashes(ref, "Upacara penutupan dimulai pukul 22.00 WIB.")] == ["date:time"]


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


def test_years_are_dates_not_numbers() -> None:
    clashes = find_clashes("Jalan tol itu diresmikan pada tahun 2024.", "Jalan tol itu diresmikan pada tahun 2025.")
    assert [c.kind for c in clashes] == ["date"]


# --------------------------------------------------------------------------------------
# Date clashes
# --------------------------------------------------------------------------------------

REF_DATE = "Presiden meresmikan bendungan tersebut pada 14 Februari 2026."


def test_same_date_across_languages_agrees() -> None:
    assert find_clashes(REF_DATE, "The President inaugurated the dam on February 14, 2026.") == []
    assert find_clashes(REF_DATE, "Presiden meresmikan bendungan tersebut pada Februari 2026.") == []


def test_different_day_clashes() -> None:
    clashes = find_clashes(REF_DATE, "Presiden meresmikan bendungan tersebut pada 15 Februari 2026.")
    assert [c.kind for c in clashes] == ["date"]
    assert '"15 Februari 2026"' in clashes[0].reason and '"14 Februari 2026"' in clashes[0].reason


def test_relative_dates_clash() -> None:
    ref = "Pembangunan jembatan ditargetkan rampung akhir tahun ini."
    clashes = find_clashes(ref, "Pembangunan jembatan ditargetkan rampung tahun depan.")
    assert [c.kind for c in clashes] == ["date"]
    assert "akhir tahun ini" in clashes[0].reason and "tahun depan" in clashes[0].reason
    assert find_clashes(ref, "Pembangunan jembatan ditargetkan rampung pada kuartal IV.") == []
    assert find_clashes(ref, "The bridge is targeted for completion by the end of this year.") == []


def test_qualified_dates_are_not_compared_with_plain_ones() -> None:
    ref = "Partai itu berkuasa hingga 1990."
    assert find_clashes(ref, "Partai itu dibubarkan setelah 1990.") == []


# --------------------------------------------------------------------------------------
# Negation
# --------------------------------------------------------------------------------------


def test_draft_negates_reference() -> None:
    clashes = find_clashes("Pemerintah akan menaikkan harga BBM bulan depan.",
                           "Pemerintah tidak akan menaikkan harga BBM bulan depan.")
    assert [c.kind for c in clashes] == ["negation"]
    assert "tidak akan menaikkan" in clashes[0].draft
    assert "menaikkan" in clashes[0].reason


def test_reference_negates_draft() -> None:
    clashes = find_clashes("Pemerintah tidak akan menaikkan harga BBM bulan depan.",
                           "Pemerintah akan menaikkan harga BBM bulan depan.")
    assert [c.kind for c in clashes] == ["negation"]
    assert "reference negates" in clashes[0].reason


@pytest.mark.parametrize("negator", ["belum", "tak", "tidak pernah"])
def test_other_indonesian_negators(negator: str) -> None:
    ref = "Kementerian Kesehatan menyetujui penggunaan vaksin tersebut."
    assert kinds(ref, f"Kementerian Kesehatan {negator} menyetujui penggunaan vaksin tersebut.") == ["negation"]


def test_bukan_and_tidak_ada() -> None:
    assert kinds("Bandara itu merupakan bandara internasional.",
                 "Bandara itu bukan bandara internasional.") == ["negation"]
    assert kinds("Pemerintah menyediakan anggaran khusus untuk bencana.",
                 "Tidak ada anggaran khusus untuk bencana dari pemerintah.") == ["negation"]


def test_english_negation() -> None:
    ref = "The government will raise fuel prices next month."
    assert kinds(ref, "The government will not raise fuel prices next month.") == ["negation"]
    assert kinds(ref, "The government won't raise fuel prices next month.") == ["negation"]
    assert kinds("The ministry never approved the permit.", "The ministry approved the permit.") == ["negation"]


def test_both_negated_does_not_clash() -> None:
    assert find_clashes("Pemerintah tidak akan menaikkan harga BBM.",
                        "Pemerintah belum akan menaikkan harga BBM.") == []


def test_negation_in_unrelated_clause_does_not_clash() -> None:
    ref = "Pemerintah akan menaikkan harga BBM, sementara tarif listrik tidak berubah."
    assert find_clashes(ref, "Pemerintah akan menaikkan harga BBM.") == []
    ref2 = "Bantuan sosial disalurkan ke seluruh provinsi."
    assert find_clashes(ref2, "Bantuan sosial disalurkan ke seluruh provinsi dan tidak dipungut biaya.") == []


@pytest.mark.parametrize(
    "draft",
    [
        "Pemerintah tidak hanya menaikkan harga BBM tetapi juga tarif listrik.",
        "Tak lama kemudian pemerintah menaikkan harga BBM.",
        "Pemerintah tidak boleh menaikkan harga BBM tanpa persetujuan DPR.",
    ],
)
def test_negation_idioms_and_prohibitions_do_not_clash(draft: str) -> None:
    assert [c for c in find_clashes("Pemerintah menaikkan harga BBM.", draft) if c.kind == "negation"] == []


def test_belum_vs_future_is_not_a_contradiction() -> None:
    assert find_clashes("Bank akan mencairkan dana pinjaman tahun ini.",
                        "Bank belum mencairkan dana pinjaman.") == []


# --------------------------------------------------------------------------------------
# Antonyms
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "draft", "words"),
    [
        ("Pemerintah menaikkan tarif listrik untuk industri.",
         "Pemerintah menurunkan tarif listrik untuk industri.", ("menurunkan", "menaikkan")),
        ("Kenaikan harga beras dipicu gagal panen.",
         "Penurunan harga beras dipicu gagal panen.", ("penurunan", "kenaikan")),
        ("Ekspor batu bara meningkat tajam bulan lalu.",
         "Ekspor batu bara menurun tajam bulan lalu.", ("menurun", "meningkat")),
        ("Peningkatan jumlah wisatawan tercatat di Bali.",
         "Penurunan jumlah wisatawan tercatat di Bali.", ("penurunan", "peningkatan")),
        ("DPR menyetujui revisi undang-undang tersebut.",
         "DPR menolak revisi undang-undang tersebut.", ("menolak", "menyetujui")),
        ("Kementerian membantah kabar pemecatan direktur.",
         "Kementerian membenarkan kabar pemecatan direktur.", ("membenarkan", "membantah")),
        ("Pemerintah melanjutkan program bantuan langsung tunai.",
         "Pemerintah menghentikan program bantuan langsung tunai.", ("menghentikan", "melanjutkan")),
        ("Pemerintah memperketat pembatasan impor baja.",
         "Pemerintah melonggarkan pembatasan impor baja.", ("melonggarkan", "memperketat")),
        ("Neraca perdagangan Januari mencatat surplus.",
         "Neraca perdagangan Januari mencatat defisit.", ("defisit", "surplus")),
        ("Pemerintah membuka kembali jalur pendakian Rinjani.",
         "Pemerintah menutup kembali jalur pendakian Rinjani.", ("menutup", "membuka")),
        ("Pemerintah mengizinkan ekspor pasir laut.",
         "Pemerintah melarang ekspor pasir laut.", ("melarang", "mengizinkan")),
        ("The central bank decided to raise interest rates.",
         "The central bank decided to cut interest rates.", ("cut", "raise")),
        ("Parliament approved the new budget.", "Parliament rejected the new budget.", ("rejected", "approved")),
        ("The ministry confirmed the report on layoffs.",
         "The ministry denied the report on layoffs.", ("denied", "confirmed")),
        ("Rice exports increased last quarter.", "Rice exports decreased last quarter.", ("decreased", "increased")),
    ],
)
def test_antonyms_clash(reference: str, draft: str, words: tuple[str, str]) -> None:
    clashes = [c for c in find_clashes(reference, draft) if c.kind == "antonym"]
    assert len(clashes) == 1, find_clashes(reference, draft)
    assert f'"{words[0]}"' in clashes[0].reason and f'"{words[1]}"' in clashes[0].reason


def test_antonym_needs_shared_topic_and_single_side() -> None:
    # both directions already in the reference: ambiguous, no clash
    assert find_clashes("Sebanyak 161 saham naik dan 171 saham turun.", "Saham-saham turun.") == []
    # idioms are not the antonymous sense
    assert find_clashes("Ia lulusan perguruan tinggi negeri.", "Ia lulusan sekolah rendah.") == []
    # negated antonym is not a clean contradiction
    assert [c for c in find_clashes("Harga beras naik.", "Harga beras tidak turun.") if c.kind == "antonym"] == []


# --------------------------------------------------------------------------------------
# Entity swap
# --------------------------------------------------------------------------------------


def test_entity_swap_same_head() -> None:
    clashes = find_clashes("Kementerian Keuangan akan mengumumkan kebijakan fiskal baru pekan depan.",
                           "Kementerian Perdagangan akan mengumumkan kebijakan fiskal baru pekan depan.")
    assert [c.kind for c in clashes] == ["entity"]
    assert "Kementerian Perdagangan" in clashes[0].reason and "Kementerian Keuangan" in clashes[0].reason


def test_entity_additive_or_spelling_variant_does_not_clash() -> None:
    ref = "Bank Indonesia mencatat cadangan devisa meningkat."
    assert find_clashes(ref, "Bank Mandiri juga mencatat cadangan devisa meningkat.") == []
    assert find_clashes("Presiden Joko Widodo meresmikan bendungan itu.", "Presiden Jokowi meresmikan bendungan itu.") == []


# --------------------------------------------------------------------------------------
# Paraphrases must not clash
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "draft"),
    [
        ("Pemerintah mengalokasikan Rp335 triliun untuk subsidi energi tahun 2026.",
         "Untuk subsidi energi tahun 2026, pemerintah mengalokasikan Rp335 triliun."),
        ("Menteri Keuangan menyatakan defisit APBN dijaga di bawah 3 persen.",
         "Defisit APBN dijaga di bawah 3 persen, kata Menteri Keuangan."),
        ("Pemerintah akan menaikkan harga BBM bersubsidi pada 1 Maret 2026.",
         "Harga BBM bersubsidi akan dinaikkan pemerintah per 1 Maret 2026."),
        ("Inflasi Januari tercatat 2,5 persen, lebih rendah dari bulan sebelumnya.",
         "Inflasi bulan Januari sebesar 2,5% dan lebih rendah dibanding bulan lalu."),
        ("Sebanyak 1.000.000 keluarga menerima bantuan pangan.",
         "Bantuan pangan diterima oleh satu juta keluarga."),
        ("The government allocated Rp 2.5 trillion for school meals.",
         "Pemerintah mengalokasikan Rp2,5 triliun untuk makan sekolah."),
        ("Ekspor nikel naik 12 persen dibanding tahun lalu.",
         "Dibanding tahun lalu, ekspor nikel tumbuh 12 persen."),
        ("Pembangunan tol ditargetkan selesai pada kuartal ketiga 2026.",
         "Tol ditargetkan rampung pada Q3 2026."),
        ("Presiden tidak akan menghadiri KTT G20 tahun ini.",
         "Presiden dipastikan tidak hadir di KTT G20 tahun ini."),
        ("Pemerintah membantah isu kenaikan tarif listrik.",
         "Isu kenaikan tarif listrik dibantah pemerintah."),
    ],
)
def test_paraphrases_do_not_clash(reference: str, draft: str) -> None:
    assert find_clashes(reference, draft) == []


def test_clash_records_are_explained() -> None:
    clashes = find_clashes("Harga beras naik 5 persen pada 14 Februari 2026.",
                           "Harga beras turun 7 persen pada 15 Februari 2026.")
    assert {c.kind for c in clashes} == {"number", "date", "antonym"}
    for c in clashes:
        assert isinstance(c, Clash)
        assert c.reason.endswith(".") and c.draft in c.reason and c.reference in c.reason


# --------------------------------------------------------------------------------------
# Guards learned from real data (IndoNLI / PAWS-ID false alarms)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "draft"),
    [
        # double negation is an assertion
        ("Bukan tanpa alasan pemerintah memilih lokasi itu.", "Pemerintah memilih lokasi itu dengan alasan."),
        # "belum lagi" = "not to mention"
        ("Belum lagi pemerintah masih memiliki cadangan beras.", "Pemerintah memiliki cadangan beras."),
        # "bukan satu-satunya" (not the only one)
        ("Sungai itu salah satu sumber air warga.", "Sungai itu bukan satu-satunya sumber air warga."),
        # preference, not denial
        ("Warga lebih suka menggunakan transportasi umum daripada kendaraan pribadi.",
         "Warga tidak suka menggunakan kendaraan pribadi."),
        # both texts negate the predicate somewhere
        ("Spesies ini termasuk famili kadal dan tidak lagi diklasifikasikan dalam famili lama.",
         "Spesies ini diklasifikasikan dalam famili kadal dan tidak lagi diklasifikasikan dalam famili lama."),
        # "pernah" (once) vs "tidak lagi" (no longer)
        ("Pemain itu sudah tidak memiliki masalah cedera.", "Pemain itu pernah memiliki masalah cedera."),
    ],
)
def test_negation_guards(reference: str, draft: str) -> None:
    assert [c for c in find_clashes(reference, draft) if c.kind == "negation"] == []


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


def test_name_variants_do_not_clash() -> None:
    assert find_clashes("Richard memimpin pasukan melawan Pangeran Angoulême.",
                        "Richard memimpin pasukan melawan Pangeran Angouleme.") == []
    assert find_clashes("Kementerian Keuangan menerbitkan aturan baru soal pajak.",
                        "Kemenkeu menerbitkan aturan baru soal pajak.") == []


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


def test_a_bare_year_neither_backs_nor_restates_a_precise_date():
    reference = "Penyaluran bantuan tahap IV tahun 2026 dimulai pada 17 November 2026."
    [clash] = find_clashes(reference, "Penyaluran bantuan tahap IV tahun 2026 dijadwalkan dimulai pada 1 Desember 2026.")
    assert clash.draft == "1 Desember 2026" and clash.reference == "17 November 2026"
    assert find_clashes(reference, "Penyaluran bantuan tahap IV tahun 2026 dimulai pada 17 November 2026.") == []
    # With no precise date in the reference, the year still agrees.
    assert find_clashes("Penyaluran bantuan tahap IV dimulai tahun 2026.",
                        "Penyaluran bantuan tahap IV dimulai pada 1 Desember 2026.") == []


def test_time_zone_change_in_an_otherwise_restated_sentence_clashes():
    reference = "Upacara dimulai pukul 10.00 WITA dan disiarkan langsung oleh TVRI dan RRI."
    [clash] = find_clashes(reference, "Upacara dijadwalkan mulai pukul 10.00 WIB.")
    assert clash.rule == "date:time" and clash.reference == "pukul 10.00 WITA"
    assert find_clashes(reference, "Upacara dijadwalkan mulai pukul 09.00 WIB.") == []  # 09.00 WIB = 10.00 WITA
