"""The antonym lexicon: pairs of opposite words ("naik/turun", "approve/reject"), read from
``vocab/antonyms.json`` with their affixed and inflected forms, and the idioms where a lexicon
word does not carry its antonymous sense."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

_F = re.IGNORECASE
_VOCAB_DIR = Path(__file__).parent.parent / "vocab"
_VOCAB = json.loads((_VOCAB_DIR / "antonyms.json").read_text(encoding="utf-8"))
# Pairs generated from the LibreOffice Indonesian thesaurus (training/antonym_lexicon.py; LGPL-2.1).
_THESAURUS = json.loads((_VOCAB_DIR / "antonyms_thesaurus.json").read_text(encoding="utf-8"))


def _nasal(base: str, root: str) -> str:
    """Indonesian meN-/peN- nasal assimilation: me+tutup -> menutup, pe+kurang -> pengurang."""
    c = root[0]
    if c in "aiueo":
        return base + "ng" + root
    if c in "bfv":
        return base + "m" + root
    if c == "p":
        return base + "m" + root[1:]
    if c == "t":
        return base + "n" + root[1:]
    if c in "dcjz":
        return base + "n" + root
    if c == "s":
        return base + "ny" + root[1:]
    if c == "k":
        return base + "ng" + root[1:]
    if c in "gh":
        return base + "ng" + root
    return base + root


def _id_forms(root: str, templates: str) -> set[str]:
    """Generate affixed forms of an Indonesian root from template codes."""
    out: set[str] = set()
    for t in templates.split():
        if t == "0":
            out.add(root)
        elif t == "meN":
            out.add(_nasal("me", root))
        elif t == "meN-kan":
            out.add(_nasal("me", root) + "kan")
        elif t == "meN-i":
            out.add(_nasal("me", root) + "i")
        elif t == "di":
            out.add("di" + root)
        elif t == "di-kan":
            out.add("di" + root + "kan")
        elif t == "di-i":
            out.add("di" + root + "i")
        elif t == "peN-an":
            out.add(_nasal("pe", root) + "an")
        elif t == "per-an":
            out.add("per" + root + "an")
        elif t == "ke-an":
            out.add("ke" + root + "an")
        elif t == "ber":
            out.add("ber" + root)
        elif t == "ter":
            out.add("ter" + root)
        elif t == "-an":
            out.add(root + "an")
        elif t == "memper":
            out.update({"memper" + root, "diper" + root})
        elif t == "memper-kan":
            out.update({"memper" + root + "kan", "diper" + root + "kan"})
        else:  # pragma: no cover - programming error
            raise ValueError(t)
    return out


def _en_forms(*verbs: str) -> set[str]:
    """Regular English inflections (verbs/nouns); irregular forms are listed explicitly."""
    out: set[str] = set()
    for v in verbs:
        out.add(v)
        if v.endswith("e"):
            out.update({v + "s", v + "d", v[:-1] + "ing"})
        elif v.endswith("y") and v[-2] not in "aeiou":
            out.update({v[:-1] + "ies", v[:-1] + "ied", v + "ing"})
        else:
            out.update({v + "s", v + "ed", v + "ing", v + "es"})
    return out


# Each entry: (name, side A forms, side B forms).  Indonesian sides are generated from
# roots with the affix templates that keep the antonymous sense (e.g. bare "tingkat" is
# the noun "level", so only meningkat/meningkatkan/peningkatan count; "keturunan" is
# "descendant", so turun has no ke-an form).
_ANTONYM_PAIRS: list[tuple[str, frozenset[str], frozenset[str]]] = []


def _pair(name: str, a: Iterable[str], b: Iterable[str]) -> None:
    _ANTONYM_PAIRS.append((name, frozenset(a), frozenset(b)))


def _side_forms(side: dict) -> set[str]:
    """Every form one side of a lexicon entry lists: its Indonesian roots' affixed forms, its
    English words' inflections and its literal words."""
    forms: set[str] = set()
    for root, templates in side.get("id", {}).items():
        forms |= _id_forms(root, templates)
    return forms | _en_forms(*side.get("en", ())) | set(side.get("words", ()))


for _entry in _VOCAB["pairs"] + _THESAURUS["pairs"]:
    _pair(_entry["name"], _side_forms(_entry["a"]), _side_forms(_entry["b"]))
# Pairs whose poles exclude a middle ("complementary": true): not one is the other (free / charged,
# allowed / banned), so a negated word asserts the other pole. "tidak naik" is not "turun".
_COMPLEMENTARY = frozenset(i for i, e in enumerate(_VOCAB["pairs"]) if e.get("complementary"))
# Pairs whose two words say the same when the same party follows both ("same_party": true): "seluruhnya
# ditanggung pembeli" is "seluruhnya dibayar oleh pembeli"; "ditanggung pemerintah" / "dibayar orang tua" still clash.
_SAME_PARTY = frozenset(i for i, e in enumerate(_VOCAB["pairs"]) if e.get("same_party"))
_AGENT_MARKERS = frozenset({"oleh", "by"})


def party_after(tokens: tuple[tuple[str, int, int], ...], i: int) -> str:
    """The word naming who acts after the verb at ``i`` ("dibayar oleh pembeli" -> "pembeli"); "" at the end."""
    j = i + 1
    if j < len(tokens) and tokens[j][0] in _AGENT_MARKERS:
        j += 1
    return tokens[j][0] if j < len(tokens) else ""


def same_party(pair: int, a_tokens: tuple[tuple[str, int, int], ...], i: int,
               b_tokens: tuple[tuple[str, int, int], ...], j: int) -> bool:
    """For a ``same_party`` pair, whether the same party follows both words (then they do not clash)."""
    party = party_after(a_tokens, i)
    return pair in _SAME_PARTY and party != "" and party == party_after(b_tokens, j)

# Phrases where a lexicon word is idiomatic, not the antonymous sense.
_ANTONYM_IDIOMS = re.compile(r"\b(?:" + "|".join(_VOCAB["idioms"]) + r")\b", _F)

_FORM_TO_SIDES: dict[str, list[tuple[int, int]]] = {}
for _pi, (_name, _a, _b) in enumerate(_ANTONYM_PAIRS):
    for _side, _forms in ((0, _a), (1, _b)):
        for _f in _forms:
            _FORM_TO_SIDES.setdefault(_f, []).append((_pi, _side))
            _FORM_TO_SIDES.setdefault(_f + "nya", []).append((_pi, _side))
