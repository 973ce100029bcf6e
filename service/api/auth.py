"""Bearer-key authentication and role guards (plain functions, as litestar guards)."""

from __future__ import annotations

import math
import threading
import time

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from service.api.errors import ApiError
from service.records import ApiKey

SUBMITTERS = ("submitter", "curator", "admin")
CURATORS = ("curator", "admin")
ADMINS = ("admin",)
# OpenAPI security requirement of the guarded endpoints (the system endpoints need no key).
BEARER = [{"BearerKey": []}]


class RateLimiter:
    """A token bucket per API key: ``per_minute`` requests, bursts of up to ``burst``."""

    def __init__(self, per_minute: int, burst: int | None = None) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(min(burst or per_minute, per_minute))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key_id: str) -> float:
        """0 if allowed now, else the seconds to wait before retrying."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[key_id] = (tokens - 1, now)
                return 0.0
            self._buckets[key_id] = (tokens, now)
            return (1 - tokens) / self.rate


def require_key(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Authenticate ``Authorization: Bearer <key>`` and check the handler's ``opt["roles"]``.

    No or unknown key → 401; a valid key without the role → 403. The key's
    identity is left on ``connection.state.key`` for the handler.
    """
    header = connection.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise NotAuthorizedException("Send an API key as 'Authorization: Bearer <key>'.")
    key = connection.app.state.selaras.records.authenticate(secret.strip())
    if key is None:
        raise NotAuthorizedException("The API key is unknown, revoked or expired.")
    limiter: RateLimiter | None = getattr(connection.app.state, "rate_limiter", None)
    wait = limiter.acquire(key.id) if limiter else 0.0
    if wait:
        raise ApiError(429, "rate_limited", f"Too many requests for this key; retry in {math.ceil(wait)} s.",
                       headers={"Retry-After": str(math.ceil(wait))})
    roles = handler.opt.get("roles", SUBMITTERS)
    if key.role not in roles:
        raise PermissionDeniedException(
            f"This needs the role {' or '.join(roles)}; the key has role {key.role}."
        )
    connection.state.key = key


def acting_agency(key: ApiKey, requested: str | None = None) -> str:
    """The agency a request acts for: a submitter always its own; curators and admins any they name."""
    return key.agency if key.role == "submitter" else (requested or key.agency)


def may_access(key: ApiKey, agency: str | None) -> bool:
    """Whether the key may see or change what belongs to ``agency`` (a submitter: only its own)."""
    return key.role != "submitter" or agency == key.agency


def current_key(connection: ASGIConnection) -> ApiKey:
    """The authenticated key of this request (set by :func:`require_key`)."""
    return connection.state.key
