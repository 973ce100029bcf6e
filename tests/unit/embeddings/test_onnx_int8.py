"""The int8 ONNX path must agree with the fp32 reference model (issue: agreement ≥ 0.99)."""

import json
import os
from pathlib import Path

import numpy as np
import pytest

from embeddings.model_cache import ensure_default_model
from embeddings.onnx_int8 import load_onnx_int8
from tests.data import shared_data

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]


def test_int8_agrees_with_fp32_on_real_indonesian_text():
    from sentence_transformers import SentenceTransformer

    indonli_val = shared_data("indonli/val.jsonl", "IndoNLI")
    cache = Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache"))
    model_dir = ensure_default_model(cache)
    rows = [json.loads(line) for line in indonli_val.read_text().splitlines()[:120]]
    texts = [r["hypothesis"] for r in rows] + [r["premise"] for r in rows[:30]]
    texts += ["The government allocated Rp335 trillion for free meals in 2026.", "Harga naik 1,5 persen."]
    fp32 = SentenceTransformer(str(model_dir), device="cpu").encode(
        texts, prompt_name="query", normalize_embeddings=True, show_progress_bar=False)
    int8 = load_onnx_int8(model_dir, cache).encode(texts, prompt_name="query")
    cosine = (fp32 * int8).sum(axis=1)
    assert cosine.mean() >= 0.99, cosine.mean()
    assert cosine.min() >= 0.97, cosine.min()
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)
