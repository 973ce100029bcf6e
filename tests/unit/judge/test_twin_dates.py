"""A date against the twin position of another year is that twin's to judge (service/judge/reconcile.py).
Written for this project."""

from __future__ import annotations

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge

GRANT_2027 = PassageRef(position_id="p-hibah-2027", title="Hibah alat tangkap nelayan 2027")
GRANT_2026 = PassageRef(position_id="p-hibah-2026", title="Hibah alat tangkap nelayan 2026")


def test_a_date_against_the_twin_position_of_another_year_is_no_change():
    twin_2026 = Candidate("Hibah 2026 disalurkan mulai 2 Februari 2026 kepada 6.000 nelayan kecil.", 0.93, GRANT_2026)
    twin_2027 = Candidate("Penyaluran hibah 2027 dimulai 1 Maret 2027.", 0.90, GRANT_2027)
    sentence = "Hibah bagi 8.000 nelayan kecil ini mulai disalurkan pada 1 Maret 2027."
    [j] = Judge().judge([sentence], [[twin_2026, twin_2027]])
    assert j.relation != "conflicts"
    # With no position for the draft's year, the year may be the draft's error.
    [j] = Judge().judge([sentence], [[twin_2026]])
    assert j.relation == "conflicts"


def test_a_negation_against_the_twin_position_of_another_city_is_that_twins_to_judge():
    """A Balikpapan draft's "dikenai denda" is the Balikpapan library's rule, not a denial of the Pontianak one's."""
    pontianak = Candidate("Keterlambatan pengembalian buku tidak dikenai denda.", 0.93,
                          PassageRef(position_id="p-pontianak", title="Perpustakaan keliling Kota Pontianak"))
    balikpapan = Candidate("Keterlambatan pengembalian buku dikenai denda Rp1.000 per buku per hari.", 0.92,
                           PassageRef(position_id="p-balikpapan", title="Perpustakaan keliling Kota Balikpapan"))
    draft = ["Balikpapan – Mobil perpustakaan keliling melayani warga di enam kecamatan.",
             "Keterlambatan pengembalian buku dikenai denda Rp1.000 per hari."]
    [_, j] = Judge().judge(draft, [[balikpapan], [pontianak, balikpapan]])
    assert j.relation != "conflicts"
    # In a Pontianak draft the same sentence denies its own library's rule.
    draft[0] = "Pontianak – Mobil perpustakaan keliling melayani warga di enam kecamatan."
    [_, j] = Judge().judge(draft, [[pontianak], [pontianak, balikpapan]])
    assert j.relation == "conflicts"
