"""One tokenizer per model folder, shared by the sentence embedder and the pair classifier.

Why: the default model's XLM-R tokenizer takes ~290 MB in memory (a 250k-piece Unigram
vocabulary and its normaliser), and the embedder and the pair classifier load the same
``tokenizer.json``. The shared object is never reconfigured (no truncation, no padding: a
``tokenizers.Tokenizer`` keeps those as mutable state, which two users with different limits
could not share safely); each user truncates and adds the special tokens itself with
:func:`single_ids` / :func:`pair_ids`, which reproduce what the tokenizer's own truncation and
template produce (checked in the tests on all IndoNLI texts, long ones included).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tokenizers import Tokenizer

_LOCK = threading.Lock()
_SHARED: dict[str, "SharedTokenizer"] = {}


@dataclass(frozen=True)
class SharedTokenizer:
    """A stateless tokenizer and the special tokens its template puts around one or two texts."""

    tokenizer: Any  # tokenizers.Tokenizer, never reconfigured after loading
    single: tuple[list[int], list[int]]  # (before, after) one text
    pair: tuple[list[int], list[int], list[int]]  # (before, between, after) two texts

    def single_ids(self, texts: list[str], max_tokens: int) -> list[list[int]]:
        """Ids per text with special tokens, the text cut from the right to fit ``max_tokens``."""
        before, after = self.single
        room = max_tokens - len(before) - len(after)
        return [before + e.ids[:room] + after for e in self.tokenizer.encode_batch(texts, add_special_tokens=False)]

    def pair_ids(self, pairs: list[tuple[str, str]], max_tokens: int) -> list[list[int]]:
        """Ids per (first, second) pair with special tokens, truncated longest-first: one token at a
        time from the longer text (the second on ties), as ``tokenizers`` does."""
        before, between, after = self.pair
        room = max_tokens - len(before) - len(between) - len(after)
        enc = self.tokenizer.encode_batch([t for p in pairs for t in p], add_special_tokens=False)
        out: list[list[int]] = []
        for k in range(len(pairs)):
            a, b = enc[2 * k].ids, enc[2 * k + 1].ids
            n1, n2 = len(a), len(b)
            while n1 + n2 > room:
                if n1 > n2:
                    n1 -= 1
                else:
                    n2 -= 1
            out.append(before + a[:n1] + between + b[:n2] + after)
        return out


def _split_template(with_special: list[int], pieces: list[list[int]]) -> list[list[int]]:
    """The special-token runs around and between ``pieces`` inside ``with_special``."""
    runs, pos = [], 0
    for piece in pieces:
        at = next(i for i in range(pos, len(with_special) - len(piece) + 1)
                  if with_special[i : i + len(piece)] == piece)
        runs.append(with_special[pos:at])
        pos = at + len(piece)
    runs.append(with_special[pos:])
    return runs


def shared_tokenizer(model_dir: Path | str) -> SharedTokenizer:
    """The process-wide tokenizer for ``model_dir/tokenizer.json`` (loaded on first use)."""
    path = str(Path(model_dir, "tokenizer.json").resolve())
    with _LOCK:
        found = _SHARED.get(path)
        if found is None:
            tok = Tokenizer.from_file(path)
            tok.no_truncation()
            tok.no_padding()
            a, b = (tok.encode(t, add_special_tokens=False).ids for t in ("Harga", "naik"))
            single = _split_template(tok.encode("Harga").ids, [a])
            pair = _split_template(tok.encode("Harga", "naik").ids, [a, b])
            found = _SHARED[path] = SharedTokenizer(tok, (single[0], single[1]), (pair[0], pair[1], pair[2]))
        return found
