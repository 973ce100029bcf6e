"""The shared tokenizer: one object per model folder, and exactly the ids ``tokenizers`` itself
would give with its own truncation and templates (so sharing changes no vector and no score)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from embeddings.tokenizer import shared_tokenizer
from tests.data import shared_data

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def base_model() -> Path:
    from embeddings.model_cache import ensure_default_model

    return ensure_default_model(Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache")))


def _texts() -> list[tuple[str, str]]:
    from service.judge.nli import iter_jsonl

    path = shared_data("indonli/val.jsonl", "IndoNLI")
    rows = list(iter_jsonl(path))
    pairs = [(r["premise"], r["hypothesis"]) for r in rows]
    long = " ".join(r["premise"] for r in rows[:40])  # ~1,500 tokens
    # Long on either side, both long, equal lengths: every branch of longest-first truncation.
    return pairs + [(long, "Harga naik."), ("Harga naik.", long), (long, long[:900]), (long[:500], long[:520]),
                    (long[:300], long[:300]), ("", "Harga naik."), ("Harga naik.", "")]


@pytest.mark.slow
def test_pair_and_single_ids_equal_the_tokenizers_own(base_model):
    from tokenizers import Tokenizer

    shared = shared_tokenizer(base_model)
    pairs = _texts()
    reference = Tokenizer.from_file(str(base_model / "tokenizer.json"))
    reference.enable_truncation(max_length=128, strategy="longest_first")
    assert shared.pair_ids(pairs, 128) == [e.ids for e in reference.encode_batch(pairs)]
    texts = [t for p in pairs[:500] for t in p] + ["query: " + pairs[-7][0]]
    reference.enable_truncation(max_length=512)
    assert shared.single_ids(texts, 512) == [e.ids for e in reference.encode_batch(texts)]
    assert max(len(ids) for ids in shared.single_ids(texts, 512)) == 512


@pytest.mark.slow
def test_one_object_per_model_folder_and_never_reconfigured(base_model):
    from service.judge.nli import PairTokenizer

    shared = shared_tokenizer(base_model)
    assert shared_tokenizer(str(base_model) + "/") is shared  # same folder, however spelled
    pair = PairTokenizer(base_model, max_tokens=64)
    assert pair.shared is shared
    assert shared.tokenizer.truncation is None and shared.tokenizer.padding is None
    assert all(len(ids) <= 64 for ids in pair.encode(_texts()[-7:]))
    assert shared.tokenizer.truncation is None  # users truncate themselves
