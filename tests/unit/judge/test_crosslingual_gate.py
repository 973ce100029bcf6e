"""A sentence in the other language shares fewer of a passage's words by nature (the bilingual lexicon
renders only part of them): the rules read it at a lower share of covered words than a same-language one."""

from __future__ import annotations

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge

STADIUM = Candidate("Pada laga final, pintu stadion dibuka tiga jam sebelum pertandingan dimulai dan penonton wajib "
                    "membawa tiket elektronik.", 0.93, PassageRef(position_id="p-stadion"))
ENGLISH = "For the derby, the stadium gates will be unlocked to season-pass holders two hours before kick-off."


def test_an_english_sentence_gets_the_rules_at_a_quarter_of_its_words_covered():
    [j] = Judge().judge([ENGLISH], [[STADIUM]])
    assert j.relation == "conflicts" and '"two hours"' in j.reasons[0] and '"tiga jam"' in j.reasons[0]
    # Without the allowance, a quarter of the words is below the rules' share (rule_min_coverage 0.3).
    [j] = Judge(crosslingual_coverage_drop=0.0).judge([ENGLISH], [[STADIUM]])
    assert j.relation == "unsupported"


def test_the_english_sentence_stating_the_same_duration_has_no_clash():
    [j] = Judge().judge([ENGLISH.replace("two hours", "three hours")], [[STADIUM]])
    assert j.relation != "conflicts"


def test_an_english_word_is_covered_by_its_rendering_in_another_affixed_form():
    """"registered" renders as "daftar"; the passage writes "didaftarkan". Written for this project."""
    from service.judge.signals import draft_words_covered
    reference = "Anjing yang berumur kurang dari 3 bulan belum wajib didaftarkan."
    assert draft_words_covered(reference, "Puppies younger than six months do not yet need to be registered.") >= 0.4
    assert draft_words_covered(reference, "Cats younger than six months do not yet need to be vaccinated.") < 0.4
