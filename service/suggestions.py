"""Suggested corrections: the draft sentence rewritten with the reference's value, where the fix is mechanical.

A conflict about a figure, an amount, a date, a time or duration, a negation or an institution has one
obvious fix: say what the reference says. The sentence keeps its own words and format; only the clashing
fragment changes. Opposite verbs, names, scope and the classifier's judgements need a person (there is
no single right wording), so they get no suggestion, and neither does a sentence with any such conflict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.domain import Evidence, Message
from service.judge.signals import same_language
from service.messages import CONFLICT, NEGATION_BY_DRAFT, NEGATION_BY_REFERENCE

# Figures and durations are numbers (conflict.number); dates, times and periods conflict.date / .time.
FIGURES = {CONFLICT["number"], CONFLICT["date"], CONFLICT["time"]}
MECHANICAL = FIGURES | {CONFLICT["institution"], NEGATION_BY_DRAFT, NEGATION_BY_REFERENCE}

_FIGURE = re.compile(r"\d+(?:[.,:]\d+)*")
_WORD = re.compile(r"[^\W\d_]+")
# Words a negator goes before rather than after ("tidak akan menaikkan", not "akan tidak menaikkan").
_AUXILIARIES = {"akan", "telah", "sudah", "masih", "dapat", "bisa", "perlu", "sedang", "will", "would", "can"}


def suggest(sentence: str, messages: Sequence[Message], evidence: Sequence[Evidence]) -> str | None:
    """The sentence with every conflict fixed mechanically, or None when any fix needs judgement.

    ``messages`` are the finding's reasons (catalogue messages with the quoted ``draft`` and ``reference``
    fragments); ``evidence`` the passages they quote, which tell the reference's language.
    """
    if not messages or any(m.id not in MECHANICAL for m in messages):
        return None
    replacements: dict[str, str] = {}
    for message in messages:
        draft, reference = str(message.params.get("draft", "")), str(message.params.get("reference", ""))
        if not draft or not reference or draft not in sentence:
            return None
        fixed = _rewrite(message, draft, reference, _same_language(sentence, reference, evidence))
        if fixed is None or replacements.setdefault(draft, fixed) != fixed:
            return None  # no mechanical fix, or two references ask for different ones
    out = sentence
    for draft, fixed in replacements.items():
        out = out.replace(draft, _like(draft, fixed), 1)
    return out if out != sentence else None


def _rewrite(message: Message, draft: str, reference: str, same_language: bool) -> str | None:
    """The draft fragment saying what the reference fragment says, in the draft's words where possible."""
    if message.id in FIGURES and _words(draft) == _words(reference):
        return _with_figures(draft, _FIGURE.findall(reference))  # only the figures differ: keep the format
    if not same_language:
        return None  # the reference's wording in another language is a translation, not a mechanical fix
    if message.id == NEGATION_BY_DRAFT:
        return _without_negator(draft)
    if message.id == NEGATION_BY_REFERENCE:
        return _with_negator(draft, str(message.params.get("word", "")), reference.split()[0])
    return reference


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _with_figures(text: str, figures: list[str]) -> str | None:
    """``text`` with its figures replaced, in order, by ``figures`` (None when the counts differ)."""
    if len(figures) != len(_FIGURE.findall(text)) or not figures:
        return None
    replacing = iter(figures)
    return _FIGURE.sub(lambda _: next(replacing), text)


def _without_negator(fragment: str) -> str | None:
    """The draft's negated fragment asserted: its first word is the negator ("tidak menaikkan harga")."""
    head, _, rest = fragment.partition(" ")
    return rest if head and rest else None


def _with_negator(fragment: str, word: str, negator: str) -> str | None:
    """The draft's fragment negated as the reference negates it: the negator before the predicate
    (or before an auxiliary right in front of it)."""
    tokens = fragment.split(" ")
    at = next((i for i, t in enumerate(tokens) if word and t.strip(".,;:").casefold() == word.casefold()), None)
    if at is None:
        return None
    while at > 0 and tokens[at - 1].casefold() in _AUXILIARIES:
        at -= 1
    return " ".join([*tokens[:at], negator.casefold(), *tokens[at:]])


def _same_language(sentence: str, reference: str, evidence: Sequence[Evidence]) -> bool:
    # A fragment is too short to tell its language: judge by the passage it was quoted from.
    passage = next((ev.passage for ev in evidence if reference in ev.passage), reference)
    return same_language(sentence, passage)


def _like(original: str, fixed: str) -> str:
    """``fixed`` starting upper-case where ``original`` did (a fragment at the start of the sentence)."""
    if original[:1].isupper() and fixed[:1].islower():
        return fixed[:1].upper() + fixed[1:]
    return fixed
