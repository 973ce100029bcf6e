"""Sentence embeddings for the service: one model, a few worker threads, dynamic batching.

Each worker takes whatever jobs are waiting (up to ``max_batch_texts`` texts
from concurrent checks) and embeds them together; one single-threaded worker
per core keeps latency steady under outside load (measured on 2 shared cores),
and ONNX Runtime / torch release the GIL while they compute, so two workers use
both cores. Texts go through the model in small forward batches
(``batch_size``): a 30-sentence draft padded to its longest sentence in one
batch of 64 ran at 102 sentences/s, in batches of 8 at 151. Requests wait in a
bounded queue; when it is full the caller gets :class:`Overloaded` (the API
answers 503 with Retry-After) instead of queueing without bound.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from cachetools import LRUCache
from huggingface_hub import snapshot_download

from embeddings.model_cache import resolve_model
from embeddings.onnx_int8 import load_onnx_int8

log = logging.getLogger(__name__)


class Overloaded(RuntimeError):
    """The encoder queue is full; retry later."""


@dataclass
class EncodeTiming:
    """Where one request's embedding time went (milliseconds)."""

    queue_ms: float = 0.0
    embed_ms: float = 0.0


@dataclass
class _Job:
    texts: list[str]
    scope: str = ""
    future: Future = field(default_factory=Future)
    enqueued: float = field(default_factory=time.perf_counter)
    timing: EncodeTiming = field(default_factory=EncodeTiming)


def load_model(model: str, cache_dir: Path, threads: int = 1, backend: str = "torch"):
    """Load ``model`` ("default" = the converted multilingual-e5-small) on the CPU, offline.

    ``backend="torch"`` gives a SentenceTransformer (fp32); ``"onnx-int8"`` an
    :class:`embeddings.onnx_int8.OnnxSentenceModel` exported once into ``cache_dir``
    (measured here: 3.1x the sentences/s of torch on one thread, cosine to fp32 0.997 mean).
    """
    import torch  # lazy: importing torch takes seconds, and only loading a model needs it

    torch.set_num_threads(threads)
    path = resolve_model(model, cache_dir)
    if backend == "onnx-int8":
        local = Path(path)
        if not local.is_dir():  # a hub id: only what is already in the local HF cache
            local = Path(snapshot_download(path, local_files_only=True))
        return load_onnx_int8(local, cache_dir, threads)
    if backend != "torch":
        raise ValueError(f"unknown embedding backend {backend!r}; use 'torch' or 'onnx-int8'")
    from sentence_transformers import SentenceTransformer  # lazy: heavy, and only the torch backend needs it

    return SentenceTransformer(path, device="cpu", local_files_only=True)


class Encoder:
    """Thread-backed embedding engine with an LRU cache of sentence vectors."""

    def __init__(self, model, model_name: str, batch_size: int = 8, max_queue: int = 64,
                 cache_size: int = 20000, workers: int = 2, max_batch_texts: int = 64) -> None:
        self.model = model
        self.model_name = model_name
        self.dim: int = int(model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension")
                            else model.get_sentence_embedding_dimension())
        prompts = getattr(model, "prompts", {}) or {}
        # e5 asks for "query: " on both sides of symmetric tasks (paraphrase, conflict);
        # models without prompts get the raw text.
        self._prompt_name = "query" if "query" in prompts else None
        self.batch_size = batch_size
        self.max_batch_texts = max_batch_texts
        self._queue: queue.Queue[_Job | None] = queue.Queue(maxsize=max_queue)
        self._cache: LRUCache[tuple[str, str], np.ndarray] = LRUCache(maxsize=max(1, cache_size))
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()  # cachetools caches are not thread-safe
        self.cache_hits = 0
        self.cache_misses = 0
        self._threads = [threading.Thread(target=self._run, name=f"selaras-encoder-{i}", daemon=True)
                         for i in range(max(1, workers))]
        for thread in self._threads:
            thread.start()

    # -- public -------------------------------------------------------------
    def encode_blocking(self, texts: list[str]) -> np.ndarray:
        """Embed through the workers from a plain thread, waiting for queue space (loads, CLI).

        Large inputs are cut into jobs of ``max_batch_texts`` so every worker helps.
        """
        texts = list(texts)
        jobs = []
        for lo in range(0, len(texts), self.max_batch_texts):
            job = _Job(texts[lo : lo + self.max_batch_texts])
            self._queue.put(job)
            jobs.append(job)
        parts = [job.future.result() for job in jobs]
        return np.concatenate(parts) if parts else np.empty((0, self.dim), dtype=np.float32)

    def submit(self, texts: list[str], scope: str = "") -> _Job:
        """Queue texts for the worker; raises :class:`Overloaded` when the queue is full.

        ``scope`` partitions the vector cache (the service passes the agency): a cache hit is
        visible in the timing headers, so one agency must never hit another's sentences.
        """
        job = _Job(list(texts), scope)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            raise Overloaded("the embedding queue is full") from None
        return job

    async def encode(self, texts: list[str], scope: str = "") -> tuple[np.ndarray, EncodeTiming]:
        """Embed without blocking the event loop; returns vectors and timing (``scope``: see :meth:`submit`)."""
        job = self.submit(texts, scope)
        vectors = await asyncio.wrap_future(job.future)
        return vectors, job.timing

    @property
    def queue_depth(self) -> int:
        """Jobs waiting for the worker."""
        return self._queue.qsize()

    def close(self) -> None:
        """Stop the workers after the jobs already queued."""
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(timeout=30)

    # -- worker -------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            jobs = [job]
            # Dynamic batching: take whatever else is already waiting, up to one batch of texts.
            total = len(job.texts)
            while total < self.max_batch_texts:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    break
                jobs.append(nxt)
                total += len(nxt.texts)
            started = time.perf_counter()
            try:
                vectors = self._embed_with_cache([(j.scope, t) for j in jobs for t in j.texts])
            except Exception as exc:  # surface model errors to every waiting caller
                for j in jobs:
                    j.future.set_exception(exc)
                continue
            finished = time.perf_counter()
            offset = 0
            for j in jobs:
                j.timing.queue_ms = (started - j.enqueued) * 1000
                j.timing.embed_ms = (finished - started) * 1000
                j.future.set_result(vectors[offset : offset + len(j.texts)])
                offset += len(j.texts)

    def _embed_with_cache(self, texts: list[tuple[str, str]]) -> np.ndarray:
        """Vectors of (scope, text) pairs; the cache is keyed by both, the model sees each text once."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[tuple[int, tuple[str, str]]]] = {}
        with self._cache_lock:
            for i, key in enumerate(texts):
                vec = self._cache.get(key)
                if vec is None:
                    missing.setdefault(key[1], []).append((i, key))
                else:
                    out[i] = vec
                    self.cache_hits += 1
        if missing:
            unique = list(missing)
            self.cache_misses += len(unique)
            vectors = self.model.encode(
                unique, batch_size=self.batch_size, prompt_name=self._prompt_name,
                normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
            ).astype(np.float32, copy=False)
            with self._cache_lock:
                for text, vec in zip(unique, vectors):
                    for i, key in missing[text]:
                        out[i] = vec
                        if self._cache_size:
                            self._cache[key] = vec
        return out
