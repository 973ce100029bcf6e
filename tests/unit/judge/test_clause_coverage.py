"""A figure changed in one clause of a sentence whose other clause adds context: the clause's words, not the
whole sentence's, decide whether the passage speaks of the same thing (policy ``clause_min_coverage``)."""

from __future__ import annotations

from dataclasses import replace

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.signals import draft_words_covered

PATROL = Candidate("Jumlah kapal patroli yang dioperasikan di Selat Malaka dibatasi 12 kapal agar belanja bahan bakar "
                   "terkendali.", 0.93, PassageRef(position_id="p-patroli"))
DRAFT = ("Tahun ini pemerintah mengoperasikan 20 kapal patroli di Selat Malaka, terbanyak sejak lembaga itu berdiri sembilan belas tahun lalu "
         "dan melampaui armada gabungan negara tetangga.")


def test_a_figure_in_a_covered_clause_is_compared():
    judge = Judge()
    assert draft_words_covered(PATROL.passage, DRAFT) < judge.policy.rule_min_coverage  # the sentence alone: no
    [j] = judge.judge([DRAFT], [[PATROL]])
    assert j.relation == "conflicts" and "number" in j.kinds and "12 kapal" in j.reasons[0]
    [j] = judge.judge([DRAFT.replace("20 kapal", "12 kapal")], [[PATROL]])
    assert j.relation != "conflicts"
    # Without the clause's allowance the figure is not compared.
    [j] = Judge(policy=replace(judge.policy, clause_min_coverage=1.01)).judge([DRAFT], [[PATROL]])
    assert j.relation != "conflicts"


def test_a_figure_in_the_clause_that_adds_context_is_not_compared():
    # The covered clause states no figure; the figure sits in the clause about something else.
    draft = ("Pemerintah mengoperasikan kapal patroli di Selat Malaka, sementara pangkalan barunya menampung 20 kapal "
             "nelayan binaan dari tiga kabupaten pesisir.")
    [j] = Judge().judge([draft], [[PATROL]])
    assert "number" not in j.kinds


def test_a_clause_that_shares_only_its_figure_words_is_not_covered():
    # "seharga Rp 3 juta" shares "seharga" and "juta" with any price: no subject in common.
    passage = Candidate("Kawanan pencuri itu menggasak dua sepeda motor dan perhiasan seharga Rp 26 juta.", 0.90,
                        PassageRef(position_id="p-pencurian"))
    draft = "Pelaku ditangkap karena merakit pistol di bengkelnya, lalu menjualnya seharga Rp 3 juta."
    [j] = Judge().judge([draft], [[passage]])
    assert "number" not in j.kinds
