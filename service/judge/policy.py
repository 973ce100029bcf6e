"""The decision policy in one place: every threshold the check applies, with why it has its value.

The judge (:mod:`service.judge.judge`), retrieval context (:mod:`service.checking`) and the score
(:mod:`service.scoring`) read their bars from here; calibration writes the classifier thresholds
into the installed model's metadata and :func:`service.bootstrap.build_judge` applies them.
"""

from __future__ import annotations

from service.domain import Relation

# -- retrieval context ------------------------------------------------------------------------------
# Passages either side of a retrieved one that the judge also compares (see Checker._neighbours).
NEIGHBOURS = 3
# Context passages per sentence at most: each costs a rule comparison (a figure-dense draft against
# figure-dense positions took 13.2 s of judging uncapped, bench/worst_case.py).
MAX_CONTEXT = 4

# -- the report's summaries -------------------------------------------------------------------------
# Cosine bars for the default model. The judge may look at passages down to its own (lower,
# calibrated) floor; the summaries list only passages on the same topic.
TOPIC_SIMILARITY = 0.87  # random IndoNLI pairs reach 0.87 at the 99th percentile
# A vision text states a goal, not a fact, so "advances a mission" is topical closeness without a
# conflict, not entailment (the classifier calls "we support X" neutral against "strengthen X").
VISION_SIMILARITY = 0.91

# -- score and verdict ------------------------------------------------------------------------------
# A sentence's weight in the score, by its relation (the score is length-weighted).
RELATION_WEIGHT = {Relation.SUPPORTS: 1.0, Relation.UNSUPPORTED: 0.7, Relation.CONFLICTS: 0.0}
# "aligned" is assurance: it needs evidence for most of the draft, not just the absence of a clash
# (a draft the corpus says nothing about scored 70-100 and came back "aligned").
ALIGNED_MIN_BACKED = 0.5
ALIGNED_MIN_SCORE = 80
# A conflicting draft never looks better than "needs review".
CONFLICT_MAX_SCORE = 49
