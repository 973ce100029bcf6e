"""Who is calling (an authentication middleware that sets ``connection.user``) and may they (role guards)."""

from __future__ import annotations

import math

import anyio
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult, DefineMiddleware

from service.api.errors import ApiError
from service.api.limits import TokenBuckets
from service.domain import Role
from service.records import ApiKey

SUBMITTERS = (Role.SUBMITTER, Role.CURATOR, Role.ADMIN)
CURATORS = (Role.CURATOR, Role.ADMIN)
ADMINS = (Role.ADMIN,)
# OpenAPI security requirement of the guarded endpoints (the system endpoints need no key).
BEARER = [{"BearerKey": []}]


class RateLimiter:
    """A token bucket per API key: ``per_minute`` requests, bursts of up to ``burst``; the buckets are shared
    by every process and replica on the same records (:class:`service.api.limits.TokenBuckets`)."""

    def __init__(self, buckets: TokenBuckets, per_minute: int, burst: int | None = None) -> None:
        self.buckets = buckets
        self.rate = per_minute / 60.0
        self.capacity = float(min(burst or per_minute, per_minute))

    def acquire(self, key_id: str) -> float:
        """0 if allowed now, else the seconds to wait before retrying."""
        return self.buckets.take_tokens(f"requests:{key_id}", 1, self.capacity, self.rate)


def _authenticate(connection: ASGIConnection, secret: str) -> tuple[ApiKey | None, float]:
    """The live key of ``secret`` and the seconds it must wait (0: go on); read from the shared records every
    time, so a key revoked on any replica is refused on every replica at its next request."""
    key = connection.app.state.selaras.records.authenticate(secret)
    if key is None:
        return None, 0.0
    limiter: RateLimiter = connection.app.state.rate_limiter
    return key, limiter.acquire(key.id)


class ApiKeyAuth(AbstractAuthenticationMiddleware):
    """Authentication backend: ``Authorization: Bearer <key>`` sets ``connection.user`` to the :class:`ApiKey`.

    No header leaves the caller anonymous (``user`` None: a review link may still open a report);
    a header that is not a live key is 401 at once. A known key then takes a token from its rate
    limit (429 beyond). Whether the caller may use a route is the guards' business (:func:`has_role`).
    """

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        """The caller's key, or no one."""
        header = connection.headers.get("authorization")
        if header is None:
            return AuthenticationResult(user=None, auth=None)
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise NotAuthorizedException("Send an API key as 'Authorization: Bearer <key>'.")
        key, wait = await anyio.to_thread.run_sync(_authenticate, connection, secret.strip())
        if key is None:
            raise NotAuthorizedException("The API key is unknown, revoked or expired.")
        if wait:
            raise ApiError(429, "rate_limited", f"Too many requests for this key; retry in {math.ceil(wait)} s.",
                           headers={"Retry-After": str(math.ceil(wait))})
        return AuthenticationResult(user=key, auth=secret.strip())


# Routes that never look at a key: a wrong header must not make /health or the schema fail.
UNAUTHENTICATED_PATHS = ["^/$", "^/health", "^/ready", "^/info", "^/metrics", "^/schema"]
# Every method authenticates, OPTIONS too (litestar skips it by default): the guards run on it as well.
AUTH_MIDDLEWARE = DefineMiddleware(ApiKeyAuth, exclude=UNAUTHENTICATED_PATHS, exclude_http_methods=[])


def has_role(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Guard: the caller has one of the handler's ``opt["roles"]`` (submitters by default).

    No key → 401; a key without the role → 403.
    """
    key: ApiKey | None = connection.scope.get("user")
    if key is None:
        raise NotAuthorizedException("Send an API key as 'Authorization: Bearer <key>'.")
    roles = handler.opt.get("roles", SUBMITTERS)
    if key.role not in roles:
        raise PermissionDeniedException(
            f"This needs the role {' or '.join(roles)}; the key has role {key.role}."
        )


def acting_agency(key: ApiKey, requested: str | None = None) -> str:
    """The agency a request acts for: a submitter always its own; curators and admins any they name."""
    return key.agency if key.role == Role.SUBMITTER else (requested or key.agency)


def may_access(key: ApiKey, agency: str | None) -> bool:
    """Whether the key may see or change what belongs to ``agency`` (a submitter: only its own)."""
    return key.role != Role.SUBMITTER or agency == key.agency


def visible_agency(key: ApiKey, requested: str | None) -> str | None:
    """The agency filter of a listing: a submitter sees only its own; curators and admins what they ask (all)."""
    return key.agency if key.role == Role.SUBMITTER else requested
