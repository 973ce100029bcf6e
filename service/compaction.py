"""Idle-time compaction of the embedded vector store.

Every position rewrite leaves the old version's points deleted but on disk until the engine
optimises and flushes (the store grew ~40 MiB/min under continuous rewrites). qdrant-edge has no
background optimiser, and its optimize() holds the GIL, so compaction runs in one background
thread when the corpus changed and no check has been running for ``idle_s`` seconds: a check
that arrives meanwhile waits for at most one compaction (0.24 s at 10k passages). A service
that is never idle still compacts once writes have waited ``max_wait_s``: the soak at
concurrency 8 never had 2 idle seconds, and RSS grew ~30 MiB a minute without it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from service.store.base import StoreUnavailable, VectorStore

log = logging.getLogger("selaras")


class Activity:
    """Checks in flight, when the last one ended, and whether the corpus changed since the last compaction."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._last_end = time.monotonic()
        self._writes = 0

    @contextmanager
    def check(self) -> Iterator[None]:
        """Mark a check as running for the ``with`` block."""
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                self._last_end = time.monotonic()

    def wrote(self) -> None:
        """Record a corpus write (upsert, retirement): there is something to compact."""
        with self._lock:
            self._writes += 1

    def idle_for(self) -> float:
        """Seconds since the last check ended (0 while one runs)."""
        with self._lock:
            return 0.0 if self._running else time.monotonic() - self._last_end

    def take_writes(self) -> int:
        """Writes since the last call (resets the count)."""
        with self._lock:
            writes, self._writes = self._writes, 0
            return writes


class Compactor:
    """A daemon thread that compacts ``store`` when it is dirty and the service idle."""

    def __init__(self, store: VectorStore, activity: Activity, interval_s: float = 30.0, idle_s: float = 2.0,
                 max_wait_s: float = 60.0) -> None:
        self.store = store
        self.activity = activity
        self.interval_s = interval_s
        self.idle_s = idle_s
        self.max_wait_s = max_wait_s
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="selaras-compactor", daemon=True)

    def start(self) -> "Compactor":
        """Start the thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread (waits for a compaction in progress)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=60)

    def _loop(self) -> None:
        pending, since = 0, 0.0
        while not self._stop.wait(self.interval_s):
            writes = self.activity.take_writes()
            if writes and not pending:
                since = time.monotonic()
            pending += writes
            overdue = pending and time.monotonic() - since >= self.max_wait_s
            if not pending or (self.activity.idle_for() < self.idle_s and not overdue):
                continue
            started = time.perf_counter()
            try:
                self.store.compact()
            except StoreUnavailable as exc:
                log.warning("compaction skipped: %s", exc)
                continue
            except Exception:  # never let the thread die: the next round retries
                log.exception("compaction failed")
                continue
            self.runs += 1
            log.info("store compacted after %d writes in %.0f ms", pending, (time.perf_counter() - started) * 1000)
            pending = 0
