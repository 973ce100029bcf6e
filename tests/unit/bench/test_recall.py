"""bench/recall.py: the recall@k arithmetic, and its sets (data tests skip without ../shared)."""

from __future__ import annotations

import pytest

from bench.recall import INDONLI, INDOSUM, distinct_groups, indonli_set, press_set, recall_at


def test_distinct_groups_keep_first_seen_order() -> None:
    assert distinct_groups(["a", "b", "a", "c", "b"]) == ["a", "b", "c"]


def test_recall_counts_distinct_groups() -> None:
    ranked = [["a", "a", "b"], ["x", "x", "x", "y"], []]
    expected = ["b", "y", "z"]
    assert recall_at(ranked, expected, 1) == 0.0
    assert recall_at(ranked, expected, 2) == pytest.approx(2 / 3)  # passages of one group count once


def test_press_set_queries_are_draft_sentences_holding_the_span() -> None:
    rs = press_set()
    assert len(rs.queries) == 92
    groups = {g for _, g in rs.passages}
    assert all(exp in groups for _, exp, _ in rs.queries)
    assert all(len(q) >= 10 for q, _, _ in rs.queries)


@pytest.mark.skipif(not INDONLI.exists() or not INDOSUM.exists(), reason="../shared/data (IndoNLI, IndoSum) absent")
def test_indonli_set_has_every_premise_and_the_distractors() -> None:
    rs = indonli_set(distractors=50)
    groups = [g for _, g in rs.passages]
    assert sum(g.startswith("indosum-") for g in groups) == 50
    assert all(exp in set(groups) for _, exp, _ in rs.queries)
    assert {tag for _, _, tag in rs.queries} <= {"e", "n", "c"}
