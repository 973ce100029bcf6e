"""Labels that say which class, zone, phase or rating a figure is for ("kelas 3", "zona 1", "900 VA"): a
reference figure for another label is no figure for the draft's."""

from __future__ import annotations

import re

from service.judge.signals.analysis import _Analysis

# Capitalised words that are units, zones, weekdays or sentence words, not names of a subject: "pada Rabu,
# 18 Februari" against "pada Selasa, 17 Februari" is one event's date changed, not another's.
_NOT_NAMES = frozenset("""wib wita wit rp usd idr pukul jam tahun kl km kg ha mw gw kwh
senin selasa rabu kamis jumat sabtu minggu monday tuesday wednesday thursday friday saturday sunday""".split())
# Words that number a class, zone, phase or group: the figure beside "kelas 1" is that class's.
_LABELS = frozenset("kelas zona golongan tahap desil tipe gelombang jalur angkatan wilayah akreditasi terakreditasi "
                    "berakreditasi class zone phase stage tier region".split())
_LABEL_CANON = {"class": "kelas", "zone": "zona", "phase": "tahap", "stage": "tahap", "tier": "golongan",
                "region": "wilayah", "terakreditasi": "akreditasi", "berakreditasi": "akreditasi"}
# Ordinal words after a label: "tahap pertama" is "tahap 1", "gelombang kedua" "gelombang 2".
_ID_ORDINALS = {"pertama": "1", "kesatu": "1", "kedua": "2", "ketiga": "3", "keempat": "4", "kelima": "5"}
_ORDINALS = {**_ID_ORDINALS, "one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
# Roman numerals after a label: "tahap I", "golongan III".
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}


def _labels_near(a: _Analysis, lo: int, hi: int, radius: int = 6, same: bool = True) -> dict[str, frozenset[str]]:
    """Numbered labels within ``radius`` tokens of tokens ``lo..hi`` (same sentence unless ``same`` is
    False): {"kelas": {"1"}}."""
    toks = a.tokens
    out: dict[str, set[str]] = {}
    # Within a sentence, each label word's value nearest the figure: in a list ("tahap I sebesar 60 persen dan
    # tahap II sebesar 40 persen") a figure is the nearest label's, not every label's in reach. Across the
    # text (``same`` False) every value counts.
    nearest: dict[str, tuple[int, str]] = {}
    for j in range(max(0, lo - radius), min(len(toks) - 1, hi + radius + 1)):
        w, nxt = toks[j][0], toks[j + 1][0]
        if not same or a.sentence[j] == a.sentence[lo]:
            if w in _LABELS and (value := _label_after(a, j + 1)):
                key = _LABEL_CANON.get(w, w)
                far = lo - j - 1 if j < lo else j - hi + 1  # a label before the figure wins a tie
                if not same:
                    out.setdefault(key, set()).add(value)
                elif key not in nearest or far < nearest[key][0]:
                    nearest[key] = (far, value)
            elif nxt in _ORDINAL_WORDS and _numbers_a_noun(a, j):
                # "nota pemeriksaan pertama ... 30 hari, lalu nota kedua ... 14 hari": each figure is its
                # ordinal's.
                out.setdefault("ordinal", set()).add(_ORDINALS[nxt])
            elif w.isdigit() and not lo <= j <= hi and (rating := _rating(a, j + 1)):
                out.setdefault(rating, set()).add(_number_before(a, j))
    out.update((key, {value}) for key, (_, value) in nearest.items())
    return {k: frozenset(v) for k, v in out.items()}


def _label_after(a: _Analysis, j: int) -> str | None:
    """The number that token ``j`` gives a label word before it: digits, an ordinal, a Roman numeral or a
    capital letter as written ("kelas 1", "tahap kedua", "tahap II", "golongan B")."""
    w, start, end = a.tokens[j]
    if w.isdigit() or w in _ORDINALS:
        return _ORDINALS.get(w, w)
    written = a.text[start:end]
    if w in _ROMAN and written.isupper():
        return _ROMAN[w]
    return w if len(written) == 1 and written.isupper() else None


# Ordinal words that number the noun before them ("nota kedua"), in Indonesian word order.
_ORDINAL_WORDS = frozenset(_ID_ORDINALS)
# Words after which an ordinal numbers no noun: "yang pertama", "untuk pertama kalinya".
_NOT_NUMBERED = frozenset({"yang", "untuk", "kali", "hari", "pekan", "minggu", "bulan", "tahun", "the"})


def _numbers_a_noun(a: _Analysis, j: int) -> bool:
    """The ordinal after token ``j`` numbers the noun ``j`` ("nota kedua"), not a time ("hari pertama") or a
    first time ("pertama kali")."""
    toks = a.tokens
    after = toks[j + 2][0] if j + 2 < len(toks) else ""
    return (toks[j][0].isalpha() and toks[j][0] not in _NOT_NUMBERED and toks[j][0] not in _LABELS
            and not after.startswith("kali") and a.clause[j] == a.clause[j + 1])


def _rating(a: _Analysis, j: int) -> str | None:
    """Token ``j`` as the abbreviation of a rating that classes what a figure is for ("900 VA",
    "30 GT", "150 CC"): capitals, not a currency, zone, or measured unit."""
    w, start, end = a.tokens[j]
    written = a.text[start:end]
    return w if 2 <= len(written) <= 3 and written.isupper() and written.isalpha() and w not in _NOT_NAMES else None


def _number_before(a: _Analysis, j: int) -> str:
    """The whole number whose last digits are token ``j`` ("1.300", not "300")."""
    m = re.search(r"\d[\d.,]*$", a.text[:a.tokens[j][2]])
    return m.group(0).replace(",", ".") if m else a.tokens[j][0]


def _labels_agree(draft: dict[str, frozenset[str]], ref: dict[str, frozenset[str]]) -> bool:
    """No label that both name with different numbers ("kelas 1" vs "kelas 3"); a rating may fall inside the
    reference's range ("1.300 VA" in "1.300 VA hingga 2.200 VA", not "900 VA")."""
    def inside(k: str, v: frozenset[str]) -> bool:
        if k in _LABELS or k in _LABEL_CANON.values() or k == "ordinal":
            return not v.isdisjoint(ref[k])
        lo, hi = min(map(_label_value, ref[k])), max(map(_label_value, ref[k]))
        return any(lo <= _label_value(x) <= hi for x in v)
    return all(not ref.get(k) or inside(k, v) for k, v in draft.items())


def _label_value(label: str) -> float:
    digits = label.replace(".", "")
    return float(digits) if digits.isdigit() else -1.0
