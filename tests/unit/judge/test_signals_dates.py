"""Tests for service.judge.signals: date mentions (absolute, relative, ranges) and date clashes."""

from __future__ import annotations

import pytest

from service.judge.signals import (
    DateMention,
    extract_dates,
    find_clashes,
)


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


def test_years_are_dates_not_numbers() -> None:
    clashes = find_clashes("Jalan tol itu diresmikan pada tahun 2024.", "Jalan tol itu diresmikan pada tahun 2025.")
    assert [c.kind for c in clashes] == ["date"]


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


def test_a_bare_year_neither_backs_nor_restates_a_precise_date():
    reference = "Penyaluran bantuan tahap IV tahun 2026 dimulai pada 17 November 2026."
    [clash] = find_clashes(reference, "Penyaluran bantuan tahap IV tahun 2026 dijadwalkan dimulai pada 1 Desember 2026.")
    assert clash.draft == "1 Desember 2026" and clash.reference == "17 November 2026"
    assert find_clashes(reference, "Penyaluran bantuan tahap IV tahun 2026 dimulai pada 17 November 2026.") == []
    # With no precise date in the reference, the year still agrees.
    assert find_clashes("Penyaluran bantuan tahap IV dimulai tahun 2026.",
                        "Penyaluran bantuan tahap IV dimulai pada 1 Desember 2026.") == []


def test_a_deadline_compares_with_an_until_date():
    # "paling lambat", "selambat-lambatnya", "ditutup pada" and "berakhir" bound a span as "hingga" does.
    reference = "Wajib pajak harus melaporkan SPT tahunan paling lambat 31 Maret 2027."
    [clash] = find_clashes(reference, "Wajib pajak dapat melaporkan SPT tahunan hingga 30 April 2027.")
    assert clash.kind == "date" and clash.draft == "30 April 2027" and clash.reference == "31 Maret 2027"
    assert find_clashes(reference, "Wajib pajak dapat melaporkan SPT tahunan hingga 31 Maret 2027.") == []
    closing = "Pendaftaran beasiswa dibuka 1 Mei 2027 dan ditutup pada 15 Juni 2027."
    [clash] = find_clashes(closing, "Pendaftaran beasiswa dapat dilakukan sampai 30 Juni 2027.")
    assert clash.draft == "30 Juni 2027" and clash.reference == "15 Juni 2027"
    # A start date is still no deadline: "sejak" and "hingga" are never compared.
    assert find_clashes("Program berlaku sejak 1 Mei 2027.", "Program berlaku hingga 1 Juni 2027.") == []


def test_an_earlier_date_told_as_past_is_history_not_a_change():
    reference = "Penyaluran bantuan tahap ketiga dilakukan pada Oktober 2026."
    assert find_clashes(reference, "Pada tahap sebelumnya, Juli 2026, penyaluran bantuan dilakukan lebih awal.") == []
    [clash] = find_clashes(reference, "Penyaluran bantuan tahap ketiga dilakukan pada Desember 2026.")
    assert clash.kind == "date" and clash.draft == "Desember 2026"


def test_a_weekday_beside_a_changed_date_is_no_other_subject():
    """"pada Rabu, 18 Februari" against "pada Selasa, 17 Februari": the weekday is no name of another event."""
    reference = "Kementerian Agama menggelar sidang isbat awal Ramadan 1447 Hijriah pada Selasa, 17 Februari 2026."
    draft = "Kementerian Agama menggelar sidang isbat awal Ramadan 1447 Hijriah pada Rabu, 18 Februari 2026."
    rules = {c.rule for c in find_clashes(reference, draft)}
    assert "date:absolute" in rules


def test_a_date_moved_to_is_an_end_like_until():
    [moved] = extract_dates("Kementerian mengundurkan batas pelaporan ke 30 Juni 2027.")
    assert moved.qualifier == "until"
    assert [c.kind for c in find_clashes("Batas pelaporan diperpanjang hingga 30 Juni 2026.",
                                         "Kementerian mengundurkan batas pelaporan ke 30 Juni 2027.")] == ["date"]


def test_a_dateline_is_when_the_release_was_issued_not_a_fact():
    reference = "Penyeberangan Ketapang-Gilimanuk dihentikan pada 19 Maret 2026 selama Nyepi."
    assert find_clashes(reference, "BANYUWANGI, 16 Maret 2026 – Penyeberangan Ketapang-Gilimanuk dihentikan selama Nyepi.") == []
    assert find_clashes(reference, "Denpasar, March 16, 2026 (ANTARA) — Ferry crossings stop for Nyepi.") == []
    # the same date written inside the sentence is compared
    assert [c.kind for c in find_clashes(reference, "Penyeberangan Ketapang-Gilimanuk dihentikan pada 20 Maret 2026 selama Nyepi.")] == ["date"]


def test_a_bare_year_beside_a_figure_the_reference_does_not_give_dates_that_figure():
    assert find_clashes("Insentif mobil listrik berlaku hingga 1 Januari 2027 bagi kendaraan dengan TKDN 40 persen.",
                        "Penjualan mobil listrik sepanjang 2025 mencapai sekitar 69.000 unit.") == []
    # A counted figure with no unit ("1,2 juta ekor"), and a figure of a measure the reference also gives for
    # another year, are dated by the bare year too; a figure the reference also gives leaves the year compared.
    assert find_clashes("Kementerian Pertanian memulai vaksinasi demam babi Afrika pada 2026 di Sumatera Utara.",
                        "Populasi babi di Sumatera Utara pada 2025 diperkirakan sekitar 1,2 juta ekor.") == []
    position = ("Mulai 1 Januari 2027, HPP jagung pipilan kering naik menjadi Rp5.800 per kilogram. Target serapan "
                "jagung oleh Perum Bulog pada 2027 ditetapkan 1,5 juta ton.")
    assert [c.kind for c in find_clashes(position, "Produksi jagung nasional pada 2025 diperkirakan 15,2 juta ton.")
            if c.kind == "date"] == []
    assert [c.kind for c in find_clashes(position, "Target serapan jagung oleh Perum Bulog pada 2026 ditetapkan "
                                                   "1,5 juta ton.") if c.kind == "date"] == ["date"]


def test_an_earlier_year_told_as_how_things_still_stood_is_history():
    reference = "Batas bunga pinjaman daring turun menjadi 0,1 persen per hari mulai 1 Januari 2026."
    assert [c.kind for c in find_clashes(reference, "Pada 2024, batas bunga pinjaman daring masih 0,3 persen per hari.")
            if c.kind == "date"] == []
    # Without "masih" the earlier year is a changed start date.
    assert "date" in [c.kind for c in find_clashes(
        reference, "Batas bunga pinjaman daring turun menjadi 0,1 persen per hari mulai 1 Januari 2024.")]


def test_a_date_restated_for_one_group_leaves_the_other_groups_date_compared():
    """The draft restates the first group's deadline and moves the second's: the second is a change; a draft
    that states every date of the reference and compares them is not."""
    from service.judge.signals import find_clashes
    reference = ("Nelayan kecil mengajukan izin paling lambat 15 Maret 2027, sedangkan perusahaan perikanan "
                 "paling lambat 30 April 2027.")
    draft = "Perusahaan perikanan diberi waktu hingga 31 Mei 2027, sementara nelayan kecil paling lambat 15 Maret 2027."
    [clash] = [c for c in find_clashes(reference, draft) if c.kind == "date"]
    assert clash.draft == "31 Mei 2027" and clash.reference == "30 April 2027"
    both = "Perusahaan perikanan paling lambat 30 April 2027, sementara nelayan kecil paling lambat 15 Maret 2027."
    assert [c for c in find_clashes(reference, both) if c.kind == "date"] == []


def test_new_is_not_so_far():
    """"Ketentuan baru yang berlaku mulai 1 Mei" is a new rule's date, not a result so far ("baru 54 persen"):
    an earlier date for the same rule is a change."""
    from service.judge.signals import find_clashes
    reference = "Kementerian Perhubungan menaikkan tarif tambat kapal menjadi Rp4.800 per jam mulai 1 Juni 2027."
    draft = "Ketentuan baru yang berlaku mulai 1 Mei 2027 menetapkan tarif tambat kapal Rp4.800 per jam."
    assert [c.kind for c in find_clashes(reference, draft)] == ["date"]


def test_the_one_date_of_two_sentences_saying_the_same_is_one_events():
    """The shared words stand far from the dates ("penggantian Jembatan Kali Kuto … mulai 5 Oktober"), yet each
    sentence has one date and they share most words: a changed start. Not so for a list of days, nor for a date
    that dates an observation against a rule's start date."""
    from service.judge.signals import find_clashes
    reference = ("Balai Besar Pelaksanaan Jalan Nasional (BBPJN) Jawa Tengah–DI Yogyakarta melaksanakan penggantian "
                 "Jembatan Kali Kuto di ruas Pantura Batang–Kendal mulai 5 Oktober 2026.")
    draft = ("Kendal — Pengguna jalur Pantura diimbau mengatur perjalanan karena penggantian Jembatan Kali Kuto "
             "dimulai pada 5 November 2026.")
    [clash] = find_clashes(reference, draft)
    assert (clash.kind, clash.draft, clash.reference) == ("date", "5 November 2026", "5 Oktober 2026")
    listed = "Pemerintah menetapkan 4 hari cuti bersama Idulfitri 1447 H, yaitu 18, 19, 23 dan 24 Maret 2026."
    assert find_clashes(listed, "Hari raya Idulfitri diperkirakan jatuh pada 20 dan 21 Maret 2026.") == []
    rule = ("Badan Pangan Nasional menetapkan harga acuan penjualan gula konsumsi di tingkat konsumen yang berlaku "
            "mulai 1 Mei 2026.")
    observed = ("Badan Pangan Nasional mencatat harga rata-rata bawang merah di tingkat konsumen naik menjadi "
                "Rp44.000 per kilogram pada pekan kedua Juni 2026.")
    assert [c for c in find_clashes(rule, observed) if c.kind == "date"] == []


def test_another_weekday_beside_clock_times_in_the_other_language_clashes():
    """"every Thursday from 09.00 to 12.00 WIB" against "setiap Rabu pukul 09.00–12.00 WIB": the clock times are no
    figures that date the weekday."""
    from service.judge.signals import find_clashes
    [clash] = find_clashes("Lelang berlangsung setiap Rabu pukul 09.00–12.00 WIB.",
                           "Auctions take place every Thursday from 09.00 to 12.00 WIB.")
    assert clash.rule == "date:relative" and clash.draft == "Thursday"
    assert find_clashes("Lelang berlangsung setiap Rabu pukul 09.00–12.00 WIB.",
                        "Auctions take place every Wednesday from 09.00 to 12.00 WIB.") == []
