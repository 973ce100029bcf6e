"""Tests for service.judge.signals: clock-time mentions (zones, ranges, 12-hour forms) and time clashes."""

from __future__ import annotations

import pytest

from service.judge.signals import extract_times, find_clashes
from service.judge.signals.times import _times_agree


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


def test_time_zone_change_in_an_otherwise_restated_sentence_clashes():
    reference = "Upacara dimulai pukul 10.00 WITA dan disiarkan langsung oleh TVRI dan RRI."
    [clash] = find_clashes(reference, "Upacara dijadwalkan mulai pukul 10.00 WIB.")
    assert clash.rule == "date:time" and clash.reference == "pukul 10.00 WITA"
    assert find_clashes(reference, "Upacara dijadwalkan mulai pukul 09.00 WIB.") == []  # 09.00 WIB = 10.00 WITA


def test_a_restated_sentence_with_its_one_clock_time_changed_across_zones():
    reference = "Pelepasan kapal bantuan dijadwalkan di pelabuhan pada hari yang sama pukul 15.00 WITA."
    # 15.00 WITA is 14.00 WIB: the same time written in another zone agrees, another hour clashes.
    assert find_clashes(reference, "Pelepasan kapal bantuan dari pelabuhan dijadwalkan pukul 14.00 WIB.") == []
    [clash] = find_clashes(reference, "Pelepasan kapal bantuan dari pelabuhan dijadwalkan pukul 15.00 WIB.")
    assert clash.draft == "pukul 15.00 WIB" and clash.reference == "pukul 15.00 WITA"


def test_figures_for_outside_the_references_subject_are_not_its_figures():
    reference = "Selama masa tanggap darurat, layanan posko pengungsian berlangsung pukul 06.00 sampai 22.00 WIB."
    assert find_clashes(reference, "Di luar masa tanggap darurat, layanan posko pengungsian berlangsung hingga pukul 18.00 WIB.") == []
    [clash] = find_clashes(reference, "Selama masa tanggap darurat, layanan posko pengungsian berlangsung pukul 05.00 WIB.")
    assert clash.draft == "pukul 05.00 WIB"


def test_both_outside_the_same_thing_share_the_subject():
    # The reference itself speaks of what lies outside: a draft about the same outside is its subject.
    reference = "Di luar Sumatera, ongkos angkut benih jagung ke kelompok tani ditetapkan Rp1.150 per kilogram."
    [clash] = find_clashes(reference, "Untuk wilayah di luar Sumatera, ongkos angkut benih jagung dipatok Rp1.510 per kilogram.")
    assert (clash.draft, clash.reference) == ("Rp1.510", "Rp1.150")
    assert find_clashes(reference, "Di luar Sumatera, ongkos angkut benih jagung tetap Rp1.150 per kilogram.") == []
    # Outside something the reference names without "luar" is still another subject.
    assert find_clashes("Di Sumatera, ongkos angkut benih jagung ditetapkan Rp1.150 per kilogram.",
                        "Di luar Sumatera, ongkos angkut benih jagung dipatok Rp1.510 per kilogram.") == []


def test_two_moments_are_no_span_a_time_may_fall_in():
    # The first and last departures are two moments: the right digits in the wrong zone are a change.
    ref = "Keberangkatan pertama dari Stasiun Mandai pukul 05.30 WITA dan keberangkatan terakhir pukul 18.45 WITA."
    [clash] = find_clashes(ref, "Kereta berangkat pertama kali dari Stasiun Mandai pukul 05.30 WIB.")
    assert clash.draft == "pukul 05.30 WIB"
    # A start and an end are a span: a moment inside it is no change.
    assert find_clashes("Upacara dimulai pukul 19.00 WIB dan berakhir pukul 21.25 WIB.",
                        "Upacara berlangsung pukul 20.00 WIB.") == []


def test_stating_another_of_the_references_times_is_no_comparison():
    """The draft restates the closed session's 18.45 WIB but moves the briefing to 16.30 WITA: only a draft
    that also states *this* reference time compares ("diundur dari pukul 09.00")."""
    reference = ("Pemaparan posisi hilal dimulai pukul 16.30 WIB, dilanjutkan sidang tertutup pukul 18.45 WIB "
                 "di kantor Kementerian Agama, Jakarta.")
    draft = "Pemaparan posisi hilal dijadwalkan pukul 16.30 WITA, disusul sidang tertutup pukul 18.45 WIB."
    assert [c.rule for c in find_clashes(reference, draft)] == ["date:time"]
    moved = "Pemaparan posisi hilal dimulai pukul 17.30 WIB, diundur dari pukul 16.30 WIB."
    assert [c for c in find_clashes(reference, moved) if c.rule == "date:time"] == []


def test_midnight_at_the_end_of_a_day_is_not_its_start():
    [whole_day] = extract_times("Larangan berlaku mulai pukul 00.00 WIB sampai pukul 24.00 WIB.")
    assert (whole_day.minutes, whole_day.upper) == (0, 1440)
    reference = "Truk besar dilarang melintas mulai 3 Mei 2026 pukul 00.00 WIB sampai 4 Mei 2026 pukul 24.00 WIB."
    draft = "Truk besar dilarang melintas mulai 3 Mei 2026 pukul 08.00 WIB sampai 4 Mei 2026 pukul 24.00 WIB."
    assert find_clashes(reference, draft)  # before, its 24.00 "restated" the 00.00 start
    assert find_clashes(reference, draft.replace("08.00", "00.00")) == []


def test_two_ranges_agree_only_end_for_end():
    [ref] = extract_times("Layanan buka pukul 04.00–24.00 WIB.")
    [same] = extract_times("Layanan buka pukul 04.00 sampai 24.00 WIB.")
    [inside] = extract_times("Layanan buka pukul 05.00 hingga 23.00 WIB.")
    [point] = extract_times("Layanan sudah buka pada pukul 05.00 WIB.")
    assert _times_agree(ref, same) and not _times_agree(ref, inside)
    assert _times_agree(ref, point)  # a time inside the hours is one of them


def test_the_end_of_a_range_moved_while_its_start_is_restated():
    """"buka 08.00 ... tutup 17.00" against "08.00 hingga 16.00": the closing time is a change; the same end
    given in another zone ("17.00 WITA" = "16.00 WIB") is not."""
    from service.judge.signals import find_clashes
    reference = "Layanan perekaman KTP elektronik di mal pelayanan publik dibuka pukul 08.00 hingga 16.00 WIB."
    draft = "Layanan perekaman KTP elektronik di mal pelayanan publik dibuka pukul 08.00 dan ditutup pukul 17.00 WIB."
    [clash] = find_clashes(reference, draft)
    assert clash.kind == "date" and clash.draft == "pukul 17.00 WIB"
    assert find_clashes(reference, draft.replace("17.00 WIB", "17.00 WITA")) == []
    assert find_clashes(reference, draft.replace("17.00", "16.00")) == []


def test_english_statements_spell_the_time_zone_out():
    """"20.00 Central Indonesia Time" is 20.00 WITA: it clashes with "pukul 19.00 WITA" and restates
    "pukul 19.00 WIB" an hour earlier in the west; the zone may also follow an English clock reading."""
    [t] = extract_times("The gala dinner begins at 20.00 Central Indonesia Time.")
    assert (t.minutes, t.offset) == (20 * 60, 8)
    [t] = extract_times("Registration closes at 4:30 p.m. (Western Indonesian Time) on Friday.")
    assert (t.minutes, t.offset) == (16 * 60 + 30, 7)
    reference = "Jamuan makan malam di Balikpapan dimulai pukul 19.00 WITA."
    [clash] = find_clashes(reference, "The gala dinner in Balikpapan begins at 20.00 Central Indonesia Time.")
    assert clash.draft == "20.00 Central Indonesia Time"
    assert find_clashes(reference, "The gala dinner in Balikpapan begins at 18.00 Western Indonesia Time.") == []


def test_a_range_start_after_from_takes_the_zone_of_its_end():
    """"from 07.30 to 16.00 WIT": the start needs no clock word of its own, and the end is not taken twice."""
    [t] = extract_times("The visitor centre is open from 07.30 to 16.00 WIT on weekdays.")
    assert (t.minutes, t.upper, t.offset) == (7 * 60 + 30, 16 * 60, 9)
    assert extract_times("Suku bunga naik dari 10.50 menjadi 11.20 persen.") == []


def test_the_end_of_a_range_whose_start_the_sentence_restates_is_compared_with_the_ranges_end():
    reference = "The visitor centre is open from 07.30 to 16.00 WIT on weekdays."
    [clash] = find_clashes(reference, "Pusat informasi pengunjung dibuka pukul 07.30 WIT dan ditutup pukul 17.00 WIT.")
    assert clash.draft == "pukul 17.00 WIT" and clash.reference == "07.30 to 16.00 WIT"
    assert find_clashes(reference, "Pusat informasi pengunjung dibuka pukul 07.30 WIT dan ditutup pukul 16.00 WIT.") == []


def test_a_span_whose_start_the_draft_moves_is_a_clash_a_moment_inside_it_is_not():
    reference = "Jalan Malioboro tertutup bagi kendaraan mulai 1 Juni pukul 16.00 WIB sampai 2 Juni pukul 23.00 WIB."
    [clash] = find_clashes(reference, "Jalan Malioboro tertutup bagi kendaraan mulai 1 Juni pukul 18.00 WIB hingga 2 Juni "
                                      "pukul 23.00 WIB.")
    assert clash.draft == "pukul 18.00 WIB" and clash.reference == "pukul 16.00 WIB"
    assert find_clashes(reference, "Pada 1 Juni pukul 19.00 WIB, Jalan Malioboro dipadati pejalan kaki hingga penutupan "
                                   "berakhir 2 Juni pukul 23.00 WIB.") == []


def test_the_one_time_of_each_text_on_a_day_both_name_is_one_events():
    """Both sentences give "Rabu, 28 Oktober" and one clock time: the draft moves the event's time, though the
    words beside the two times differ and the draft restates under half of the reference."""
    ref = ("Badan Bahasa menyelenggarakan upacara peringatan Bulan Bahasa pada Rabu, 28 Oktober 2026, pukul 08.00 WIB "
           "di halaman Gedung Bahasa, Jakarta.")
    draft = ("Upacara utama pada Rabu, 28 Oktober, akan dimulai pukul 09.00 WIB dan diikuti sekitar 1.000 pelajar "
             "berpakaian adat nusantara.")
    [clash] = find_clashes(ref, draft)
    assert clash.draft == "pukul 09.00 WIB"
    assert find_clashes(ref, draft.replace("09.00", "08.00")) == []
    # on another day it is another event's time (only the date is reported)
    assert [c.rule for c in find_clashes(ref, draft.replace("Rabu, 28", "Senin, 26"))] == ["date:absolute"]


def test_a_zone_that_crosses_midnight_is_the_same_moment_the_next_day():
    reference = "Pendaftaran hibah riset ditutup pada 31 Juli 2026 pukul 23.30 WIB."
    for draft in ("Untuk peneliti di Jayapura, pendaftaran ditutup pada 1 Agustus 2026 pukul 01.30 WIT.",
                  "Di Makassar, pendaftaran ditutup pada 1 Agustus 2026 pukul 00.30 WITA."):
        assert find_clashes(reference, draft) == [], draft
    # The next day at the same clock time in the same zone is another moment.
    later = "Pendaftaran hibah riset ditutup pada 1 Agustus 2026 pukul 23.30 WIB."
    assert [c.kind for c in find_clashes(reference, later)] == ["date"]


def test_one_zone_given_for_each_regions_local_time_is_a_change():
    reference = "Pendaftaran dibuka 3 Agustus 2026 pukul 08.00 hingga 7 Agustus 2026 pukul 16.00 waktu setempat."
    wib = "Pendaftaran dibuka 3 Agustus 2026 pukul 08.00 WIB hingga 7 Agustus 2026 pukul 16.00 WIB."
    assert [c.rule for c in find_clashes(reference, wib)] == ["date:time-local", "date:time-local"]
    # The same local time restated, or a zone for a place named beside it, is no change.
    assert find_clashes(reference, reference.replace("Pendaftaran dibuka", "Pendaftaran akan dibuka")) == []
    assert find_clashes(reference, "Di Kota Medan, " + wib[0].lower() + wib[1:]) == []
    # And a zoned time does not restate a local one: a passage in local time never backs "pukul 08.00 WIB".
    [local] = [t for t in extract_times(reference) if t.minutes == 8 * 60]
    [zoned] = [t for t in extract_times(wib) if t.minutes == 8 * 60]
    assert local.local == "waktu setempat" and not _times_agree(local, zoned)


def test_a_time_told_as_past_is_no_change():
    """"Jam masuk sebelumnya … pukul 07.00" is how it was before the rule, not another start time."""
    reference = "Mulai tahun ajaran 2026/2027, kegiatan belajar di SMA negeri di Jawa Barat dimulai pukul 06.30 WIB."
    assert find_clashes(reference, "Jam masuk sebelumnya di banyak SMA negeri di Jawa Barat adalah pukul 07.00 WIB.") == []
    assert [c.rule for c in find_clashes(
        reference, "Jam masuk SMA negeri di Jawa Barat mulai tahun ajaran 2026/2027 adalah pukul 07.00 WIB.")] == ["date:time"]


def test_an_opening_time_inside_the_references_hours_moves_the_opening():
    """"dibuka … mulai pukul 04.00 WIB" against "dibuka … pukul 03.00 sampai 17.00 WIB": a start cue and no other
    time in a restating sentence; the same opening in another zone, or a moment inside the hours, is no change."""
    reference = "Kawasan Gunung Bromo dibuka bagi pengunjung pukul 03.00 sampai 17.00 WIB."
    [clash] = find_clashes(reference, "Kawasan wisata Gunung Bromo dibuka bagi pengunjung mulai pukul 04.00 WIB setiap hari.")
    assert (clash.rule, clash.draft) == ("date:time", "pukul 04.00 WIB")
    assert find_clashes(reference, "Kawasan wisata Gunung Bromo dibuka bagi pengunjung mulai pukul 04.00 WITA.") == []
    assert find_clashes(reference, "Pada pukul 10.00 WIB kawasan Gunung Bromo dibuka bagi pengunjung yang ramai.") == []


def test_between_two_times_and_a_zone_is_one_range_in_that_zone():
    """"antara pukul 06.00 dan 16.00 WIB" is 07.00-17.00 WITA: the zone after the range's end is its start's too."""
    [t] = extract_times("Kapal hanya boleh berangkat antara pukul 06.00 dan 16.00 WIB.")
    assert (t.minutes, t.upper, t.offset) == (360, 960, 7)
    [t] = extract_times("Ships may only depart between 7:00 and 17:00 WITA.")
    assert (t.minutes, t.upper, t.offset) == (420, 1020, 8)
    reference = "Kapal cepat Sanur–Nusa Penida hanya boleh berangkat antara pukul 07.00 dan 17.00 WITA."
    assert find_clashes(reference, "Kapal cepat Sanur–Nusa Penida hanya diizinkan berangkat antara pukul 06.00 dan "
                                   "16.00 WIB.") == []
    assert [c.kind for c in find_clashes(reference, "Kapal cepat Sanur–Nusa Penida hanya diizinkan berangkat antara "
                                                    "pukul 08.00 dan 16.00 WITA.")] == ["date"]
    # "dan" joins two times only after "antara": "pukul 06.00 dan pukul 16.00" are two departures.
    assert [t.upper for t in extract_times("Kapal berangkat pukul 06.00 dan 16.00 WIB.")] == [None, None]


def test_the_same_digits_in_local_time_and_in_one_zone_are_no_change():
    """A city's service "pukul 06.00 hingga 20.00 waktu setempat" against its position's "06.00 hingga 20.00 WIT";
    and a time the draft gives again in another zone ("pukul 16.00 WITA atau 15.00 WIB") is stated with it."""
    reference = "Loket pembayaran retribusi di Pasar Hamadi buka pukul 06.00 hingga 20.00 WIT setiap hari."
    assert find_clashes(reference, "Di Jayapura, loket retribusi Pasar Hamadi buka setiap hari pukul 06.00 hingga "
                                   "20.00 waktu setempat.") == []
    assert find_clashes("Lampu taman kota dimatikan pukul 23.00 WITA.",
                        "Lampu taman kota dimatikan pukul 23.00 WITA atau 22.00 WIB.") == []
    # Other digits in local time are still another time.
    assert find_clashes(reference, "Loket retribusi Pasar Hamadi buka setiap hari pukul 07.00 hingga 20.00 waktu "
                                   "setempat.") != []


def test_a_second_dashed_range_keeps_its_start_and_is_compared_as_a_range():
    """"pukul 11.00–13.00 WIB dan 17.00–19.00 WIB": two sessions; the evening session moved to 17.00–20.00 is a change
    of the second, not a time inside a span from 11.00 to 17.00. Written for this project."""
    reference = "Jam besuk dibagi menjadi dua sesi, yaitu pukul 11.00–13.00 WIB dan 17.00–19.00 WIB setiap hari."
    assert [t.text for t in extract_times(reference)] == ["pukul 11.00–13.00 WIB", "17.00–19.00 WIB"]
    [clash] = find_clashes(reference, "Sesi siang pukul 11.00–13.00 WIB, sedangkan sesi sore pukul 17.00–20.00 WIB.")
    assert clash.reference == "17.00–19.00 WIB"
    assert find_clashes(reference, "Sesi siang pukul 11.00–13.00 WIB, sedangkan sesi sore pukul 17.00–19.00 WIB.") == []
