"""Decide, for each draft sentence, whether the reference corpus supports it, conflicts with it, or is silent.

The judge is replaceable: the checker hands it every sentence with its retrieved
candidate passages and gets back one :class:`Judgement` per sentence. Rules:

1. Candidates below ``related_threshold`` cosine are not about the same thing;
   a sentence with none is ``unsupported``.
2. Among candidates close enough to clash (``clash_threshold`` and within
   ``clash_margin`` of the best one: a clash with a passage on a neighbouring
   topic is noise, measured on IndoNLI random pairs whose cosine reaches 0.87),
   precise signals (numbers, dates, negation, antonyms, entity swaps;
   :mod:`service.judge.signals`) find contradictions, each with its reason, when at least
   ``rule_min_coverage`` of the sentence's content words occur in the passage: two news
   sentences with different amounts or dates are no contradiction unless they say the same
   thing otherwise (on IndoNLI val a bar of 0.3 drops no clash; on IndoSum drafts checked
   against other articles it removed 9 of 14 false alarms).
3. When the trained pair classifier (:mod:`service.judge.nli`) is installed, it scores
   the sentence against its best ``nli_candidates`` related passages within
   ``clash_margin`` of the best (one batched call per draft: it is the costly part of
   judging). A pair in one language sharing fewer than ``nli_min_shared_words`` content
   words counts as neutral without running the model (half the pairs of real news drafts;
   :func:`score_pairs`). A candidate at or above ``nli_clash_threshold`` cosine (and within
   ``clash_margin`` of the best) with P(contradiction) ≥ ``contradiction_threshold`` is a
   conflict. A number or date clash stands unless the classifier is sure the two are about
   different things (P(neutral) ≥ ``rule_veto_neutral``): "Kamis (7/12)" against "Jumat (3/11)"
   is no contradiction when the sentences report different events (see ``VETOABLE``). Either kind of conflict
   also needs ``conflict_min_shared_words`` content words in common (a clash is about a
   shared subject; dateline boilerplate alone lifts unrelated news sentences to 0.89 cosine).
4. Otherwise a candidate supports the sentence when the classifier gives
   P(entailment) ≥ ``entailment_threshold``, or its cosine is at least
   ``support_threshold`` and P(entailment) ≥ ``high_similarity_entailment`` — never on cosine
   alone (unrelated government sentences reach 0.91–0.93). A near-verbatim restatement (cosine ≥
   ``paraphrase_threshold``) supports unless something above found a conflict: the classifier,
   trained on IndoNLI, calls a draft that restates a position with one detail more or less
   "neutral", while the product asks whether the reference backs it. On IndoNLI val, pairs at
   ≥ 0.97 are 69 % entailments; on the held-out slice the rule costs one pair in 1,017. Every
   kind of support also needs each figure, date and clock time of the sentence to stand in the passage
   (:func:`~service.judge.signals.stated.facts_stated`), and context passages (a retrieved position's
   neighbours, see ``Selaras._neighbours``) only ever take part in rule clashes.
5. Figures are reconciled across the corpus (``reconcile``): a number or date clash falls when
   another related passage at least as close states the draft's value, a number clash when the
   two texts name different years. Statements of other agencies never outrank an official
   position that entails or restates the sentence. Each conflict carries typed ``kinds``.

All of this is measured on the project's press-statement development set
(``python -m bench.press_eval``) as well as on IndoNLI.

Every threshold and switch named above is a field of :class:`~service.judge.policy.JudgePolicy`
(where each value is explained). Judging a sentence has two parts: :meth:`Judge.prepare` works out
what no decision threshold changes (related candidates, rule clashes, classifier scores, coverage),
and :func:`decide` applies the policy to it. Calibration (:mod:`training.calibrate`) calls the same
:func:`decide` on pairs prepared once, so its thresholds are chosen for exactly this rule. The
classifier thresholds are calibrated on a premise-disjoint held-out slice of IndoNLI train, never on
test data; with the classifier attached, calibration also lowers ``related_threshold``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from itertools import takewhile
from typing import Any, Protocol

from service.domain import Candidate, ConflictKind, PositionKind, Relation
from service.judge.institutions import institution_clashes, institutions_stated, without_slots
from service.judge.policy import INSTITUTION_MIN_COVERAGE, INSTITUTION_MIN_SHARED, VETOABLE, JudgePolicy
from service.judge.scope import counted_clashes, inclusion_clashes, scope_clashes, without_scope
from service.judge.signals import (
    Clash, cache_scope, draft_words_covered, find_clashes, modality_clashes, payer_clashes, polarity_clashes,
    same_language, shared_content_words,
)
from service.judge.qualifiers import another_twin, title_words
from service.judge.periods import draft_periods, draft_years
from service.judge.signals.analysis import roots_covered
from service.judge.signals.stated import facts_stated, one_of_a_list
from service.judge.signals.text import title_names
from service.text.words import content_roots, content_words, roots
from service.judge.bars import contradiction_bar
from service.judge.clause_clashes import CLAUSE_RULE, clause_clashes
from service.judge.reconcile import reconciled
from service.messages import (
    CLASSIFIER_CONFLICT, CLASSIFIER_SUSPECTS, SUPPORT_CLASSIFIER, SUPPORT_RESTATES, SUPPORT_SAME, UNSUPPORTED_NONE,
    UNSUPPORTED_RELATED, Reason, message_of, reason,
)

# The score given, without running the model, to a pair that shares too few words to be about one thing.
NEUTRAL = (0.0, 1.0, 0.0)


@dataclass
class Judgement:
    """The judge's answer for one sentence; ``evidence`` is ordered most relevant first."""

    relation: Relation
    reasons: list[str] = field(default_factory=list)
    evidence: list[Candidate] = field(default_factory=list)
    kinds: list[ConflictKind] = field(default_factory=list)  # of a conflict


class DeadlineExceeded(RuntimeError):
    """A check ran past its time budget; the caller answers 503 instead of holding a worker."""


class PairClassifier(Protocol):
    """Scores (reference, draft) pairs; rows are P(entailment), P(neutral), P(contradiction)."""

    def predict(self, pairs: list[tuple[str, str]], scope: str = "") -> list[tuple[float, float, float]]: ...


@dataclass
class Prepared:
    """One sentence as :func:`decide` sees it: what the decision thresholds do not change.

    ``related`` holds the candidates at or above the preparing policy's ``related_threshold``;
    ``rule_clashes[i]`` and ``probs[i]`` belong to ``related[i]`` (``probs`` is a prefix: the
    candidates the classifier scored). The rule clashes depend on ``clash_threshold``,
    ``clash_margin``, ``rule_min_coverage`` and ``scope_min_coverage``, the scores on ``nli_candidates`` and
    ``nli_min_shared_words`` (:data:`PREPARED_BY`): a policy that differs from the preparing one
    there needs the sentence prepared again.
    """

    sentence: str
    related: list[Candidate]
    rule_clashes: list[list[Clash]]
    probs: list[tuple[float, float, float]]
    cover: _Coverage
    period: str = ""  # the years the draft's earlier sentences named, when this one names none
    named: str = ""  # every year the draft's earlier sentences named
    before: str = ""  # the draft's earlier sentences (the place or product a sentence that names none is about)


_BEFORE = 3  # how many earlier sentences of a draft may say what a sentence naming no place is about

# The policy fields that :meth:`Judge.prepare` reads (besides related_threshold, see decide()).
PREPARED_BY = ("clash_threshold", "clash_margin", "lexical_clash_coverage", "rule_min_coverage", "clause_min_coverage",
               "scope_min_coverage", "modality_min_coverage", "crosslingual_drop", "crosslingual_coverage_drop",
               "nli_candidates", "nli_min_shared_words")


@dataclass(init=False)
class Judge:
    """Combines retrieval similarity, precise clash signals and an optional classifier, by ``policy``."""

    classifier: PairClassifier | None
    name: str
    policy: JudgePolicy

    def __init__(self, classifier: PairClassifier | None = None, name: str = "rules-v1",
                 policy: JudgePolicy | None = None, **thresholds: Any) -> None:
        """``thresholds``: :class:`JudgePolicy` fields replacing those of ``policy`` (default: the defaults),
        so ``Judge(rule_min_coverage=0.0)`` and ``dataclasses.replace(judge, rule_veto_neutral=0.8)`` work."""
        self.classifier = classifier
        self.name = name
        self.policy = replace(policy or JudgePolicy(), **thresholds)

    def judge(self, sentences: list[str], candidates: list[list[Candidate]], scope: str = "",
              deadline: float | None = None, pairs: bool = False, year: int | None = None) -> list[Judgement]:
        """One judgement per sentence, given each sentence's candidates (best first).

        ``scope`` partitions the classifier's score cache (the agency); ``deadline`` is a
        ``time.monotonic()`` value past which :class:`DeadlineExceeded` is raised between sentences;
        ``pairs``: the sentences are unrelated pairs (IndoNLI, calibration), not one draft (see :meth:`prepare`);
        ``year``: the check date's, which "tahun ini" names.
        """
        with cache_scope(scope):
            return [decide(self.policy, p) for p in self.prepare(sentences, candidates, scope, deadline, pairs, year)]

    def prepare(self, sentences: list[str], candidates: list[list[Candidate]], scope: str = "",
                deadline: float | None = None, pairs: bool = False, year: int | None = None) -> list[Prepared]:
        """Related candidates, rule clashes and classifier scores per sentence (see :class:`Prepared`); with
        ``pairs`` no sentence reads the years of the ones before it (they are not one draft); ``year``: the
        check date's (see :func:`~service.judge.periods.draft_periods`)."""
        with cache_scope(scope):
            related = [[c for c in cands if c.similarity >= self.policy.related_threshold] for cands in candidates]
            covers = [_Coverage(s, rel) for s, rel in zip(sentences, related)]
            # Unrelated pairs read no years from the sentences before them.
            periods, named = (([""] * len(sentences),) * 2 if pairs
                              else (draft_periods(sentences, year), draft_years(sentences, year)))
            clashes = []
            for s, rel, cover, years_before in zip(sentences, related, covers, named):
                _check_deadline(deadline)
                clashes.append(_rule_clashes(self.policy, s, rel, cover, years_before))
            _check_deadline(deadline)
            probs = self._classify(sentences, related, clashes, scope)
            befores = [""] * len(sentences) if pairs else [" ".join(sentences[max(0, k - _BEFORE):k])
                                                          for k in range(len(sentences))]
            return [Prepared(*fields, probs.get(i, []), cover, period, years_before, before)
                    for i, (*fields, cover, period, years_before, before)
                    in enumerate(zip(sentences, related, clashes, covers, periods, named, befores))]

    def _classify(self, sentences: list[str], related: list[list[Candidate]],
                  clashes: list[list[list[Clash]]], scope: str = "") -> dict[int, list[tuple[float, float, float]]]:
        # One batched classifier call for the whole draft, only on pairs retrieval made plausible
        # (related), at most nli_candidates per sentence. Sentences with a rule clash are scored
        # too: the classifier may veto a clash between passages about different things.
        if self.classifier is None:
            return {}
        policy = self.policy
        # A prefix of each (best-first) list, so probs[k] belongs to related[k] in decide().
        # Context candidates (a retrieved position's other passages) are compared by the rules only.
        chosen = {i: list(takewhile(lambda c, top=rel[0].similarity: c.similarity >= top - policy.clash_margin
                                    and not c.ref.context, rel[: policy.nli_candidates]))
                  for i, rel in enumerate(related) if rel}
        pairs = [(c.passage, sentences[i]) for i, rel in chosen.items() for c in rel]
        if not pairs:
            return {}
        scores = iter(score_pairs(self.classifier, pairs, policy.nli_min_shared_words, scope))
        return {i: [next(scores) for _ in rel] for i, rel in chosen.items()}


def _clash_floor(related: list[Candidate], threshold: float, margin: float) -> float:
    return max(threshold, related[0].similarity - margin) if related else threshold


def _rule_clashes(policy: JudgePolicy, sentence: str, related: list[Candidate], cover: _Coverage,
                  named: str = "") -> list[list[Clash]]:
    # The floor hangs below the best passage of the draft's year: the twin position of another year ("selama 6
    # bulan" in the 2026 one) may be closest without being what the sentence is about (``named``: see Prepared).
    own = [c for c in related if not another_twin(sentence, named, c)]
    floor = _clash_floor(own or related, policy.clash_threshold, policy.clash_margin)
    settings = _settings(related)
    out = []
    for i, c in enumerate(related):
        setting = settings.get(c.ref.position_id, "")
        if policy.whole_position:
            whole = _position_clashes(policy, sentence, i, related, cover, setting)
            if whole is not None:
                out.append(whole)
                continue
        passage_covered = draft_words_covered(sentence, c.passage)  # the passage's words in the sentence
        either_way = policy.rule_coverage_either_way and passage_covered >= policy.rule_either_way_min
        # Modality and negation clashes name what they are about (the object or the negated verb must stand
        # in the other text), so a passage that shares less of the sentence still gets them.
        # Their objects are matched by roots, and so is this gate ("boleh mencicil" / "tidak boleh dicicil").
        modal = (max(cover(i), passage_covered) >= policy.modality_min_coverage
                 or roots_covered(sentence, c.passage) >= policy.modality_min_coverage)
        # Below the floor, a passage still gets the rules when it shares most of the sentence's words:
        # hybrid retrieval finds it by its wording although its dense cosine ranks it lower. A passage in
        # the other language sits lower on both counts (e5's cross-lingual cosines run a few hundredths
        # under same-language ones; the bilingual lexicon renders only part of the words).
        crossed = _crossed(policy, sentence, c.passage)
        drop = policy.crosslingual_drop if crossed else 0.0
        coverage_drop = policy.crosslingual_coverage_drop if crossed else 0.0
        if (c.similarity < floor - drop and cover(i) < policy.lexical_clash_coverage - coverage_drop
                and not either_way):
            # Institution clashes keep their own gate (a shared subject beside two named bodies).
            # Who pays names its payer and fee, and the position's other passages may name the subject.
            out.append((polarity_clashes(c.passage, sentence, setting) + inclusion_clashes(c.passage, sentence) if modal
                        else payer_clashes(c.passage, sentence, setting))
                       + _named_clashes(c.passage, sentence, by_share=False, subject=setting)
                       # A scope names no subject, but the sentence without it may be all about the position's.
                       + (_scope_only(c.passage, sentence, setting)
                          if _scope_cover(c, sentence) + coverage_drop >= policy.scope_min_coverage else []))
            continue
        # The same allowance for the share that opens the rules to a sentence in the other language.
        covered = cover(i) + coverage_drop
        if covered < policy.rule_min_coverage and not either_way and c.similarity >= floor - drop:
            kept = clause_clashes(policy, c.passage, sentence, setting, coverage_drop)
            if kept:
                out.append(kept + _named_clashes(c.passage, sentence))
                continue
        out.append(_clashes_with(c.passage, sentence, covered >= policy.rule_min_coverage or either_way,
                                 covered >= policy.scope_min_coverage or either_way
                                 or _scope_cover(c, sentence) + coverage_drop >= policy.scope_min_coverage,
                                 modal, setting))
    return out


SCOPE_SUBJECT_WORDS = 3  # content words a sentence keeps without its scope phrases to name its subject
SCOPE_TITLE_WORDS = 2  # of which the position's title's


def _scope_only(reference: str, sentence: str, setting: str) -> list[Clash]:
    return scope_clashes(reference, sentence, setting) or counted_clashes(reference, sentence)


def _scope_cover(c: Candidate, sentence: str) -> float:
    """The share of the sentence's words, its scope phrases left out, that the passage or its position's title
    states: "… larangan rotator dan sirene pada kendaraan pribadi, yang hanya berlaku di wilayah hukum Polda Metro
    Jaya" is about the ban the passage extends "di seluruh Indonesia", whatever places it names instead."""
    rest = without_scope(sentence)
    said = content_words(rest)
    if len(said) < SCOPE_SUBJECT_WORDS:
        return 0.0  # what is left names no subject ("Semua paket harus tuntas …" is all scope phrase)
    # ... and it must name the position's subject by its title: "anak usia 13 sampai 15 tahun" shares words with a
    # toy-safety passage, not its title's "SNI wajib mainan".
    title = title_words(c.ref.title)
    said_roots = content_roots(rest)
    if sum(not roots(w).isdisjoint(said_roots) for w in title) < min(SCOPE_TITLE_WORDS, len(title)):
        return 0.0
    return draft_words_covered(f"{c.ref.title or ''} {c.passage}", rest)


def _crossed(policy: JudgePolicy, sentence: str, passage: str) -> bool:
    """The passage is in the other language than the sentence and the policy makes allowances for that."""
    return bool(policy.crosslingual_drop) and not same_language(sentence, passage)


def _settings(related: list[Candidate]) -> dict[str, str]:
    """Per position among ``related``, what it says around any one passage: its agency, its title and its
    passages in the position's order (the places and names a figure of a passage belongs to are often said
    once, in the position's first sentence). One text per position, so its analysis is cached once."""
    passages: dict[str, set[tuple[int, str]]] = {}
    heads: dict[str, list[str]] = {}
    for c in related:
        if c.ref.position_id:
            passages.setdefault(c.ref.position_id, set()).add((c.ref.start or 0, c.passage))
            heads.setdefault(c.ref.position_id, [c.ref.agency, c.ref.title])
    return {pid: " ".join([*heads[pid], *(p for _, p in sorted(found))]) for pid, found in passages.items()}


def _clashes_with(reference: str, sentence: str, covered: bool, scope_covered: bool,
                  modal: bool = False, setting: str = "") -> list[Clash]:
    """The rule clashes of ``sentence`` against ``reference``: all of them when the two say largely the same
    (``covered``; the scope cues, which name no subject, only when they say more of the same:
    ``scope_covered``), the modality clashes alone when they share less (``modal``), else who pays (it names its
    payer and fee), institution clashes
    also when they only share a subject (INSTITUTION_MIN_SHARED). ``setting``: see :func:`_settings`."""
    if covered:
        clashes = find_clashes(reference, sentence, setting)
    else:
        clashes = ((modality_clashes(reference, sentence) if modal else [])
                   or payer_clashes(reference, sentence, setting))
    if covered and scope_covered:
        clashes += _scope_only(reference, sentence, setting)
    else:
        if modal:  # a group left out and taken in: the group names the subject, as a modality's object does
            clashes += inclusion_clashes(reference, sentence)
        if shared_content_words(reference, sentence) >= 2:
            clashes += counted_clashes(reference, sentence)  # the region counted names the subject
    return clashes + _named_clashes(reference, sentence, subject=setting)


def _named_clashes(reference: str, sentence: str, by_share: bool = True, subject: str = "") -> list[Clash]:
    """Institution clashes, when the two share a subject besides the slots themselves: "dikelola oleh Badan
    Pengelola ..." shares "dikelola", "pengelola" with any other fund's manager. A passage retrieved below the
    clash floor needs shared words, not a share (``by_share`` False): a short sentence's one word is half of it.
    Those words may stand anywhere in the passage's position (``subject``, see :func:`_settings`): "Izin
    diterbitkan oleh ..." shares only "izin" with a sentence whose licence periods the position's first sentence
    gives. (The slots are found first: most pairs have none, and the gate's word counts are not free.)"""
    named = institution_clashes(reference, sentence)
    if named:
        ref_core, sentence_core = without_slots(reference), without_slots(sentence)
        if ((by_share and draft_words_covered(ref_core, sentence_core) >= INSTITUTION_MIN_COVERAGE)
                or shared_content_words(without_slots(subject) if subject else ref_core,
                                        sentence_core) >= INSTITUTION_MIN_SHARED):
            return named
    return []


def _position_clashes(policy: JudgePolicy, sentence: str, i: int, related: list[Candidate],
                      cover: _Coverage, setting: str = "") -> list[Clash] | None:
    """Rule clashes of a passage read with the passage of its position that shares most of the sentence's
    words: the sentence's subject is often in the position's first sentence and the figure it changes in
    the second ("… rehabilitasi hutan dan lahan seluas 75.000 hektare …" / "… total anggaran program
    mencapai Rp1,8 triliun"), so the two are compared as one text. None when no passage of the position
    covers more of the sentence (the passage is compared alone); a clash the lead passage shows by
    itself is the lead's, not repeated."""
    c = related[i]
    j = _lead(i, related, cover)
    if j is None:
        return None
    lead = related[j].passage
    whole = f"{lead} {c.passage}"
    covered = draft_words_covered(whole, sentence)
    clashes = _clashes_with(whole, sentence, covered >= policy.rule_min_coverage, covered >= policy.scope_min_coverage,
                            setting=setting)
    if covered < policy.rule_min_coverage:
        clashes += clause_clashes(policy, whole, sentence, setting)
    return [k for k in clashes if k.reference not in lead]


def _lead(i: int, related: list[Candidate], cover: _Coverage) -> int | None:
    """The passage of ``related[i]``'s position that covers most of the sentence's words, if it covers more
    than ``related[i]`` does (the sentence's subject, read with the passage's figures)."""
    pid = related[i].ref.position_id
    leads = [j for j, o in enumerate(related) if j != i and pid and o.ref.position_id == pid and cover(j) > cover(i)]
    return max(leads, key=cover) if leads else None


def decide(policy: JudgePolicy, prepared: Prepared) -> Judgement:
    """The judgement of one prepared sentence under ``policy``: the judge's one decision rule.

    ``policy`` may raise ``related_threshold`` above the preparing one's: a sentence whose related
    candidates all fall below it is unsupported; one that keeps only some of them needs preparing
    again (the clash floor and the classifier's choice depend on the best candidate).
    """
    sentence, cover = prepared.sentence, prepared.cover
    related = [c for c in prepared.related if c.similarity >= policy.related_threshold]
    if not related:
        return Judgement(Relation.UNSUPPORTED, [reason(UNSUPPORTED_NONE)])
    if len(related) != len(prepared.related):
        raise ValueError("the policy drops some related candidates of a prepared sentence: prepare it again")
    rule_clashes, probs = prepared.rule_clashes, prepared.probs
    conflicts: list[tuple[Candidate, list[tuple[str, str]]]] = []  # (passage, [(reason, kind)])
    supports: list[tuple[Candidate, str]] = []
    suspected: list[tuple[Candidate, str]] = []  # the classifier alone sees a contradiction: for review
    firmly_backed = False  # an official passage entails or restates the sentence
    settings: dict[str, str] | None = None  # each position's words, read once a support needs them
    nli_floor = _clash_floor(related, policy.nli_clash_threshold, policy.clash_margin)
    for i, cand in enumerate(related):
        scored = i < len(probs)
        p_e, p_n, p_c = probs[i] if scored else (0.0, 0.0, 0.0)
        # A sentence in the other language shares fewer words by nature (the lexicon renders only part of
        # them): it needs less to keep its clash from the veto, as it does to reach the rules.
        coverage_drop = policy.crosslingual_coverage_drop if _crossed(policy, sentence, cand.passage) else 0.0
        # A sentence naming what its position's title names ("Tol Bakauheni–Terbanggi Besar") is about it.
        vetoed = (scored and p_n >= policy.rule_veto_neutral and rule_clashes[i]
                  and max(cover(i), draft_words_covered(f"{title_names(cand.ref.title)} {cand.passage}", sentence))
                  < policy.veto_max_coverage - coverage_drop
                  and draft_words_covered(sentence, cand.passage) < policy.rule_either_way_min)
        # A scope's own places are not counted against the sentence's subject (see _scope_cover).
        scope_vetoed = vetoed and _scope_cover(cand, sentence) < policy.veto_max_coverage - coverage_drop
        kept = [c for c in rule_clashes[i] if not ((scope_vetoed if c.kind == "scope" else vetoed)
                                                   and c.kind in VETOABLE and not c.rule.endswith(CLAUSE_RULE))]
        reasons = [(c.reason, clash_kind(c)) for c in kept
                   if not (policy.reconcile and reconciled(c, i, cand, sentence, related, cover, prepared.period,
                                                            prepared.named, prepared.before))]
        # A figure the rules saw differ and the corpus explains (another period, or stated by a passage
        # as close) is the difference the classifier sees too: it must not raise it again.
        explained = len(reasons) < len(kept)
        if (not reasons and not explained and scored and cand.similarity >= nli_floor
                and p_c >= policy.contradiction_threshold
                and p_c >= contradiction_bar(policy, sentence, cand.passage, cover(i))):
            if p_c < policy.classifier_alone_conflict:
                suspected.append((cand, reason(CLASSIFIER_SUSPECTS, reference=_short(cand.passage), p=round(p_c, 2))))
                continue  # no fact the rules read differs: the officer checks it, the service does not assert it
            reasons.append((reason(CLASSIFIER_CONFLICT, reference=_short(cand.passage), p=round(p_c, 2)),
                            ConflictKind.CLASSIFIER))
        if reasons and _shared_subject(policy, i, related, cover, reasons) >= policy.conflict_min_shared_words:
            conflicts.append((cand, reasons))
            continue
        if cand.ref.context:
            continue  # a neighbouring passage may show a clash; backing needs a retrieved one
        title = cand.ref.title or cand.ref.position_id or _short(cand.passage, 60)
        high = cand.similarity >= policy.support_threshold
        if not facts_stated(cand.passage, sentence):
            continue  # a figure, date or time the passage never states is not backed by it, whatever the model says
        if another_twin(sentence, prepared.named, cand):
            continue  # nor by the position of another year or region ("Rp20 juta" is 2027's, the draft speaks of 2026)
        settings = _settings(related) if settings is None else settings
        if not institutions_stated(cand.passage + " " + settings.get(cand.ref.position_id or "", ""), sentence):
            continue  # nor a body its position never names ("diterbitkan oleh kantor kecamatan")
        if scored and p_e >= policy.entailment_threshold:
            supports.append((cand, reason(SUPPORT_CLASSIFIER, title=title, p=round(p_e, 2),
                                          similarity=round(cand.similarity, 2))))
            firmly_backed |= not _is_statement(cand)
        elif cand.similarity >= policy.paraphrase_threshold and cover(i) >= policy.paraphrase_min_coverage:
            supports.append((cand, reason(SUPPORT_RESTATES, title=title, similarity=round(cand.similarity, 2))))
            firmly_backed |= not _is_statement(cand)
        elif high and scored and p_e >= policy.high_similarity_entailment and not one_of_a_list(cand.passage, sentence):
            # Never cosine alone: unrelated government sentences reach 0.91-0.93 with each other.
            supports.append((cand, reason(SUPPORT_SAME, title=title, similarity=round(cand.similarity, 2))))
    # Another agency's statement never outranks an official position: where a position or
    # vision text entails or restates the sentence, a clash with a statement says the statement
    # is wrong, not the draft (a submitter must not flip other agencies' verdicts). Mere topical
    # closeness to a position is not enough: it would hide true clashes with statements.
    if firmly_backed:
        conflicts = [(c, rs) for c, rs in conflicts if not _is_statement(c)]
    if conflicts:
        # A reason a person can check (a figure, a negation, a body) leads; the classifier's comes after.
        conflicts.sort(key=lambda conflict: all(k is ConflictKind.CLASSIFIER for _, k in conflict[1]))
        reasons = [_statement_note(r, c) for c, rs in conflicts for r, _ in rs]
        kinds = [k for _, rs in conflicts for _, k in rs]
        evidence = [c for c, _ in conflicts] + [c for c, _ in supports]
        return Judgement(Relation.CONFLICTS, _unique(reasons), evidence, _unique(kinds))
    if suspected:
        # Not backed either: a passage the classifier reads as contradicting it outweighs one that backs it.
        return Judgement(Relation.UNSUPPORTED, _unique([r for _, r in suspected]),
                         [c for c, _ in suspected] + [c for c in related if all(c is not s for s, _ in suspected)])
    if supports:
        return Judgement(Relation.SUPPORTS, [supports[0][1]], [c for c, _ in supports])
    # The passages sharing most of the sentence's words come first: the position it is about, which a
    # reviewer needs to see, is sometimes not the closest by cosine.
    on_subject = [c for i, c in enumerate(related) if cover(i) >= policy.lexical_clash_coverage]
    return Judgement(
        Relation.UNSUPPORTED,
        [reason(UNSUPPORTED_RELATED, similarity=round(related[0].similarity, 2))],
        on_subject + [c for c in related if c not in on_subject],
    )


def _shared_subject(policy: JudgePolicy, i: int, related: list[Candidate], cover: _Coverage,
                    reasons: list[tuple[str, ConflictKind]]) -> int:
    """Content words the sentence shares with ``related[i]``; for figure clashes read with its position's lead
    passage as the rules read them (``whole_position``): "mewajibkan label gizi … mulai 1 Januari 2027" shares
    its subject with the position's first sentence, and the date it changes stands in the second. (A negation
    or scope cue names no figure: it needs its own passage to share the subject.)"""
    passage = related[i].passage
    shared = shared_content_words(passage, cover.sentence)
    if shared >= policy.conflict_min_shared_words or not policy.whole_position or any(
            k not in _FIGURE_KINDS for _, k in reasons):
        return shared
    j = _lead(i, related, cover)
    return shared if j is None else shared_content_words(f"{related[j].passage} {passage}", cover.sentence)


_FIGURE_KINDS = frozenset({ConflictKind.NUMBER, ConflictKind.DATE, ConflictKind.TIME})


def score_pairs(classifier: PairClassifier, pairs: list[tuple[str, str]],
                min_shared_words: int, scope: str = "") -> list[tuple[float, float, float]]:
    """The classifier's (p_e, p_n, p_c) per (reference, draft) pair, as the judge uses them.

    A same-language pair with fewer than ``min_shared_words`` content words in common cannot be
    a conflict (see ``conflict_min_shared_words``) and is almost never an entailment (IndoNLI val:
    5 of 2,197 pairs): it gets :data:`NEUTRAL` without running the model. Cross-language pairs
    ("Fuel prices stay" against "Harga BBM tetap") share no words by nature and are scored.
    Calibration scores its pairs through here too, so its thresholds fit what the judge sees.
    """
    needed = list(dict.fromkeys(p for p in pairs if min_shared_words <= 0 or not same_language(*p)
                                or shared_content_words(*p) >= min_shared_words))
    scored = dict(zip(needed, classifier.predict(needed, scope))) if needed else {}
    return [scored.get(p, NEUTRAL) for p in pairs]


CONFLICT_KINDS: tuple[str, ...] = tuple(ConflictKind)


def clash_kind(clash: Clash) -> ConflictKind:
    """The typed kind of a rule clash: its signal family, with clock times apart from dates."""
    return ConflictKind.TIME if clash.rule == "date:time" else ConflictKind(clash.kind)


class _Coverage:
    """``draft_words_covered(related[i].passage, sentence)``, computed once per candidate when first asked.

    The rule gate, the classifier veto and figure reconciliation all weigh it; each call tokenises
    both texts, so it is worked out once per (sentence, candidate) and only for those that need it.
    """

    def __init__(self, sentence: str, related: list[Candidate]) -> None:
        self.sentence = sentence
        self.related = related
        self._known: dict[int, float] = {}

    def __call__(self, i: int) -> float:
        if i not in self._known:
            self._known[i] = draft_words_covered(self.related[i].passage, self.sentence)
        return self._known[i]


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded("judging ran past the check's time budget")


def _is_statement(candidate: Candidate) -> bool:
    return candidate.ref.kind == PositionKind.STATEMENT


def _statement_note(why: str, candidate: Candidate) -> str:
    """The reason, noting when the clashing reference is an agency's published statement, not an official position."""
    if not _is_statement(candidate):
        return why
    message = message_of(why)
    return Reason(message.model_copy(update={"params": {**message.params,
                                                         "statement_by": candidate.ref.agency or "-"}}))


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
