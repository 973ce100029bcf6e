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


def test_a_figure_against_the_twin_position_of_another_place_is_that_twins_to_judge():
    """A Tabalong auction's start date is for the Tabalong position to judge, not a change of Musi Banyuasin's."""
    musi = Candidate("Lelang karet rakyat di Kabupaten Musi Banyuasin digelar mulai 7 Oktober 2026.", 0.93,
                     PassageRef(position_id="p-musi", title="Pasar lelang karet rakyat Kabupaten Musi Banyuasin"))
    tabalong = Candidate("Lelang karet rakyat di Kabupaten Tabalong digelar setiap Kamis mulai pukul 10.00 WITA.",
                         0.90, PassageRef(position_id="p-tabalong", title="Pasar lelang karet rakyat Kabupaten Tabalong"))
    sentence = "Lelang karet rakyat di Kabupaten Tabalong digelar mulai 15 Oktober 2026."
    [j] = Judge().judge([sentence], [[musi, tabalong]])
    assert j.relation != "conflicts"
    [j] = Judge().judge([sentence.replace("Tabalong", "Musi Banyuasin")], [[musi, tabalong]])
    assert j.relation == "conflicts"


def test_another_programmes_date_backs_nothing_the_draft_names_its_own_programme_for():
    """The police recruitment that closes on 30 April does not back a transport training whose registration the
    draft, naming that training, closes on 30 April against its position's 31 March."""
    dpm = Candidate("Pendaftaran dibuka secara daring pada 2 Februari hingga 31 Maret 2026.", 0.935,
                    PassageRef(position_id="p-dpm", title="Diklat Pemberdayaan Masyarakat bidang transportasi 2026"))
    bintara = Candidate("Pendaftaran dibuka pada 1 hingga 30 April 2026 secara daring.", 0.93,
                        PassageRef(position_id="p-bintara", title="Penerimaan Bintara Polri 2026"))
    draft = ["Melalui Diklat Pemberdayaan Masyarakat 2026, BPSDMP menyiapkan kursi bagi 18.000 peserta.",
             "Pendaftaran daring dibuka mulai 2 Februari dan ditutup pada 30 April 2026."]
    [_, j] = Judge().judge(draft, [[dpm], [dpm, bintara]])
    assert j.relation == "conflicts" and "date" in j.kinds
    draft[0] = "Polri membuka Penerimaan Bintara 2026 bagi lulusan SMA."
    [_, j] = Judge().judge(draft, [[bintara], [dpm, bintara]])
    assert j.relation != "conflicts"


def test_the_clash_floor_hangs_below_the_best_passage_of_the_drafts_year():
    """A 2027 draft's "selama enam bulan" is read against the 2027 position's "9 bulan" although the 2026 twin's "6
    bulan" passage is closer: the floor is measured from the best passage about the draft's year."""
    ref_2026 = PassageRef(position_id="p-pena-2026", title="Bantuan modal usaha PENA 2026")
    ref_2027 = PassageRef(position_id="p-pena-2027", title="Bantuan modal usaha PENA 2027")
    old = Candidate("Pendamping PKH mendampingi usaha penerima selama 6 bulan setelah paket diterima pada 2026.", 0.95,
                    ref_2026)
    new = Candidate("Pendampingan usaha oleh pendamping PKH diperpanjang menjadi 9 bulan pada 2027.", 0.905, ref_2027)
    draft = ["Pada 2027, Kementerian Sosial menyalurkan bantuan modal usaha PENA kepada 20.000 keluarga.",
             "Usaha mereka didampingi pendamping PKH selama enam bulan setelah paket diserahkan."]
    [_, j] = Judge().judge(draft, [[new], [old, new]])
    assert j.relation == "conflicts" and "number" in j.kinds
    draft[0] = draft[0].replace("2027", "2026")
    [_, j] = Judge().judge(draft, [[old], [old, new]])
    assert j.relation != "conflicts"
