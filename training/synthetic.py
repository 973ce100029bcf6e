"""Synthetic training pairs made from real Indonesian news sentences (IndoSum), offline.

IndoNLI teaches the classifier short hypotheses against longer premises. The service mostly
compares one statement's sentence with another's of the same length and topic, where the
classifier called faithful restatements contradictions and missed a changed fact. These pairs
copy that situation: a real sentence against itself with one thing changed.

* contradiction: a figure, year, month or weekday changed; a negation inserted or removed;
  a word swapped for its antonym in the same role (the judge's own lexicon: "dilarang" ->
  "diizinkan"); a place or ministry swapped; "seluruh" made "sebagian"; a rule reversed in other
  words ("wajib" -> "tidak wajib", "gratis" -> "berbayar", "masih" -> "tidak lagi"); a bound or
  an order turned round ("lebih dari" -> "kurang dari", "sebelum" -> "setelah").
* entailment: the sentence itself; a figure rewritten in another equal form ("1,5 juta" ->
  "1.500.000", "50 persen" -> "separuh"); a trailing clause, time or place dropped; "Menurut X, P"
  turned into "P, menurut X".
* neutral: the shortened sentence against the full one (the draft adds a fact); another sentence
  of the same article that shares words with it.

Contradictions are put in either order (reference/draft); entailments keep the longer text as
the premise. Everything is seeded: the same files and seed give the same pairs (``GENERATOR``
names this generator's version in ``nli-meta.json``). Articles are split by id, so the
diagnostic pairs (:func:`diagnostic_pairs`) never share an article with the training pairs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from service.judge.signals.antonyms import _ANTONYM_IDIOMS, _VOCAB, _THESAURUS, _id_forms

GENERATOR = "synthetic-v2"
DEFAULT_INDOSUM_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "indosum"
INDOSUM_FILES = tuple(f"dev.0{i}.jsonl" for i in range(1, 6))

# Weight of each kind: ``total * weight / 1000`` pairs of it are made (the weights add up to 1,130, so
# ``--synthetic 6000`` asks for about 6,780); kinds that run short of sentences are not topped up.
MIX: dict[str, int] = {
    "c:figure": 90, "c:year": 35, "c:month": 25, "c:weekday": 15, "c:negation+": 95, "c:negation-": 45,
    "c:antonym": 70, "c:place": 25, "c:institution": 15, "c:scope": 15, "c:policy": 40, "c:bound": 30,
    "e:same": 35, "e:number-form": 45, "e:clause-drop": 180, "e:adjunct-drop": 45, "e:reorder": 15,
    "n:adds-fact": 110, "n:same-article": 200,
}


@dataclass(frozen=True)
class Pair:
    """One synthetic pair in IndoNLI's format, with the kind of change that made it."""

    premise: str
    hypothesis: str
    label: str
    kind: str

    def row(self) -> dict[str, str]:
        """IndoNLI-style row (``source`` says where it came from)."""
        return {"premise": self.premise, "hypothesis": self.hypothesis, "label": self.label,
                "kind": self.kind, "source": GENERATOR}


# ------------------------------------------------------------------------------------------
# Reading IndoSum
# ------------------------------------------------------------------------------------------

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]])")
_NO_SPACE_AFTER = re.compile(r"([(\[]) ")


def detokenize(words: list[str]) -> str:
    """IndoSum's token list back to text ("Senin ( 27 / 3 ) ." -> "Senin (27/3).")."""
    text = " ".join(words)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"(\d) / (\d)", r"\1/\2", text)
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)  # "Wi - Fi", "1960 - an", "cantik - cantik"
    return text.replace(" - - ", " -- ")


def _usable(sentence: str) -> bool:
    n = len(sentence.split())
    return (8 <= n <= 40 and sentence.endswith(".") and '"' not in sentence and "“" not in sentence
            and not sentence.lower().startswith(("baca juga", "lihat juga", "simak")) and "http" not in sentence)


@lru_cache(maxsize=2)
def read_articles(indosum_dir: Path) -> dict[str, list[str]]:
    """Article id -> its usable sentences, over every IndoSum file (duplicates read once). Cached: training
    reads it for its pairs and again for the diagnostic ones; callers do not change it."""
    articles: dict[str, list[str]] = {}
    for name in INDOSUM_FILES:
        path = Path(indosum_dir) / name
        if not path.is_file():
            raise SystemExit(f"error: {path} not found (IndoSum; pass --indosum DIR)")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in articles:
                    continue
                sents = [detokenize(s) for para in row["paragraphs"] for s in para]
                articles[row["id"]] = [s for s in sents if _usable(s)]
    return articles


def split_articles(articles: dict[str, list[str]], diagnostic_frac: float = 0.15) -> tuple[list[str], list[str]]:
    """Article ids for training and for the diagnostic slice, by a hash of the id (stable)."""
    train, diag = [], []
    for aid in sorted(articles):
        h = int(hashlib.sha256(aid.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        (diag if h < diagnostic_frac else train).append(aid)
    return train, diag


def files_sha256(indosum_dir: Path) -> dict[str, str]:
    """SHA-256 of each IndoSum file read (recorded in the metadata)."""
    return {n: hashlib.sha256((Path(indosum_dir) / n).read_bytes()).hexdigest() for n in INDOSUM_FILES}


# ------------------------------------------------------------------------------------------
# Edits: each takes a sentence and the RNG and returns the changed sentence or None
# ------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d/]|\.\d)")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
PLACES = ("Aceh", "Medan", "Padang", "Pekanbaru", "Jambi", "Palembang", "Bengkulu", "Lampung", "Banten",
          "Jakarta", "Bandung", "Semarang", "Yogyakarta", "Surabaya", "Denpasar", "Mataram", "Kupang",
          "Pontianak", "Palangka Raya", "Banjarmasin", "Samarinda", "Manado", "Palu", "Makassar",
          "Kendari", "Gorontalo", "Ambon", "Ternate", "Jayapura", "Manokwari", "Bogor", "Depok",
          "Bekasi", "Tangerang", "Malang", "Solo", "Batam", "Balikpapan", "Jawa Barat", "Jawa Tengah",
          "Jawa Timur", "Sumatera Utara", "Sumatera Barat", "Sumatera Selatan", "Kalimantan Timur",
          "Kalimantan Barat", "Sulawesi Selatan", "Sulawesi Utara", "Papua", "Bali", "Riau", "Maluku",
          "Nusa Tenggara Timur", "Nusa Tenggara Barat")
MINISTRIES = ("Keuangan", "Perdagangan", "Perindustrian", "Pertanian", "Kesehatan", "Perhubungan",
              "Pendidikan dan Kebudayaan", "Sosial", "Dalam Negeri", "Luar Negeri", "Pertahanan",
              "Agama", "Ketenagakerjaan", "Energi dan Sumber Daya Mineral", "Kelautan dan Perikanan",
              "Pekerjaan Umum dan Perumahan Rakyat", "Komunikasi dan Informatika", "Badan Usaha Milik Negara",
              "Pariwisata", "Lingkungan Hidup dan Kehutanan", "Hukum dan HAM", "Koperasi dan UKM")
_MINISTRY_RE = re.compile(r"\b(Kementerian|Menteri|Kemenkeu|Kemendag)\s+(" + "|".join(
    sorted((re.escape(m) for m in MINISTRIES), key=len, reverse=True)) + r")\b")
_PLACE_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(p) for p in PLACES), key=len, reverse=True)) + r")\b")
_MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
ONES = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")
SCALES = ("ribu", "juta", "miliar", "triliun")

# Words that look like meN-/di-/ber- verbs but are not (nouns, prepositions, names).
_NOT_VERBS = frozenset("""menteri mereka media menurut melalui mengenai meski meskipun memang merah medan mei
menit mesin metro meja menu merek merupakan menjadi mempunyai memiliki mengapa masing maupun dinas
direktur direksi dirut diri dini dia dian dilan dimas dirinya dini digital diskon distrik dinamika diesel
dollar berita beras bersama berbagai berdasarkan beberapa besar benar bentuk berat beda berikut beliau
berkas bekasi bengkulu bertahap berlian berkat bersih beserta berupa""".split())
_VERB_RE = re.compile(r"\b((?:me[mnr]?|meng|meny|di|ber|ter)[a-z]{3,})\b")
# After these words "tidak" would negate a modifier or a subordinate clause, not the statement.
_NO_NEGATION_AFTER = frozenset("yang untuk dan atau agar supaya sebagai dengan tidak belum bukan tak akan".split())
# "tidak" phrases that are not the statement's negation ("tidak hanya" = "not only").
_KEEP_TIDAK = re.compile(r"\btidak (?:hanya|sedikit|lain|jarang|kurang|lebih|terlalu|saja|sama|pernah lagi)\b", re.I)


def _with_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _format_int(n: int, grouped: bool) -> str:
    """``n`` in digits, with Indonesian thousands dots when ``grouped`` ("92.816")."""
    return f"{n:,}".replace(",", ".") if grouped else str(n)


def change_figure(s: str, rng: random.Random) -> str | None:
    """Change one figure (not a year or a day/month date) to another value."""
    spans = [m for m in _NUMBER.finditer(s) if not _YEAR.fullmatch(m.group(0))]
    if not spans:
        return None
    m = rng.choice(spans)
    whole, frac = m.group(1), m.group(2)
    n = int(whole.replace(".", ""))
    if frac is not None:
        new_frac = str((int(frac) + rng.randint(1, 9)) % (10 ** len(frac))).zfill(len(frac))
        if new_frac == frac:
            return None
        new = f"{whole},{new_frac}"
    else:
        choices = [n * 2, n + max(1, n // rng.choice((2, 3, 4))), max(0, n - max(1, n // rng.choice((2, 3, 4)))),
                   n * 10 if n < 100 else n // 10]
        value = rng.choice([c for c in choices if c != n] or [n + 1])
        new = _format_int(value, "." in whole or value >= 10000 and "." in s)
    return s[: m.start()] + new + s[m.end():]


def change_year(s: str, rng: random.Random) -> str | None:
    """Move a year by one to three."""
    years = list(_YEAR.finditer(s))
    if not years:
        return None
    m = rng.choice(years)
    y = int(m.group(0)) + rng.choice((-3, -2, -1, 1, 2, 3))
    return s[: m.start()] + str(y) + s[m.end():]


def _swap_word(s: str, pattern: re.Pattern, options: tuple[str, ...], rng: random.Random) -> str | None:
    found = [m for m in pattern.finditer(s) if m.start() > 0]  # not a dateline ("Jakarta, CNN Indonesia --")
    if not found:
        return None
    m = rng.choice(found)
    new = rng.choice([o for o in options if o != m.group(0)])
    return s[: m.start()] + new + s[m.end():]


def change_month(s: str, rng: random.Random) -> str | None:
    """Another month name."""
    return _swap_word(s, _MONTH_RE, MONTHS, rng)


def change_weekday(s: str, rng: random.Random) -> str | None:
    """Another day of the week."""
    return _swap_word(s, _WEEKDAY_RE, WEEKDAYS, rng)


def change_place(s: str, rng: random.Random) -> str | None:
    """Another city or province."""
    return _swap_word(s, _PLACE_RE, PLACES, rng)


def change_institution(s: str, rng: random.Random) -> str | None:
    """Another ministry after "Kementerian" / "Menteri"."""
    found = list(_MINISTRY_RE.finditer(s))
    if not found:
        return None
    m = rng.choice(found)
    new = rng.choice([x for x in MINISTRIES if x != m.group(2)])
    return s[: m.start(2)] + new + s[m.end(2):]


def change_scope(s: str, rng: random.Random) -> str | None:
    """All -> some ("seluruh"/"semua" -> "sebagian")."""
    m = re.search(r"\b(seluruh|semua)\b", s, re.I)
    # "belum ... seluruh desa" and "belum ... sebagian desa" do not contradict each other.
    if not m or re.search(r"\b(?:tidak|tak|belum|bukan|tanpa)\b", s, re.I):
        return None
    return s[: m.start()] + _with_case("sebagian", m.group(0)) + s[m.end():]


def insert_negation(s: str, rng: random.Random) -> str | None:
    """Negate the statement: "akan" -> "tidak akan", "telah/sudah" -> "belum", "adalah" -> "bukan",
    or "tidak" before its first verb (not inside a relative or purpose clause)."""
    for pat, rep in ((r"\bakan\b", "tidak akan"), (r"\b(?:telah|sudah)\b", "belum"), (r"\badalah\b", "bukan"),
                     (r"\bdapat\b", "tidak dapat"), (r"\bbisa\b", "tidak bisa"), (r"\bmampu\b", "tidak mampu")):
        m = re.search(pat, s)
        if m and not re.search(r"\b(?:tidak|tak|belum|bukan)\s+$", s[: m.start()]):
            prev = s[: m.start()].split()[-1:] or [""]
            if prev[0].lower() not in _NO_NEGATION_AFTER and m.start() > 0:
                return s[: m.start()] + rep + s[m.end():]
    if re.search(r"\b(?:tidak|tak|belum|bukan)\b", s, re.I):
        return None
    words = s.split()
    for i, w in enumerate(words[1:12], start=1):
        core = w.strip(",.;:").lower()
        if core in _NOT_VERBS or not _VERB_RE.fullmatch(core) or not w[:1].islower():
            continue
        if words[i - 1].lower().strip(",") in _NO_NEGATION_AFTER or words[i - 1].endswith(","):
            return None
        return " ".join(words[:i] + ["tidak"] + words[i:])
    return None


def remove_negation(s: str, rng: random.Random) -> str | None:
    """Drop the statement's negation: "tidak akan" -> "akan", "belum" -> "sudah", "tidak V" -> "V"."""
    if _KEEP_TIDAK.search(s):
        return None
    for pat, rep in ((r"\btidak akan\b", "akan"), (r"\bbelum\b", "sudah"), (r"\btidak\s+(?=\w)", ""),
                     (r"\btak\s+(?=\w)", "")):
        m = re.search(pat, s)
        if m and m.start() > 0:
            return s[: m.start()] + rep + s[m.end():]
    return None


# Affix templates by the role of the word they make: an active verb is swapped for an active verb,
# a passive for a passive ("dilarang" -> "diizinkan" although "izin" takes di-kan and "larang" di).
_VOICE = {"0": "bare", "meN": "active", "meN-kan": "active", "meN-i": "active", "di": "passive",
          "di-kan": "passive", "di-i": "passive", "peN-an": "noun", "per-an": "noun", "ke-an": "noun",
          "-an": "noun", "ber": "ber", "ter": "ter"}


def _side_by_voice(side: dict) -> dict[str, set[str]]:
    """One side of a lexicon pair: its Indonesian forms grouped by role (active, passive, noun, ...)."""
    out: dict[str, set[str]] = {}
    for root, templates in side.get("id", {}).items():
        for t in templates.split():
            for form in _id_forms(root, t):
                voice = _VOICE.get(t) or ("passive" if form.startswith("di") else "active")  # memper / diper
                out.setdefault(voice, set()).add(form)
    for word in side.get("words") or ():  # literal Indonesian words, by their prefix
        for prefix, voice in (("me", "active"), ("di", "passive"), ("ber", "ber"), ("pe", "noun")):
            if word.startswith(prefix) and len(word) > 5 and " " not in word:
                out.setdefault(voice, set()).add(word)
                break
    return out


@lru_cache(maxsize=1)
def _antonym_forms() -> dict[str, list[str]]:
    """Surface form -> its antonyms in the same role (the judge's lexicon, pair by pair)."""
    table: dict[str, set[str]] = {}
    for entry in _VOCAB["pairs"] + _THESAURUS["pairs"]:
        a, b = _side_by_voice(entry["a"]), _side_by_voice(entry["b"])
        for voice in set(a) & set(b):
            for fa in a[voice]:
                for fb in b[voice]:
                    if fa != fb:
                        table.setdefault(fa, set()).add(fb)
                        table.setdefault(fb, set()).add(fa)
    return {k: sorted(v) for k, v in table.items()}


def swap_antonym(s: str, rng: random.Random) -> str | None:
    """Replace one word by its antonym in the judge's lexicon (same affixes), outside idioms."""
    antonyms = _antonym_forms()
    if _ANTONYM_IDIOMS.search(s):
        return None
    # Lower-case words only: a capitalised one is part of a name ("Menteri Sosial", "Pasar Baru").
    hits = [m for m in re.finditer(r"(?<![-\w])[a-z]+(?![-\w])", s) if m.group(0) in antonyms
            and not re.match(r" satu\b", s[m.end():])]  # "salah satu" = "one of", not "wrong"
    if not hits:
        return None
    m = rng.choice(hits)
    new = rng.choice(antonyms[m.group(0).lower()])
    return s[: m.start()] + _with_case(new, m.group(0)) + s[m.end():]


# A rule reversed in other words: what is required, free, banned or still so becomes the opposite.
_POLICY_SWAPS: tuple[tuple[str, str], ...] = (
    (r"\bwajib\b", "tidak wajib"), (r"\bgratis\b", "berbayar"),
    (r"\btanpa biaya\b", "dengan biaya tambahan"), (r"\bdibatalkan\b", "tetap dilaksanakan"),
    (r"\btidak lagi\b", "masih"), (r"\bmasih\b", "tidak lagi"), (r"\bdilarang\b", "diperbolehkan"),
    (r"\bdiperbolehkan\b", "dilarang"), (r"\bboleh\b", "dilarang"), (r"\bberlaku\b", "tidak berlaku"),
)
# A bound or an order turned round: "lebih dari" / "kurang dari", "sebelum" / "setelah", ...
_BOUND_SWAPS: tuple[tuple[str, str], ...] = (
    (r"\blebih dari\b", "kurang dari"), (r"\bkurang dari\b", "lebih dari"), (r"\bsebelum\b", "setelah"),
    (r"\bsetelah\b(?! sebelumnya)", "sebelum"), (r"\bpaling lambat\b", "paling cepat"), (r"\bdi atas\b", "di bawah"),
    (r"\bdi bawah\b", "di atas"), (r"\bpaling sedikit\b", "paling banyak"), (r"\bpaling banyak\b", "paling sedikit"),
)


def _phrase_swap(s: str, swaps: tuple[tuple[str, str], ...], rng: random.Random) -> str | None:
    hits = [(m, rep) for pat, rep in swaps for m in re.finditer(pat, s) if m.start() > 0]
    hits = [(m, rep) for m, rep in hits if not re.search(r"\b(?:tidak|tak|belum|bukan)\s+$", s[: m.start()])]
    if not hits:
        return None
    m, rep = rng.choice(hits)
    return s[: m.start()] + rep + s[m.end():]


def reverse_policy(s: str, rng: random.Random) -> str | None:
    """Required -> not required, free -> paid, banned -> allowed, still -> no longer, in force -> not."""
    return _phrase_swap(s, _POLICY_SWAPS, rng)


def reverse_bound(s: str, rng: random.Random) -> str | None:
    """More than -> less than, before -> after, at the latest -> at the earliest, above -> below."""
    return _phrase_swap(s, _BOUND_SWAPS, rng)


def rewrite_number(s: str, rng: random.Random) -> str | None:
    """The same figure in another form: "50 persen" -> "separuh", "3 juta" -> "3.000.000" or "3.000 ribu",
    "1,5 miliar" -> "1.500 juta", small numbers in words."""
    m = re.search(r"\b50 persen\b", s)
    if m:
        return s[: m.start()] + rng.choice(("separuh", "setengah")) + s[m.end():]
    m = re.search(r"(?<![\d.,])(\d+)(?:,(\d{1,2}))? (ribu|juta|miliar|triliun)\b", s)
    if m:
        whole, frac, scale = int(m.group(1)), m.group(2) or "", m.group(3)
        k = SCALES.index(scale)
        value_thousandths = (whole * 1000 + int(frac.ljust(3, "0") or 0)) if frac else whole * 1000
        if k == 0 or rng.random() < 0.3 and k <= 2:
            full = value_thousandths * 1000 ** k  # in units
            new = _format_int(full, True)
        else:
            new = f"{_format_int(value_thousandths, True)} {SCALES[k - 1]}"
        return s[: m.start()] + new + s[m.end():]
    m = re.search(r"(?<![\d.,/])\b([2-9]|10)\b(?![\d.,/%])(?= [a-z])", s)
    if m:
        return s[: m.start()] + ONES[int(m.group(1))] + s[m.end():]
    return None


# A trailing clause that opens with one of these adds circumstances; dropping it keeps the statement.
_ADJUNCT = re.compile(r"^(?:yang|dengan|untuk|di|pada|sehingga|karena|setelah|sebelum|saat|ketika|sejak|hingga|"
                      r"sebagai|melalui|guna|demi|termasuk|seperti|sekaligus|terutama|khususnya|dalam|ke|dari)\b")


def drop_clause(s: str, rng: random.Random) -> str | None:
    """The sentence without its last comma clause, when that clause is an adjunct (it opens with a
    preposition or a "yang/sehingga/karena"-type word, not an attribution, contrast, condition or
    the rest of a list) and what is left still has a verb."""
    cut = s.rfind(", ")
    if cut < 0:
        return None
    head, tail = s[:cut], s[cut + 2:]
    if len(head.split()) < 6 or len(tail.split()) < 2 or not _ADJUNCT.match(tail):
        return None
    if not any(_VERB_RE.fullmatch(w.lower().strip(",")) and w.lower() not in _NOT_VERBS for w in head.split()[1:]):
        return None
    if re.search(r"\b(?:tidak|tak|belum|bukan|kecuali)\b", tail, re.I):
        return None
    return head + "."


def drop_adjunct(s: str, rng: random.Random) -> str | None:
    """The sentence without its time/place adjunct ("di Jakarta, Senin (27/3)", "pada Selasa (4/4)")."""
    new = re.sub(r"(?:,)? (?:di [A-Z][\w ]{2,30}?, )?(?:pada )?(?:" + "|".join(WEEKDAYS) + r") \(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)",
                 "", s, count=1)
    if new == s:
        new = re.sub(r" \(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)", "", s, count=1)
    return new if new != s and len(new.split()) >= 6 else None


def reorder(s: str, rng: random.Random) -> str | None:
    """"Menurut X, P." -> "P, menurut X." """
    m = re.match(r"Menurut ([^,]{3,60}), (.+)\.$", s)
    if not m:
        return None
    body = m.group(2)
    return body[:1].upper() + body[1:] + ", menurut " + m.group(1) + "."


_CONTRADICTIONS: dict[str, Callable[[str, random.Random], str | None]] = {
    "c:figure": change_figure, "c:year": change_year, "c:month": change_month, "c:weekday": change_weekday,
    "c:negation+": insert_negation, "c:negation-": remove_negation, "c:antonym": swap_antonym,
    "c:place": change_place, "c:institution": change_institution, "c:scope": change_scope,
    "c:policy": reverse_policy, "c:bound": reverse_bound,
}
_ENTAILMENTS: dict[str, Callable[[str, random.Random], str | None]] = {
    "e:number-form": rewrite_number, "e:clause-drop": drop_clause, "e:adjunct-drop": drop_adjunct,
    "e:reorder": reorder,
}


def _overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(wa & wb) / max(1, len(wa | wb))


def _candidates(articles: dict[str, list[str]], ids: list[str], rng: random.Random) -> Iterator[tuple[str, str, list[str]]]:
    """(article id, sentence, the article's sentences) in a seeded random order."""
    items = [(aid, s) for aid in ids for s in articles[aid]]
    rng.shuffle(items)
    for aid, s in items:
        yield aid, s, articles[aid]


def generate(articles: dict[str, list[str]], ids: list[str], total: int, seed: int) -> list[Pair]:
    """About ``total`` pairs in the proportions of :data:`MIX` from the articles ``ids``.

    Each source sentence is used for at most one pair, so a kind cannot lean on a few sentences.
    """
    rng = random.Random(seed)
    want = {k: round(v * total / 1000) for k, v in MIX.items()}
    got: Counter[str] = Counter()
    out: list[Pair] = []
    kinds = list(MIX)
    for aid, s, sents in _candidates(articles, ids, rng):
        if all(got[k] >= want[k] for k in kinds):
            break
        order = kinds[:]
        rng.shuffle(order)
        for kind in order:
            if got[kind] >= want[kind]:
                continue
            pair = _make(kind, s, sents, rng)
            if pair is not None:
                out.append(pair)
                got[kind] += 1
                break
    rng.shuffle(out)
    return out


def _make(kind: str, s: str, sents: list[str], rng: random.Random) -> Pair | None:
    if kind in _CONTRADICTIONS:
        new = _CONTRADICTIONS[kind](s, rng)
        if not new or new == s:
            return None
        a, b = (s, new) if rng.random() < 0.5 else (new, s)
        return Pair(a, b, "c", kind)
    if kind == "e:same":
        return Pair(s, s, "e", kind)
    if kind in _ENTAILMENTS:
        new = _ENTAILMENTS[kind](s, rng)
        return Pair(s, new, "e", kind) if new and new != s else None
    if kind == "n:adds-fact":
        short = drop_clause(s, rng) or drop_adjunct(s, rng)
        return Pair(short, s, "n", kind) if short and short != s else None
    if kind == "n:same-article":
        others = [(o, _overlap(s, o)) for o in sents if o != s]
        others = [(o, v) for o, v in others if 0.12 <= v <= 0.5]
        if not others:
            return None
        other = max(others, key=lambda t: t[1])[0]
        return Pair(s, other, "n", kind)
    raise ValueError(kind)  # pragma: no cover - programming error


def training_pairs(indosum_dir: Path, total: int, seed: int) -> list[Pair]:
    """Synthetic pairs for training, from the training articles only."""
    articles = read_articles(indosum_dir)
    train_ids, _ = split_articles(articles)
    return generate(articles, train_ids, total, seed)


def diagnostic_pairs(indosum_dir: Path, total: int, seed: int) -> list[Pair]:
    """Synthetic pairs from the held-out articles (never trained on), for per-kind metrics."""
    articles = read_articles(indosum_dir)
    _, diag_ids = split_articles(articles)
    return generate(articles, diag_ids, total, seed + 1)


def main(argv: list[str] | None = None) -> int:
    """``python -m training.synthetic [--indosum DIR] [--total N] [--diagnostic] [--out FILE] [--show K]``."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--indosum", default=str(DEFAULT_INDOSUM_DIR))
    p.add_argument("--total", type=int, default=1000)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--diagnostic", action="store_true", help="from the held-out articles")
    p.add_argument("--out", help="write JSONL here")
    p.add_argument("--show", type=int, default=0, help="print K examples of each kind")
    a = p.parse_args(argv)
    make = diagnostic_pairs if a.diagnostic else training_pairs
    pairs = make(Path(a.indosum), a.total, a.seed)
    print(json.dumps(Counter(x.kind for x in pairs), indent=1, sort_keys=True))
    if a.show:
        shown: Counter[str] = Counter()
        for x in pairs:
            if shown[x.kind] < a.show:
                shown[x.kind] += 1
                print(f"[{x.kind}]\n  P: {x.premise}\n  H: {x.hypothesis}")
    if a.out:
        with open(a.out, "w", encoding="utf-8") as fh:
            for x in pairs:
                fh.write(json.dumps(x.row(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
