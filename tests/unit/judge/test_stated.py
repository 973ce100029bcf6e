"""facts_stated (service/judge/signals/stated.py): a passage backs a sentence only if it states each of its
figures, dates and clock times. Written for this project."""

from __future__ import annotations

import pytest

from service.judge.signals.stated import facts_stated, one_of_a_list

PASSAGE = ("Batas akhir pendaftaran beasiswa bagi pelamar dalam negeri adalah 31 Maret 2027, sedangkan bagi pelamar "
           "luar negeri 30 April 2027; layanan bantuan dibuka pukul 08.00 hingga 16.00 WITA.")


@pytest.mark.parametrize("sentence, stated", [
    ("Pelamar luar negeri dapat mendaftar hingga 30 April 2027.", True),
    ("Layanan bantuan dibuka pukul 07.00 WIB.", True),  # 07.00 WIB is 08.00 WITA
    ("Pelamar luar negeri dapat mendaftar hingga 31 Mei 2027.", False),  # the digits "31" and "2027" stand there
    ("Layanan bantuan dibuka pukul 08.00 hingga 16.00 WIB.", False),  # 16.00 WIB is 17.00 WITA
    ("Pendaftaran beasiswa dibuka bagi 5.000 pelamar.", False),
    ("Pendaftaran beasiswa dibuka tahun depan.", True),  # no figure, date or time to state
])
def test_each_figure_date_and_time_must_stand_in_the_passage(sentence: str, stated: bool) -> None:
    assert facts_stated(PASSAGE, sentence) is stated


def test_a_figure_among_several_of_its_measure_is_one_of_a_list():
    """The value stands in the passage, but so does another of its measure: which item it belongs to is not
    settled by the value, so closeness alone backs nothing (the draft gives the review's share to the signing)."""
    passage = "Dana hibah dicairkan sebesar 70 persen saat kontrak diteken dan 30 persen setelah audit."
    assert one_of_a_list(passage, "Tahap pertama sebesar 30 persen dicairkan saat kontrak diteken.")
    assert one_of_a_list(passage, "Tahap pertama sebesar 70 persen dicairkan saat kontrak diteken.")  # either way
    assert not one_of_a_list("Dana hibah dicairkan 70 persen saat kontrak diteken.",
                             "Tahap pertama sebesar 70 persen dicairkan saat kontrak diteken.")
    assert not one_of_a_list(passage, "Dana hibah dicairkan setelah audit.")  # no figure
