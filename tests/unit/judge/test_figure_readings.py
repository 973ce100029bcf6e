"""Readings that keep a figure, time or act from being compared with another one (stop 37): each with the near
miss that must still clash. Examples written for this project."""

from __future__ import annotations

from service.judge.signals import find_clashes


def _kinds(reference: str, draft: str) -> list[str]:
    return [c.kind for c in find_clashes(reference, draft)]


def test_an_opening_or_closing_on_a_day_is_a_schedule_not_the_opposite_act():
    closes = "Pendaftaran daring ditutup pada 31 Juli 2026 pukul 23.59 WIB."
    assert "antonym" not in _kinds(closes, "Pendaftaran daring dibuka mulai 1 Mei 2026.")
    assert "antonym" not in _kinds("Kementerian membuka Beasiswa Unggulan 2026 bagi mahasiswa.",
                                   "Applications for the 2026 Beasiswa Unggulan close on 31 July 2026.")
    assert "antonym" in _kinds(closes, "Pendaftaran daring dibuka pada 31 Juli 2026.")  # the same day


def test_how_often_is_not_how_long():
    reference = "Penyeberangan Kayangan–Pototano beroperasi selama 24 jam dengan 14 kapal."
    assert find_clashes(reference, "Penyeberangan Kayangan–Pototano beroperasi 24 jam, berangkat setiap 45 menit.") == []
    every = "Keberangkatan kapal dijadwalkan setiap 45 menit dari Pelabuhan Kayangan."
    assert _kinds(every, "Keberangkatan kapal dijadwalkan setiap 30 menit dari Pelabuhan Kayangan.") == ["number"]


def test_a_clock_time_of_another_day_is_another_event():
    reference = "Pendaftaran daring ditutup pada 31 Juli 2026 pukul 23.59 WIB."
    assert [c.rule for c in find_clashes(reference, "Pendaftaran ditutup 30 Juni 2027 pukul 16.00 WITA.")
            if c.rule.startswith("date:time")] == []
    assert [c.rule for c in find_clashes(reference, "Pendaftaran daring ditutup pada 31 Juli 2026 pukul 16.00 WITA.")
            ] == ["date:time"]


def test_a_count_reached_so_far_is_progress_against_a_rule():
    rule = "Kementerian mewajibkan 120 industri di Jabodetabek memasang alat pemantau emisi yang terhubung ke SISPEK."
    assert find_clashes(rule, "Saat ini baru 35 industri di Jabodetabek yang telah terhubung ke SISPEK.") == []
    assert _kinds(rule, "Kementerian mewajibkan 150 industri di Jabodetabek memasang alat pemantau emisi.") == ["number"]


def test_an_earlier_year_set_against_the_rest_is_a_comparison():
    reference = "Lomba balap sepeda digelar pada 21–24 Oktober 2026 dan jalur pendakian ditutup hingga pukul 14.00 WIB."
    assert find_clashes(reference, "Jalur pendakian ditutup hingga pukul 14.00 WIB, sementara pada 2025 penutupan "
                                   "berlangsung hingga pukul 15.00 WIB.") == []
    assert "date" in _kinds(reference, "Lomba balap sepeda digelar pada 21–24 Oktober 2025.")


def test_the_price_of_a_thing_the_reference_never_names():
    reference = "Di wilayah I, harga acuan bawang merah di tingkat petani ditetapkan Rp25.000 per kilogram."
    assert find_clashes(reference, "Harga gabah di tingkat petani di wilayah I saat ini rata-rata Rp6.900 per kilogram.") == []
    assert _kinds(reference, "Di wilayah I, harga acuan bawang merah di tingkat petani ditetapkan Rp27.000 per kilogram."
                  ) == ["number"]


def test_a_requirement_clashes_with_a_ban_only_on_the_act_it_requires():
    assert find_clashes("Hotel wajib menyediakan ruang khusus merokok yang terpisah.",
                        "Merokok dilarang di hotel, sekolah, dan angkutan umum.") == []
    assert _kinds("Pejalan kaki wajib menyeberang di jembatan penyeberangan.",
                  "Pejalan kaki dilarang menyeberang di jembatan penyeberangan.") == ["negation"]


def test_two_spans_of_days_that_only_overlap_are_two_schedules():
    reference = "Pemerintah kabupaten menyelenggarakan festival budaya lembah pada 6–9 Agustus 2026 di distrik itu."
    assert _kinds(reference, "Pemerintah kabupaten menggelar festival budaya lembah pada 8–11 Agustus 2026.") == ["date"]
    assert find_clashes(reference, "Festival budaya lembah dibuka pada 6 Agustus 2026.") == []  # a day within
    assert find_clashes(reference, "Festival budaya lembah digelar pada 7–8 Agustus 2026.") == []  # a span within


def test_no_longer_from_a_day_states_the_day():
    reference = "Pemerintah provinsi melarang truk batu bara melintas di jalan nasional mulai 1 Januari 2027."
    assert _kinds(reference, "Truk batu bara tidak lagi diizinkan melintas di jalan nasional mulai 1 Maret 2027."
                  ) == ["date"]
    assert find_clashes(reference, "Truk batu bara tidak lagi diizinkan melintas di jalan nasional mulai 1 Januari "
                                   "2027.") == []


def test_a_deadline_in_other_words_is_the_until_date():
    reference = "Pemasangan CEMS harus selesai paling lambat 30 Juni 2027."
    assert _kinds(reference, "Tenggat pemasangan ditetapkan 31 Desember 2027.") == ["date"]
    assert find_clashes(reference, "Tenggat pemasangan ditetapkan 30 Juni 2027.") == []
    assert find_clashes(reference, "Tenggat pendaftaran ditetapkan 31 Desember 2027.") == []  # another deadline


def test_one_window_opened_in_one_text_and_closed_in_the_other():
    """Both texts name the season "1 Oktober sampai 31 Januari": closed in the position, opened in the draft."""
    reference = "Penangkapan ikan di 12 danau lindung ditutup sama sekali setiap 1 Oktober sampai 31 Januari."
    assert "antonym" in _kinds(reference, "Penangkapan ikan di 12 danau lindung dibuka pada 1 Oktober sampai 31 "
                                          "Januari.")
    assert "antonym" not in _kinds(reference, "Penangkapan ikan di 12 danau lindung ditutup pada 1 Oktober sampai 31 "
                                              "Januari.")
