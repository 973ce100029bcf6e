"""The encoder splits a request across its workers without changing any vector, and refuses excess load whole."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import Encoder, Overloaded, load_model

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
CACHE = Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache"))
SENTENCES = [
    "Pemerintah menetapkan harga eceran tertinggi beras medium Rp12.500 per kilogram.",
    "Kementerian Kesehatan memperluas imunisasi campak ke 12 provinsi mulai Maret 2026.",
    "The ministry will not raise the electricity tariff for households until December.",
    "Bantuan sosial disalurkan melalui PT Pos Indonesia setiap tiga bulan.",
    "Pendaftaran beasiswa dibuka hingga 30 April pukul 23.59 WIB.",
    "Anggaran program makan bergizi gratis tahun 2026 sebesar Rp335 triliun.",
    "Sekolah Rakyat berbentuk sekolah berasrama bagi anak dari keluarga miskin.",
]


@pytest.fixture(scope="module")
def model():
    return load_model("default", CACHE, 1, "onnx-int8")


class _Recording:
    """The real model, remembering which thread embedded which texts."""

    def __init__(self, inner, gate: threading.Event | None = None) -> None:
        self.inner = inner
        self.prompts = inner.prompts
        self.gate = gate
        self.threads: list[tuple[str, int]] = []

    def get_embedding_dimension(self) -> int:
        return self.inner.get_embedding_dimension()

    def encode(self, texts, **kwargs):
        if self.gate is not None:
            self.gate.wait(30)
        self.threads.append((threading.current_thread().name, len(texts)))
        return self.inner.encode(texts, **kwargs)


def test_one_request_uses_every_worker_and_keeps_each_vector(model):
    recording = _Recording(model)
    encoder = Encoder(recording, "e5", workers=2, cache_size=0)
    try:
        texts = [f"{s} (Siaran pers {k})" for k in range(3) for s in SENTENCES]  # 21 texts: parts of 11 and 10
        split = encoder.encode_blocking(texts)
    finally:
        encoder.close()
    alone = np.stack([model.encode([t], prompt_name="query")[0] for t in texts])
    assert np.array_equal(split, alone)  # split or not, in any part, the same vector
    assert sorted(n for _, n in recording.threads) == [10, 11]
    assert len({name for name, _ in recording.threads}) == 2  # both cores on one request


def test_a_full_queue_refuses_a_request_whole_and_keeps_serving(model):
    gate = threading.Event()
    encoder = Encoder(_Recording(model, gate), "e5", workers=1, max_queue=2, cache_size=0)
    try:
        first = encoder.submit(SENTENCES[:2])  # taken by the worker, which waits at the gate
        while encoder.queue_depth:
            pass
        queued = [encoder.submit([s]) for s in SENTENCES[2:4]]  # the queue holds 2 parts: full
        with pytest.raises(Overloaded):
            encoder.submit([SENTENCES[4]])
        assert encoder.queue_depth == 2  # nothing of the refused request went in
        gate.set()
        assert first.future.result(30).shape == (2, 384)
        assert all(q.future.result(30).shape == (1, 384) for q in queued)
        assert encoder.submit([SENTENCES[5]]).timing is not None
    finally:
        gate.set()
        encoder.close()


def test_timing_and_empty_and_failing_requests(model):
    encoder = Encoder(model, "e5", workers=2)
    try:
        request = encoder.submit(SENTENCES)
        vectors = request.future.result(30)
        assert vectors.shape == (len(SENTENCES), 384)
        assert request.timing.embed_ms > 0 and request.timing.queue_ms >= 0
        assert encoder.encode_blocking([]).shape == (0, 384)
    finally:
        encoder.close()

    class Broken(_Recording):
        def encode(self, texts, **kwargs):
            raise RuntimeError("model file unreadable")

    broken = Encoder(Broken(model), "e5", workers=2)
    try:
        with pytest.raises(RuntimeError, match="unreadable"):
            broken.encode_blocking(SENTENCES)  # one failing part fails the request, nothing hangs
    finally:
        broken.close()
