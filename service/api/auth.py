"""Bearer-key authentication and role guards (plain functions, as litestar guards)."""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from service.records import ApiKey

SUBMITTERS = ("submitter", "curator", "admin")
CURATORS = ("curator", "admin")
ADMINS = ("admin",)


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
    roles = handler.opt.get("roles", SUBMITTERS)
    if key.role not in roles:
        raise PermissionDeniedException(
            f"This needs the role {' or '.join(roles)}; the key has role {key.role}."
        )
    connection.state.key = key


def current_key(connection: ASGIConnection) -> ApiKey:
    """The authenticated key of this request (set by :func:`require_key`)."""
    return connection.state.key
