"""The same figure bounded the other way ("below 15 percent" / "above 15 percent"): examples written for this
project, each with the near miss the rule must leave alone."""

from __future__ import annotations

import pytest

from service.judge.signals import find_clashes

TAX = ("Where a group's effective tax rate in Indonesia is below 15 percent, the parent entity must pay a domestic "
       "top-up tax to the Directorate General of Taxes.")
CRAB = "Kepiting bakau hanya boleh ditangkap dengan lebar karapas di atas 12 sentimeter."
MAIZE = ("HPP jagung pipilan kering berkadar air paling tinggi 15 persen sebesar Rp5.500 per kilogram. Jagung dengan "
         "kadar air di atas 15 persen sampai 20 persen dibeli seharga Rp4.900 per kilogram.")


@pytest.mark.parametrize("reference, draft", [
    (TAX, "A group whose effective tax rate in Indonesia is above 15 percent must pay a domestic top-up tax."),
    (CRAB, "Nelayan hanya boleh menangkap kepiting bakau dengan lebar karapas di bawah 12 sentimeter."),
    ("Peserta wajib berusia paling sedikit 18 tahun saat mendaftar program magang.",
     "Peserta program magang wajib berusia paling banyak 18 tahun saat mendaftar."),
    ("Setelah mengemudi 4 jam berturut-turut, pengemudi wajib beristirahat paling singkat 30 menit.",
     "Setelah 4 jam mengemudi tanpa henti, pengemudi beristirahat paling lama 30 menit sebelum melanjutkan perjalanan."),
])
def test_the_same_figure_bounded_the_other_way_clashes(reference: str, draft: str) -> None:
    assert [(c.kind, c.rule) for c in find_clashes(reference, draft)] == [("antonym", "bound")]


@pytest.mark.parametrize("reference, draft", [
    # The same bound, or another figure.
    (TAX, "A group whose effective tax rate in Indonesia is below 15 percent must pay a domestic top-up tax."),
    # The rule said from its other side: a prohibition on one side only.
    (CRAB, "Nelayan dilarang menangkap kepiting bakau dengan lebar karapas di bawah 12 sentimeter."),
    # Tiers of one measure the reference states both ways, and a range's lower end.
    (MAIZE, "Untuk jagung berkadar air di atas 15 sampai 20 persen, HPP ditetapkan Rp4.900 per kilogram."),
    (MAIZE, "HPP jagung pipilan kering berkadar air paling tinggi 15 persen naik menjadi Rp5.500 per kilogram."),
    # A longest period said the same way, or as a deadline ("paling lambat" is no bound side).
    ("Pengemudi wajib beristirahat paling singkat 30 menit setelah mengemudi 4 jam.",
     "Pengemudi harus beristirahat sedikitnya 30 menit setelah mengemudi 4 jam."),
    ("Permohonan diproses paling lama 14 hari kerja sejak berkas lengkap.",
     "Permohonan diproses paling lambat 14 hari kerja sejak berkas lengkap diterima."),
    # A longest period against a plain bound of the same length: another period.
    ("Manfaat dibayarkan, termasuk bagi pekerja yang perusahaannya menunggak iuran paling lama enam bulan.",
     "Pekerja dengan masa kerja minimal enam bulan berhak atas THR sebesar satu bulan upah."),
    ("Pos pendakian dibuka pukul 06.00 dan pendakian dibatasi paling lama tiga hari dua malam.",
     "Pendaftaran daring harus dilakukan setidaknya tiga hari sebelum mendaki."),
    # Another thing bounded at the same figure.
    (CRAB, "Kapal nelayan di atas 12 meter wajib memasang alat pemantau."),
])
def test_a_bound_said_the_same_way_or_of_another_thing_does_not(reference: str, draft: str) -> None:
    assert [c for c in find_clashes(reference, draft) if c.rule == "bound"] == []


def test_up_to_and_above_the_same_figure_are_opposite_bounds():
    """"sampai 15.000 deadweight tonnage (DWT)" and "di atas 15.000 DWT": the same unknown unit, bounded the other way."""
    ref = "Kewajiban berlaku untuk pengapalan dengan kapal berkapasitas sampai 15.000 deadweight tonnage (DWT)."
    [clash] = find_clashes(ref, "Kewajiban itu diterapkan pada pengapalan dengan kapal berkapasitas di atas 15.000 DWT.")
    assert clash.rule == "bound" and clash.draft == "di atas 15.000"
    assert find_clashes(ref, "Kewajiban itu diterapkan pada pengapalan dengan kapal berkapasitas sampai 15.000 DWT.") == []
    assert find_clashes("Kewajiban berlaku untuk kapal berkapasitas sampai 15.000 DWT.",
                        "Kewajiban itu diterapkan pada kapal berkapasitas di atas 15.000 penumpang.") == []
    # The end of a range is no bound: "250 cc hingga 500 cc" says nothing of motorcycles above 500 cc.
    assert find_clashes("Pengendara sepeda motor berkapasitas mesin 250 cc hingga 500 cc wajib memiliki SIM C1.",
                        "Untuk motor di atas 500 cc, pengendara memerlukan SIM C2.") == []


def test_an_earliest_time_turned_into_a_deadline_clashes():
    """Written for this project: "paling cepat 4 bulan setelah" is a wait, "paling lambat empat bulan setelah" a
    deadline; a deadline and a plain floor bound different things."""
    reference = "Tahap kedua dicairkan paling cepat 4 bulan setelah tahap pertama dan setelah evaluasi dinas."
    [clash] = find_clashes(reference, "Sisa dana dicairkan paling lambat empat bulan setelah tahap pertama.")
    assert clash.rule == "bound"
    assert find_clashes(reference, "Sisa dana dicairkan sedikitnya empat bulan setelah tahap pertama.") == []


def test_within_a_period_is_a_deadline():
    reference = "Nelayan wajib melapor ke pelabuhan perikanan terdekat dalam 2x24 jam."
    assert find_clashes(reference, "Nelayan wajib melapor ke pelabuhan perikanan terdekat paling lambat 2x24 jam.") == []
    [clash] = find_clashes(reference, "Nelayan wajib melapor ke pelabuhan perikanan terdekat paling lambat 3x24 jam.")
    assert clash.kind == "number"
