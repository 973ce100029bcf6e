"""Sparse lexical vectors for hybrid retrieval (BM25-style; the store applies IDF).

A passage becomes a sparse vector over hashed word *roots*: every content word of
:mod:`service.text.words` (Indonesian and English stop words and numbers dropped) contributes to
each of its candidate roots (:func:`service.text.words.roots`), so "menghentikan" and
"penghentian" meet on "henti". Indices are ``crc32(root)`` (31 bits); two roots colliding just
add up, rare at a few ten thousand distinct roots.

Weights, document side (:func:`passage_vector`): the BM25 term-frequency part
``tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))`` per *word*, spread evenly over the word's roots
(a word with 12 candidate roots does not count 12 times). ``dl`` is the passage's content-word
count and ``avgdl`` a fixed :data:`AVG_WORDS` (passages are one to three sentences), so a vector
never depends on the rest of the corpus and is computed once, at write time.

Query side (:func:`query_vector`): 1 per distinct root of the sentence, as BM25 counts query terms.
The IDF part is the store's: the sparse vector is configured with Qdrant's ``Modifier.IDF``, which
scales each dimension by its inverse document frequency at search time.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from service.text.words import TOKEN_RE, is_content, roots

__all__ = ["ANALYSIS", "AVG_WORDS", "B", "K1", "SparseVec", "analyse", "passage_vector", "query_vector", "term_index"]

K1 = 1.2
B = 0.75
AVG_WORDS = 14.0  # content words in an average passage of the press dev set's positions, rounded


def _analysis_fingerprint() -> str:
    """What a stored sparse vector depends on besides its passage: these weights, the word analysis of
    ``service/text/words.py`` (stop words, roots) and the renderings of ``service/text/vocab`` (the bilingual
    lexicon). A store whose vectors were written under another fingerprint recomputes them (see
    :class:`service.store.edge.EdgeStore`)."""
    digest = hashlib.sha256(f"sparse-1|{K1}|{B}|{AVG_WORDS}".encode())
    here = Path(__file__).parent
    for path in [here / "words.py", *sorted((here / "vocab").glob("*.json"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


ANALYSIS = _analysis_fingerprint()


@dataclass(frozen=True)
class SparseVec:
    """Sorted distinct indices and their weights."""

    indices: list[int]
    values: list[float]

    def __bool__(self) -> bool:
        return bool(self.indices)


def term_index(term: str) -> int:
    """The sparse dimension of a root: a stable 31-bit hash (same in every process and version)."""
    return zlib.crc32(term.encode("utf-8")) & 0x7FFFFFFF


def analyse(text: str) -> list[str]:
    """The content words of ``text`` in order, lowercased (stop words and numbers dropped)."""
    return [w for w in TOKEN_RE.findall(text.lower()) if is_content(w)]


def _pack(weights: dict[int, float]) -> SparseVec:
    indices = sorted(weights)
    return SparseVec(indices, [float(weights[i]) for i in indices])


def passage_vector(text: str) -> SparseVec:
    """Document-side vector: BM25 term frequency per word, shared among the word's roots."""
    words = analyse(text)
    if not words:
        return SparseVec([], [])
    norm = K1 * (1 - B + B * len(words) / AVG_WORDS)
    weights: dict[int, float] = {}
    for word, tf in Counter(words).items():
        candidates = roots(word)
        share = tf * (K1 + 1) / (tf + norm) / len(candidates)
        for root in candidates:
            idx = term_index(root)
            weights[idx] = weights.get(idx, 0.0) + share
    return _pack(weights)


def query_vector(text: str) -> SparseVec:
    """Query-side vector: 1 for each distinct root of the text's content words."""
    return _pack({term_index(root): 1.0 for word in set(analyse(text)) for root in roots(word)})
