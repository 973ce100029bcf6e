"""The vision's commitments, embedded, and which of them each draft sentence advances.

Vision positions are few (the eight Asta Cita missions: 35 commitments), so their commitment passages
are embedded once per position version and kept in memory; matching a draft's sentences is one matrix
product over vectors the check already computed (no second store query, no slowdown). A structured
commitment (an id with a ``/``: ``asta-cita-2/pangan``) is one commitment with its wording, description
and key terms as passages; a mission loaded as one paragraph (``asta-cita-2``) is split into its listed
commitments by :func:`service.vision.commitments.split_commitments`.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from service.domain import PositionKind
from service.records import PositionRecord
from service.text.segment import split_passages
from service.text.words import content_words, roots
from service.vision.commitments import split_commitments
from service.vision.exemplars import EXEMPLARS_FILE, Exemplars, load_exemplars, owners, votes

# Embeds passages as the corpus does (same model, same prompt as draft sentences).
Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class CommitmentRef:
    """One commitment of the vision: its mission, id, label and the words it is written with."""

    position_id: str  # the vision position it comes from
    agency: str  # the agency that publishes it
    mission: str  # "asta-cita-2"
    commitment: str  # "asta-cita-2/pangan"
    label: str  # "swasembada pangan"
    title: str  # the position's title
    wording: str  # its first passage: the official wording, quoted as evidence
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # its key terms and label: (as written, its content words)


@dataclass(frozen=True)
class VisionMatch:
    """A commitment a sentence is close to: the best cosine over its passages, how far that stands above
    the sentence's median cosine to all commitments (``lift``: e5 cosines share a high baseline, so a
    sentence about one commitment shows as a peak), and the distinctive words they share."""

    ref: CommitmentRef
    similarity: float
    shared: tuple[str, ...]
    lift: float = 0.0
    # The share of the nearest exemplars' vote (service.vision.exemplars) when they pick this commitment; 0.0
    # when they pick another or none; None when no exemplars take part (then the cosine rules decide).
    votes: float | None = None


@dataclass(frozen=True)
class _Table:
    refs: list[CommitmentRef]
    owner: np.ndarray  # passage row -> index into refs
    starts: np.ndarray  # per commitment, its first passage row (a commitment's rows are consecutive)
    matrix: np.ndarray  # passages x dim, unit rows
    spread: dict[tuple[str, ...], int]  # key term -> how many commitments list it
    # root -> (commitment, term) whose words have that root, and each term's words as root sets: a
    # sentence's key terms are found from its own roots (near-linear), not by trying every term.
    by_root: dict[str, list[tuple[int, int]]]
    term_roots: list[list[tuple[frozenset[str], ...]]]
    exemplars: Exemplars | None = None
    exemplar_owner: np.ndarray | None = None  # per exemplar: its commitment's index in refs (exemplars.owners)


def mission_of(position_id: str) -> str:
    """The mission a vision position belongs to: the id before its first ``/``."""
    return position_id.split("/", 1)[0]


def commitments_of(position: PositionRecord) -> list[tuple[CommitmentRef, list[str]]]:
    """The commitments a vision position states, each with the passages that represent it."""
    if "/" in position.id:
        passages = [p.text for p in split_passages(position.text)]
        label = position.title.split("—", 1)[-1].strip() or position.title
        return [(_ref(position, position.id, label, passages), passages)]
    out = []
    for k, c in enumerate(split_commitments(position.text)):
        known = _known_commitment(c.label)
        slug = known or re.sub(r"[^a-z0-9]+", "-", c.label.lower()).strip("-")[:40] or str(k)
        # A commitment split from a published paragraph gets the key terms of the commitment it names
        # (vocab/commitment_terms.json), so it is matched as the structured one would be.
        terms = _KNOWN[known]["terms"] if known else []
        passages = [c.passage.text] + ([f"Kata kunci: {', '.join(terms)}."] if terms else [])
        out.append((_ref(position, f"{position.id}/{slug}", c.label, passages), passages))
    return out


_KNOWN: dict[str, dict[str, list[str]]] = json.loads(
    (Path(__file__).with_name("vocab") / "commitment_terms.json").read_text(encoding="utf-8"))["commitments"]


def _known_commitment(label: str) -> str | None:
    """The known commitment a split-off label names ("swasembada pangan" -> "pangan"), by its aliases."""
    words = set(re.findall(r"\w+", label.lower()))
    for slug, entry in _KNOWN.items():
        if any(set(alias.split()) <= words for alias in entry["aliases"]):
            return slug
    return None


def _ref(position: PositionRecord, commitment: str, label: str, passages: list[str]) -> CommitmentRef:
    # Its key terms ("Kata kunci: swasembada pangan, ketahanan pangan, …") and its label, as phrases: a
    # sentence shares one when it has all of its words ("rumah sakit" is not "rumah ibadah").
    phrases = [label] + [t for p in passages if p.lower().startswith(_KEY_TERMS)
                         for t in p.split(":", 1)[-1].rstrip(". ").split(",")]
    seen: dict[tuple[str, ...], str] = {}
    for phrase in phrases:
        words = tuple(sorted(content_words(phrase)))
        # A phrase that loses all but one word to stop words and short codes ("harga yang sama" -> "harga",
        # "wilayah 3T" -> "wilayah") would match any sentence with that everyday word: not a key term.
        if len(phrase.split()) >= 2 and len(words) == 1:
            continue
        if words and words not in seen:
            seen[words] = phrase.strip()
    terms = tuple((text, words) for words, text in seen.items())
    return CommitmentRef(position.id, position.agency, mission_of(position.id), commitment, label, position.title,
                         passages[0], terms)


_KEY_TERMS = ("kata kunci", "key terms")


class VisionIndex:
    """The commitments of the vision positions in effect, embedded, rebuilt when those positions change."""

    def __init__(self, embed: Embed, model_name: str = "", cache_dir: Path | None = None,
                 exemplars_file: Path | None = EXEMPLARS_FILE) -> None:
        self._embed = embed
        self._model_name = model_name
        self._cache_dir = cache_dir
        self._exemplars_file = exemplars_file  # None: the cosine rules alone
        self._lock = threading.Lock()
        self._key: tuple[tuple[str, int], ...] | None = None
        self._table: _Table | None = None
        # Embedded commitments per (position id, version): a new version of one mission re-embeds only it.
        self._cache: dict[tuple[str, int], list[tuple[CommitmentRef, np.ndarray]]] = {}

    def warm(self) -> None:
        """Embed the exemplars now (or read them from the cache): the first check need not wait for them."""
        if self._exemplars_file is not None:
            load_exemplars(self._embed, self._model_name, self._cache_dir, self._exemplars_file)

    def table(self, positions: Iterable[PositionRecord]) -> _Table | None:
        """The embedded commitments of ``positions`` (vision ones only); None when there are none."""
        vision = sorted((p for p in positions if p.kind == PositionKind.VISION), key=lambda p: p.id)
        key = tuple((p.id, p.version) for p in vision)
        with self._lock:
            if key != self._key:
                self._table = self._build(vision)
                self._key = key
                self._cache = {k: v for k, v in self._cache.items() if k in set(key)}
            return self._table

    def _build(self, vision: list[PositionRecord]) -> _Table | None:
        refs: list[CommitmentRef] = []
        owner: list[int] = []
        rows: list[np.ndarray] = []
        for pos in vision:
            entry = self._cache.get((pos.id, pos.version))
            if entry is None:
                entry = self._cache[(pos.id, pos.version)] = self._embed_position(pos)
            for ref, vectors in entry:
                if not len(vectors):
                    continue  # no passage, nothing to match (and reduceat needs every commitment to have rows)
                owner += [len(refs)] * len(vectors)
                refs.append(ref)
                rows.append(vectors)
        if not refs:
            return None
        matrix = np.vstack(rows).astype(np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12
        spread: dict[tuple[str, ...], int] = {}
        for ref in refs:
            for _, words in ref.terms:
                spread[words] = spread.get(words, 0) + 1
        exemplars = (load_exemplars(self._embed, self._model_name, self._cache_dir, self._exemplars_file)
                     if self._exemplars_file is not None else None)
        owner_of = owners(exemplars, [r.commitment for r in refs]) if exemplars is not None else None
        term_roots = [[tuple(roots(w) for w in words) for _, words in ref.terms] for ref in refs]
        by_root: dict[str, list[tuple[int, int]]] = {}
        for r, ref_terms in enumerate(term_roots):
            for t, word_roots in enumerate(ref_terms):
                for root in set().union(*word_roots):
                    by_root.setdefault(root, []).append((r, t))
        starts = np.searchsorted(owner, np.arange(len(refs)))  # each commitment's first passage row
        return _Table(refs, np.asarray(owner), starts, matrix, spread, by_root, term_roots,
                      exemplars if owner_of is not None else None, owner_of)

    def _embed_position(self, pos: PositionRecord) -> list[tuple[CommitmentRef, np.ndarray]]:
        commitments = commitments_of(pos)
        texts = [t for _, passages in commitments for t in passages]
        vectors = np.asarray(self._embed(texts), dtype=np.float32) if texts else np.zeros((0, 1), np.float32)
        out, at = [], 0
        for ref, passages in commitments:
            out.append((ref, vectors[at:at + len(passages)]))
            at += len(passages)
        return out


def match(table: _Table | None, sentences: list[str], vectors: np.ndarray, floor: float,
          limit: int = 5, max_spread: int = 3, leave_out: str = "") -> list[list[VisionMatch]]:
    """Per sentence, the commitments at least ``floor`` close (cosine), best first, at most ``limit``; a
    key term the sentence has counts only when at most ``max_spread`` commitments list it. With exemplars,
    each match carries their vote, and the commitment they pick is among the matches whatever its cosine.
    ``leave_out``: exemplars of this development set do not vote (the eval scoring that set)."""
    if table is None or not sentences:
        return [[] for _ in sentences]
    q = np.asarray(vectors, dtype=np.float32)
    q = q / (np.linalg.norm(q, axis=1, keepdims=True) + 1e-12)
    # A commitment's passages are consecutive rows: its best passage per sentence is one reduceat.
    best = np.maximum.reduceat(q @ table.matrix.T, table.starts, axis=1)  # sentences x commitments
    lifts = (best - np.median(best, axis=1, keepdims=True)).tolist()
    closest = np.argsort(-best, axis=1)[:, :limit].tolist()
    picks = _exemplar_picks(table, q, leave_out) if table.exemplars is not None else None
    out: list[list[VisionMatch]] = []
    for i, sentence in enumerate(sentences):
        row = best[i].tolist()
        stems = sentence_roots(sentence)
        found: dict[int, list[str]] = {}
        for r, t in sorted({hit for root in stems for hit in table.by_root.get(root, ())}):
            text, words = table.refs[r].terms[t]
            if table.spread.get(words, 1) <= max_spread and all(not stems.isdisjoint(w) for w in table.term_roots[r][t]):
                found.setdefault(r, []).append(text)
        # The closest by cosine, and any the sentence names by a key term (cosines sit close together).
        order = list(dict.fromkeys(closest[i] + list(found)))
        picked, share = (picks[i] if picks is not None else None) or (-1, 0.0)  # -1: no commitment picked
        if picked >= 0 and picked not in order:
            order.append(picked)
        out.append([VisionMatch(table.refs[j], row[j], tuple(found.get(j, ())), lifts[i][j],
                                None if picks is None else share if j == picked else 0.0)
                    for j in sorted(order, key=lambda j: -row[j]) if row[j] >= floor or j == picked])
    return out


def _exemplar_picks(table: _Table, q: np.ndarray, leave_out: str) -> list[tuple[int, float] | None]:
    """Per sentence (unit rows ``q``), the commitment its nearest exemplars vote for and the vote's share."""
    ex, owner = table.exemplars, table.exemplar_owner
    assert ex is not None and owner is not None
    allowed = ex.sources != leave_out if leave_out else np.ones(len(ex.texts), dtype=bool)
    index = {r.commitment: j for j, r in enumerate(table.refs)}
    return votes(q @ ex.matrix.T, owner, allowed, ex.labels, index)


def sentence_roots(sentence: str) -> frozenset[str]:
    """Every candidate root of the sentence's content words (English ones with their Indonesian renderings)."""
    return frozenset(r for w in content_words(sentence) for r in roots(w))


def has_term(term: tuple[str, ...], stems: frozenset[str]) -> bool:
    """The sentence (its ``stems``) has every word of the key term, in some form ("village funds" in
    "the village fund programme", "bendungan" in "Bendungan Jatigede")."""
    return all(not stems.isdisjoint(roots(w)) for w in term)
