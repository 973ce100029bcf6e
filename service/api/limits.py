"""Per-key limits on work, not just requests.

A request is no measure of cost: one 400-sentence draft took 6.2 s while a 1-sentence one takes
30 ms, and a batch holds 50 drafts. So a key is limited in the sentences it may have checked per
minute, in the checks it may have in flight at once, and (in ``service.api.auth.RateLimiter``)
in plain requests. Each refusal is a 429 naming the limit, with ``Retry-After``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from service.api.errors import ApiError


class WorkLimiter:
    """Sentences per key per minute (a token bucket holding one minute's worth) and checks in flight per key."""

    def __init__(self, sentences_per_minute: int, max_concurrent: int) -> None:
        self.capacity = float(sentences_per_minute)
        self.rate = sentences_per_minute / 60.0
        self.max_concurrent = max_concurrent
        self._buckets: dict[str, tuple[float, float]] = {}
        self._in_flight: dict[str, int] = {}
        self._lock = threading.Lock()

    def take_sentences(self, key_id: str, n: int) -> None:
        """Spend ``n`` sentences of the key's allowance, or raise 429 ``sentence_quota``."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= n:
                self._buckets[key_id] = (tokens - n, now)
                return
            self._buckets[key_id] = (tokens, now)
        wait = math.ceil((n - tokens) / self.rate)
        raise ApiError(429, "sentence_quota",
                       f"This key may have {int(self.capacity)} sentences checked per minute "
                       f"(SELARAS_SENTENCES_PER_MINUTE); this request needs {n}. Retry in {wait} s.",
                       headers={"Retry-After": str(wait)})

    @contextmanager
    def in_flight(self, key_id: str) -> Iterator[None]:
        """Hold one of the key's concurrent-check slots for the ``with`` block, or raise 429."""
        with self._lock:
            running = self._in_flight.get(key_id, 0)
            if running >= self.max_concurrent:
                raise ApiError(429, "too_many_concurrent_checks",
                               f"This key already has {running} checks running; the limit is {self.max_concurrent} "
                               "(SELARAS_MAX_CONCURRENT_CHECKS). Wait for one to finish.",
                               headers={"Retry-After": "1"})
            self._in_flight[key_id] = running + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._in_flight[key_id] - 1
                if left:
                    self._in_flight[key_id] = left
                else:
                    del self._in_flight[key_id]
