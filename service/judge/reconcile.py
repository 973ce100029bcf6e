"""Reconciliation across the corpus: a clash another passage explains is no conflict. The draft's figure, date,
body or name stated by a passage at least as close (another zone's, year's or city's position), or a figure of
another period than the passage's, says the clash is with a passage about something else."""

from __future__ import annotations

import re
from collections.abc import Callable

from service.domain import Candidate
from service.judge.institutions import slots, written_out
from service.judge.periods import (
    before_the_rule,
    dated,
    dating_clause,
    other_period,
    superseded,
    years,
)
from service.judge.policy import INSTITUTION_RECONCILE_MARGIN, RECONCILED
from service.judge.qualifiers import another_twin, has_names, other_names, other_subject, title_words
from service.judge.signals import (
    Clash,
    extract_dates,
    figures_stated,
    modality_agrees,
    worded_figures_stated,
)
from service.judge.signals.dates import dates_agree
from service.text.words import content_roots, roots

# How much of the sentence a related passage shares (``judge._Coverage``: ``cover(i)`` for ``related[i]``).
Coverage = Callable[[int], float]

_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def reconciled(clash: Clash, i: int, cand: Candidate, sentence: str, related: list[Candidate],
                cover: Coverage, period: str = "", named: str = "", before: str = "") -> bool:
    """A figure or date clash the corpus explains: another passage states the draft's value, or (for
    figures) the draft and the passage speak of different periods (``period``: see :class:`Prepared`). An
    institution clash likewise, when another passage at least as close names the draft's institution (the
    distribution is Bulog's, the supervision of it BPH Migas's), and a name clash when another position's passage
    at least as close names the draft's name (the twin position of another city or province). ``before``: the
    draft's earlier sentences, whose names a sentence naming none speaks of (see :func:`_stated_elsewhere`)."""
    if clash.kind == "institution":
        named = slots(clash.draft)
        # The first body of a list names it ("Perum Bulog dan PT Pos Indonesia" / "Perum Bulog bersama ...").
        body = re.split(r"\s+(?:dan|and)\s+", named[0].name)[0] if named else ""
        first = body.casefold()
        # Word by word, its office aliases written out: "UPTD … Wilayah II Disnakertrans Jawa Barat" is in "UPTD …
        # Wilayah II Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat".
        words = _words(written_out(body))
        return bool(first) and any(j != i and cover(j) >= cover(i)
                                   and c.similarity >= cand.similarity - INSTITUTION_RECONCILE_MARGIN
                                   and (first in c.passage.casefold() or words <= _words(written_out(c.passage)))
                                   for j, c in enumerate(related))
    if clash.kind == "entity":
        # A name another position states as closely is that position's subject: "Dinas Perhubungan Kota Makassar"
        # is the Makassar twin's body, not a swap of the Surabaya one's.
        # Word by word: "Dinas Perkebunan dan Peternakan Kalimantan Barat" is in "… Peternakan Provinsi Kalimantan …".
        said = _words(clash.draft)
        own = cand.ref.position_id
        return bool(said) and any(j != i and c.ref.position_id != own and cover(j) >= cover(i)
                                  and said <= _words(c.passage) for j, c in enumerate(related))
    if clash.rule.startswith("modality:"):
        # What the draft requires or exempts, another passage at least as close states alike: the draft speaks of
        # that passage's case ("hadiah pernikahan … tidak wajib dilaporkan" is the exemption, not the rule).
        cls = clash.rule.partition(":")[2]
        return any(j != i and cover(j) >= cover(i) and not another_twin(sentence, named, c)
                   and modality_agrees(c.passage, sentence, cls) for j, c in enumerate(related))
    if clash.kind == "date" and _twin_of_another_year(sentence, named, cand, related):
        return True
    if clash.kind == "number" and _twin_states(clash.draft, period, cand, related):
        return True
    if clash.kind in ("negation", "antonym", "scope", "number", "date") and _twin_of_another_place(
            f"{before} {sentence}", cand, related):
        return True
    return clash.kind in RECONCILED and (
        _stated_elsewhere(clash.draft, i, sentence, related, cover, period, named,
                          own_position=clash.kind == "date" and clash.rule != "date:time", before=before)
        or (clash.kind == "number" and (other_period(dated(cand, related),
                                                     _dating(sentence, clash.draft, named, cand, related))
                                        or before_the_rule(sentence, cand, related))))


def _twin_of_another_year(sentence: str, named: str, cand: Candidate, related: list[Candidate]) -> bool:
    """The clashing passage is for another year than the sentence ("Program … mulai disalurkan pada 1 Maret 2027"
    against the 2026 position's "pada 2026"), and a position titled alike is for the sentence's year: the draft
    speaks of that twin, whose own dates judge it. With no such twin the year may be the draft's error."""
    return another_twin(sentence, named, cand) and any(
        not another_twin(sentence, named, c) for c in _titled_alike(cand, related))


def _titled_alike(cand: Candidate, related: list[Candidate]) -> list[Candidate]:
    """The passages among ``related`` of other positions titled as the clashing one's but for its year ("Peremajaan
    kopi rakyat 2027" / "… 2026"): its twins. None for a position whose title has no words of its own."""
    own = title_words(cand.ref.title)
    return [c for c in related if own and c.ref.position_id != cand.ref.position_id and title_words(c.ref.title) == own]


def _twin_states(figure: str, period: str, cand: Candidate, related: list[Candidate]) -> bool:
    """The draft's last named year (``period``: the sentence names none) is not the clashing position's, and the
    position titled alike for that year states the figure, however few of the sentence's words it shares: after
    "Tahap I 2027 …", "Satuan PAUD kini boleh menggunakan hingga separuh dana BOP" is the 2027 cap ("paling banyak
    50 persen"), not a change of the 2026 one."""
    said = years(period)
    if not said or not said.isdisjoint(years(cand.ref.title or "")):
        return False
    return any((dated_to := years(c.ref.title or "")) and dated_to <= said and _states(c.passage, figure)
               for c in _titled_alike(cand, related))


TWIN_TITLE_WORDS = 2  # words that may tell two twin positions' titles apart ("Kota Pontianak" / "Kota Balikpapan")


def _twin_of_another_place(draft: str, cand: Candidate, related: list[Candidate]) -> bool:
    """The clashing passage's position has a twin among ``related``, titled alike but for a place or two
    ("Perpustakaan keliling Kota Pontianak" / "… Kota Balikpapan"), and the draft (the sentence with its earlier
    sentences) names the twin's place and not the clashing position's: "Keterlambatan dikenai denda" in a Balikpapan
    draft is not the Pontianak library's "tidak dikenai denda"."""
    own = title_words(cand.ref.title)
    said = _words(draft)
    for c in related:
        if c.ref.position_id == cand.ref.position_id:
            continue
        theirs = title_words(c.ref.title)
        mine, twin = own - theirs, theirs - own
        if (own & theirs and 0 < len(mine) <= TWIN_TITLE_WORDS and 0 < len(twin) <= TWIN_TITLE_WORDS
                and said.isdisjoint(w.casefold() for w in mine) and not said.isdisjoint(w.casefold() for w in twin)):
            return True
    return False


def _dating(sentence: str, figure: str, named: str, cand: Candidate, related: list[Candidate]) -> str:
    """What dates the draft's figure: its clause when that names a year, else, when a position among ``related``
    is the clashing one's twin for a year the draft's earlier sentences named (``named``, all of them: a 2025 aside
    beside the 2026 programme keeps both), those years: a sentence after "… kebun kopi rakyat pada 2026" is about
    the 2026 twin, not the 2027 one's "Rp20 juta". With no such twin the draft's year may be its own error ("mulai
    1 Januari 2027" for 2026), which must not excuse its other figures."""
    clause = dating_clause(sentence, figure)
    if years(clause) or not named:
        return clause
    said, dated_to = years(named), years(cand.ref.title or "")
    # The clashing position's twin: a position titled alike but for its year, which is one the draft named.
    twin = bool(dated_to) and said.isdisjoint(dated_to) and any(
        not said.isdisjoint(years(c.ref.title or "")) for c in _titled_alike(cand, related))
    return f"{clause} ({named})" if twin else clause


def _stated_elsewhere(figure: str, clashing: int, sentence: str, related: list[Candidate],
                     cover: Coverage, period: str = "", named: str = "", own_position: bool = False,
                     before: str = "") -> bool:
    """Another related passage (any position in effect), at least as close to the sentence's words and
    not about another period than the sentence, states the draft's figure: the corpus backs the value,
    so the clash is with a passage about something else (another zone, product). A 2026 figure does
    not back a draft that gives it for 2025, and for a sentence that names no year an earlier period's figure
    backs nothing beside a later one's (the later is in force) unless the draft's earlier sentences named the
    earlier year (``period``), nor one whose position is about another region the sentence names (``other_names``)
    or another product of a position titled alike (``other_subject``).
    With ``own_position`` (dates), a passage of the clashing passage's own position
    backs the date however few of the sentence's words it shares: "reopen on 1 April 2026 after a closure from
    January" is the reopening the position's next sentence dates, not a change of the closure's start. A sentence
    that names no place or product speaks of what the draft's earlier sentences (``before``) name: "Palembang –
    … bus air di Sungai Musi … . Tarifnya Rp5.000 sekali jalan" is not backed by the Banjarmasin twin's fare."""
    names = sentence if has_names(sentence) else before
    undated, said = not years(sentence), years(period)
    clashing_years = years(dated(related[clashing], related))
    own = (related[clashing].ref.position_id or None) if own_position else None  # a passage of no position: none
    # A position is as close as its closest passage: "Harga acuan penjualan di tingkat konsumen ... Rp57.000,
    # sedangkan di tingkat petani Rp32.000" is the zone whose consumer-price passage it restates, though that
    # zone's farm price stands in another passage. Not the clashing passage's own position: a figure moved from
    # one of its sentences to another is the clash.
    best: dict[str, float] = {}
    for j, c in enumerate(related):
        if c.ref.position_id and c.ref.position_id != related[clashing].ref.position_id:
            best[c.ref.position_id] = max(best.get(c.ref.position_id, 0.0), cover(j))
    return any(i != clashing and _states(c.passage, figure) and not other_names(names, related, clashing, i)
               and not other_subject(sentence, before, related[clashing], c)
               and not _other_programme(f"{before} {sentence}", related[clashing], c)
               and not another_twin(sentence, named, c)
               and (max(cover(i), best.get(c.ref.position_id, 0.0)) >= cover(clashing)
                    or (own is not None and c.ref.position_id == own))
               and not other_period(when := dated(c, related), sentence)
               and not (undated and superseded(backing := years(when), clashing_years) and said.isdisjoint(backing))
               for i, c in enumerate(related))


OWN_TITLE_WORDS = 2  # words of the clashing position's own title the draft must name to be about it


def _other_programme(draft: str, clashing: Candidate, backing: Candidate) -> bool:
    """The draft names the clashing position's programme by its title's own words and none of the backing one's: a
    draft on "Diklat Pemberdayaan Masyarakat bidang transportasi" whose registration closes "30 April 2026" is not
    backed by the police recruitment ("Penerimaan Bintara Polri") that closes then."""
    if not backing.ref.title or backing.ref.position_id == clashing.ref.position_id:
        return False
    said = content_roots(draft)
    mine, theirs = title_words(clashing.ref.title), title_words(backing.ref.title)
    named = sum(not roots(w).isdisjoint(said) for w in mine - theirs)
    return named >= OWN_TITLE_WORDS and all(roots(w).isdisjoint(said) for w in theirs - mine)


def _states(passage: str, figure: str) -> bool:
    """The passage states the draft's figure or date: its digits, its worded numbers ("tiga bulan" is not in
    "dua putaran berjarak empat minggu") and its dates ("April 2026" is not in "Februari 2026")."""
    if not (figures_stated(passage, figure) and worded_figures_stated(passage, figure)):
        return False
    wanted = extract_dates(figure)
    if not wanted and _only_in_dates(passage, figure):
        return False  # "21–24 Oktober 2026" does not state "24 tim"
    return not wanted or any(dates_agree(p, d) for d in wanted for p in extract_dates(passage))


def _only_in_dates(passage: str, figure: str) -> bool:
    """The figure stands in the passage only inside its dates ("24 tim" in "21–24 Oktober 2026")."""
    dates = extract_dates(passage)
    if not dates:
        return False
    blanked = list(passage)
    for d in dates:
        blanked[d.start:d.end] = " " * (d.end - d.start)
    return not figures_stated("".join(blanked), figure)
