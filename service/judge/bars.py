"""How sure the classifier must be to call a conflict on its own (:func:`contradiction_bar`): the judge's bars
for pairs in which no fact the rules read differs, for restatements and for translations."""

from __future__ import annotations

from service.judge.policy import JudgePolicy
from service.judge.signals import (
    draft_words_covered, figures_stated, has_figures, same_language, states_negation, worded_figures_stated,
)
from service.text.words import content_words


def contradiction_bar(policy: JudgePolicy, sentence: str, passage: str, coverage: float) -> float:
    """P(contradiction) the classifier alone needs against ``passage``: higher where no fact the rules read
    differs (every figure of the sentence in the passage) and on a restatement (most words shared both
    ways), in the other language highest. ``coverage``: the sentence's words in the passage."""
    needed = max(policy.contradiction_threshold, policy.contradiction_floor)
    if comparable_length(sentence, passage, policy.comparable_length_ratio):
        needed = max(needed, policy.comparable_length_contradiction)
    # Figures in digits or in words ("tetap lima ribu rupiah" against "tetap Rp5.000").
    figures = has_figures(sentence)
    no_new_figure = not figures or (figures_stated(passage, sentence) and worded_figures_stated(passage, sentence))
    if figures and no_new_figure:
        needed = max(needed, policy.same_figures_contradiction)
    if no_new_figure and states_negation(sentence) and states_negation(passage, lexical=True):
        needed = max(needed, policy.negated_restatement_contradiction)
    if (coverage >= policy.restatement_coverage
            and draft_words_covered(sentence, passage) >= policy.restatement_coverage):
        bar = (policy.restatement_contradiction if same_language(sentence, passage)
               else policy.translation_contradiction)
        needed = max(needed, bar)
    return needed


def comparable_length(sentence: str, passage: str, ratio: float) -> bool:
    """The sentence has at least ``ratio`` as many content words as the passage: a statement read against
    a statement, not the short hypothesis against a longer premise the classifier was trained on."""
    return len(content_words(sentence)) >= ratio * max(1, len(content_words(passage)))
