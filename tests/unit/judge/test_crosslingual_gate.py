"""A sentence in the other language shares fewer of a passage's words by nature (the bilingual lexicon
renders only part of them): the rules read it at a lower share of covered words than a same-language one."""

from __future__ import annotations

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge

STADIUM = Candidate("Pada laga final, pintu stadion dibuka tiga jam sebelum pertandingan dimulai dan penonton wajib "
                    "membawa tiket elektronik.", 0.93, PassageRef(position_id="p-stadion"))
ENGLISH = "For the derby, the stadium gates will open to season-pass holders two hours before kick-off."


def test_an_english_sentence_gets_the_rules_at_a_quarter_of_its_words_covered():
    [j] = Judge().judge([ENGLISH], [[STADIUM]])
    assert j.relation == "conflicts" and '"two hours"' in j.reasons[0] and '"tiga jam"' in j.reasons[0]
    # Without the allowance, a quarter of the words is below the rules' share (rule_min_coverage 0.3).
    [j] = Judge(crosslingual_coverage_drop=0.0).judge([ENGLISH], [[STADIUM]])
    assert j.relation == "unsupported"


def test_the_english_sentence_stating_the_same_duration_has_no_clash():
    [j] = Judge().judge([ENGLISH.replace("two hours", "three hours")], [[STADIUM]])
    assert j.relation != "conflicts"
