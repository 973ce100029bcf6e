"""The press-statement dev set (bench/press) is well-formed, and bench.press_eval scores as documented.

No model is loaded: the data checks read the JSONL files, the scoring checks use hand-made findings.
"""

from collections import Counter

import pytest

from bench.press_eval import (
    DEFAULT_DATA, FOUND, KINDS, MISSED, WRONG_POSITION, describe_finding, load_set, overlaps, plant_status,
    score_draft, stray_conflicts, summarise, validate_set,
)
from service.api.schemas import PositionIn
from service.text.segment import split_sentences

POSITIONS, DRAFTS = load_set(DEFAULT_DATA)


# -- the data ----------------------------------------------------------------------------------
def test_set_is_valid_and_large_enough():
    assert validate_set(POSITIONS, DRAFTS) == []
    assert len(POSITIONS) >= 32
    assert len(DRAFTS) >= 90
    assert len({p["id"] for p in POSITIONS}) == len(POSITIONS)
    assert len({d["id"] for d in DRAFTS}) == len(DRAFTS)
    clean = sum(not d["conflicts"] for d in DRAFTS)
    assert clean / len(DRAFTS) >= 0.40


def test_every_kind_is_planted_at_least_six_times():
    counts = Counter(c["kind"] for d in DRAFTS for c in d["conflicts"])
    assert set(counts) <= set(KINDS)
    assert {k: counts[k] for k in KINDS if counts[k] < 6} == {}


def test_positions_load_through_the_api_schema():
    for p in POSITIONS:
        PositionIn(**p)  # what POST /v1/positions accepts
        assert p["kind"] == "position" and p["id"].startswith("press-")
        assert p["language"] in ("id", "en") and p["topics"]
        assert 2 <= len(split_sentences(p["text"])) <= 4, p["id"]


def test_drafts_are_shaped_as_documented():
    languages = Counter(d["language"] for d in DRAFTS)
    assert set(languages) <= {"id", "en"} and languages["en"] >= 8
    positions = {p["id"]: p for p in POSITIONS}
    for d in DRAFTS:
        assert set(d) == {"id", "language", "text", "conflicts", "notes"}, d["id"]
        sentences = split_sentences(d["text"])
        assert 3 <= len(sentences) <= 8, d["id"]
        assert len(d["conflicts"]) <= 2, d["id"]
        for c in d["conflicts"]:
            assert set(c) == {"kind", "span", "position_id", "why"} and c["why"], d["id"]
            start = d["text"].index(c["span"])
            end = start + len(c["span"])
            # the span lies inside one sentence as the service splits the draft
            assert any(s.start <= start and end <= s.end for s in sentences), (d["id"], c["span"])
            if c["kind"] == "crosslingual":
                assert d["language"] == "en" and positions[c["position_id"]]["language"] == "id", d["id"]


def test_validate_set_names_each_problem():
    positions = [{"id": "p1"}, {"id": "p1"}]
    drafts = [{"id": "d1", "text": "Satu dua tiga.", "conflicts": [
        {"kind": "colour", "span": "empat", "position_id": "p9"}]}]
    problems = "\n".join(validate_set(positions, drafts))
    assert "'p1' occurs 2 times" in problems
    assert "unknown kind 'colour'" in problems
    assert "unknown position 'p9'" in problems
    assert "span occurs 0 times" in problems


# -- scoring -------------------------------------------------------------------------------------
TEXT = "Kalimat pertama benar. Harga naik menjadi Rp5.000 per liter. Kalimat ketiga netral."


def _finding(start, end, relation, *ids, reason="r"):
    return {"sentence": TEXT[start:end], "start": start, "end": end, "relation": relation,
            "reasons": [reason], "evidence": [{"position_id": i, "similarity": 0.9} for i in ids]}


S1 = (0, 22)
S2 = (23, 60)
S3 = (61, len(TEXT))
PLANT = {"kind": "money", "span": "Rp5.000 per liter", "position_id": "pos-a", "why": "Rp3.000"}


def test_sentence_offsets_used_below():
    assert TEXT[S2[0]:S2[1]] == "Harga naik menjadi Rp5.000 per liter."


def test_overlap_is_half_open():
    assert overlaps((0, 5), (4, 9))
    assert not overlaps((0, 5), (5, 9))
    assert overlaps((3, 4), (0, 10))


def test_found_needs_a_conflict_over_the_span_citing_the_position():
    findings = [_finding(*S1, "supports", "pos-a"), _finding(*S2, "conflicts", "pos-b", "pos-a"),
                _finding(*S3, "unsupported")]
    status, finding = plant_status(TEXT, PLANT, findings)
    assert status == FOUND and finding is findings[1]


def test_conflict_over_the_span_citing_another_position_is_wrong_position():
    findings = [_finding(*S2, "conflicts", "pos-b")]
    assert plant_status(TEXT, PLANT, findings)[0] == WRONG_POSITION


def test_conflict_elsewhere_or_other_relation_is_a_miss_reporting_the_sentence():
    findings = [_finding(*S1, "conflicts", "pos-a"), _finding(*S2, "supports", "pos-c", reason="same")]
    status, finding = plant_status(TEXT, PLANT, findings)
    assert status == MISSED and finding is findings[1]
    assert describe_finding(finding) == "supports; reason: same; top evidence: pos-c (0.9)"
    assert describe_finding(None) == "no finding covers the span"


def test_stray_conflicts_are_those_off_every_planted_span():
    on_span = _finding(*S2, "conflicts", "pos-a")
    off_span = _finding(*S3, "conflicts", "pos-a")
    assert stray_conflicts(TEXT, [PLANT], [on_span, off_span, _finding(*S1, "supports")]) == [off_span]
    assert stray_conflicts(TEXT, [], [on_span, off_span]) == [on_span, off_span]


def _report(verdict, *findings):
    return {"verdict": verdict, "score": 0, "findings": list(findings)}


def test_summary_counts_found_false_alarms_and_aligned_on_conflict():
    conflicting = {"id": "c1", "language": "id", "text": TEXT, "conflicts": [PLANT]}
    missed = {"id": "c2", "language": "id", "text": TEXT, "conflicts": [{**PLANT, "kind": "negation"}]}
    clean = {"id": "k1", "language": "id", "text": TEXT, "conflicts": []}
    clean_ok = {"id": "k2", "language": "en", "text": TEXT, "conflicts": []}
    scores = [
        score_draft(conflicting, _report("conflict", _finding(*S2, "conflicts", "pos-a"),
                                         _finding(*S3, "conflicts", "pos-z"))),
        score_draft(missed, _report("aligned", _finding(*S2, "supports", "pos-a"))),
        score_draft(clean, _report("conflict", _finding(*S1, "conflicts", "pos-a"),
                                   _finding(*S3, "conflicts", "pos-a"))),
        score_draft(clean_ok, _report("aligned", _finding(*S1, "supports", "pos-a"))),
    ]
    s = summarise(scores)
    assert (s["drafts"], s["clean_drafts"], s["conflicting_drafts"]) == (4, 2, 2)
    assert (s["planted"], s["found"], s["found_pct"], s["missed"]) == (2, 1, 50.0, 1)
    assert s["by_kind"]["money"] == {"planted": 1, "found": 1, "found_pct": 100.0, "wrong_position": 0}
    assert s["by_kind"]["negation"]["found"] == 0 and s["by_kind"]["time"]["planted"] == 0
    assert (s["clean_flagged"], s["clean_flagged_pct"], s["clean_conflict_findings"]) == (1, 50.0, 2)
    assert s["clean_verdict_conflict"] == 1
    assert s["stray_conflicts_on_conflicting"] == 1
    assert (s["conflicting_aligned"], s["conflicting_aligned_ids"]) == (1, ["c2"])
    assert [m["draft"] for m in s["misses"]] == ["c2"]
    assert [(f["draft"], f["clean"]) for f in s["false_alarms"]] == [("c1", False), ("k1", True), ("k1", True)]


@pytest.mark.parametrize("kind", KINDS)
def test_summary_has_a_row_for_every_kind(kind):
    assert kind in summarise([])["by_kind"]
