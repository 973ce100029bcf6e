"""Figures paired with names in a reference list (service/judge/signals/figure_owners.py). Written for this project."""

from __future__ import annotations

import pytest

from service.judge.signals import find_clashes

FEES = "Biaya uji kir truk Golongan II Rp120.000 dan truk Golongan III Rp185.000 per kendaraan."
PRICES = ("Di Aceh, Riau, dan Jambi, harga eceran tertinggi elpiji 3 kilogram Rp19.000 per tabung, sedangkan di "
          "Maluku, Papua, dan Papua Barat sebesar Rp23.000 per tabung.")


@pytest.mark.parametrize("reference, draft, said, ref_said", [
    (FEES, "Biaya uji kir truk Golongan III Rp120.000 per kendaraan.", "Rp120.000", "Rp185.000"),
    (PRICES, "Menurut pemerintah, harga eceran tertinggi elpiji 3 kilogram di Papua adalah Rp19.000 per tabung.",
     "Rp19.000", "Rp23.000"),
])
def test_one_owner_given_another_owners_figure(reference: str, draft: str, said: str, ref_said: str) -> None:
    assert [(c.draft, c.reference) for c in find_clashes(reference, draft)] == [(said, ref_said)]


@pytest.mark.parametrize("reference, draft", [
    (FEES, "Biaya uji kir truk Golongan III Rp185.000 per kendaraan."),  # the owner's own figure
    (PRICES, "Harga eceran tertinggi elpiji 3 kilogram di Riau Rp19.000 per tabung."),
    # a draft list of its own is not paired name by name
    (PRICES, "Harga elpiji 3 kilogram di Papua Rp23.000 dan di Jambi Rp19.000 per tabung."),
    # a figure told as past, or the old value of a change
    (PRICES, "Tahun lalu, harga eceran tertinggi elpiji 3 kilogram di Papua sempat Rp19.000 per tabung."),
])
def test_no_owner_clash(reference: str, draft: str) -> None:
    assert [c for c in find_clashes(reference, draft) if c.kind == "number"] == []



def test_a_list_with_a_figure_of_no_names_of_its_own_pairs_nothing() -> None:
    """"Rp5.000 per jam pertama dan Rp3.000 per jam berikutnya": the second figure has no names of its own, so
    the list says nothing of which place pays which."""
    reference = "Di Jalan Sudirman tarif parkir mobil Rp5.000 untuk jam pertama dan Rp3.000 untuk jam berikutnya."
    assert [c for c in find_clashes(reference, "Tarif parkir mobil di Jalan Sudirman Rp3.000.") if c.rule == "number:owner"] == []


def test_a_date_list_is_read_by_the_words_before_each_date():
    """"bagi pelaku usaha mikro 31 Januari 2027, sedangkan bagi usaha menengah 30 Juni 2027": the draft gives the
    micro firms the medium firms' date; the medium firms' own date, or a draft listing both, is no clash."""
    reference = ("Batas akhir pendaftaran sertifikat halal bagi pelaku usaha mikro adalah 31 Januari 2027, sedangkan "
                 "bagi usaha menengah 30 Juni 2027.")
    [clash] = find_clashes(reference, "Pelaku usaha mikro dapat mendaftar paling lambat 30 Juni 2027.")
    assert (clash.draft, clash.reference, clash.rule) == ("30 Juni 2027", "31 Januari 2027", "date:owner")
    assert [c for c in find_clashes(reference, "Usaha menengah dapat mendaftar paling lambat 30 Juni 2027.")
            if c.rule == "date:owner"] == []


def test_a_respective_list_pairs_owners_and_figures_in_order():
    """"perak dan perunggu masing-masing menerima Rp5.000.000 dan Rp3.500.000": silver's award is the first
    figure; a draft giving silver the second one changes it, though that figure stands in the reference. Written
    for this project."""
    reference = ("Peraih medali emas menerima uang pembinaan Rp7.500.000, sedangkan peraih medali perak dan perunggu "
                 "masing-masing menerima Rp5.000.000 dan Rp3.500.000.")
    [clash] = find_clashes(reference, "Peraih medali emas menerima Rp7.500.000, sedangkan peraih medali perak "
                                      "menerima Rp3.500.000.")
    assert (clash.draft, clash.reference, clash.rule) == ("Rp3.500.000", "Rp5.000.000", "number:owner")
    assert find_clashes(reference, "Peraih medali perak menerima Rp5.000.000 dan peraih medali perunggu menerima "
                                   "Rp3.500.000.") == []
    # Without "masing-masing" the pairing is not said: no owner is read.
    plain = reference.replace("masing-masing menerima", "menerima")
    assert find_clashes(plain, "Peraih medali perak menerima Rp3.500.000.") == []


def test_a_clock_time_given_to_another_owner_of_a_list_is_a_change():
    """"Gerbang Utara tutup pukul 22.00 WITA dan Gerbang Selatan pukul 20.00 WITA": the north gate at 20.00 takes
    the south gate's closing time."""
    reference = "Di Pelabuhan Tenau, Gerbang Utara tutup pukul 22.00 WITA dan Gerbang Selatan pukul 20.00 WITA."
    assert [c.rule for c in find_clashes(reference, "Mulai pekan depan, Gerbang Utara Pelabuhan Tenau tutup pukul "
                                                    "20.00 WITA.")] == ["date:owner"]
    # Each owner with its own time, or the list restated, is no change.
    assert find_clashes(reference, "Gerbang Selatan Pelabuhan Tenau tutup pukul 20.00 WITA.") == []
    assert find_clashes(reference, "Gerbang Utara tutup pukul 22.00 WITA, sedangkan Gerbang Selatan pukul 20.00 "
                                   "WITA.") == []
