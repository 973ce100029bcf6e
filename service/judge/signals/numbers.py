"""Numbers as written: digit groups and decimal marks, number words, multipliers, currencies,
units, and the words around a number that qualify it ("sekitar", "lebih dari", "naik")."""

from __future__ import annotations

import re

from service.text.words import STOP as _STOP

_F = re.IGNORECASE



# Digit runs with optional "." / "," groups.  Parsing rule (documented in _parse_number):
#   * both "." and "," present: the later one is the decimal mark;
#   * several of the same separator: thousands ("1.000.000", "1,000,000");
#   * a single "." followed by exactly three digits is a thousands separator unless the
#     mention is English ("1.000 ton" = 1000, "3.125 million" = 3.125);
#   * a single "," is a decimal comma unless the mention is English and exactly three
#     digits follow ("2,5 persen" = 2.5, "8,727 miliar" = 8.727, "1,500 people" = 1500).
_NUM_CORE_RE = re.compile(r"\d+(?:[.,]\d+)*")

_MULTIPLIERS = {
    "triliun": 1e12, "trilyun": 1e12, "trillion": 1e12,
    "miliar": 1e9, "milyar": 1e9, "billion": 1e9,
    "juta": 1e6, "million": 1e6,
    "ribu": 1e3, "thousand": 1e3,
    "ratus": 1e2, "hundred": 1e2,
}  # fmt: skip
_ENGLISH_MULT = frozenset({"trillion", "billion", "million", "thousand", "hundred"})
_MULT_RE = re.compile(r"\s?(triliun|trilyun|miliar|milyar|juta|ribu|trillion|billion|million|thousand|hundred)\b", _F)
# Abbreviated multipliers; only trusted right after a currency amount ("Rp5 T", "$3bn").
_MULT_ABBR_RE = re.compile(r"\s?(T|M|B|bn|mn|mln|jt|rb|k|K)\b")

_CUR_PREFIX_RE = re.compile(r"(Rp\.?|IDR|USD|US\$|S\$|A\$|SGD|EUR|GBP|JPY|CNY|RMB|MYR|AUD|\$|€|£|¥)\s?$")
_CUR_PREFIX_NORM = {
    "rp": "IDR", "rp.": "IDR", "idr": "IDR", "usd": "USD", "us$": "USD", "$": "USD",
    "s$": "SGD", "sgd": "SGD", "a$": "AUD", "aud": "AUD", "eur": "EUR", "€": "EUR",
    "gbp": "GBP", "£": "GBP", "jpy": "JPY", "¥": "JPY", "cny": "CNY", "rmb": "CNY",
    "myr": "MYR",
}  # fmt: skip

# Units after the number (and multiplier).  Order matters: longer alternatives first.
_UNIT_TABLE: list[tuple[str, str]] = [
    (r"poin persentase|percentage points?|ppt|pp\b", "percentage_point"),
    (r"basis poin|basis points?|bps|bp\b", "bps"),
    (r"%|persen\b|per ?cent\b|pct\b", "percent"),
    (r"rupiah\b", "IDR"),
    (r"dolar singapura|singapore dollars?", "SGD"),
    (r"dolar australia|australian dollars?", "AUD"),
    (r"(?:dolar|dollars?)(?:\s+(?:as|amerika(?: serikat)?|us))?\b|us dollars?", "USD"),
    (r"euro\b|euros\b", "EUR"),
    (r"yen\b", "JPY"),
    (r"yuan\b|renminbi\b", "CNY"),
    (r"ringgit\b", "MYR"),
    (r"ton\b|tons\b|tonnes?\b|tonase\b", "ton"),
    (r"kilogram\b|kilograms\b|kg\b", "kg"),
    (r"gram\b|grams\b", "gram"),
    (r"km2\b|km²|kilometer persegi|square kilomet(?:er|re)s?", "km2"),
    (r"m2\b|m²|meter persegi|square met(?:er|re)s?", "m2"),
    (r"kilometer\b|kilometers\b|kilometres?\b|km\b", "km"),
    (r"meter\b|meters\b|metres?\b|(?-i:m)\b", "m"),
    (r"hektare\b|hektar\b|hectares?\b|ha\b", "hectare"),
    (r"kiloliter\b|kilolit(?:er|re)s?\b|kl\b", "kiloliter"),
    (r"liter\b|liters\b|litres?\b", "liter"),
    (r"barel\b|barrels?\b", "barrel"),
    (r"gigawatt\b|gw\b", "GW"),
    (r"megawatt\b|mw\b", "MW"),
    (r"kwh\b", "kWh"),
    (r"orang\b|jiwa\b|warga\b|penduduk\b|people\b|persons?\b|residents?\b|citizens?\b|individu\b|individuals?\b",
     "person"),
    (r"kepala keluarga|kk\b|households?\b|rumah tangga\b", "household"),
    (r"unit\b|units\b|buah\b", "unit"),
    (r"tahun\b|years?\b", "year"),
    (r"bulan\b|months?\b", "month"),
    (r"pekan\b|minggu\b|weeks?\b", "week"),
    (r"hari\b|days?\b|(?:working|business|work|calendar) days?\b", "day"),
    (r"jam\b|hours?\b", "hour"),
    (r"menit\b|minutes?\b", "minute"),
    (r"detik\b|seconds?\b", "second"),
    (r"kali\b|times\b", "times"),
]
_UNIT_RE = re.compile(
    r"\s?(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNIT_TABLE)) + ")", _F
)
_ENGLISH_UNIT_WORDS = re.compile(r"percent|per cent|dollars?|tons|tonnes|people|persons|years|months|units", _F)
_INDONESIAN_UNIT_WORDS = re.compile(r"persen|rupiah|dolar|orang|jiwa|tahun|bulan|buah", _F)
# Classifiers count the following noun ("8 lembar saham" counts "saham").
_CLASSIFIERS = frozenset("ekor lembar butir batang helai biji pucuk bidang potong pasang keping".split())
_NOUN_RE = re.compile(r"\s+([a-z][a-z]+(?:-[a-z]+)?)\b")
# "nomor" is a stop word for coverage, but after a count it is what is counted ("paling banyak tiga nomor").
_NOT_NOUNS = (_STOP - {"nomor"}) | frozenset(
    "lebih kurang sekitar hingga sampai atau dan per wib wita wit pm am lalu silam kemudian "
    "terakhir pertama lainnya saja kali sebelumnya berikutnya "
    # the denominator of a fraction ("dua perlima"): a share, read with the fractions, not a count
    "perdua pertiga perempat perlima perenam pertujuh perdelapan persembilan persepuluh perseratus".split()
)

_QUAL_RE = re.compile(
    r"(?:^|\b)(sekitar|kurang lebih|lebih kurang|kira-kira|sekira|hampir|approximately|about|around|roughly|nearly|almost|some"
    r"|tidak lebih dari|tak lebih dari|no more than|tidak kurang dari|tak kurang dari|no less than"
    r"|not more than|not less than|not fewer than"
    # A ceiling said as a negated excess: "tidak boleh melebihi 8 persen", "may not exceed 8 percent".
    r"|(?:tidak|tak) (?:boleh |akan |dapat |bisa )?(?:melebihi|melampaui|lebih dari|kurang dari)"
    r"|(?:(?:may|must|shall|should|will|can|does|do|did) not|cannot|not to) (?:exceed|be (?:more|less|fewer) than)"
    r"|not exceeding"
    r"|lebih dari|di atas|more than|over|above|exceeding|melebihi|lebih|"
    r"minimal|sedikitnya|setidaknya|paling sedikit|at least|minimum|"
    r"kurang dari|di bawah|less than|fewer than|under|below|"
    r"maksimal|maksimum|paling banyak|hingga|sampai|up to|at most|maximum|"
    # A deadline is an upper bound of a duration: "paling lambat 1x24 jam" against "up to 48 hours".
    r"paling lambat|selambat-lambatnya|paling telat|no later than|within|dalam waktu|"
    # An earliest time, for the bound reading only (bound_clashes: "paling cepat 4 bulan setelah" against "paling
    # lambat empat bulan setelah"): as a qualifier its open interval would back any longer period.
    r"paling cepat|secepat-cepatnya|no earlier than|"
    # A longest or shortest period: "paling lama 30 menit" is the "paling lambat setengah jam" it restates.
    r"paling lama|selama-lamanya|paling singkat|sesingkat-singkatnya|"
    # A ceiling or floor written out: "paling tinggi Rp240 juta" is the "hingga Rp266 juta" it is compared with.
    r"paling tinggi|setinggi-tingginya|paling rendah|serendah-rendahnya|paling besar|paling kecil|"
    # ... or named, for the bound reading only (bound_clashes): "batas bawah Rp3.500" names the floor's value, which a
    # draft restates exactly ("the floor fare is IDR 4,200" changes it), so it qualifies no comparison below.
    r"batas bawah|batas atas|"
    r"antara|between|±|~)\s*$",
    _F,
)
_QUAL_NORM = {
    "sekitar": "approx", "kurang lebih": "approx", "lebih kurang": "approx", "kira-kira": "approx",
    "sekira": "approx", "hampir": "approx", "approximately": "approx", "about": "approx",
    "around": "approx", "roughly": "approx", "nearly": "approx", "almost": "approx", "some": "approx",
    "±": "approx", "~": "approx",
    "tidak lebih dari": "le", "tak lebih dari": "le", "no more than": "le",
    "tidak kurang dari": "ge", "tak kurang dari": "ge", "no less than": "ge",
    "not more than": "le", "not less than": "ge", "not fewer than": "ge",
    "lebih dari": "gt", "di atas": "gt", "more than": "gt", "over": "gt", "above": "gt",
    "exceeding": "gt", "melebihi": "gt", "lebih": "gt",
    "minimal": "ge", "sedikitnya": "ge", "setidaknya": "ge", "paling sedikit": "ge",
    "at least": "ge", "minimum": "ge",
    "kurang dari": "lt", "di bawah": "lt", "less than": "lt", "fewer than": "lt", "under": "lt",
    "below": "lt",
    "maksimal": "le", "maksimum": "le", "paling banyak": "le", "hingga": "le", "sampai": "le",
    "up to": "le", "at most": "le", "maximum": "le",
    "paling lambat": "le", "selambat-lambatnya": "le", "paling telat": "le",
    "no later than": "le", "within": "le", "dalam waktu": "le",
    "paling lama": "le", "selama-lamanya": "le", "paling singkat": "ge", "sesingkat-singkatnya": "ge",
    "paling tinggi": "le", "setinggi-tingginya": "le", "paling rendah": "ge", "serendah-rendahnya": "ge",
    "paling besar": "le", "paling kecil": "ge",
    "antara": "approx", "between": "approx",
}  # fmt: skip
_RANGE_SEP_RE = re.compile(r"\s*+(?:-|–|—|hingga|sampai|s\.d\.?|s/d|to|dan|and)\s*+", _F)

# Number words.  Digits are handled above; these cover "lima persen", "dua puluh lima
# ribu ton", "five percent".
_NUMBER_WORDS: dict[str, float] = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "sejuta": 1e6, "semiliar": 1e9, "setengah": 0.5, "separuh": 0.5,
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "half": 0.5,
}  # fmt: skip
_NUMBER_WORD_ALT = "|".join(
    sorted(list(_NUMBER_WORDS) + ["belas", "puluh", "ratus"] + list(_MULTIPLIERS), key=len, reverse=True)
)
_NUMBER_WORD_SET = frozenset(_NUMBER_WORDS) | {"belas", "puluh", "ratus"}
_NUMBER_WORDS_RE = re.compile(rf"\b(?:{_NUMBER_WORD_ALT})(?:[\s-]+(?:{_NUMBER_WORD_ALT}))*\b", _F)


# A number right after a verb of change is an amount of change, not a level:
# "naik 5 persen" / "rose by 5 percent" vs "menjadi 5 persen" / "to 5 percent".
_CHANGE_RE = re.compile(
    r"\b(?:naik|turun|meningkat|menurun|bertambah|berkurang|tumbuh|melonjak|anjlok|merosot|melemah|"
    r"menguat|terkoreksi|susut|menyusut|terdepresiasi|terapresiasi|kenaikan|penurunan|peningkatan|"
    r"pertumbuhan|increased?|increases|rose|rises?|fell|falls?|grew|grows?|dropped|drops?|gained|gains?|"
    r"declined?|declines|jumped|climbed|slid|lost|up|down)"
    r"(?:\s+(?:sebesar|sekitar|hingga|sampai|lebih dari|kurang dari|by|about|around|more than|nearly|almost))?"
    r"\s*(?:Rp\.?|US\$|\$|USD|IDR)?\s*$",
    _F,
)
# "100 pasien lainnya", "another 5 people": a different set from any mentioned before.
_OTHER_AFTER_RE = re.compile(r"\s+(?:lainnya|lain|lagi|tambahan|more|others?)\b", _F)
# "bea masuk tambahan sebesar 25 persen" is as additional as "bea masuk tambahan 25 persen".
_OTHER_BEFORE_RE = re.compile(
    r"\b(?:another|other|additional|further|extra|tambahan)(?:\s+(?:sebesar|senilai|sejumlah|of))?\s*$", _F)


# "dalam 2x24 jam", "dalam 14 hari kerja": a period right after a bare "dalam" is a deadline (within), not a count
# ("2x24" is multiplied out in place, padded with spaces).
_WITHIN_RE = re.compile(r"\bdalam\s*(?:\d+\s*[x×]\s*)?$", _F)
_PERIOD_END_RE = re.compile(r"\b(?:jam|hari(?: kerja| kalender)?|minggu|pekan|bulan|menit)$", _F)
_SINGLE_RE = re.compile(r"(?:1|satu|se)\b", _F)  # "dua kali dalam 1 hari" is a rate, no deadline


# How a negated excess of _QUAL_RE ends ("tidak boleh melebihi", "may not exceed"): a ceiling; a negated shortfall
# ("tidak boleh kurang dari") a floor.
_EXCEED = ("exceed", "exceeding", "melebihi", "melampaui", "lebih dari", "more than")
_SHORT_OF = ("kurang dari", "less than", "fewer than")


def _qualifier(text: str, start: int, end: int) -> str | None:
    if _OTHER_AFTER_RE.match(text, end) or _OTHER_BEFORE_RE.search(text, max(0, start - 22), start):
        return "other"
    qm = _QUAL_RE.search(text, max(0, start - 30), start)
    if (qm is None and _WITHIN_RE.search(text, max(0, start - 12), start) and _PERIOD_END_RE.search(text, start, end)
            and not _SINGLE_RE.match(text, start, end)):
        return "le"
    if qm is None:
        return None
    said = " ".join(qm.group(1).lower().split())
    if said in _QUAL_NORM:
        return _QUAL_NORM[said]
    return "ge" if said.endswith(_SHORT_OF) else "le" if said.endswith(_EXCEED) else None


_ONE_GROUP_RE = re.compile(r"\d{1,3}[.,]\d{3}")


def _parse_number(core: str, english: bool) -> tuple[float, float] | None:
    """Parse a digit string; return (value, step) or None when it is not a plain number.

    ``step`` is the value of the last written digit (for rounding tolerance).
    See the rule comment above ``_NUM_CORE_RE``.
    """
    dots, commas = core.count("."), core.count(",")
    if dots and commas:
        dec = "." if core.rfind(".") > core.rfind(",") else ","
        thou = "," if dec == "." else "."
        int_part, frac = core.rsplit(dec, 1)
        if dec in int_part:
            return None
        groups = int_part.split(thou)
    elif dots > 1 or commas > 1:
        sep = "." if dots else ","
        groups = core.split(sep)
        frac = ""
    elif dots == 1 or commas == 1:
        sep = "." if dots else ","
        left, right = core.split(sep)
        # "0.858" can only be a decimal, whatever the language.
        is_thousands = len(right) == 3 and left != "0" and (english if sep == "," else not english)
        if is_thousands:
            groups, frac = [left, right], ""
        else:
            groups, frac = [left], right
    else:
        groups, frac = [core], ""
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None  # "1.2.3" is a section number, not a quantity
    whole = "".join(groups)
    value = float(f"{whole}.{frac}" if frac else whole)
    step = 10.0 ** (-len(frac)) if frac else 1.0
    return value, step


_NASAL_NOUNS = frozenset("menteri menit mentor memori menu mesin merek media medali meja meter".split())


def _looks_verb(word: str) -> bool:
    """Indonesian verb morphology ("40 diselamatkan", "3 menyerang"): not a counted noun."""
    if word.startswith(("meng", "meny", "mem", "men")) and word not in _NASAL_NOUNS:
        return True
    return len(word) >= 8 and word.startswith(("di", "ber", "ter")) and word.endswith(("kan", "lah"))


def _parse_number_words(words: list[str]) -> float | None:
    total, current, last = 0.0, 0.0, 0.0
    seen = False
    for w in words:
        w = w.lower()
        if w in _NUMBER_WORDS:
            v = _NUMBER_WORDS[w]
            if v >= 1000:  # seribu, sejuta, semiliar behave like "1 ribu"
                total += (current or 1) * v if current else v
                current = last = 0.0
            else:
                current += v
                last = v
            seen = True
        elif w == "belas":
            current += 10
            last = 0.0
        elif w == "puluh":
            current = current - last + (last or 1) * 10
            last = 0.0
        elif w == "ratus":
            current = current - last + (last or 1) * 100
            last = 0.0
        elif w == "hundred":
            current = (current or 1) * 100
            last = 0.0
        elif w in _MULTIPLIERS:
            if not seen:
                return None  # a bare "juta" is not a number
            total += (current or 1) * _MULTIPLIERS[w]
            current = last = 0.0
        else:
            return None
    return total + current if seen else None


def _unit_at(text: str, pos: int) -> tuple[str | None, int]:
    m = _UNIT_RE.match(text, pos)
    if not m or m.end() == pos:
        return None, pos
    unit = _UNIT_TABLE[int(m.lastgroup[1:])][1]  # type: ignore[index]
    return unit, m.end()
