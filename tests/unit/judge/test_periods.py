"""Periods: a sentence that names no year is read in the draft's year, and an earlier year's figure does not
back it beside the figure now in force."""

from __future__ import annotations

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.periods import draft_periods

OLD = Candidate("Pagu bantuan operasional sekolah tahun 2025 ditetapkan Rp58 triliun.", 0.93,
                PassageRef(position_id="p-bos-2025", title="BOS 2025"))
NEW = Candidate("Pagu bantuan operasional sekolah tahun 2026 ditetapkan Rp61 triliun.", 0.93,
                PassageRef(position_id="p-bos-2026", title="BOS 2026"))


def test_a_sentence_without_a_year_takes_the_year_the_draft_named_last():
    assert draft_periods(["Program BOS tahun 2026 dimulai Januari.", "Pagunya Rp61 triliun.",
                          "Pada 2025, pagunya Rp58 triliun.", "Dananya disalurkan tiga tahap."]) == [
        "", "2026", "", "2025"]
    assert draft_periods(["Pagunya Rp61 triliun."]) == [""]


def test_an_earlier_years_figure_does_not_back_a_sentence_in_the_later_year():
    """"Rp58 triliun" stands in the 2025 position, but with no year said the 2026 pagu is in force: the draft's
    figure is the old one, a conflict. Read after a sentence about 2025, it is that year's figure."""
    judge = Judge(conflict_min_shared_words=1)
    sentence = "Pagu bantuan operasional sekolah ditetapkan Rp58 triliun."
    [j] = judge.judge([sentence], [[NEW, OLD]])
    assert j.relation == "conflicts" and "Rp61 triliun" in j.reasons[0]
    opening = "Pada 2025, sekolah negeri dan swasta menerima dana BOS dalam tiga tahap."
    _, j = judge.judge([opening, sentence], [[], [NEW, OLD]])
    assert j.relation != "conflicts"
    # The figure in force is backed whatever the other position says.
    [j] = judge.judge([sentence.replace("Rp58", "Rp61")], [[NEW, OLD]])
    assert j.relation != "conflicts"


def test_a_year_right_after_a_figure_dates_that_figure_alone():
    from service.judge.periods import dating_clause
    sentence = "Anggaran 2026 sebesar Rp3,2 triliun, naik dari Rp2,9 triliun pada 2025."
    assert dating_clause(sentence, "Rp2,9 triliun") == "Rp2,9 triliun pada 2025"
    assert dating_clause(sentence, "Rp3,2 triliun") == sentence  # one clause (no clause word after the comma)


POND_2026 = Candidate("Setiap embung wajib rampung paling lambat 90 hari kalender sejak dana diterima.", 0.91,
                      PassageRef(position_id="p-embung-2026", title="Embung desa 2026"))
POND_2027 = Candidate("Setiap embung wajib rampung paling lambat 120 hari kalender sejak dana diterima.", 0.91,
                      PassageRef(position_id="p-embung-2027", title="Embung desa 2027"))


def test_another_years_twin_does_not_back_a_figure_the_draft_gives_for_its_own_year():
    """The draft's opening names 2026; its next sentence gives the 2027 twin's deadline. The 2027 position states
    "120 hari" but not for the year the draft speaks of: a clash with the 2026 deadline. Opened with 2027 it is
    that year's deadline."""
    judge = Judge(conflict_min_shared_words=1)
    sentence = "Embung wajib rampung paling lambat 120 hari sejak dana diterima."
    opening = "Kementerian Desa membangun embung desa sepanjang 2026 di 18 provinsi."
    _, j = judge.judge([opening, sentence], [[], [POND_2026, POND_2027]])
    assert j.relation == "conflicts" and "90 hari" in j.reasons[0]
    _, j = judge.judge([opening.replace("2026", "2027"), sentence], [[], [POND_2026, POND_2027]])
    assert j.relation != "conflicts"
    # The 2026 deadline itself, in a 2026 draft, is backed.
    _, j = judge.judge([opening, sentence.replace("120", "90")], [[], [POND_2026, POND_2027]])
    assert j.relation != "conflicts"


def test_a_figure_in_a_sentence_after_the_drafts_year_is_no_change_of_another_years_twin():
    """The opening names 2026; the next sentence gives 2026's aid (Rp18 juta) and names no year. The 2027 position's
    "Rp20 juta" is another year's figure, no clash; after a 2027 opening it is. Written for this project."""
    aid_2027 = Candidate("Setiap hektare kebun kopi memperoleh bantuan bibit dan pupuk senilai Rp20 juta.", 0.95,
                         PassageRef(position_id="p-kopi-2027", title="Peremajaan kopi rakyat 2027"))
    # The 2026 twin is in sight (its lead; it does not state the aid itself).
    lead_2026 = Candidate("Kementerian Pertanian meremajakan 12.000 hektare kebun kopi rakyat pada 2026.", 0.90,
                          PassageRef(position_id="p-kopi-2026", title="Peremajaan kopi rakyat 2026"))
    sentence = "Setiap hektare kebun kopi memperoleh bantuan bibit dan pupuk senilai Rp18 juta."
    opening = "Kementerian Pertanian meremajakan 12.000 hektare kebun kopi rakyat pada 2026."
    judge = Judge(conflict_min_shared_words=1)
    _, j = judge.judge([opening, sentence], [[], [aid_2027, lead_2026]])
    assert j.relation != "conflicts"
    _, j = judge.judge([opening.replace("2026", "2027"), sentence], [[], [aid_2027, lead_2026]])
    assert j.relation == "conflicts" and "Rp20 juta" in j.reasons[0]
    # A 2025 aside before it keeps 2026 named too: still no clash with 2027.
    aside = "Pada 2025, program serupa menjangkau 9.000 hektare."
    _, _, j = judge.judge([opening, aside, sentence], [[], [], [aid_2027, lead_2026]])
    assert j.relation != "conflicts"
    # Without the 2026 twin in sight, the draft's year may be its own error: the 2027 figure is compared.
    _, j = judge.judge([opening, sentence], [[], [aid_2027]])
    assert j.relation == "conflicts"


def test_a_year_the_draft_names_without_a_twin_of_that_year_dates_nothing():
    """No position of the draft's year is in sight: the year may be the draft's own error, and the figure is still
    compared with the one position there is."""
    label = Candidate("Produk yang telah beredar diberi masa penyesuaian 12 bulan.", 0.95,
                      PassageRef(position_id="p-label", title="Label gizi minuman berpemanis 2026"))
    judge = Judge(conflict_min_shared_words=1)
    _, j = judge.judge(["BPOM mewajibkan label gizi mulai 1 Januari 2027.",
                        "Produk yang telah beredar diberi masa penyesuaian 6 bulan."], [[], [label]])
    assert j.relation == "conflicts" and "12 bulan" in j.reasons[0]


def test_this_year_is_the_check_dates_year():
    """Written for this project. "tahun ini", checked in 2026, names 2026: the 2026 programme states the draft's
    count, and the 2027 twin's larger count is another year's, no clash. Without the check date's year the
    sentence names none, and the later twin's figure is in force."""
    from service.judge.periods import draft_years
    assert draft_periods(["Bantuan tahun ini menjangkau 1.200 kelompok.", "Setiap kelompok menerima 40 stup."],
                         2026) == ["2026", "2026"]
    assert draft_years(["Bantuan tahun depan diperluas."], 2026) == ["2027"]
    assert draft_periods(["Bantuan tahun ini menjangkau 1.200 kelompok."]) == [""]
    now = Candidate("Kementerian Kehutanan menyalurkan bantuan lebah madu kepada 1.200 kelompok tani hutan "
                    "sepanjang 2026.", 0.95, PassageRef(position_id="p-lebah-2026", title="Bantuan lebah madu 2026"))
    later = Candidate("Pada 2027 Kementerian Kehutanan memperluas bantuan lebah madu menjadi 1.500 kelompok tani "
                      "hutan.", 0.949, PassageRef(position_id="p-lebah-2027", title="Bantuan lebah madu 2027"))
    sentence = "Kementerian Kehutanan mencatat bantuan lebah madu tahun ini menjangkau 1.200 kelompok tani hutan."
    judge = Judge(conflict_min_shared_words=1)
    [j] = judge.judge([sentence], [[now, later]], year=2026)
    assert j.relation != "conflicts"
    [j] = judge.judge([sentence], [[now, later]], year=2027)
    assert j.relation == "conflicts" and "1.500" in j.reasons[0]


def test_a_figure_after_the_drafts_last_year_is_backed_by_that_years_twin():
    """Written for this project. The draft named 2026 and then 2027; the next sentence names no year and gives the
    2027 cap. The 2027 twin states it (sharing fewer of the sentence's words than the 2026 passage): no clash. With
    2026 named last, the 2026 cap is in force."""
    cap_2026 = Candidate("Satuan PAUD boleh menggunakan paling banyak 40 persen dana BOP untuk honor pendidik non-ASN.",
                         0.95, PassageRef(position_id="p-bop-2026", title="BOP PAUD reguler 2026"))
    cap_2027 = Candidate("Batas dana untuk honor pada 2027 dinaikkan menjadi paling banyak 50 persen.", 0.88,
                         PassageRef(position_id="p-bop-2027", title="BOP PAUD reguler 2027"))
    sentence = "Satuan PAUD kini boleh menggunakan paling banyak 50 persen dana BOP untuk honor pendidik non-ASN."
    judge = Judge(conflict_min_shared_words=1)
    opening = "BOP PAUD naik dari Rp600.000 pada 2026 menjadi Rp750.000 mulai 2027."
    _, j = judge.judge([opening, "Tahap I 2027 mencakup 60 persen dana.", sentence][1:], [[], [cap_2026, cap_2027]])
    assert j.relation != "conflicts"
    _, j = judge.judge(["Pada 2026, tahap I mencakup 50 persen dana.", sentence], [[], [cap_2026, cap_2027]])
    assert j.relation == "conflicts"


def test_a_year_a_sentence_compares_with_is_not_its_own():
    """"… sembilan bulan, tiga bulan lebih lama dibanding pendampingan pada 2026" speaks of the year the draft named
    before (2027), not of 2026. Written for this project."""
    from service.judge.periods import years
    sentences = ["Kelompok tani hutan mengajukan proposal bantuan tahun 2027.",
                 "Penyuluh mendampingi selama sembilan bulan, tiga bulan lebih lama dibanding pendampingan pada 2026."]
    assert years(sentences[1]) == set()
    assert draft_periods(sentences) == ["", "2027"]
    assert years("Kuota 2027 naik 10 persen dibanding 2026.") == {2027}
