"""Responsible-institution clashes: "dikelola oleh Badan Gizi Nasional" against "di bawah koordinasi
Kementerian Sosial".

A cue from ``vocab/institutions.json`` followed by a capitalised name (or an acronym) is a
*responsibility slot*. A draft slot clashes when the passage has a slot of its own, the draft's
institution appears nowhere in the passage, and the two names are not one institution written
two ways (shared name words, or one an acronym of the other). The judge applies its usual gates
(the sentence must largely say what the passage says); negated slots ("tidak lagi dikelola oleh")
are skipped. An institution named before an active verb ("Kementerian Pekerjaan Umum melaksanakan
pekerjaan fisik") is a slot on that verb, compared with the other text's slot on the same act in either voice
("dilaksanakan oleh ...") when the act's object stands in the other text too. Linear in the text: a few
regex passes per side.
"""

from __future__ import annotations

import json
import re
from itertools import chain
from dataclasses import dataclass, replace
from pathlib import Path

from service.judge.signals import Clash, _abbreviates, scoped_cache
from service.judge.signals.dates import _MONTHS, _WEEKDAYS
from service.judge.signals.quantities import _FIGURE_RE
from service.messages import CONFLICT, reason
from service.text.words import is_content, roots, translations

_VOCAB = json.loads((Path(__file__).with_name("vocab") / "institutions.json").read_text(encoding="utf-8"))
_CUES = sorted(_VOCAB["cues_id"] + _VOCAB["cues_en"], key=len, reverse=True)
_HEADS = frozenset(h.casefold() for h in _VOCAB["heads"])
# A name: capitalised words or acronyms, with "dan"/"and"/"of" inside ("Badan Siber dan Sandi Negara").
_NAME = r"(?:[A-Z][\w-]*)(?:\s+(?:(?:dan|and|of|the)\s+)?[A-Z][\w-]*)*+"
# Cues in any case, the name case-sensitive (capitals are what make it a name).
# Besides the listed cues, any passive verb with its agent ("dipantau oleh", "disiapkan langsung oleh",
# "ditagih oleh") and a payment route ("disalurkan lewat"): who does it is the slot.
_PASSIVE_AGENT = r"di[a-z]{3,}\s+(?:langsung\s+|sepenuhnya\s+|hanya\s+|bersama\s+)?oleh|di[a-z]{3,}\s+(?:lewat|melalui)"
_NOT_AGENT_VERBS = frozenset({"diri", "dini", "dia", "dimana", "diantara", "dibanding", "dibandingkan", "dirinya"})
# Months and weekdays (the date vocabulary's): "diumumkan Senin" names no agent.
_DATE_WORDS = frozenset(_MONTHS) | frozenset(w.casefold() for w in _WEEKDAYS)
_SLOT_RE = re.compile(r"\b(?i:" + "|".join(re.escape(c) for c in _CUES) + "|" + _PASSIVE_AGENT
                      + r")\s+(?:(?i:langsung|sepenuhnya|penuh)\s+)?(?:(?i:the|para)\s+)?(" + _NAME + ")")
_TOLD_AS_PAST = re.compile(r"\W*(?:tahun lalu|sebelumnya|dulu|dahulu|semula|last year|previously|formerly)\b",
                           re.IGNORECASE)
# A negation just before a slot denies it, unless it sits in a relative clause ("bagi daerah yang tidak patuh
# dijatuhkan oleh ..." negates the compliance, not who imposes the sanction).
_NEGATION_BEFORE = re.compile(r"\b(?<!yang\s)(?:tidak|tak|bukan|belum|tidak lagi|no longer|not)\s+(?:\w+\s+){0,2}$",
                              re.IGNORECASE)
# Words naming members of a body, not another body: "Prajurit TNI AD" is the TNI AD, "petugas PT KAI" is PT KAI.
_MEMBER_WORDS = frozenset({"prajurit", "personel", "anggota", "staf", "petugas", "tim", "members", "personnel", "staff",
                           "officers", "team"})
_STOP_NAME_WORDS = frozenset({"dan", "and", "of", "the", "republik", "indonesia", "negara", "nasional", "national",
                              "setempat", "terkait", "masing-masing", "local", "respective", "atau", "or", "dari",
                              "from"}) | _MEMBER_WORDS
# Words that continue a head ("Direktorat Jenderal", "Badan Usaha"): not part of what the acronym spells.
_TITLE_WORDS = frozenset({"jenderal", "ditjen", "deputi", "general", "directorate"})


@dataclass(frozen=True)
class Slot:
    """A responsibility cue and the institution it names."""

    text: str  # the cue with the name, as written
    name: str
    verb: str = ""  # the passive verb of the slot, lowercase ("" for a cue such as "di bawah koordinasi")
    agent: bool = False  # found as any passive verb's agent (compared only with a slot on the same verb)
    what: str = ""  # an active-voice slot's object: the words after its verb ("pekerjaan fisik renovasi")
    # The act a light verb's subject names ("Pengawasan penyaluran dipegang ...": roots of "pengawasan"), so the slot
    # is on the same act as "diawasi oleh ..." or "Pengawasan dilakukan oleh ...".
    act: frozenset[str] = frozenset()
    role: str = ""  # "to": the body something is handed or reported to ("diserahkan kepada petugas syahbandar")


# Any passive verb with its agent, where the agent need not look like an institution by itself
# ("dipimpin oleh Korlantas Polri", "dikenai sanksi oleh OJK", "ditanggung pemerintah provinsi
# setempat"): such a slot is compared only with a slot of the other text on the same verb, so the
# two say who does the same thing.
_AGENT_NAME = r"(?:[A-Z][\w/-]*)(?:\s+(?:(?:dan|and|of|the)\s+)?[A-Z0-9][\w/-]*)*+"
_AGENT_PHRASE = (r"(?:" + "|".join(_VOCAB["agent_heads"]) + r")"
                 r"(?:\s+(?!yang\b|dan\b|untuk\b|di\b|pada\b|sejak\b|mulai\b|paling\b|selama\b|dalam\b|setelah\b"
                 r"|sebelum\b|hingga\b|sampai\b|sesuai\b|dengan\b|melalui\b|karena\b|kepada\b"
                 # nor a particle or the clause's next verb: "dikawal polisi pun dilarang menyalakan …"
                 r"|pun\b|juga\b|akan\b|telah\b|sudah\b|tidak\b|tak\b|wajib\b|harus\b|dapat\b|bisa\b|boleh\b"
                 r"|dilarang\b|me[a-z]{3,}\b|ber[a-z]{3,}\b)[a-z]+(?:-[a-z]+)?){0,5}"
                 # the body the officers come from: "dijaga petugas PT KAI", "petugas dari Dinas Perhubungan"
                 r"(?:\s+(?:dari\s+)?" + _AGENT_NAME + ")?")
# After "oleh" a lower-case word may open the name ("diverifikasi oleh sentra Kementerian Sosial").
# A count before the agent names no other body: "dilaksanakan oleh 30 puskesmas". A few words may stand between the
# verb and "oleh": "dilakukan setiap 2 minggu oleh UPT Laboratorium …".
_AGENT_RE = re.compile(r"\b(di[a-z]{3,})\s+(?:[a-z0-9]+\s+){0,3}?(?:oleh\s+|bersama\s+)(?:\d[\d.]*\s+)?((?:[a-z]+\s+)?"
                       + _AGENT_NAME + "|" + _AGENT_PHRASE + ")"
                       r"|\b(di[a-z]{3,})\s+(" + _AGENT_NAME + "|" + _AGENT_PHRASE + ")")


# The active voice names who does it before the verb ("Kementerian Pekerjaan Umum melaksanakan pekerjaan fisik"):
# an agent slot on the verb, compared with the other text's slot on the same verb in either voice
# ("dilaksanakan oleh ..."). Verbs of saying name a speaker, not who is responsible.
# Names are found first, each once (a single pass), then the verb is matched right after each.
_NAME_RE = re.compile(_NAME)
_ACTIVE_VERB_RE = re.compile(r"\s+(?:(?i:akan|telah|sudah|juga|kini|tetap|masih|langsung|harus|wajib)\s+){0,2}"
                             r"(me[a-z]{3,})\b"
                             r"((?:\s+[\w-]+){0,3})")
# Who something is handed or reported to, in either voice: "menyerahkan manifes kepada petugas PT Pelindo" /
# "Manifes diserahkan kepada petugas syahbandar".
_RECIPIENT_RE = re.compile(r"\b((?:di|me)[a-z]{3,}kan)\s+(?:[\w-]+\s+){0,3}?kepada\s+(?:\d[\d.]*\s+)?("
                           + _AGENT_NAME + "|" + _AGENT_PHRASE + ")")


# Where an act sends someone or something: "diajukan ke Pengadilan Negeri Surabaya", "dirujuk ke Rumah Pelayanan
# Sosial …" (a named institution only: "dibawa ke Jakarta" names a place).
_DESTINATION_RE = re.compile(r"\b((?:di|me)[a-z]{3,})\s+(?:[\w-]+\s+){0,2}?ke\s+(" + _AGENT_NAME + ")")


def _cue_of(cue_text: str) -> str:
    """The vocabulary cue ``cue_text`` opens with (the longest first), or ""."""
    return next((c for c in _CUES if cue_text.lower().startswith(c.lower())), "")


def _role(cue_text: str) -> str:
    """"to" for a cue naming who receives ("disampaikan kepada", "reported to"), else ""."""
    return "to" if _cue_of(cue_text).lower().endswith((" kepada", " to")) else ""


# A head word's lower-case rest ("Lembaga inspeksi teknik terakreditasi"), up to the active verb.
_HEAD_TAIL_RE = re.compile(r"(?:\s+(?!yang\b|dan\b|di\b|pada\b|untuk\b|akan\b|harus\b|wajib\b|juga\b|tetap\b)"
                           r"(?!me[a-z]{3,}\b)[a-z]+){1,3}(?=\s+(?:(?:akan|harus|wajib|juga|tetap)\s+)?me[a-z]{3,}\b)")
# "Tim Pendamping yang dikoordinasikan Kementerian X mendampingi …": X coordinates the team; the team is who acts.
_RELATIVE_AGENT = re.compile(r"\byang\s+di[a-z]{3,}\s+(?:(?i:langsung|oleh)\s+)?$", re.IGNORECASE)
_SAYING = frozenset("mengatakan menyampaikan menjelaskan menegaskan mengungkapkan menyatakan mengimbau meminta "
                    "mengingatkan menambahkan menuturkan menyebutkan mengumumkan mencatat melaporkan memastikan "
                    "mengapresiasi menyambut mengajak mendorong menilai memperkirakan".split())


@scoped_cache(maxsize=4096)  # keyed by agency too: hits show in x-judge-time
def slots(text: str) -> tuple[Slot, ...]:
    """Responsibility slots of ``text`` in order; negated ones are left out."""
    out = []
    taken: list[tuple[int, int]] = []  # where the cue slots stand: an agent match inside one is the same slot
    for m in _SLOT_RE.finditer(text):
        name = m.group(1)
        if not _is_institution(name) or _NEGATION_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        out.append(Slot(m.group(0), name, _passive_verb(m.group(0)), role=_role(m.group(0))))
        taken.append(m.span())
    for m in _AGENT_RE.finditer(text):
        verb, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        with_oleh = bool(m.group(1))
        if any(a <= m.start() < b for a, b in taken) or verb.lower() in _NOT_AGENT_VERBS:
            continue
        if not with_oleh and name[0].isupper() and not _is_institution(name):
            continue  # "diumumkan Senin": without "oleh" a capitalised word is an agent only as an institution
        if name.split()[0].casefold() in _DATE_WORDS or _NEGATION_BEFORE.search(text, max(0, m.start() - 40),
                                                                                  m.start()):
            continue
        out.append(Slot(m.group(0), name, verb.lower(), agent=True))
    # Who receives it ("kepada petugas syahbandar") or where it is sent ("ke Pengadilan Negeri", always capitalised).
    for m in chain(_RECIPIENT_RE.finditer(text), _DESTINATION_RE.finditer(text)):
        verb, name = m.group(1), m.group(2)
        if (any(a <= m.start() < b or a <= m.start(2) < b for a, b in taken)
                or (name[0].isupper() and not _is_institution(name))
                or _NEGATION_BEFORE.search(text, max(0, m.start() - 40), m.start())):
            continue
        out.append(Slot(m.group(0), name, verb.lower(), agent=True, role="to"))
    for n in _NAME_RE.finditer(text):
        end = n.end()
        if n.group(0).casefold() in _HEADS:  # "Lembaga inspeksi teknik terakreditasi harus menerbitkan SLO"
            tail = _HEAD_TAIL_RE.match(text, end)
            end = tail.end() if tail else end
        m = _ACTIVE_VERB_RE.match(text, end)
        if m is None:
            continue
        name, verb = text[n.start():end], m.group(1).lower()
        if text[n.start() - 1: n.start()] == "/" or _RELATIVE_AGENT.search(text, max(0, n.start() - 40), n.start()):
            continue  # the tail of a longer name ("Kementerian …/BKKBN"), or the agent of a relative clause
        if (verb in _SAYING or not _is_institution(name) or any(a <= n.start() < b for a, b in taken)
                or _NEGATION_BEFORE.search(text, max(0, n.start() - 40), n.start())):
            continue
        out.append(Slot(text[n.start(): m.end(1)], name, verb, agent=True, what=m.group(2).strip()))
    return tuple(replace(slot, act=_named_act(text, slot)) if slot.verb in _LIGHT_VERBS else slot for slot in out)


# Verbs that say only that something is done; its clause's subject names what ("Pengelolaan kawasan dilakukan
# oleh …" is who manages it, "Pemungutan dilakukan oleh …" who collects).
_LIGHT_VERBS = frozenset("dilakukan dilaksanakan dipegang ditangani dijalankan dikerjakan".split())
# Nouns that name the act a light verb carries out: pe-…-an ("Pengawasan … dipegang"), and "operasional" ("Operasional
# bus dilaksanakan oleh Perum DAMRI" is who operates the buses).
_NOMINAL = re.compile(r"\bpe[a-z]{3,}an\b|\boperasional\b", re.IGNORECASE)
_NOMINAL_ROOTS = {"operasional": frozenset({"operasi"})}


def _named_act(text: str, slot: Slot) -> frozenset[str]:
    """Roots of the first pe-…-an noun of the slot's clause before it ("Pengawasan penyaluran … dipegang")."""
    at = text.find(slot.text)
    if at < 0:
        return frozenset()
    clause = re.split(r"[.;:,]\s", text[max(0, at - 200):at])[-1]
    m = _NOMINAL.search(clause)
    return (_NOMINAL_ROOTS.get(m.group(0).casefold()) or roots(m.group(0))) if m else frozenset()


# Agents that name no one body: "ditetapkan pemerintah pusat" does not say another body than "Badan Pangan Nasional
# menetapkan", "diberikan pemerintah daerah" is any regency's government.
_GENERIC = frozenset({"pemerintah", "pemerintah pusat", "pemerintah daerah", "pemerintah setempat", "pemda",
                      "the government", "government", "local government", "local governments"})
# A draft's agent that is a role alone ("dikawal polisi", "diperiksa petugas") names no body against the passage's
# ("dikawal petugas Polri").
_ROLES = frozenset({"polisi", "petugas", "tim", "panitia", "aparat", "police", "officers", "staff"})


def _object_in(slot: Slot, other: str) -> bool:
    """An active-voice slot's object stands in the other text (two of its first words, or all when fewer): the
    two say who does the same thing, not who does anything with that verb."""
    words = [w for w in re.findall(r"[\w-]+", slot.what.casefold()) if is_content(w)][:3]
    if not words:
        return False
    other_roots = {r for w in re.findall(r"[\w-]+", other.casefold()) for r in roots(w)}
    return sum(bool(roots(w) & other_roots) for w in words) >= min(2, len(words))


# Verb roots that name one act ("dikerjakan oleh" / "dilaksanakan oleh"): vocab/institutions.json "same_acts".
_SAME_ACT = {root: i for i, group in enumerate(_VOCAB["same_acts"]) for root in group}


def _same_verb(a: str, b: str) -> bool:
    """Two slot verbs name the same act, in either voice ("melaksanakan" / "dilaksanakan") or by a verb of the
    same act ("dikerjakan" / "dilaksanakan")."""
    if not (a and b):
        return False
    ra, rb = roots(a), roots(b)
    return a == b or bool(ra & rb) or bool({_SAME_ACT.get(r) for r in ra} & {_SAME_ACT[r] for r in rb if r in _SAME_ACT})


def _same_act(r: Slot, reference: str, d: Slot, draft: str) -> bool:
    """The reference slot ``r`` and the draft slot ``d`` say who does the same thing: the same verb, and when either
    is in the active voice, two named bodies (no general "pemerintah") and that slot's object in the other text."""
    if r.role != d.role or not (_same_verb(r.verb, d.verb) or _acts_meet(r, d) or _both_light(r, d)):
        return False
    if not (r.what or d.what):
        return True
    return (d.name.casefold() not in _GENERIC and r.name.casefold() not in _GENERIC
            and (not r.what or _object_in(r, draft)) and (not d.what or _object_in(d, reference)))


def _both_light(r: Slot, d: Slot) -> bool:
    """Two light verbs, neither naming another act: "Kegiatan dilaksanakan oleh 30 puskesmas" / "Pemeriksaan …
    dijalankan oleh tim Dinas Kesehatan Provinsi" both say who carries the thing out."""
    return r.verb in _LIGHT_VERBS and d.verb in _LIGHT_VERBS and not (r.act and d.act and not r.act & d.act)


def _acts_meet(r: Slot, d: Slot) -> bool:
    """A light verb's act is the other slot's verb or act: "Pengawasan … dipegang X" / "diawasi oleh Y"."""
    return bool((r.act and (r.act & roots(d.verb) or r.act & d.act)) or (d.act and d.act & roots(r.verb)))


def _passive_verb(cue_text: str) -> str:
    """The act a cue names: its passive verb ("dikelola"), or the last word of a cue of responsibility ("menjadi
    tanggung jawab" -> "jawab", "di bawah koordinasi" -> "koordinasi"): two slots on it say who does one thing."""
    words = cue_text.lower().split()
    first = words[0]
    if first.startswith("di") and len(first) > 5:
        return first
    cue = _cue_of(cue_text)
    last = cue.split()[-1].lower() if cue else ""
    return last if len(last) >= 5 and last not in ("kepada", "bawah") else ""


def without_slots(text: str) -> str:
    """``text`` without its responsibility slots (cue and name): what it says besides who does it."""
    for slot in slots(text):
        text = text.replace(slot.text, " ")
    return text


def _is_institution(name: str) -> bool:
    name = written_out(name)  # "Satpol PP Kota Bandung" is the Satuan Polisi Pamong Praja's
    words = [w for w in name.split() if not w.isdigit()] or name.split()  # "Command Center 112": the head is "Center"
    # English puts the head last ("the Plantation Fund Management Agency").
    return (words[0].casefold() in _HEADS or words[-1].casefold() in _HEADS
            or any(len(w) >= 3 and w.isupper() for w in words))


def _words(name: str) -> set[str]:
    return {w.casefold().strip(".") for w in name.split()} - _STOP_NAME_WORDS - _HEADS


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.casefold() not in ("dan", "and", "of", "the")).upper()


def _own_words(name: str, other: set[str], other_name: str = "") -> set[str]:
    """Full words of ``name`` (not head or filler words) that the other name lacks in any rendering, nor spells as
    an acronym ("Angkatan Darat" for the "AD" of "TNI AD"); with ``other_name``, also the acronyms of ``name`` that
    the other neither writes nor spells out (the "AD" of "TNI AD" against "TNI Angkatan Laut")."""
    words = {w.casefold().strip(".") for w in name.split() if len(w) >= 4 and not w.isupper()}
    acronyms = {o.upper() for o in other if len(o) >= 2}
    spelled = {w for run_words, initials in _runs(name) if initials in acronyms for w in run_words}
    own = {w for w in words - _STOP_NAME_WORDS - _HEADS - _TITLE_WORDS - spelled
           if not ({w} | set(translations(w))) & other}
    if other_name:
        initials = {run for _, run in _runs(other_name)}
        own |= {a.casefold() for a in (w.strip(".") for w in name.split())
                if len(a) >= 2 and a.isupper() and a.casefold() not in other and a.casefold() not in _HEADS
                and a not in initials}
    return own


def _runs(name: str) -> list[tuple[set[str], str]]:
    """Each run of two to five words of ``name`` (filler words skipped): its words (lower case) and initials."""
    words = [w for w in name.split() if w.casefold() not in ("dan", "and", "of", "the")]
    return [({w.casefold().strip(".") for w in words[i:j]}, "".join(w[0] for w in words[i:j]).upper())
            for i in range(len(words)) for j in range(i + 2, min(len(words), i + 5) + 1)]


def _rendered(words: set[str]) -> set[str]:
    """Name words with the Indonesian renderings of English ones ("Ministry of Finance" -> keuangan)."""
    return words | {t for w in words for t in translations(w)}


# A region's office and a central body are two bodies whatever name words they share: "dinas sosial provinsi"
# is not "Kementerian Sosial" (nor its "sentra").
_REGIONAL_HEADS = frozenset({"dinas", "pemprov", "pemkab", "pemkot", "bpbd"})
_CENTRAL_HEADS = frozenset({"kementerian", "badan", "sentra", "balai", "direktorat", "ministry", "agency"})


def _level(name: str) -> str:
    words = name.casefold().split()
    head = words[0] if words else ""
    if head in _REGIONAL_HEADS or (head == "pemerintah" and len(words) > 1 and words[1] in ("provinsi", "kabupaten", "kota")):
        return "regional"
    return "central" if head in _CENTRAL_HEADS else ""


# Short names no rule spells from the full name, written out before names are compared (vocab "aliases").
_ALIASES = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _VOCAB["aliases"]), key=len, reverse=True)) + r")\b")


def written_out(name: str) -> str:
    """``name`` with its office aliases written out ("Disnakertrans Jawa Barat" → "Dinas Tenaga Kerja dan
    Transmigrasi Jawa Barat")."""
    return _ALIASES.sub(lambda m: _VOCAB["aliases"][m.group(1)], name)


def same_institution(a: str, b: str) -> bool:
    """One institution written two ways: shared name words (in either language), or one the other's acronym."""
    a, b = written_out(a), written_out(b)
    if {_level(a), _level(b)} == {"regional", "central"}:
        return False
    rendered_a, rendered_b = _rendered(_words(a)), _rendered(_words(b))
    wa = [w for w in a.casefold().split() if w not in _MEMBER_WORDS and w != "dari"]
    wb = [w for w in b.casefold().split() if w not in _MEMBER_WORDS and w != "dari"]
    if not wa or not wb:
        return True  # "dijaga petugas": officers of no body named
    if wa[0] == wb[0] and wa[0] in _HEADS and any(n.islower() and len(w) <= 2 for n, w in ((a, wa), (b, wb))):
        return True  # "balai besar" in lower case names a kind of body, which "balai jalan Kementerian …" is
    if min(len(wa), len(wb)) == 1 and wa[0] == wb[0] and wa[0] in _HEADS:
        return True  # a bare head ("oleh dinas yang membidangi peternakan") names no other body of its kind
    shared = rendered_a & rendered_b
    if shared and shared <= _places(a) | _places(b) and _head(a) and _head(b) and _head(a) != _head(b):
        return False  # only the region is shared: "Polres Sleman" is not "Satuan Polisi Pamong Praja Kabupaten Sleman"
    if shared:
        # Sharing a word is not enough when each name also has a word of its own: "BPJS Kesehatan" is not
        # "BPJS Ketenagakerjaan", "Dinas Kesehatan Provinsi Bali" not "Dinas Kesehatan Kabupaten Badung".
        return not (_own_words(a, rendered_b, b) and _own_words(b, rendered_a, a))
    if _shortened(a, b) or _shortened(b, a):
        return True
    short_a, short_b = a.replace(" ", ""), b.replace(" ", "")
    if (short_a.isupper() and short_a == _acronym(b)) or (short_b.isupper() and short_b == _acronym(a)):
        return True
    # An acronym after a head ("Ditjen PSDKP") for the name written out after its own head ("Direktorat
    # Jenderal Pengawasan Sumber Daya Kelautan dan Perikanan").
    # Or the acronym of the name's last words ("DIY" for "Pemerintah Daerah Daerah Istimewa Yogyakarta").
    return bool(_acronyms_in(a) & ({_acronym(_name_part(b))} | _tail_acronyms(b))
                or _acronyms_in(b) & ({_acronym(_name_part(a))} | _tail_acronyms(a)))


# Words that open a region's name ("Kabupaten Sleman", "Provinsi Jawa Barat"): the words after them say where a
# body sits, not which body it is.
_REGION_WORDS = frozenset({"kabupaten", "kota", "provinsi", "kecamatan", "desa", "kelurahan", "regency", "city",
                           "province", "district"})
_PLACE_RE = re.compile(r"\b(?i:" + "|".join(sorted(_REGION_WORDS)) + r")((?:\s+[A-Z][\w-]*){1,3})")


def _places(name: str) -> set[str]:
    """The region words of ``name`` and the names after them, lower case."""
    found = {w.casefold() for w in name.split() if w.casefold() in _REGION_WORDS}
    return found | {w.casefold() for m in _PLACE_RE.finditer(name) for w in m.group(1).split()}


# Heads of a region's government or its leader: "Pemprov Jawa Barat", "Pemerintah Provinsi Jawa Barat" and
# "Gubernur Jawa Barat" all speak for one government.
_GOVERNMENT_HEADS = frozenset({"pemerintah", "pemprov", "pemkab", "pemkot", "pemda", "gubernur", "bupati", "wali",
                               "kepala", "camat", "sekda", "sekretariat"})


def _head(name: str) -> str:
    """The name's first word when it heads a body of its own ("polres", "satuan"), else "" (no head word, or a
    region's government)."""
    first = name.split()[0].casefold() if name.split() else ""
    return first if first in _HEADS and first not in _GOVERNMENT_HEADS else ""


def _tail_acronyms(name: str) -> set[str]:
    """The acronyms of the name's last two or more words (of its last twelve)."""
    words = [w for w in name.split() if w.casefold() not in ("dan", "and", "of", "the")][-12:]
    return {_acronym(" ".join(words[i:])) for i in range(len(words) - 1)}


def _shortened(short: str, full: str) -> bool:
    """``short`` (besides head words) is one word built from the starts of ``full``'s words: "Kemensos" for
    "Kementerian Sosial", "Kemenkeu" for "Kementerian Keuangan"."""
    own = [w.casefold() for w in short.split() if w.casefold() not in _HEADS]
    words = full.split()
    named = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if len(own) != 1 or len(own[0]) < 4 or named is None or len(words) - named < 2:
        return False
    return _abbreviates(own[0], tuple(w.casefold() for w in words[named:]))


def _acts_through(name: str, other: str, ref_lower: str) -> bool:
    """The reference has ``name`` act through or with ``other`` ("Kementerian Pertanian melalui Direktorat Jenderal
    Peternakan dan Kesehatan Hewan menyalurkan …"): both do it."""
    return re.search(re.escape(name.casefold()) + r"\s+(?:melalui|lewat|bersama|through|with)\s+(?:the\s+)?"
                     + re.escape(other.casefold()), ref_lower) is not None


def _written_beside(name: str, slot: Slot, text: str) -> bool:
    """``name`` stands right after ``slot`` in ``text``, as the acronym in brackets ("Badan Pengatur Hilir Minyak
    dan Gas Bumi (BPH Migas)"), or its own acronym does."""
    at = text.find(slot.text)
    if at < 0:
        return False
    # Within the slot's own clause: "diverifikasi oleh Kementerian ESDM, sedangkan PT PLN (Persero) hanya
    # melaksanakan penyambungan" names PLN for another act, not as the ministry's other name.
    beside = re.split(r"[,;]", text[at + len(slot.text): at + len(slot.text) + 40], maxsplit=1)[0]
    beside = text[at: at + len(slot.text)] + beside
    # Or the acronym of ``name`` there: "Badan Pengelola Dana Perkebunan" for "... Management Agency (BPDP)".
    short = _acronym(name)
    if name.casefold() in beside.casefold() or (len(short) >= 3 and f"({short})" in beside):
        return True
    # An acronym the draft writes, in brackets after a name with commas of its own: "Ditjen EBTKE" for "Direktorat
    # Jenderal Energi Baru, Terbarukan, dan Konservasi Energi (EBTKE)".
    tail = re.split(r"[;.]\s", text[at + len(slot.text): at + len(slot.text) + 90], maxsplit=1)[0]
    return any(f"({w})" in tail for w in name.split() if len(w) >= 3 and w.isupper())


def _acronyms_in(name: str) -> set[str]:
    return {w for w in name.split() if len(w) >= 3 and w.isupper()}


def _name_part(name: str) -> str:
    """The name without its head words ("Direktorat Jenderal", "Kementerian")."""
    return " ".join(w for w in name.split() if w.casefold() not in _HEADS and w.casefold() not in _TITLE_WORDS)



# Heads that name a person's office: a quoted "Kepala Dinas" or "Menteri" says who spoke, not who acts.
_PERSON_HEADS = frozenset("kepala menteri gubernur bupati wali presiden sekretaris direktur komandan camat sekda".split())


def institutions_stated(reference: str, draft: str) -> bool:
    """Every body the draft names ("Kementerian Ketenagakerjaan", "PT ASDP Indonesia Ferry", "the Coordinating
    Ministry for Economic Affairs") stands in ``reference``: written the same, or as the same institution
    another way. A passage that never names the body cannot back a sentence saying that body acts."""
    ours = [m.group(0) for m in _NAME_RE.finditer(draft) if _names_a_body(m.group(0)) and not _speaks(draft, m)]
    if not ours:
        return True
    theirs = [m.group(0) for m in _NAME_RE.finditer(reference) if _is_institution(m.group(0))]
    words = {w.casefold() for w in re.findall(r"[\w-]+", reference)}
    return all(_words(n) <= words or any(same_institution(n, t) for t in theirs) for n in ours)


_SAID_BY = re.compile(r"(?:\bkata|\bujar|\bmenurut|\baccording to|\bsaid)\s+$", re.IGNORECASE)


def _speaks(text: str, m: re.Match[str]) -> bool:
    """The name of match ``m`` says or welcomes what the sentence reports ("Kementerian Sosial menyambut …",
    "…, kata Badan Gizi Nasional"): who speaks, not a body the fact is about."""
    verb = _ACTIVE_VERB_RE.match(text, m.end())
    said_by = _SAID_BY.search(text, max(0, m.start() - 20), m.start())
    return bool(verb and verb.group(1).lower() in _SAYING) or bool(said_by)


def _names_a_body(name: str) -> bool:
    """A name with a body's head word ("Badan ...", "... Agency"), not a person's office or government at large."""
    words = written_out(name).split()
    if len(words) < 2 or name.casefold() in _GENERIC or words[0].casefold() in _PERSON_HEADS:
        return False
    return words[0].casefold() in _HEADS or words[-1].casefold() in _HEADS


SAID_OF_IT_CHARS = 60  # how far after a name the reference's figures about it are read


def _said_of_it(name: str, reference: str, ref_lower: str, draft: str) -> bool:
    """The reference names the draft's institution too, followed by a figure the draft states: it lists that body
    with its own values ("PLBN Entikong melayani pelintas pukul 06.00 hingga 20.00 WIB, ..., dan PLBN Skouw pukul
    08.00 hingga 16.00 WIT"), and the draft says of it what the reference says."""
    at = ref_lower.find(name.casefold())
    if at < 0:
        return False
    after = reference[at + len(name): at + len(name) + SAID_OF_IT_CHARS]
    return not set(_FIGURE_RE.findall(after)).isdisjoint(_FIGURE_RE.findall(draft))


def institution_clashes(reference: str, draft: str) -> list[Clash]:
    """A clash per draft slot whose institution the reference's own slots contradict (an agent slot only
    by a reference slot on the same verb)."""
    ref_slots = slots(reference)
    if not ref_slots:
        return []
    if _TOLD_AS_PAST.match(draft):
        return []  # "Tahun lalu, pelaporan masih dapat dilakukan melalui DJP Online": who did it then
    ref_lower = reference.casefold()
    out = []
    for slot in slots(draft):
        if slot.name.casefold() in _ROLES:
            continue
        same_verb = [r for r in ref_slots if _same_act(r, reference, slot, draft)]
        rivals = same_verb or [r for r in ref_slots if not slot.agent and not r.agent]
        if not rivals:
            continue
        # On the same verb, only who the reference says does it counts ("Hanya BMKG yang berwenang ..., sedangkan
        # perintah evakuasi dikeluarkan oleh pemerintah daerah"); otherwise the name anywhere in the passage.
        if (not same_verb and slot.name.casefold() in ref_lower) or any(
                same_institution(slot.name, r.name) or _written_beside(slot.name, r, reference)
                or _acts_through(slot.name, r.name, ref_lower)
                for r in (same_verb or [r for r in ref_slots if not r.what])):
            continue
        if _said_of_it(slot.name, reference, ref_lower, draft):
            continue  # "..., dan PLBN Skouw pukul 08.00 hingga 16.00 WIT": what the draft says of it
        other = rivals[0]
        out.append(Clash("institution", reason(CONFLICT["institution"], draft=slot.text, reference=other.text),
                         slot.text, other.text, "institution:slot"))
    return out
