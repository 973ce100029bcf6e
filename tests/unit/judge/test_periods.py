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
