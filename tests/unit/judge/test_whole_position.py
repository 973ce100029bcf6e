"""A passage of a position is compared together with the passage of the same position that shares most
of the sentence's words (the subject in one sentence, the changed figure in the next)."""

from __future__ import annotations

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.signals import find_clashes

RHL = PassageRef(position_id="p-rhl", title="Rehabilitasi hutan 2026")
LEAD = Candidate("Kementerian Kehutanan menargetkan rehabilitasi hutan dan lahan seluas 75.000 hektare pada tahun 2026.",
                 0.96, RHL)
BUDGET = Candidate("Bibit disediakan oleh Balai Perbenihan Tanaman Hutan, dan total anggaran program mencapai "
                   "Rp1,8 triliun.", 0.92, RHL)
DRAFT = "Pemerintah mengalokasikan Rp2,8 triliun untuk merehabilitasi 75.000 hektare hutan dan lahan pada 2026."


def test_the_budget_in_the_positions_second_sentence_is_compared():
    assert find_clashes(BUDGET.passage, DRAFT) == []  # alone, the budget sentence is about something else
    [j] = Judge().judge([DRAFT], [[LEAD, BUDGET]])
    assert j.relation == "conflicts" and "number" in j.kinds and "Rp1,8 triliun" in j.reasons[0]
    [j] = Judge().judge([DRAFT.replace("Rp2,8", "Rp1,8")], [[LEAD, BUDGET]])
    assert j.relation != "conflicts"


def test_a_position_about_one_class_throughout_is_not_another_class():
    jkn = PassageRef(position_id="p-jkn", title="Iuran JKN kelas 3")
    lead = Candidate("Iuran JKN peserta mandiri kelas 3 tetap Rp42.000 per orang per bulan.", 0.95, jkn)
    share = Candidate("Dari jumlah itu, peserta membayar Rp35.000 dan sisanya Rp7.000 ditanggung pemerintah.", 0.90, jkn)
    [j] = Judge().judge(["Untuk kelas 1, iuran peserta mandiri sebesar Rp150.000 per orang per bulan."], [[lead, share]])
    assert "number" not in j.kinds


def test_a_figure_is_reconciled_only_by_a_passage_stating_its_value():
    """"tiga bulan" against "enam bulan": a closer-worded passage of another position reconciles the clash only
    when it states three months (worded numbers and dates count, not just the year's digits)."""
    jkk = Candidate("Keringanan berlaku selama enam bulan, yaitu untuk iuran bulan Februari hingga Juli 2026.", 0.95,
                    PassageRef(position_id="p-jkk"))
    polio = Candidate("Keringanan imunisasi diberikan dalam dua putaran berjarak empat minggu mulai Februari 2026.",
                      0.93, PassageRef(position_id="p-polio"))
    draft = "Keringanan diberikan untuk tiga bulan, yakni Februari hingga April 2026."
    [j] = Judge().judge([draft], [[jkk, polio]])
    assert j.relation == "conflicts" and "number" in j.kinds
    other = Candidate("Keringanan pajak diberikan untuk tiga bulan, Februari hingga April 2026.", 0.93,
                      PassageRef(position_id="p-pajak"))
    [j] = Judge().judge([draft], [[jkk, other]])
    assert j.relation != "conflicts"
