"""Precise, explainable conflict signals between a reference passage and a draft sentence.

Embedding similarity cannot tell a paraphrase from a contradiction: a changed number or an
inserted "tidak" barely moves the vector.  This package finds those precise contradictions
with cheap, deterministic rules (no model) and explains each one in a sentence that quotes
both fragments.

Texts are mostly Bahasa Indonesia, sometimes English.  Everything is tuned for *precision*
(a false alarm costs reviewer trust); recall is secondary.  Precision was measured on
IndoNLI train/val with ``bench/signals_on_indonli.py``.

Public API: :func:`extract_quantities`, :func:`extract_dates`, :func:`find_clashes` and
the :class:`Quantity`, :class:`DateMention` and :class:`Clash` records.

Modules, lowest first (each imports only from those above it; words come from
:mod:`service.text.words`):

* ``records``: the :class:`Quantity`, :class:`DateMention`, :class:`TimeMention` and
  :class:`Clash` records;
* ``text``: text caches partitioned by :func:`cache_scope`, :func:`same_language`,
  :func:`shared_content_words`, :func:`draft_words_covered`;
* ``dates``, ``times``, ``numbers``, ``quantities``: mentions and whether two agree;
* ``negation``, ``antonyms``: vocabularies (``vocab/negation.json``, ``vocab/antonyms.json``);
* ``analysis``: the per-text analysis (cached) and its clause, window and coverage questions;
* ``labels``: the class, zone or rating a figure is for ("kelas 3", "900 VA");
* ``figure_clashes``, ``date_clashes``, ``time_clashes``, ``polarity_clashes``, ``persistence_clashes``,
  ``modality_clashes``, ``direction_clashes``, ``bound_clashes``, ``cost_clashes``, ``exceptions``,
  ``entity_clashes``: the clash finders, which
  :func:`find_clashes` below combines.
"""

from __future__ import annotations

from service.judge.signals.analysis import _analyse
from service.judge.signals.dates import _MAX_DATES, _dates_agree, _extract_dates_cached, extract_dates
from service.judge.signals.bound_clashes import bound_clashes as _bound_clashes
from service.judge.signals.cost_clashes import FEE_VERBS, payment_agrees
from service.judge.signals.cost_clashes import cost_clashes as _cost_clashes
from service.judge.signals.direction_clashes import direction_clashes as _direction_clashes
from service.judge.signals.entity_clashes import _abbreviates, _entity_clashes
from service.judge.signals.date_clashes import _date_clashes
from service.judge.signals.figure_clashes import _aligned_number_clashes, _number_clashes
from service.judge.signals.figure_owners import owner_clashes
from service.judge.signals.frequencies import frequency_clashes
from service.judge.signals.modality_clashes import _modality_agrees, _modality_clashes
from service.judge.signals.names import setting_words
from service.judge.signals.persistence_clashes import persistence_clashes as _persistence_clashes
from service.judge.signals.negation import _VOCAB as _NEGATION_VOCAB
from service.judge.signals.negation import POSTPONE
from service.judge.signals.exceptions import exception_restated
from service.judge.signals.polarity_clashes import _antonym_clashes, _negation_clashes
from service.judge.signals.quantities import (
    _MAX_QUANTITIES, _RAW_QUANTITY_LIMIT, _extract_quantities_cached, _quantities_agree, extract_quantities,
    figures_stated, has_figures, worded_figures_stated,
)
from service.judge.signals.records import Clash, ClashKind, DateMention, Quantity, TimeMention
from service.judge.signals.text import (
    _looks_english, cache_scope, draft_words_covered, same_language, scoped_cache, shared_content_words,
)
from service.judge.signals.time_clashes import _time_clashes
from service.judge.signals.times import _MAX_TIMES, _extract_times_cached, _times_agree, extract_times

__all__ = [
    "Quantity",
    "DateMention",
    "Clash",
    "extract_quantities",
    "extract_dates",
    "find_clashes",
    "modality_agrees",
    "modality_clashes",
    "polarity_clashes",
    "payer_clashes",
    "figures_stated",
    "has_figures",
    "worded_figures_stated",
    "states_negation",
]

# Also importable from here, as from the single module this package was: the records and
# helpers other modules use (ClashKind, TimeMention, extract_times, cache_scope, scoped_cache,
# same_language, shared_content_words, draft_words_covered) and the internals that tests and
# bench/signals_on_indonli.py reach (caches, caps, agreement tests).
_REEXPORTED = (
    ClashKind, TimeMention, extract_times, cache_scope, scoped_cache, same_language, shared_content_words,
    draft_words_covered, _looks_english, _extract_dates_cached, _extract_quantities_cached, _extract_times_cached,
    _abbreviates,
    _MAX_DATES, _MAX_QUANTITIES, _MAX_TIMES, _RAW_QUANTITY_LIMIT, _dates_agree, _quantities_agree, _times_agree,
)


_NEGATIVE_LEXICAL = frozenset(_NEGATION_VOCAB["negative_lexical"])


def states_negation(text: str, lexical: bool = False) -> bool:
    """The text negates something ("tidak dipungut biaya", "do not have to report", "tanpa membayar"), as
    the negation rules read it: "tidak hanya" (not only) and other fixed expressions do not count.
    ``lexical``: a word that says it without a negator counts too ("dibebaskan", "gratis", "ditanggung",
    "dikecualikan", "exempt"; ``negative_lexical`` in vocab/negation.json)."""
    a = _analyse(text)
    return bool(a.first_negator) or (lexical and not _NEGATIVE_LEXICAL.isdisjoint(w for w, _, _ in a.tokens))


def modality_clashes(reference: str, draft: str) -> list[Clash]:
    """The modality clashes alone (what one text requires, allows or keeps and the other does not): they
    name their object, so the judge also asks them of passages below its general bars."""
    return _modality_clashes(_analyse(reference), _analyse(draft))


def modality_agrees(reference: str, draft: str, cls: str) -> bool:
    """The reference states the draft's modality of class ``cls`` ("required", "permitted", …) about the same
    object: a passage that reconciles a modality clash with another passage of the corpus."""
    return _modality_agrees(_analyse(reference), _analyse(draft), cls)


def payer_clashes(reference: str, draft: str, setting: str = "") -> list[Clash]:
    """The clashes over who pays alone (``signals/cost_clashes.py``): they name their payer and fee, so the judge
    asks them of passages below its bars too, with the position's other passages (``setting``) read for the
    subject ("layanan penukaran uang" said in the position's first sentence)."""
    return _cost_clashes(_analyse(reference), _analyse(draft), _analyse(setting) if setting else None)


def polarity_clashes(reference: str, draft: str, setting: str = "") -> list[Clash]:
    """The negation clashes, or else the modality, persistence or cost clashes: all name the
    predicate or object they are about (the same verb negated on one side, "tidak dijual di loket" / "masih
    dapat dibeli di loket"; "tidak lagi melayani" / "tetap dapat membeli"), so the judge also asks them of
    passages below its general bars; there a predicate counts only as a verb. ``setting``: see :func:`payer_clashes`."""
    ref, dra = _analyse(reference), _analyse(draft)
    return (_negation_clashes(ref, dra, verbs_only=True) or _modality_clashes(ref, dra)
            or _persistence_clashes(ref, dra) or payer_clashes(reference, draft, setting))


def _on_a_fee(c: Clash) -> bool:
    """A negation clash whose negated or asserted word is a fee verb ("tidak dibebani" / "dibebankan")."""
    return c.rule.startswith("negation:") and not FEE_VERBS.isdisjoint(
        w.lower().strip('".,') for w in (c.draft + " " + c.reference).split())


def find_clashes(reference: str, draft: str, setting: str = "") -> list[Clash]:
    """Find precise contradictions between a reference passage and a draft sentence.

    Returns one :class:`Clash` per conflicting fragment, kinds "number", "date",
    "negation", "antonym" and "entity", each with a reason quoting both fragments.  An
    empty list means no *precise* contradiction was found, not that the texts agree.
    ``setting``: the rest of the reference's position (its agency, title, other passages); a
    place or name the draft gives a figure, date or time is the reference's own when it stands
    there ("Pemerintah Kota Surabaya" said once, in the position's first sentence).
    Analyses are cached per text, so one reference checked against many drafts is cheap.
    """
    ref, dra = _analyse(reference), _analyse(draft)
    context = _analyse(setting) if setting else None
    named = setting_words(context, ref) if context is not None else frozenset()
    clashes = (
        _number_clashes(ref, dra, named)
        + owner_clashes(ref, dra)
        + _date_clashes(ref, dra, named)
        + _time_clashes(ref, dra, named)
        + frequency_clashes(reference, draft)
        + _negation_clashes(ref, dra)
        + _antonym_clashes(ref, dra)
        + _entity_clashes(ref, dra)
    )
    if not any(c.kind == "antonym" for c in clashes):
        clashes += _direction_clashes(ref, dra)  # the same amount the other way, when no antonym pair said it
    if not any(c.kind == "antonym" for c in clashes):
        clashes += _bound_clashes(ref, dra)  # the same figure bounded the other way
    if any(c.kind == "antonym" for c in clashes):
        # "menunda" against "menuntaskan" is the thesaurus pair itself: the postponement needs no second reason.
        clashes = [c for c in clashes if not (c.kind == "negation" and c.draft.split()[0].lower() in POSTPONE)]
    if not any(c.kind in ("negation", "antonym") for c in clashes):
        # The modality cues and "tetap"/"masih" say in other words what a negation or an antonym already said:
        # one reason is enough.
        clashes += (_modality_clashes(ref, dra) or _persistence_clashes(ref, dra)
                    or _cost_clashes(ref, dra, context))
    clashes += _aligned_number_clashes(ref, dra, clashes)
    if (context is not None and any(c.rule == "negation:draft" for c in clashes)
            and exception_restated(context, ref, dra)):
        clashes = [c for c in clashes if c.rule != "negation:draft"]  # the position's own exception, restated
    if any(_on_a_fee(c) for c in clashes) and payment_agrees(ref, dra, context):
        clashes = [c for c in clashes if not _on_a_fee(c)]  # who pays is read whole by cost_clashes
    seen: set[tuple[str, str, str]] = set()
    out: list[Clash] = []
    for c in clashes:
        key = (c.kind, c.draft, c.reference)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out

