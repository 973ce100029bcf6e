"""Words of Indonesian / English text: tokens, stop words, candidate roots, content words.

The one word tokenizer of the project's rule signals (``service/judge/signals``) and the judge's
"do these texts share words" tests. Dictionary-free and cheap: a word is a letter/digit run, its
roots are every plausible result of Indonesian affix stripping and English inflection, and a
content word is one of at least three characters that is neither a stop word nor a number.

Two narrower patterns stay beside :data:`TOKEN_RE` on purpose, each matching less than a token:
:data:`WORD_RE` (letter runs only, digits excluded: the date and quantity extractors' cheap
"is an anchor word present" prefilters) and the figure aligner's own pattern in
``service/judge/signals/figure_clashes.py`` (keeps "10.30" and "2,7" whole). Replacing either
with :data:`TOKEN_RE` would change what they match.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

__all__ = [
    "EN_STOP",
    "ENGLISH_CUES",
    "ID_STOP",
    "INDONESIAN_CUES",
    "STOP",
    "TOKEN_RE",
    "WORD_RE",
    "content_words",
    "is_content",
    "looks_english",
    "roots",
    "tokens",
    "translations",
    "word_in",
]

# Words are letter/digit runs; an apostrophe joins contractions ("don't", "Jum'at").
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Letter runs only (no digits): "is any of these words in the text" prefilters.
WORD_RE = re.compile(r"[^\W\d_]+")

ID_STOP = frozenset(
    """
    yang dan di ke dari untuk dengan pada dalam ini itu tersebut adalah ialah merupakan akan
    telah sudah sedang masih juga atau oleh sebagai karena bahwa ada para bagi kepada antara
    hingga sampai serta tetapi tapi namun jika agar supaya bisa dapat harus perlu lebih sangat
    saat ketika setelah sebelum sejak nya pun lah kah hal secara sebuah seorang sejumlah
    bagaimana apa siapa mana kami kita saya aku dia ia mereka anda beliau kata ujar ucap
    hanya pernah yakni yaitu seperti bahkan pula lagi mulai menjadi begitu maka kemudian lalu
    sehingga bila apabila meski meskipun walaupun terhadap melalui atas sendiri semua seluruh
    setiap beberapa berbagai tiap tak tidak bukan belum tanpa jangan tiada si sang kan mau
    ingin boleh pun demikian sementara selain oleh nanti kini sekarang saja cukup paling
    sebesar sebanyak senilai hampir sekitar kurang sama baik amat terlalu tentu lain hal pihak
    tahun bulan hari pekan minggu jam kali orang persen rp nomor no
    """.split()
)
EN_STOP = frozenset(
    """
    the a an of to in on at for by with from and or but is are was were be been being will
    would shall should can could may might must has have had do does did that this these
    those it its as also which who whom whose than then there their they them he she we you
    i our his her him us said says not no never without any all some such into about over
    under more most less very just only so if when while after before since until per
    up down out off yet still each other own same both either neither nor how what why where
    """.split()
)
STOP = ID_STOP | EN_STOP

ENGLISH_CUES = frozenset(
    "the of and is are was were will would has have had that this with from by which a an at to in on for it its "
    "be been not or as than into until after before each every".split()
)
INDONESIAN_CUES = frozenset(
    "yang dan di ke dari untuk dengan pada dalam ini itu akan telah adalah tidak juga bagi atau oleh sebagai "
    "karena bahwa para setiap sejak hingga sampai".split()
)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(lowercased word, start, end) for each token of ``text``."""
    return [(m.group().lower(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def looks_english(text: str) -> bool:
    """Cheap language guess: English function words outnumber Indonesian ones."""
    words = [w.lower() for w in TOKEN_RE.findall(text)]
    en = sum(w in ENGLISH_CUES for w in words)
    idn = sum(w in INDONESIAN_CUES for w in words)
    return en > idn


_ID_SUFFIXES = ("nya", "lah", "kah", "pun")
_ID_DERIV_SUFFIXES = ("kan", "an", "i")


# English words of government statements and their Indonesian renderings (vocab/bilingual.json): an
# English draft sentence then shares roots and content words with the Indonesian position it restates.
# bilingual_extra.json extends it with the general vocabulary of such statements (verbs and their irregular
# forms, number and month words, sector nouns); an entry of bilingual.json wins over one of the extension.
_BILINGUAL: dict[str, tuple[str, ...]] = {
    en: tuple(ids) for name in ("bilingual_extra.json", "bilingual.json")
    for en, ids in json.loads((Path(__file__).with_name("vocab") / name).read_text(encoding="utf-8"))["en_id"].items()}


@lru_cache(maxsize=65536)
def translations(word: str) -> tuple[str, ...]:
    """Indonesian renderings of an English word or of its inflected form ("prices" -> harga); () if none."""
    for candidate in sorted(_plain_roots(word.lower()), key=len, reverse=True):
        if candidate in _BILINGUAL:
            return _BILINGUAL[candidate]
    return ()


@lru_cache(maxsize=65536)
def roots(word: str) -> frozenset[str]:
    """Candidate roots of a word (Indonesian affix stripping + English inflections), with the roots of
    its Indonesian renderings when it is an English word of the bilingual lexicon.

    A dictionary-free stemmer cannot pick *the* root, so it returns every plausible one and
    two words match when their candidate sets intersect.  Prefix-stripped candidates must
    keep at least 4 letters, which keeps accidental matches rare.
    """
    out = _plain_roots(word.lower())
    for rendering in translations(word):
        out = out | _plain_roots(rendering)
    return out


@lru_cache(maxsize=65536)
def _plain_roots(w: str) -> frozenset[str]:
    """Candidate roots of the lowercased word ``w`` by affix stripping and inflection alone."""
    out = {w}
    if not w.isalpha() or len(w) < 4:
        return frozenset(out)
    # English inflections.
    if w.endswith("ies") and len(w) > 4:
        out.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 4:
        out.add(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.add(w[:-1])
    if w.endswith("ed") and len(w) > 4:
        out.update({w[:-2], w[:-1]})
        if len(w) > 5 and w[-3] == w[-4]:
            out.add(w[:-3])
    if w.endswith("ing") and len(w) > 5:
        out.update({w[:-3], w[:-3] + "e"})
        if w[-4] == w[-5]:
            out.add(w[:-4])
    # Indonesian: inflectional particles, then derivational suffixes, then prefixes.
    bases = {w}
    for suf in _ID_SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            bases.add(w[: -len(suf)])
    for b in list(bases):
        for suf in _ID_DERIV_SUFFIXES:
            if b.endswith(suf) and len(b) - len(suf) >= 4:
                bases.add(b[: -len(suf)])
    stems = set(bases)
    for b in bases:
        stems.update(_strip_prefixes(b))
    out.update(s for s in stems if len(s) >= 4)
    return frozenset(out)


def _strip_prefixes(w: str) -> set[str]:
    out: set[str] = set()
    for pre in ("memper", "diper", "member", "mempe", "ber", "ter", "per", "di", "ke", "se"):
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            rest = w[len(pre) :]
            out.add(rest)
            # "dipertahankan" -> "pertahan" -> also strip the inner "per".
            if pre == "di" and rest.startswith(("per", "ber")) and len(rest) > 6:
                out.add(rest[3:])
    for base in ("me", "pe"):
        if not w.startswith(base):
            continue
        r = w[2:]
        if r.startswith("ny") and len(r) >= 5:
            out.add("s" + r[2:])
        elif r.startswith("ng") and len(r) >= 5:
            out.add(r[2:])
            out.add("k" + r[2:])
        elif r.startswith("m") and len(r) >= 5:
            out.add(r[1:])
            out.add("p" + r[1:])
        elif r.startswith("n") and len(r) >= 5:
            out.add(r[1:])
            out.add("t" + r[1:])
        out.add(r)  # me- + l/m/n/r/w/y roots ("melarang", "menaikkan" -> "naikkan")
    return {s for s in out if len(s) >= 4}


def is_content(word: str) -> bool:
    """A lowercased token of at least three characters that is neither a stop word nor a number."""
    return len(word) >= 3 and word not in STOP and not word.isdigit()


def content_words(text: str) -> set[str]:
    """The distinct content words of ``text``, lowercased (an English word whose Indonesian renderings are
    all stop words, "month" -> "bulan", is none: it could never be found in an Indonesian text)."""
    return {w for w in TOKEN_RE.findall(text.lower()) if is_content(w) and not _renders_as_stop(w)}


def ordered_content_words(text: str) -> list[str]:
    """The content words of :func:`content_words`, each once, in text order (a set's order changes with each
    process's hash seed: "the first words after a cue" must be read from this)."""
    return list(dict.fromkeys(w for w in TOKEN_RE.findall(text.lower()) if is_content(w) and not _renders_as_stop(w)))


def content_roots(text: str) -> frozenset[str]:
    """Every root of every content word of ``text``: what a word of another text is looked up in by its roots."""
    return frozenset().union(*(roots(w) for w in content_words(text)))


def _renders_as_stop(word: str) -> bool:
    renderings = translations(word)
    return bool(renderings) and all(r in STOP for r in renderings)


def word_in(word: str, words: set[str] | frozenset[str]) -> bool:
    """``word`` or one of its Indonesian renderings is among ``words``."""
    return word in words or any(t in words for t in translations(word))
