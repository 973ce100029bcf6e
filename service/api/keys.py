"""API keys over HTTP: admins create, list and revoke them (the CLI ``selaras keys`` does the same locally)."""

from __future__ import annotations

from datetime import datetime, timezone

from litestar import Controller, delete, get, post
from litestar.exceptions import NotFoundException

from service.api.auth import ADMINS, BEARER, has_role
from service.api.errors import AUTHENTICATED, WITH_BODY, ApiError, error_responses
from service.api.schemas import KeyCreated, KeyIn, KeyOut
from service.records import ApiKey, Records


def key_out(key: ApiKey) -> KeyOut:
    """A key's record without its secret (only its hash is stored anyway, and never returned)."""
    return KeyOut(id=key.id, agency=key.agency, role=key.role, created_at=key.created_at,  # type: ignore[arg-type]
                  expires_at=key.expires_at, revoked_at=key.revoked_at)


class KeyController(Controller):
    """``/v1/keys`` (admin only)."""

    path = "/v1/keys"
    guards = [has_role]
    security = BEARER
    tags = ["keys"]

    @post("/", opt={"roles": ADMINS}, status_code=201, summary="Create an API key (its secret is shown this once)",
          operation_id="createKey",
          responses=error_responses(*WITH_BODY, *AUTHENTICATED))
    async def create(self, data: KeyIn, records: Records) -> KeyCreated:
        """Only the key's SHA-256 is stored; keep the returned ``secret``, it cannot be shown again."""
        if data.expires_at is not None:
            expires = data.expires_at if data.expires_at.tzinfo else data.expires_at.replace(tzinfo=timezone.utc)
            if expires <= datetime.now(timezone.utc):
                raise ApiError(422, "invalid_request", "expires_at is in the past.",
                               details=[{"field": "expires_at", "problem": "in the past", "source": "body"}])
        key, secret = records.create_key(data.agency, data.role, data.expires_at)
        return KeyCreated(**key_out(key).model_dump(), secret=secret)

    @get("/", opt={"roles": ADMINS}, summary="List API keys (never secrets or hashes)", operation_id="listKeys",
         responses=error_responses(*AUTHENTICATED))
    async def list_keys(self, records: Records) -> list[KeyOut]:
        """Every key, revoked and expired ones included, oldest first."""
        return [key_out(k) for k in records.list_keys()]

    @delete("/{key_id:str}", opt={"roles": ADMINS}, status_code=200, summary="Revoke an API key",
            operation_id="revokeKey",
            responses=error_responses(404, *AUTHENTICATED))
    async def revoke(self, records: Records, key_id: str) -> KeyOut:
        """The key stops working at once. Revoking a revoked key changes nothing."""
        if records.get_key(key_id) is None:
            raise NotFoundException(f"No API key with id {key_id!r}.")
        records.revoke_key(key_id)
        return key_out(records.get_key(key_id))  # type: ignore[arg-type]
