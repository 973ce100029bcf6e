"""Sentence embeddings for the service: one model, one worker thread per core, a request split across them.

A request's texts are cut into one part per worker (``Encoder.submit``), so a single check
embeds on both cores at once (concurrency 1, 10k passages: embedding 131 → 71 ms per check,
see the README's benchmarks); under load the parts of many checks share the workers. Each
worker runs single-threaded (steady latency on 2 shared cores), and ONNX Runtime / torch release
the GIL while they compute. The int8 model embeds one text per run, so a sentence's vector
never depends on the other texts of its part or of other requests (see
:mod:`embeddings.onnx_int8`): splitting changes no vector. Requests wait in a bounded queue;
when it is full the caller gets :class:`Overloaded` (the API answers 503 with Retry-After)
instead of queueing without bound.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections import deque
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
    """Where one request's embedding time went (milliseconds): waiting for a worker, then embedding
    (first part started → last part finished)."""

    queue_ms: float = 0.0
    embed_ms: float = 0.0


@dataclass
class _Part:
    """Some consecutive texts of one request, embedded by one worker."""

    texts: list[str]
    scope: str
    future: Future = field(default_factory=Future)
    started: float = 0.0
    finished: float = 0.0


@dataclass
class EncodeRequest:
    """One caller's texts: ``future`` gives all their vectors in order once every part is done."""

    parts: list[_Part]
    future: Future = field(default_factory=Future)
    enqueued: float = field(default_factory=time.perf_counter)
    timing: EncodeTiming = field(default_factory=EncodeTiming)

    def __post_init__(self) -> None:
        self._left = len(self.parts)
        self._lock = threading.Lock()
        if not self.parts:
            self.future.set_result(np.empty((0, 0), dtype=np.float32))
        for part in self.parts:
            part.future.add_done_callback(self._part_done)

    def _part_done(self, _: Future) -> None:
        with self._lock:
            self._left -= 1
            if self._left:
                return
        failed = next((p.future.exception() for p in self.parts if p.future.exception() is not None), None)
        if failed is not None:
            self.future.set_exception(failed)
            return
        self.timing.queue_ms = (min(p.started for p in self.parts) - self.enqueued) * 1000
        self.timing.embed_ms = (max(p.finished for p in self.parts) - min(p.started for p in self.parts)) * 1000
        self.future.set_result(np.concatenate([p.future.result() for p in self.parts]))


class _PartQueue:
    """A bounded FIFO of parts where a request's parts go in together or not at all."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: deque[_Part | None] = deque()
        self._cond = threading.Condition()

    def put_all(self, parts: list[_Part]) -> bool:
        """Queue every part, or none when they do not all fit (returns whether they went in)."""
        with self._cond:
            if len(self._items) + len(parts) > self.capacity:
                return False
            self._items.extend(parts)
            self._cond.notify(len(parts))
            return True

    def put_waiting(self, part: _Part | None) -> None:
        """Queue one part, waiting for room (``None`` = a worker's stop sign, queued regardless)."""
        with self._cond:
            while part is not None and len(self._items) >= self.capacity:
                self._cond.wait()
            self._items.append(part)
            self._cond.notify_all()

    def get(self) -> _Part | None:
        """The oldest part, waiting for one."""
        with self._cond:
            while not self._items:
                self._cond.wait()
            item = self._items.popleft()
            self._cond.notify_all()  # room for a waiting put
            return item

    def __len__(self) -> int:
        return len(self._items)


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
    """Thread-backed embedding engine with an LRU cache of sentence vectors.

    ``max_queue`` bounds the requests waiting (a request is up to ``workers`` parts);
    ``max_batch_texts`` caps the texts of one part (large loads become many parts).
    """

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
        self.workers = max(1, workers)
        self._queue = _PartQueue(max(1, max_queue) * self.workers)
        self._cache: LRUCache[tuple[str, str], np.ndarray] = LRUCache(maxsize=max(1, cache_size))
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()  # cachetools caches are not thread-safe
        self.cache_hits = 0
        self.cache_misses = 0
        self._threads = [threading.Thread(target=self._run, name=f"selaras-encoder-{i}", daemon=True)
                         for i in range(self.workers)]
        for thread in self._threads:
            thread.start()

    # -- public -------------------------------------------------------------
    def encode_blocking(self, texts: list[str]) -> np.ndarray:
        """Embed through the workers from a plain thread, waiting for queue space (loads, CLI)."""
        request = self._request(list(texts), "")
        for part in request.parts:
            self._queue.put_waiting(part)
        return self._vectors(request.future.result())

    def submit(self, texts: list[str], scope: str = "") -> EncodeRequest:
        """Queue texts for the workers; raises :class:`Overloaded` when the queue is full.

        ``scope`` partitions the vector cache (the service passes the agency): a cache hit is
        visible in the timing headers, so one agency must never hit another's sentences.
        """
        request = self._request(list(texts), scope)
        if not self._queue.put_all(request.parts):
            raise Overloaded("the embedding queue is full")
        return request

    async def encode(self, texts: list[str], scope: str = "") -> tuple[np.ndarray, EncodeTiming]:
        """Embed without blocking the event loop; returns vectors and timing (``scope``: see :meth:`submit`)."""
        request = self.submit(texts, scope)
        vectors = await asyncio.wrap_future(request.future)
        return self._vectors(vectors), request.timing

    @property
    def queue_depth(self) -> int:
        """Parts waiting for a worker."""
        return len(self._queue)

    def close(self) -> None:
        """Stop the workers after the parts already queued."""
        for _ in self._threads:
            self._queue.put_waiting(None)
        for thread in self._threads:
            thread.join(timeout=30)

    # -- parts and workers ----------------------------------------------------
    def _request(self, texts: list[str], scope: str) -> EncodeRequest:
        """``texts`` in consecutive parts: one per worker, none above ``max_batch_texts`` texts."""
        size = min(self.max_batch_texts, max(1, math.ceil(len(texts) / self.workers)))
        return EncodeRequest([_Part(texts[lo : lo + size], scope) for lo in range(0, len(texts), size)])

    def _vectors(self, vectors: np.ndarray) -> np.ndarray:
        return vectors if len(vectors) else np.empty((0, self.dim), dtype=np.float32)

    def _run(self) -> None:
        while True:
            part = self._queue.get()
            if part is None:
                return
            part.started = time.perf_counter()
            try:
                vectors = self._embed_with_cache([(part.scope, t) for t in part.texts])
            except Exception as exc:  # surface model errors to the waiting caller
                part.finished = time.perf_counter()
                part.future.set_exception(exc)
                continue
            part.finished = time.perf_counter()
            part.future.set_result(vectors)

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
