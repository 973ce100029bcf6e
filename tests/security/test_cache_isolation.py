"""Caches must not tell one agency what another checked.

Before: the sentence-embedding and pair-score caches were shared by all agencies, and the timing
headers showed hits: another agency's exact sentence was confirmed by ``x-embed-time`` 0.0 ms
against 6.8–11.1 ms for wrong guesses. Now both caches are keyed by agency (``scope``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from embeddings.encoder import Encoder, load_model
from embeddings.model_cache import ensure_default_model
from service.judge.nli import NliClassifier

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache"))
SECRET = "Kementerian Keuangan akan memangkas subsidi listrik sebesar 12 persen mulai Januari."


@pytest.fixture(scope="module")
def encoder():
    enc = Encoder(load_model("default", CACHE, 1, "onnx-int8"), "e5", workers=1)
    yield enc
    enc.close()


def test_embedding_cache_hits_only_within_an_agency(encoder):
    first = encoder.submit([SECRET], scope="Kementerian Keuangan").future.result()
    misses = encoder.cache_misses
    probe = encoder.submit([SECRET], scope="Kementerian ESDM")  # another agency guesses the sentence
    assert (probe.future.result() == first).all()  # same vector: scoping changes no result
    assert encoder.cache_misses == misses + 1  # computed afresh: no hit to time
    hits = encoder.cache_hits
    encoder.submit([SECRET], scope="Kementerian Keuangan").future.result()
    assert encoder.cache_hits == hits + 1  # the agency's own resubmission is still cached


def test_pair_score_cache_hits_only_within_an_agency():
    clf = NliClassifier.load(ensure_default_model(CACHE), backend="onnx-int8", cache_dir=CACHE, threads=1)
    pair = ("Pemerintah tidak memangkas subsidi listrik tahun ini.", SECRET)
    calls = []
    inner = clf.logits
    clf.logits = lambda pairs: calls.append(list(pairs)) or inner(pairs)  # count model runs, results untouched
    a = clf.predict([pair], scope="Kementerian Keuangan")
    b = clf.predict([pair], scope="Kementerian ESDM")
    assert a == b and len(calls) == 2  # the second agency ran the model: no cross-agency hit
    clf.predict([pair], scope="Kementerian Keuangan")
    assert len(calls) == 2  # within the agency the cache still serves


def test_signal_analysis_cache_hits_only_within_an_agency():
    from service.judge import signals

    reference = "Subsidi listrik tahun ini dipertahankan sebesar Rp 75 triliun."
    with signals.cache_scope("Kementerian Keuangan"):
        signals.find_clashes(reference, SECRET)
    before = signals._analyse.cache_info()
    with signals.cache_scope("Kementerian ESDM"):
        signals.find_clashes(reference, SECRET)
    after = signals._analyse.cache_info()
    assert after.hits == before.hits and after.misses == before.misses + 2  # both texts analysed afresh
    with signals.cache_scope("Kementerian Keuangan"):
        signals.find_clashes(reference, SECRET)
    assert signals._analyse.cache_info().hits == after.hits + 2
