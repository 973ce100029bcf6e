"""Scope clashes: a rule stated for everyone or everywhere against one stated only for some.

"di seluruh kabupaten dan kota" against "hanya di 10 kabupaten percontohan"; "tanpa
pengecualian" against "hanya untuk barang mewah". The cues are data (``vocab/scope.json``). A
clash needs one side to use only universal cues and the other only restrictive ones (a passage
that says both, "hanya 10 kabupaten tahun ini, seluruh provinsi mulai 2027", is no evidence
either way); the judge's usual gate applies (the sentence must largely say what the passage
says). Linear: one regex pass per side.
"""

from __future__ import annotations

import json
import re
from itertools import islice
from pathlib import Path

from service.judge.signals import Clash, extract_quantities, scoped_cache
from service.judge.signals.dates import YEAR_RE, other_years
from service.messages import CONFLICT, reason
from service.text.words import TOKEN_RE, content_roots, content_words, is_content, ordered_content_words, roots

_VOCAB = json.loads((Path(__file__).with_name("vocab") / "scope.json").read_text(encoding="utf-8"))


def _alternation(cues: list[str]) -> re.Pattern[str]:
    # A negated cue says the opposite ("tidak semua", "tidak hanya", "not all"): not a scope.
    return re.compile(r"(?<!\btidak )(?<!\btak )(?<!\bbukan )(?<!\bnot )\b(?:"
                      + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b", re.IGNORECASE)


_UNIVERSAL = _alternation(_VOCAB["universal"])
_RESTRICTIVE = _alternation(_VOCAB["restrictive"])
# A counted set of regions ("di 6 provinsi", "di sembilan provinsi", "in 45 ports") names some of them:
# restrictive, unless it counts them all ("di 38 provinsi": every province of Indonesia) or follows a
# universal word ("di seluruh 38 provinsi", caught as universal).
_REGION_TOTALS: dict[str, int] = _VOCAB["region_totals"]
_COUNT_WORDS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
                "sepuluh": 10, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}
_COUNTED = re.compile(r"\b(?:di|pada|in|at|across)\s++(\d{1,4}|" + "|".join(_COUNT_WORDS) + r")\s++("
                      + "|".join(sorted(_VOCAB["regions"], key=len, reverse=True)) + r")\b", re.IGNORECASE)


# A list of named places after a locative ("di Jawa, Bali, dan Sumatera", "untuk Provinsi Riau, Jambi, dan
# Sumatera Selatan"): some regions, a restriction against "di seluruh provinsi".
_NAME = r"[A-Z][\w-]*+(?:\s[A-Z][\w-]*+){0,2}"
_PLACES = re.compile(r"\b(?:di|untuk|bagi|pada|in|for)\s(?:wilayah\s|[Pp]rovinsi\s|kawasan\s)?" + _NAME
                     + r"(?:,\s" + _NAME + r"){0,8},?\s(?:dan|serta|and)\s" + _NAME)


def _counted(text: str) -> str | None:
    """The first counted set of regions that is not all of them ("di 6 provinsi"), as written."""
    for m in _COUNTED.finditer(text):
        count = m.group(1).lower()
        n = int(count) if count.isdigit() else _COUNT_WORDS[count]
        total = _REGION_TOTALS.get(m.group(2).lower())
        if total is None or n < total:
            return m.group()
    return None


@scoped_cache(maxsize=4096)  # keyed by agency too: hits show in x-judge-time
def scope_of(text: str) -> tuple[str | None, str | None]:
    """(the first universal cue, the first restrictive cue or counted set of regions) written in ``text``,
    or None for each."""
    universal, restrictive = _UNIVERSAL.search(text), _RESTRICTIVE.search(text)
    return (universal.group() if universal else None, restrictive.group() if restrictive else _counted(text))


SCOPE_PHRASE_CHARS = 90  # how far a scope phrase reaches after its cue, at most to its clause's end


@scoped_cache(maxsize=4096)  # one sentence is asked of against each of its candidates
def without_scope(text: str) -> str:
    """``text`` without its scope phrases: from each universal or restrictive cue to its clause's end ("hanya berlaku
    di wilayah hukum Polda Metro Jaya", "seluruh provinsi di Indonesia"). The places a scope names are what differs
    from the passage, not a sign that the sentence is about something else."""
    cuts = [m.start() for pattern in (_UNIVERSAL, _RESTRICTIVE) for m in islice(pattern.finditer(text), MAX_PHRASES)]
    if not cuts:
        return text
    out, at = [], 0
    for start in sorted(cuts):
        if start < at:
            continue
        out.append(text[at:start])
        # A purpose after the scope ("… di Indonesia agar tidak ada keluarga yang tertinggal") is said of the subject.
        stops = [m.start() for m in (_CLAUSE_START.search(text, start, start + SCOPE_PHRASE_CHARS),
                                     _PURPOSE.search(text, start, start + SCOPE_PHRASE_CHARS)) if m]
        at = min(stops) if stops else min(len(text), start + SCOPE_PHRASE_CHARS)
    out.append(text[at:])
    return "".join(out)


# A draft telling the past ("Tahun lalu tercatat … secara nasional") states no coverage of the policy.
_PAST_RE = re.compile(r"\b(?:tahun lalu|bulan lalu|sebelumnya|sempat|pernah|last year|previously)\b", re.IGNORECASE)
# Nor does one counting what exists ("Saat ini terdapat sekitar 7.800 SPBU … di seluruh Indonesia", "Jumlah desa
# wisata yang terdaftar secara nasional mencapai 6.000 desa").
_TALLY_RE = re.compile(r"\b(?:terdapat|tercatat|there are|there were)\b|\bjumlah\b[^.;]{0,80}?\bmencapai\b",
                       re.IGNORECASE)


# Who or what a rule leaves out ("tidak berlaku bagi X", "belum berlaku bagi X", "tidak mencakup X",
# "dikecualikan bagi X", "kecuali X") and who or what it takes in ("termasuk X", "baik ... maupun X",
# "beserta X", "juga berlaku bagi X"): the phrase X runs to the next punctuation.
_PHRASE = r"([^.,;:()]{3,80})"


def _cue_pattern(cues: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, c.split())) for c in sorted(cues, key=len, reverse=True))


_OUT = _VOCAB["left_out"]
_LEFT_OUT = re.compile(r"\b(?:(?:" + _cue_pattern(_OUT["negators"]) + r")\s+(?:lagi\s+)?(?:" + _cue_pattern(_OUT["verbs"])
                       + r")(?:\s+(?:" + _cue_pattern(_OUT["prepositions"]) + r"))?|" + _cue_pattern(_OUT["cues"]) + r")\s+"
                       + _PHRASE, re.IGNORECASE)
_TAKEN_IN = re.compile(r"\b(?:" + _cue_pattern(_VOCAB["taken_in"]) + r")\s+" + _PHRASE, re.IGNORECASE)
# The group named before its cue: "Kelapa muda untuk konsumsi segar tidak termasuk dalam pembatasan ini".
_LEFT_OUT_BEFORE = re.compile(r"\b(?:" + _cue_pattern(_VOCAB["left_out_before"]) + r")\b", re.IGNORECASE)
# The group taken in named before its cue: "Mahasiswa yang sudah memegang KIP Kuliah juga boleh mengajukan ...".
_TAKEN_IN_BEFORE = re.compile(r"\b(?:" + _cue_pattern(_VOCAB["taken_in_before"]) + r")\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[;:()]|[.,](?!\d)")  # "3.500 VA", "2,5 GT" go on
_RELATIVE = re.compile(r"\s(?:yang|which|that|who)\s", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"\b(?:tidak|tak|bukan|belum|not)\s+$", re.IGNORECASE)
_NEGATED_LIST = re.compile(r"\b(?:tidak|tak|bukan|belum|tanpa)\b[^,;.]*$", re.IGNORECASE)
# A group's phrase ends where a reason or purpose begins: "di Nusa Tenggara Barat karena cadangan air ...".
_PURPOSE = re.compile(r"\s(?:karena|sebab|sehingga|agar|supaya|because|since)\s", re.IGNORECASE)
# Examples that follow a left-out group name its members: "tidak berlaku bagi ASN pada unit pelayanan publik tatap
# muka, seperti rumah sakit, kantor imigrasi, dan kantor pelayanan pajak".
_EXAMPLES = re.compile(r",?\s*(?:seperti|antara lain|misalnya|yaitu|yakni|such as|for example)\s+([^.;:()]{3,160})",
                       re.IGNORECASE)
# At least this share of the left-out phrase's content words must be in the phrase taken in (by root).
SAME_GROUP = 0.6
# Phrases read per text and side: left-out x taken-in pairs are compared, so both are capped.
MAX_PHRASES = 16


def _phrases(pattern: re.Pattern[str], text: str, whole: bool = False,
             examples_too: bool = False) -> list[tuple[str, list[frozenset[str]]]]:
    """(the cue with its phrase, the roots of each of the phrase's content words) for each match not negated
    just before; ``whole``: with its relative clause (see :func:`_groups_before`); ``examples_too``: the examples
    that follow the phrase ("…, seperti rumah sakit, kantor imigrasi") as a phrase of their own."""
    out = []
    for m in pattern.finditer(text):
        if _NEGATED_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue  # "tidak termasuk" is the other side's cue
        if m.group().lower().startswith("maupun") and _NEGATED_LIST.search(text[max(0, m.start() - 80):m.start()]):
            continue  # "tidak menyasar penumpang bus maupun angkutan umum": neither, so nothing taken in
        # The group is named before a relative clause: "perseroan terbatas yang beromzet di bawah ..." is about
        # limited companies.
        phrase = _PURPOSE.split(m.group(1), maxsplit=1)[0]
        words = content_words(phrase if whole else _RELATIVE.split(phrase, maxsplit=1)[0])
        said = (m.group()[: m.start(1) - m.start()] + phrase).strip()
        if words:
            out.append((said, [roots(w) for w in words]))
        examples = _EXAMPLES.match(text, m.end()) if examples_too else None
        if examples and (named := content_words(examples.group(1))):
            out.append((said + examples.group().rstrip(), [roots(w) for w in named]))
        if len(out) >= MAX_PHRASES:
            break  # a text listing hundreds of groups: the pairs compared stay bounded
    return out


def _groups_before(text: str, cues: re.Pattern[str] = _LEFT_OUT_BEFORE) -> list[tuple[str, list[frozenset[str]]]]:
    """(the group with its cue, the roots of the group's content words) for each cue of ``cues`` (left out before
    them by default): the group is its clause up to the cue (at most 120 characters), relative clause included
    ("yang dikelola badan usaha swasta" is which ones are left out)."""
    out = []
    for m in islice(cues.finditer(text), MAX_PHRASES):
        before = text[max(0, m.start() - 120):m.start()]
        group = _CLAUSE_START.split(before)[-1].strip()
        words = content_words(group)
        if words and not _NEGATED_BEFORE.search(group + " "):
            out.append((f"{group} {m.group()}", [roots(w) for w in words]))
    return out


def _most_of(out_words: list[frozenset[str]], in_words: list[frozenset[str]]) -> bool:
    """At least SAME_GROUP of the left-out group's words are in the group taken in (by root)."""
    return _hits(out_words, in_words) >= SAME_GROUP * len(out_words)


def _same_group(out_words: list[frozenset[str]], in_words: list[frozenset[str]]) -> bool:
    """Most of the left-out phrase is in the phrase taken in, or a phrase of two or more words taken in is
    all in the left-out one ("maupun perseroan terbatas" / "wajib pajak badan berbentuk perseroan terbatas")."""
    if _most_of(out_words, in_words):
        return True
    return len(in_words) >= 2 and _hits(in_words, out_words) == len(in_words)


def _by_name(phrase: str, in_words: list[frozenset[str]], out_words: list[frozenset[str]]) -> bool:
    """A group taken in by its name alone ("juga dikenakan pada Pertalite") that names the group left out
    ("Bensin bersubsidi jenis Pertalite tidak termasuk …"): one capitalised word, in the left-out group."""
    return (len(in_words) == 1 and phrase.split()[-1][:1].isupper() and len(phrase.split()[-1]) >= 4
            and _hits(in_words, out_words) == 1)


def _hits(words: list[frozenset[str]], other: list[frozenset[str]]) -> int:
    """How many of ``words`` share a root with some word of ``other``."""
    pool = frozenset().union(*other)
    return sum(not w.isdisjoint(pool) for w in words)


def _inclusion_clashes(reference: str, draft: str) -> list[Clash]:
    """One text leaves a group out of the rule and the other takes the same group in ("belum berlaku bagi
    usaha mikro dan kecil" / "termasuk produk usaha mikro dan kecil"; "beserta anak usahanya" / "tidak
    mencakup anak usaha")."""
    for left_text, taken_text, draft_left in ((reference, draft, False), (draft, reference, True)):
        taken = _phrases(_TAKEN_IN, taken_text)
        for cue_out, out_words in _phrases(_LEFT_OUT, left_text, examples_too=True):
            for cue_in, in_words in taken:
                if _same_group(out_words, in_words):
                    return [_excluded(cue_out, cue_in, draft_left)]
        # A group named before its cue, with its relative clause, against a phrase taken in with its own: most of
        # the group's words in it ("bank sampah yang dikelola badan usaha swasta", not "… dikelola masyarakat").
        before = _groups_before(left_text)
        for cue_in, in_words in (_phrases(_TAKEN_IN, taken_text, whole=True) if before else ()):
            for cue_out, out_words in before:
                if _most_of(out_words, in_words) or _by_name(cue_in, in_words, out_words):
                    return [_excluded(cue_out, cue_in, draft_left)]
        # A group taken in before its cue ("Mobil listrik yang didatangkan utuh pun berhak ...") against a phrase
        # left out with its relative clause ("tidak berlaku untuk mobil listrik yang diimpor dalam keadaan utuh"):
        # the relative clause is what tells the group apart, so it counts on both sides.
        taken_before = _groups_before(taken_text, _TAKEN_IN_BEFORE)
        for cue_out, out_words in (_phrases(_LEFT_OUT, left_text, whole=True) if taken_before else ()):
            for cue_in, in_words in taken_before:
                if _most_of(out_words, in_words):
                    return [_excluded(cue_out, cue_in, draft_left)]
        # Both named before their cues: "Bea balik nama kendaraan bermotor kedua tidak termasuk dalam pemutihan" /
        # "Bea balik nama kendaraan bermotor kedua turut dihapus".
        for cue_out, out_words in (before if taken_before else ()):
            for cue_in, in_words in taken_before:
                if _most_of(out_words, in_words):
                    return [_excluded(cue_out, cue_in, draft_left)]
    return []


def inclusion_clashes(reference: str, draft: str) -> list[Clash]:
    """A group one text leaves out and the other takes in (see :func:`_inclusion_clashes`), for a pair that shares
    less of the sentence than the other scope cues need: both sides name the group, so the group is the subject.
    Not for a draft telling the past or a reference of another year."""
    return [] if _says_no_rule(reference, draft) else _inclusion_clashes(reference, draft)


def _says_no_rule(reference: str, draft: str) -> bool:
    """The draft tells the past or counts what exists, or the reference is of another year: "Pada 2024, cakupan
    secara nasional baru 78 persen" says nothing of the coverage of a 2026 campaign."""
    return bool(_PAST_RE.search(draft) or _TALLY_RE.search(draft)) or bool(other_years(reference, draft))


def _excluded(cue_out: str, cue_in: str, draft_left: bool) -> Clash:
    """The clash of a group left out (``cue_out``) against the same group taken in (``cue_in``)."""
    said, ref = (cue_out, cue_in) if draft_left else (cue_in, cue_out)
    return Clash("scope", reason(CONFLICT["scope"], draft=said, reference=ref), said, ref, "scope:excluded")


# One named place alone ("digelar sepenuhnya di Nusa Tenggara Barat", "only in Bali"), and a list of named places
# ("Nusa Tenggara Barat dan Nusa Tenggara Timur"). Names are up to four capitalised words.
_PLACE_NAME = r"[A-Z][\w-]*+(?:\s[A-Z][\w-]*+){0,3}"
_ALONE = re.compile(r"\b(?i:" + _cue_pattern(_VOCAB["exclusive"]) + r")\s+(?:[a-z]+\s+){0,2}?(?i:di|in|at|untuk|bagi|for)\s+"
                    r"(?:(?i:provinsi|kota|kabupaten|pulau|the)\s+)?(" + _PLACE_NAME + r")(?!\s*(?:,|dan\b|serta\b|and\b))")
_LIST = re.compile(_PLACE_NAME + r"(?:,\s" + _PLACE_NAME + r"){0,8},?\s(?:dan|serta|and)\s" + _PLACE_NAME)
_LIST_SPLIT = re.compile(r",\s|,?\s(?:dan|serta|and)\s")


def _alone_clashes(reference: str, draft: str) -> list[Clash]:
    """One text puts the rule in one named place alone and the other names that place with others: "digelar
    sepenuhnya di Nusa Tenggara Barat" / "diselenggarakan bersama oleh Provinsi Nusa Tenggara Barat dan Nusa
    Tenggara Timur"."""
    for alone_text, list_text, draft_alone in ((draft, reference, True), (reference, draft, False)):
        alone = list(islice(_ALONE.finditer(alone_text), MAX_PHRASES))
        if not alone:
            continue
        # Each text's lists are read once, and as many as phrases elsewhere (bounded pairs on any input).
        lists = [(m.group(), [i.strip().casefold() for i in _LIST_SPLIT.split(m.group())])
                 for m in islice(_LIST.finditer(list_text), MAX_PHRASES)]
        named = alone_text.casefold()
        for a in alone:
            place = a.group(1).casefold()
            for written, items in lists:
                # The place is one of the items ("Provinsi Nusa Tenggara Barat" holds "Nusa Tenggara Barat") and
                # another item is a place the alone-text never names.
                holds = [place == i or i.endswith(" " + place) for i in items]
                if any(holds) and any(not held and i not in named for i, held in zip(items, holds)):
                    said, ref = (a.group(), written) if draft_alone else (written, a.group())
                    return [Clash("scope", reason(CONFLICT["scope"], draft=said, reference=ref), said, ref,
                                  "scope:alone")]
    return []


# "di seluruh provinsi", "seluruh 14 kabupaten/kota": every region of a kind, or all N of them.
_ALL_OF = re.compile(r"\b(?:seluruh|semua|setiap|all|every)\s++(?:(\d{1,4})\s++)?"
                     r"(provinsi|kabupaten|kota|provinces|regencies)\b", re.IGNORECASE)
_REGION_NOUNS = {"provinsi": "provinsi", "provinces": "provinsi", "kabupaten": "kabupaten", "regencies": "kabupaten",
                 "kota": "kota"}


_SENTENCE_BREAK = re.compile(r"[.;:!?]\s")
COUNTED_SUBJECT_WORDS = 6  # content words before a counted set of regions that say what is counted


def _roots_before(text: str, at: int) -> frozenset[str]:
    """The roots of the last few content words before offset ``at`` in its sentence."""
    start = max(0, at - 200)
    sentence = _SENTENCE_BREAK.split(text[start:at])[-1]
    words = [w for w in (t.lower() for t in TOKEN_RE.findall(sentence)) if is_content(w)][-COUNTED_SUBJECT_WORDS:]
    return frozenset().union(*(roots(w) for w in words))


# Every one of a kind in the whole country: "seluruh puskesmas di Indonesia", "semua kabupaten dan kota
# se-Indonesia". Against a counted set of that kind ("di 1.000 puskesmas") it widens the rule whatever the total.
_ALL_NATIONAL = re.compile(r"\b(?:seluruh|semua|setiap)\s++([a-z]+)\b(?:\s++[\w/-]+){0,4}?\s++"
                           r"(?:di\s++(?:seluruh\s++)?Indonesia|se-?Indonesia|secara nasional)\b", re.IGNORECASE)


def counted_clashes(reference: str, draft: str) -> list[Clash]:
    """A draft's "di seluruh provinsi" (all 38), "seluruh 14 kabupaten/kota" or "seluruh puskesmas di Indonesia"
    against a reference that counts fewer of that kind ("di sembilan provinsi", "di lima kabupaten", "di 1.000
    puskesmas"). The same kind counted on both sides names the subject, so this needs less of the sentence's
    words than the other scope cues."""
    counts = [q for q in extract_quantities(reference) if q.noun and q.unit is None]
    if not counts:
        return []
    # What is counted out: a word just before the count stands in the draft ("Vaksinasi campak ... di tujuh
    # provinsi"). "revitalisasi 120 bahasa daerah di 32 provinsi" says nothing of who comes "dari setiap provinsi".
    draft_roots = content_roots(draft)
    counts = [q for q in counts if not draft_roots.isdisjoint(_roots_before(reference, q.start))]
    if not counts:
        return []
    for m in _ALL_OF.finditer(draft):
        noun = _REGION_NOUNS[m.group(2).lower()]
        total = int(m.group(1)) if m.group(1) else _REGION_TOTALS.get(noun)
        fewer = [q for q in counts if q.noun == noun and total is not None and q.value < total]
        if fewer:
            return [_counted_clash(m.group(), fewer[0].text)]
    for m in _ALL_NATIONAL.finditer(draft):
        noun = _REGION_NOUNS.get(m.group(1).lower(), m.group(1).lower())
        counted = [q for q in counts if q.noun == noun and q.value < _REGION_TOTALS.get(noun, float("inf"))]
        if counted:
            return [_counted_clash(m.group(), counted[0].text)]
    return []


def _counted_clash(said: str, counted: str) -> Clash:
    """The clash of the draft's "all of them" (``said``) against the reference's counted set."""
    return Clash("scope", reason(CONFLICT["scope"], draft=said, reference=counted), said, counted, "scope:counted")


_EXCEPTIONS = frozenset({"kecuali", "dikecualikan", "except", "excluded", "tidak termasuk", "not including",
                         "tidak berlaku untuk", "tidak berlaku bagi", "does not apply to"})
_DENYING = re.compile(r"\b(?:tidak|tak|bukan|belum|tanpa|dikecualikan|kecuali|not|except|excluded)\b", re.IGNORECASE)
EXCEPTED_WORDS = 2  # content words after an exception cue that name whom it leaves out


def _excepted_in(setting: str, draft: str, cue: str) -> bool:
    """The draft's exception ("kecuali ibu hamil") is one its position states elsewhere: a sentence of ``setting``
    names the group with a denial ("Ibu hamil tidak diberi praziquantel"). The position's universal holds for
    everyone else, as the draft says."""
    if not setting or cue.lower() not in _EXCEPTIONS:
        return False
    m = re.search(re.escape(cue) + r"\s+([^.,;:()]{1,80})", draft, re.IGNORECASE)
    group = ordered_content_words(m.group(1))[:EXCEPTED_WORDS] if m else []
    if not group:
        return False
    wanted = [roots(w) for w in group]
    return any(_DENYING.search(sentence) and all(not r.isdisjoint(have) for r in wanted)
               for sentence in islice(re.split(r"(?<=[.!?])\s+", setting), 40)
               if (have := content_roots(sentence)))


# Words that say "all of" a thing in a position's own wording: "setiap SPBU", "sepanjang jam operasional", "100 persen
# denda".
_ALL_OF_SETTING = r"(?:" + _cue_pattern(_VOCAB["universal"]) + r"|setiap|sepanjang|throughout|100 persen|100 percent)"


def _stated_in(setting: str, draft: str, cue: str) -> bool:
    """The draft's ``cue`` with the word after it ("di seluruh Polda") stands in ``setting``, or that word after
    another universal word ("seluruh SPBU" where the position says "setiap SPBU", "pada seluruh jam operasional"
    where it says "sepanjang jam operasional")."""
    m = re.search(re.escape(cue) + r"\s+(\w+)", draft, re.IGNORECASE)
    if not (setting and m):
        return False
    if m.group().lower() in setting.lower():
        return True
    # In other words, only from a sentence of the draft's years: "Perluasan ke seluruh provinsi direncanakan pada
    # 2027" is no restatement of "di seluruh provinsi tahun ini".
    said = set(YEAR_RE.findall(draft))
    return any(set(YEAR_RE.findall(sentence)) <= said for sentence in re.split(r"(?<=[.!?])\s+", setting)
               if re.search(r"\b" + _ALL_OF_SETTING + r"\s+" + re.escape(m.group(1)) + r"\b", sentence, re.IGNORECASE))


_REGARDLESS = re.compile(r"\b(?:" + _cue_pattern(_VOCAB["regardless"]) + r")\s+" + _PHRASE, re.IGNORECASE)
_BOUNDS = frozenset(_VOCAB["bounds"])
BOUND_REACH = 4  # words either side of a limited thing where its figure or bound word stands
REGARDLESS_WORDS = 4  # content words of the waived thing that are read


def _limited(reference: str, thing: frozenset[str]) -> str | None:
    """The words of ``reference`` where a word of ``thing`` (by root) stands with a figure or a bound word
    near it ("berusia 18 hingga 65 tahun", "kapal paling besar 10 GT", "hanya di wilayah 3T"), if any."""
    for part in islice(_SENTENCE_BREAK.split(reference), 40):  # a bound in the next sentence limits nothing here
        written = [m.group() for m in islice(TOKEN_RE.finditer(part), 200)]
        words = [w.lower() for w in written]
        for i, w in enumerate(words):
            if len(w) < 3 or thing.isdisjoint(roots(w)):
                continue
            lo, hi = max(0, i - BOUND_REACH), i + BOUND_REACH + 1
            if any(x in _BOUNDS or x[:1].isdigit() for x in words[lo:hi]):
                return " ".join(written[lo:hi])
    return None


def _regardless_clashes(reference: str, draft: str) -> list[Clash]:
    """The draft waives a limit ("tanpa memandang usia", "regardless of size") that the reference sets on
    the same thing. A reference that waives a limit itself is no evidence of one."""
    if _REGARDLESS.search(reference):
        return []
    for m in islice(_REGARDLESS.finditer(draft), MAX_PHRASES):
        # In text order (a set's order changes with each process's hash seed): the first words name what is waived.
        words = ordered_content_words(_RELATIVE.split(m.group(1), maxsplit=1)[0])[:REGARDLESS_WORDS]
        for w in words:
            where = _limited(reference, roots(w))
            if where:
                said = m.group().strip()
                return [Clash("scope", reason(CONFLICT["scope"], draft=said, reference=where), said, where,
                              "scope:regardless")]
    return []


# Both of two groups ("negeri maupun swasta", "baik PNS maupun PPPK", "both public and private"): the word either
# side of the pair, each a group the rule takes in.
# The head a pair repeats is skipped: "guru honorer maupun guru PPPK" pairs "honorer" with "PPPK". A list may end in
# ", maupun".
_BOTH = re.compile(r"\b(?:([\w-]+)\s+)?([\w-]{2,}),?\s+maupun\s+([\w-]{2,})(?:\s+([\w-]{2,}))?"
                   r"|\bboth\s+([\w-]{2,})\s+and\s+([\w-]{2,})", re.IGNORECASE)
# A restriction and what it restricts to, in its clause: "hanya berlaku di SD dan SMP negeri", "khusus diperuntukkan
# bagi siswa kelas 6 SD negeri".
_ONLY = re.compile(r"\b(?:hanya|khusus|terbatas|semata-mata|only|exclusively|solely)\b([^.,;:()]{0,90})",
                   re.IGNORECASE)
# A group denied right after its name: "PPPK tidak diwajibkan", "swasta pun belum wajib" (not "impor, tetapi tidak
# berlaku bagi …": a denial of another thing).
_DENIAL = r"\s+(?:(?:juga|pun|masih)\s+)?(?:tidak|tak|bukan|belum|not)\b"
_DENIED_AFTER = re.compile(_DENIAL, re.IGNORECASE)
NARROWED_WORDS = 10  # words after a restriction that say what it restricts to


def _narrowed_clashes(reference: str, draft: str) -> list[Clash]:
    """One text takes in both of two groups ("SD dan SMP, negeri maupun swasta") and the other restricts the rule
    to one of them ("hanya berlaku di SD dan SMP negeri"), naming the other nowhere but as left out ("sedangkan
    PPPK tidak diwajibkan"): the rule narrowed to a part of whom it holds for, or widened from it."""
    for both_text, only_text, draft_only in ((reference, draft, True), (draft, reference, False)):
        for m in islice(_BOTH.finditer(both_text), MAX_PHRASES):
            if m.group(2):
                # The head repeated after "maupun", beside the first item or earlier in the list ("guru PNS, PPPK,
                # maupun guru honorer").
                repeated = bool(m.group(4)) and (m.group(3).lower() == (m.group(1) or "").lower() or re.search(
                    r"\b" + re.escape(m.group(3)) + r"\b", both_text[max(0, m.start() - 40):m.start(2)], re.IGNORECASE)
                    is not None)
                one, other = m.group(2), (m.group(4) if repeated else m.group(3))
                pair = both_text[m.start(2):m.end(4 if repeated else 3)]
            else:
                one, other, pair = m.group(5), m.group(6), m.group()
            if not (is_content(one.lower()) and is_content(other.lower())) or _NEGATED_LIST.search(
                    both_text[max(0, m.start() - 80):m.start()]) or _DENIED_AFTER.match(
                    both_text, m.start(2) + len(pair) if m.group(2) else m.end()):
                continue  # "tidak berlaku bagi pelanggan bisnis maupun industri", "hotel maupun industri tidak
                # diterima": neither, so nothing taken in
            for kept, dropped in ((one, other), (other, one)):
                narrowed = next((r.group().strip() for r in islice(_ONLY.finditer(only_text), MAX_PHRASES)
                                 if _restricts_to(r.group(1), kept, dropped)), None)
                if narrowed is None and _named(only_text, kept):
                    narrowed = _denial(only_text, dropped)  # "… SD dan SMP negeri. Sekolah swasta tidak diwajibkan"
                if narrowed and _denied_or_absent(only_text, dropped):
                    said, ref = (narrowed, pair) if draft_only else (pair, narrowed)
                    return [Clash("scope", reason(CONFLICT["scope"], draft=said, reference=ref), said, ref,
                                  "scope:narrowed")]
    return []


# School grades named as a set: "kelas 1 sampai kelas 3", "kelas 10, 11, dan 12", "kelas 4–6", "grades 10 to 12". Only
# beside a word of school: "kelas 1" and "kelas 3" are also hospital and insurance classes.
_GRADE_SEP = r"(,\s*+(?:dan|serta|and)\b|,|dan|serta|and|sampai|hingga|to|-|–)"
_GRADES = re.compile(r"\b(?:kelas|grades?)\s++(\d{1,2})\b((?:\s*+" + _GRADE_SEP + r"\s*+(?:kelas\s++)?\d{1,2}\b)*+)",
                     re.IGNORECASE)
_GRADE_STEP = re.compile(_GRADE_SEP + r"\s*+(?:kelas\s++)?(\d{1,2})", re.IGNORECASE)
_THROUGH = frozenset({"sampai", "hingga", "to", "-", "–"})
_SCHOOL = re.compile(r"\b(?:siswa|murid|pelajar|sekolah|SD|SMP|SMA|SMK|MI|MTs|MA|SLB|pupils?|students?|schools?)\b")


def _grades(text: str) -> list[tuple[str, frozenset[int]]]:
    """Each set of school grades the text names, as written and as the grades it takes in."""
    if not _SCHOOL.search(text):
        return []
    out = []
    for m in islice(_GRADES.finditer(text), MAX_PHRASES):
        last = int(m.group(1))
        grades = {last}
        for sep, n in _GRADE_STEP.findall(m.group(2)):
            grades |= set(range(last, int(n) + 1)) if sep.lower() in _THROUGH else {int(n)}
            last = int(n)
        out.append((m.group().strip(), frozenset(grades)))
    return out


def _grade_clashes(reference: str, draft: str) -> list[Clash]:
    """The draft takes in other school grades than the reference ("seluruh siswa kelas 10, 11, dan 12" against
    "siswa kelas 10"; "kelas 1 sampai kelas 6" against "kelas 1 sampai kelas 3"), each naming one set."""
    mine, theirs = _grades(draft), _grades(reference)
    if len(mine) != 1 or len(theirs) != 1 or mine[0][1] == theirs[0][1]:
        return []
    (said, _), (ref, _) = mine[0], theirs[0]
    return [Clash("scope", reason(CONFLICT["scope"], draft=said, reference=ref), said, ref, "scope:grades")]


def _restricts_to(restricted: str, one: str, other: str) -> bool:
    """The words after a restriction name ``one`` and not ``other``."""
    words = [w.lower() for w in TOKEN_RE.findall(restricted)][:NARROWED_WORDS]
    return one.lower() in words and other.lower() not in words


def _named(text: str, word: str) -> bool:
    return re.search(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE) is not None


def _denied_or_absent(text: str, group: str) -> bool:
    """``group`` stands in ``text`` nowhere, or only just before a negation ("PPPK tidak diwajibkan")."""
    at = [m.end() for m in re.finditer(r"\b" + re.escape(group) + r"\b", text, re.IGNORECASE)]
    return all(_DENIED_AFTER.match(text[a:a + 40]) for a in at)


def _denial(text: str, group: str) -> str | None:
    """``group`` with the negation after it ("swasta tidak diwajibkan"), where it stands denied, else None."""
    m = re.search(r"\b" + re.escape(group) + _DENIAL + r"\s+[\w-]+", text, re.IGNORECASE)
    return m.group() if m else None


_SITES = re.compile(r"\b(?:di|pada|in|at)\s++(\d{1,4})\s++([^\W\d_]+(?:\s++[^\W\d_]+){0,2})")
SITE_WORDS = 3  # content words after a universal cue that name what is "all"


def _counted_sites(reference: str, draft: str, cue: str) -> str | None:
    """The reference's counted sites of the kind the draft says "all" of ("di 14 persimpangan jalan protokol" /
    "di seluruh jalan dan ruang publik"), as written, or None ("di seluruh 14 persimpangan" says their count)."""
    m = re.search(re.escape(cue) + r"\s+([^.;:()]{1,80})", draft, re.IGNORECASE)
    if not m:
        return None
    wanted = [roots(w) for w in ordered_content_words(m.group(1))[:SITE_WORDS]]
    for site in islice(_SITES.finditer(reference), MAX_PHRASES):
        have = content_roots(site.group(2))
        if site.group(1) not in m.group(1).split() and any(not r.isdisjoint(have) for r in wanted):
            return site.group()
    return None


def scope_clashes(reference: str, draft: str, setting: str = "") -> list[Clash]:
    """One clash when one text is only universal and the other only restrictive, or when one leaves out a
    group the other takes in (not for a draft telling the past). A draft's universal said in the words its
    position uses elsewhere (``setting``: "serentak di seluruh Polda") restates that position."""
    if _says_no_rule(reference, draft):
        return []
    excluded = _inclusion_clashes(reference, draft) or _alone_clashes(reference, draft) \
        or _regardless_clashes(reference, draft) or _narrowed_clashes(reference, draft) or _grade_clashes(reference, draft)
    if excluded:
        return excluded
    r_all, r_some = scope_of(reference)
    d_all, d_some = scope_of(draft)
    if d_all and not d_some and not r_all and not r_some:
        # A reference naming its places restricts a draft saying "di seluruh ..."; the other way round, a draft
        # naming places says nothing against a reference's "seluruh hasil tangkapan".
        places = _PLACES.search(reference)
        r_some = places.group() if places else _counted_sites(reference, draft, d_all)
    if d_all and not d_some and r_some and not r_all:
        if _stated_in(f"{reference} {setting}", draft, d_all):
            return []
        said, ref = d_all, r_some
    elif d_some and not d_all and r_all and not r_some:
        if _excepted_in(setting, draft, d_some):
            return []
        said, ref = d_some, r_all
    else:
        return []
    return [Clash("scope", reason(CONFLICT["scope"], draft=said, reference=ref),
                  said, ref, "scope:universal" if said == d_all else "scope:restrictive")]
