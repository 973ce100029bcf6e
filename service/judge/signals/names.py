"""What a figure is named for: the places and names beside it ("di Sulawesi", "harga Pertamax"), and
whether the reference (or its position, the ``setting``) states them: a figure of another place, product
or body is no change of the reference's."""

from __future__ import annotations

import re

from service.judge.signals.analysis import _Analysis, _word_set
from service.judge.signals.dates import _MONTHS
from service.judge.signals.labels import _NOT_NAMES
from service.judge.signals.text import _initials, _with_renderings
from service.text.words import STOP, translations


# A name this many tokens or fewer from the figure qualifies it (0: only places after a place marker).
NAME_RADIUS = 3


# Words after which a capitalised word names a place, zone or region: a figure "di Sumatera" or "di
# Kalimantan" is that region's figure, not a change of the reference's figure for Jawa or Papua.
_PLACE_MARKERS = frozenset("di ke dari wilayah provinsi kabupaten kota pulau zona daerah kawasan region in".split())


# Words that attribute a statement: the name beside them is who said it ("kata BNPB", "BNPB said"), not
# the place or body a figure belongs to.
_SAID_BEFORE = frozenset("kata ujar tutur ungkap jelas menurut ucap said according".split())
_SAID_AFTER = frozenset("said says stated announced mengatakan menyatakan menjelaskan".split())


def _speaker(toks: tuple[tuple[str, int, int], ...], j: int) -> bool:
    """The capitalised word at ``j`` names who said the sentence ("…, kata BNPB." or "…, BNPB said.")."""
    return toks[j - 1][0] in _SAID_BEFORE or (j + 1 < len(toks) and toks[j + 1][0] in _SAID_AFTER)


def _places_near(a: _Analysis, lo: int, hi: int, radius: int = 6) -> frozenset[str]:
    """Places named after a place marker within ``radius`` tokens of tokens ``lo..hi`` (same sentence)."""
    toks = a.tokens
    return frozenset(toks[j][0] for j in range(max(1, lo - radius), min(len(toks), hi + radius + 1))
                     if a.sentence[j] == a.sentence[lo] and a.text[toks[j][1]].isupper()
                     and toks[j - 1][0] in _PLACE_MARKERS and toks[j][0].isalpha())  # "naik dari Rp128.500": no place


# The whole country names no other subject: "di seluruh Indonesia" is where any national programme is.
# "Pemerintah pusat" is whoever governs; a capitalised "Pemerintah" names no other body.
_NATION = frozenset({"indonesia", "nusantara", "nasional", "national", "pemerintah", "government", "pusat"})


_DASHES = frozenset("–—-:")


def _opens_sentence(a: _Analysis, j: int) -> bool:
    """Token ``j`` is capitalised for opening its sentence, after a dateline's dash ("Banyuwangi – Sebanyak 24
    tim …") or a previous sentence: no name."""
    return (j == 0 or a.sentence[j - 1] != a.sentence[j]
            or not _DASHES.isdisjoint(a.text[a.tokens[j - 1][2]:a.tokens[j][1]]))


def _places_stated(ref: _Analysis, dra: _Analysis, lo: int, hi: int, radius: int = 6,
                   setting: frozenset[str] = frozenset()) -> bool:
    """Every place the draft names near its figure ("di Sulawesi", "Provinsi Maluku") stands in the reference
    or its ``setting`` (the words of its position's agency, title and other passages: "Pemerintah Kota
    Surabaya" said once in the first sentence), and so does every name right beside it ("harga Pertamax",
    "formasi PPPK"): the figure of another place, product or programme is no change of the reference's."""
    words = _word_set(ref) | setting
    toks = dra.tokens
    spelled: list[tuple[int, int]] | None = None  # read once, and only if a capitalised word needs it
    for j in range(max(1, lo - radius), min(len(toks), hi + radius + 1)):
        w, start, _ = toks[j]
        if (not dra.text[start].isupper() or w in words or w in _MONTHS or w in _NOT_NAMES or w in _NATION
                or lo <= j <= hi or _opens_sentence(dra, j)):
            continue
        if _speaker(toks, j) or not words.isdisjoint(translations(w)):
            continue  # who said it; an English word for one the reference writes ("Regency": "Kabupaten")
        if spelled is None:
            spelled = _spelled_out(dra.text, words)
        if any(a <= start < b for a, b in spelled):
            continue  # "People's Business Credit (KUR)" spells out the reference's "KUR"
        if len(w) >= 3 and dra.text[start:start + len(w)].isupper() and w in _initials(ref.text):
            continue  # an acronym the reference spells out ("PDB": "produk domestik bruto")
        near = min(abs(j - lo), abs(j - (hi - 1))) <= NAME_RADIUS
        if near or toks[j - 1][0] in _PLACE_MARKERS:
            return False
    return True


_SPELLED_OUT = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,6})\(([A-Z][A-Za-z]{1,9})\)")


def _spelled_out(text: str, ref_words: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Character spans of names written out before an acronym in brackets that the reference uses."""
    return [m.span(1) for m in _SPELLED_OUT.finditer(text) if m.group(2).lower() in ref_words]


def _names(a: _Analysis, lo: int, hi: int) -> set[str]:
    """Capitalised words in tokens ``lo..hi`` that name something (not sentence-initial, not a month or unit)."""
    toks = a.tokens
    return {toks[j][0] for j in range(max(1, lo), min(len(toks), hi))
            if a.text[toks[j][1]].isupper() and a.sentence[j - 1] == a.sentence[j] and toks[j][0].isalpha()
            and toks[j][0] not in _MONTHS and toks[j][0] not in _NOT_NAMES
            and not (len(toks[j][0]) > 1 and toks[j][0] in STOP)}  # "Jakarta – The …": "The" names nothing


def _named_for_another(ref: _Analysis, dra: _Analysis, r_lo: int, r_hi: int, d_lo: int,
                       setting: frozenset[str] = frozenset()) -> bool:
    """The reference's figure belongs to a name beside it ("Biosolar Rp6.800") that the draft never writes,
    while the draft's sentence names something the reference does not ("harga Pertamax ... Rp12.450"):
    the two figures are about different products, programmes or bodies."""
    r_names = _names(ref, r_lo - NAME_RADIUS, r_hi + NAME_RADIUS)
    if not r_names or not r_names.isdisjoint(_word_set(dra)):
        return False
    if not r_names.isdisjoint(_with_renderings(dra.text)):
        return False  # the draft writes the name in English ("South Sumatra" for "Sumatera Selatan")
    sentence = [j for j, k in enumerate(dra.sentence) if k == dra.sentence[d_lo]]
    # An acronym the reference spells out ("KKP": "Kementerian Kelautan dan Perikanan") names nothing new.
    initials = _initials(ref.text)
    stated = _word_set(ref) | setting
    # An English name word whose rendering the reference writes ("Regency": "Kabupaten") is stated too.
    return any(len(w) < 3 or w not in initials for w in _names(dra, sentence[0], sentence[-1] + 1) - stated - _NATION
               if stated.isdisjoint(translations(w)))


def setting_words(setting: _Analysis, ref: _Analysis) -> frozenset[str]:
    """The words of a position's ``setting`` that may name a figure's place or body: all of them, unless the
    setting names more than one place the reference passage does not ("di Kalimantan Tengah, Sumatera Selatan,
    dan Papua Selatan"): then the passage's figure is the total of a list, and a draft's figure for one place of
    it is that place's share, not the reference's figure."""
    key = ("setting_words", ref.text)
    known = setting.memo.get(key)
    if known is None:
        known = setting.memo[key] = _setting_words(setting, ref)
    return known


def _setting_words(setting: _Analysis, ref: _Analysis) -> frozenset[str]:
    # Places are counted per list: two places named apart ("Dinas Perhubungan Provinsi Kalimantan Utara",
    # "berangkat dari Pelabuhan Tengkayu") are each a figure's setting, not a total over both.
    toks, text, words = setting.tokens, setting.text, _word_set(ref)
    places: set[str] = set()
    listing = False  # inside "di A B, C, dan D": a place after a marker, then more joined by "," or "dan"
    for j in range(1, len(toks)):
        w, start, _ = toks[j]
        if not text[start].isupper():
            listing = listing and w in _LIST_JOINS
            if not listing:
                places = set()  # the list ended: the next marker opens another
            continue
        gap = text[toks[j - 1][2]:start]
        joined = listing and (gap.strip() == "," or toks[j - 1][0] in _LIST_JOINS)
        if toks[j - 1][0] in _PLACE_MARKERS or joined:
            listing = True
            # "Provinsi" in "di Provinsi Papua Pegunungan" says what the next word names: one place, not two.
            if w not in words and w not in _PLACE_MARKERS:
                places.add(w)
                if len(places) > 1:
                    return frozenset()
    return _word_set(setting)


_LIST_JOINS = frozenset({"dan", "serta", "and"})
