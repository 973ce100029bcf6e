"""English-Indonesian training pairs from controlled templates, without inventing translations.

Every piece of a sentence (who, what they do, to what, by how much, from when) is written in both
languages in ``vocab/crosslingual.json``; a sentence is assembled from the pieces, so its translation is
the same pieces in the other language. One sentence is the premise in one language and the hypothesis
is in the other:

* entailment: the translation itself ("x:translation");
* contradiction: the translation with the action's opposite ("raise" for "menurunkan"), the negation
  flipped ("will not"), another figure, another date, another period;
* neutral: the same actor doing the same to another thing ("x:other-object"), or the translation adding a
  date the premise does not give ("x:adds-time").

Seeded, and split by object: every fourth object of each class is kept for the diagnostic pairs, so
those measure sentences about things the classifier never saw in training.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

from training.synthetic import Pair

GENERATOR = "crosslingual-v1"
_VOCAB = json.loads((Path(__file__).parent / "vocab" / "crosslingual.json").read_text(encoding="utf-8"))
# Kinds and their share of the pairs.
MIX: dict[str, int] = {"x:translation": 30, "x:antonym": 14, "x:negation": 12, "x:figure": 8, "x:time": 8,
                       "x:period": 4, "x:other-object": 14, "x:adds-time": 10}


@dataclass(frozen=True)
class Fact:
    """One templated statement: indices into the vocabulary, rendered in either language."""

    subject: int
    cls: str  # amount, activity, place, period, proposal
    action: int  # which antonym pair of the class
    side: int  # 0 or 1: which pole of the pair
    obj: int
    extra: int | None  # a figure (amount) or a period (period); None for other classes
    time: int | None
    negated: bool

    def render(self, lang: int) -> str:
        """The statement in Indonesian (``lang`` 0) or English (1)."""
        v = _VOCAB
        subject = v["subjects"][self.subject][lang]
        verb = v["actions"][self.cls][self.action][self.side][lang]
        modal = (("tidak akan", "will not") if self.negated else ("akan", "will"))[lang]
        parts = [subject, modal, verb, v["objects"][self.cls][self.obj][lang]]
        if self.extra is not None:
            parts.append(v["figures" if self.cls == "amount" else "periods"][self.extra][lang])
        if self.time is not None:
            parts.append(v["times"][self.time][lang])
        return " ".join(parts) + "."


def _objects(cls: str, diagnostic: bool) -> list[int]:
    n = len(_VOCAB["objects"][cls])
    return [i for i in range(n) if (i % 4 == 3) == diagnostic]


def _random_fact(rng: random.Random, diagnostic: bool) -> Fact:
    cls = rng.choice(sorted(_VOCAB["actions"]))
    extra = None
    if cls == "amount":
        extra = rng.randrange(len(_VOCAB["figures"]))
    elif cls == "period":
        extra = rng.randrange(len(_VOCAB["periods"]))
    return Fact(rng.randrange(len(_VOCAB["subjects"])), cls, rng.randrange(len(_VOCAB["actions"][cls])),
                rng.randrange(2), rng.choice(_objects(cls, diagnostic)), extra,
                rng.randrange(len(_VOCAB["times"])), rng.random() < 0.2)


def _other(rng: random.Random, n: int, current: int) -> int:
    return rng.choice([i for i in range(n) if i != current])


def _same_kind_time(rng: random.Random, current: int) -> int | None:
    """Another date of the same form ("mulai ..." for "mulai ...", "pada tahun ..." for "pada tahun ...")."""
    times = _VOCAB["times"]
    head = times[current][0].split()[0]
    choices = [i for i, t in enumerate(times) if i != current and t[0].split()[0] == head
               and t[0].split()[-1] != "depan" and times[current][0].split()[-1] != "depan"]
    return rng.choice(choices) if choices else None


def _hypothesis(kind: str, fact: Fact, rng: random.Random, diagnostic: bool) -> tuple[Fact, Fact, str] | None:
    """(premise fact, hypothesis fact, label) for ``kind``, or None when the fact does not allow it."""
    if kind == "x:translation":
        return fact, fact, "e"
    if kind == "x:antonym":
        return (fact, replace(fact, side=1 - fact.side), "c") if not fact.negated else None
    if kind == "x:negation":
        return fact, replace(fact, negated=not fact.negated), "c"
    if kind == "x:figure":
        if fact.cls != "amount" or fact.negated:
            return None
        return fact, replace(fact, extra=_other(rng, len(_VOCAB["figures"]), fact.extra)), "c"
    if kind == "x:period":
        if fact.cls != "period" or fact.negated:
            return None
        return fact, replace(fact, extra=_other(rng, len(_VOCAB["periods"]), fact.extra)), "c"
    if kind == "x:time":
        other = _same_kind_time(rng, fact.time) if not fact.negated else None
        return (fact, replace(fact, time=other), "c") if other is not None else None
    if kind == "x:other-object":
        pool = [i for i in _objects(fact.cls, diagnostic) if i != fact.obj]
        return (fact, replace(fact, obj=rng.choice(pool)), "n") if pool else None
    if kind == "x:adds-time":
        return replace(fact, time=None), fact, "n"
    raise ValueError(kind)  # pragma: no cover - programming error


def generate(total: int, seed: int, diagnostic: bool = False) -> list[Pair]:
    """``total`` pairs (about), in the proportions of :data:`MIX`, no pair twice."""
    rng = random.Random(seed + (7 if diagnostic else 0))
    weight = sum(MIX.values())
    out: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for kind, share in MIX.items():
        want, tries = round(total * share / weight), 0
        made = 0
        while made < want and tries < want * 50:
            tries += 1
            got = _hypothesis(kind, _random_fact(rng, diagnostic), rng, diagnostic)
            if got is None:
                continue
            premise, hypothesis, label = got
            lang = rng.randrange(2)  # the premise's language; the hypothesis is in the other
            pair = (premise.render(lang), hypothesis.render(1 - lang))
            if pair in seen:
                continue
            seen.add(pair)
            out.append(Pair(pair[0], pair[1], label, kind))
            made += 1
    rng.shuffle(out)
    return out
