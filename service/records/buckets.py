"""Token buckets kept in the records, so every process and replica on one database shares a key's limits.

A bucket holds up to ``capacity`` tokens and refills at ``rate`` tokens a second; a request takes
``cost`` tokens or is told how long to wait. Each take is one short write transaction: the row is
locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's writer lock), refilled for the time since its
last update, charged and written back. Time is the hosts' wall clock (replicas keep time with NTP); a
clock that runs behind another host's never refills a bucket backwards.
"""

from __future__ import annotations

import time

from sqlalchemy import select, update

from service.records.db import Database
from service.records.engine import insert
from service.records.schema import rate_buckets


def refill(tokens: float, elapsed: float, capacity: float, rate: float) -> float:
    """The tokens a bucket holds ``elapsed`` seconds after it held ``tokens`` (at most ``capacity``)."""
    return min(capacity, tokens + max(0.0, elapsed) * rate)


class Buckets(Database):
    """The rate-bucket part of :class:`service.records.Records`."""

    def take_tokens(self, name: str, cost: float, capacity: float, rate: float) -> float:
        """Take ``cost`` tokens from the bucket ``name``: 0.0 if taken, else the seconds until they would be
        there (nothing is taken then). A new bucket starts full."""
        if cost <= 0 or capacity <= 0 or rate <= 0:
            raise ValueError("cost, capacity and rate must be positive")
        now = time.time()
        row = rate_buckets.c
        with self._tx() as db:
            held = db.execute(select(row.tokens, row.updated).where(row.name == name).with_for_update()).first()
            if held is None:
                db.execute(insert(rate_buckets, db).values(name=name, tokens=capacity, updated=now)
                           .on_conflict_do_nothing())
                held = db.execute(select(row.tokens, row.updated).where(row.name == name).with_for_update()).one()
            tokens = refill(held.tokens, now - held.updated, capacity, rate)
            if tokens >= cost:
                db.execute(update(rate_buckets).where(row.name == name)
                           .values(tokens=tokens - cost, updated=max(now, held.updated)))
                return 0.0
        return (cost - tokens) / rate
