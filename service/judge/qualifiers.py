"""Which region, product or programme a figure is for, read from the names around it: a figure another position
states backs the draft's only when that position is about what the draft names."""

from __future__ import annotations

import re

from service.domain import Candidate
from service.judge.periods import years
from service.judge.signals.analysis import _analyse
from service.judge.signals.dates import _MONTHS
from service.judge.signals.labels import _NOT_NAMES, _labels_agree, _labels_near
from service.text.words import content_words

# A capitalised word inside a sentence: not its first word, nor one after a dateline's dash ("Jakarta – Target …").
_NAME_RE = re.compile(r"(?<=[\w,)] )[A-Z][a-z]{2,}\b")
# Capitalised words that name no region or product: months, weekdays, zones, units.
_NOT_QUALIFIERS = frozenset(_MONTHS) | _NOT_NAMES


def _names(sentence: str) -> set[str]:
    return {m.group() for m in _NAME_RE.finditer(sentence) if m.group().lower() not in _NOT_QUALIFIERS}


def has_names(sentence: str) -> bool:
    """The sentence names a region, product or programme (a capitalised word after its first, not a month or
    unit): what it says is about that, not about what the draft's earlier sentences named."""
    return bool(_names(sentence))


def other_names(sentence: str, related: list[Candidate], clashing: int, backing: int) -> bool:
    """The sentence names something (a capitalised word after its first: "Maluku", "Papua") that the clashing
    passage's position states and the backing passage's position nowhere does, and nothing only the backing
    position names (passages among ``related`` read for each position): the backing figure is for
    another region or product ("Rp30.000" for "wilayah I, yaitu Jawa, Bali …" does not back a draft giving it
    for "Maluku, Maluku Utara, dan Papua" against that region's "Rp36.500")."""
    names = _names(sentence)
    if not names:
        return False
    own, other = related[clashing].ref.position_id, related[backing].ref.position_id
    if not own or not other or own == other:
        return False
    # Who speaks is no qualifier: "Badan Pangan Nasional" sets both regions' prices.
    names -= set(f"{related[clashing].ref.agency or ''} {related[backing].ref.agency or ''}".split())
    own_text = " ".join(c.passage for c in related if c.ref.position_id == own)
    other_text = " ".join(c.passage for c in related if c.ref.position_id == other)
    own_only = [n for n in names if re.search(rf"\b{n}\b", own_text) and not re.search(rf"\b{n}\b", other_text)]
    other_only = [n for n in names if re.search(rf"\b{n}\b", other_text) and not re.search(rf"\b{n}\b", own_text)]
    # A sentence naming both positions' regions ("Riau … 120 hari, sementara Kalimantan Barat …") gives each its
    # own figure: the backing position's region is named too.
    return bool(own_only) and not other_only


def other_subject(sentence: str, before: str, clashing: Candidate, backing: Candidate) -> bool:
    """The two passages' positions are titled alike (two words and half the shorter title shared) but for a word each
    ("Fortifikasi wajib garam beryodium" / "… tepung terigu"), and the sentence, or when it has neither word the
    draft's earlier sentences (``before``), names the clashing position's word and not the backing one's: the
    backing figure is for the other product."""
    own, other = title_words(clashing.ref.title), title_words(backing.ref.title)
    shared = len(own & other)
    if shared < 2 or 2 * shared < min(len(own), len(other)) or clashing.ref.position_id == backing.ref.position_id:
        return False  # not titled alike (one word such as "Kota" is no likeness): a position of another kind
    own_only, other_only = own - other, other - own
    said = content_words(sentence)
    if said.isdisjoint(own_only | other_only):
        said = content_words(before)
    return not said.isdisjoint(own_only) and said.isdisjoint(other_only)


def title_words(title: str | None) -> frozenset[str]:
    """A position title's content words, its years left out: what two twin positions' titles are compared by."""
    return frozenset(content_words(title or ""))


def text_labels(text: str) -> dict[str, frozenset[str]]:
    """Every numbered label a text names ("wilayah III", "kelas 1", "tahap II"), by label word."""
    a = _analyse(text)
    found = a.memo.get("labels_all")
    if found is None:  # asked for each candidate a sentence is judged against: read once per text
        found = a.memo["labels_all"] = (_labels_near(a, 0, len(a.tokens) - 1, radius=len(a.tokens), same=False)
                                        if a.tokens else {})
    return found


def another_twin(sentence: str, named: str, candidate: Candidate) -> bool:
    """The passage is for another year than the sentence (or, when it names none, every year the draft named
    before it: ``named``), or for another numbered label ("wilayah I" for a sentence about "wilayah III"): the
    twin position of another year or region, which neither backs the sentence nor explains its figure."""
    said = years(sentence) or years(named)
    # The passage's own years and its position's title ("Peremajaan kopi rakyat 2027"), not the years its other
    # passages name: a deadline ("paling lambat 31 Desember 2027") dates no programme.
    when = years(candidate.passage) | years(candidate.ref.title or "")
    if said and when and said.isdisjoint(when):
        return True
    mine = text_labels(sentence)
    return bool(mine) and not _labels_agree(mine, text_labels(f"{candidate.ref.title or ''}. {candidate.passage}"))

