"""Per-key limits on work, not just requests.

A request is no measure of cost: one 400-sentence draft took 6.2 s while a 1-sentence one takes
30 ms, and a batch holds 50 drafts. So a key is limited in the sentences it may have checked per
minute, in the checks it may have in flight at once, and (in ``service.api.auth.RateLimiter``)
in plain requests. Each refusal is a 429 naming the limit, with ``Retry-After``.

The per-minute allowances are token buckets kept in the records (:class:`TokenBuckets`, i.e.
``Records.take_tokens``), so every worker process and replica on one database draws on the same
allowance. Checks in flight are counted per process: they guard that process's CPU.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from service.api.errors import ApiError


class TokenBuckets(Protocol):
    """Shared token buckets (``service.records.Records``): take ``cost`` tokens, or learn the seconds to wait."""

    def take_tokens(self, name: str, cost: float, capacity: float, rate: float) -> float: ...


class WorkLimiter:
    """Sentences per key per minute (a shared token bucket holding one minute's worth) and checks in flight
    per key (in this process)."""

    def __init__(self, buckets: TokenBuckets, sentences_per_minute: int, max_concurrent: int) -> None:
        self.buckets = buckets
        self.capacity = float(sentences_per_minute)
        self.rate = sentences_per_minute / 60.0
        self.max_concurrent = max_concurrent
        self._in_flight: dict[str, int] = {}
        self._lock = threading.Lock()

    def take_sentences(self, key_id: str, n: int) -> None:
        """Spend ``n`` sentences of the key's allowance, or raise 429 ``sentence_quota``."""
        if n <= 0:
            return
        wait = math.ceil(self.buckets.take_tokens(f"sentences:{key_id}", n, self.capacity, self.rate))
        if not wait:
            return
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
