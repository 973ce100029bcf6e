"""API keys: only their SHA-256 hashes are stored; each belongs to an agency and has a role."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from service.domain import Role
from service.records.db import Database, normalise_time, utcnow
from service.records.schema import api_keys

ROLES = tuple(role.value for role in Role)
# The columns of a key's record that leave the records (never the hash).
_PUBLIC = (api_keys.c.id, api_keys.c.agency, api_keys.c.role, api_keys.c.created_at, api_keys.c.expires_at,
           api_keys.c.revoked_at)


@dataclass(frozen=True)
class ApiKey:
    """An API key's identity (never the secret)."""

    id: str
    agency: str
    role: str
    created_at: str
    expires_at: str | None
    revoked_at: str | None


def hash_key(secret: str) -> str:
    """Keys are 256-bit random, so a plain SHA-256 is a safe, fast digest."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _expired(expires_at: str) -> bool:
    try:
        return normalise_time(expires_at) <= utcnow()  # type: ignore[operator]
    except ValueError:  # unreadable (written by hand?): fail closed
        return True


class Keys(Database):
    """The API-keys part of :class:`service.records.Records`."""

    def create_key(self, agency: str, role: str, expires_at: str | datetime | None = None) -> tuple[ApiKey, str]:
        """A new key; returns its record and the secret, which is never stored.

        ``expires_at`` is stored as UTC: "2026-05-01T08:00+07:00" and "2026-05-01T01:00Z" are the same moment
        (stored as given, a string comparison with the current time would get offsets wrong).
        """
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        expires_at = normalise_time(expires_at)
        for _ in range(3):
            # 128-bit random ids: a clash is practically impossible, and one is drawn again rather than a 500.
            key_id = secrets.token_hex(16)
            secret = f"sel_{key_id}_{secrets.token_urlsafe(32)}"
            record = ApiKey(key_id, agency, role, utcnow(), expires_at, None)
            try:
                with self._tx() as db:
                    db.execute(api_keys.insert().values(id=key_id, key_hash=hash_key(secret), agency=agency,
                                                        role=role, created_at=record.created_at,
                                                        expires_at=expires_at, revoked_at=None))
            except IntegrityError:
                continue
            return record, secret
        raise RuntimeError("could not draw an unused API key id in 3 tries; is the random source broken?")

    def create_bootstrap_key(self, agency: str, hours: float = 24) -> tuple[ApiKey, str, str | None]:
        """A curator key for first setup that expires after ``hours``; the previous one is revoked.

        ``serve --bootstrap-key`` calls this at every start, so bootstrap keys never pile up:
        at most one is live. Returns the key, its secret and the id of the key revoked (if any).
        """
        expires = datetime.now(timezone.utc) + timedelta(hours=hours)
        key, secret = self.create_key(agency, "curator", expires)
        with self._tx() as db:
            previous = self.meta_value(db, "bootstrap_key_id")
            self.set_meta(db, "bootstrap_key_id", key.id)
        revoked = previous if previous and self.revoke_key(previous) else None
        return key, secret, revoked

    def authenticate(self, secret: str) -> ApiKey | None:
        """The live key matching ``secret`` (not revoked, not expired), else None."""
        digest = hash_key(secret)
        with self._read() as db:
            row = db.execute(select(api_keys).where(api_keys.c.key_hash == digest)).mappings().first()
        # The lookup is by digest; compare again in constant time so timing reveals nothing.
        if row is None or not hmac.compare_digest(row["key_hash"], digest):
            return None
        if row["revoked_at"] or (row["expires_at"] and _expired(row["expires_at"])):
            return None
        return ApiKey(row["id"], row["agency"], row["role"], row["created_at"], row["expires_at"], row["revoked_at"])

    def list_keys(self) -> list[ApiKey]:
        """All keys, without secrets."""
        with self._read() as db:
            rows = db.execute(select(*_PUBLIC).order_by(api_keys.c.created_at, api_keys.c.id)).mappings().all()
        return [ApiKey(**r) for r in rows]

    def get_key(self, key_id: str) -> ApiKey | None:
        """One key's record by id (revoked or not), without its secret."""
        with self._read() as db:
            row = db.execute(select(*_PUBLIC).where(api_keys.c.id == key_id)).mappings().first()
        return ApiKey(**row) if row else None

    def key_is_live(self, key_id: str) -> bool:
        """True while the key exists, is not revoked and has not expired."""
        key = self.get_key(key_id)
        return key is not None and not key.revoked_at and not (key.expires_at and _expired(key.expires_at))

    def revoke_key(self, key_id: str) -> bool:
        """Revoke a key by id; False if unknown."""
        with self._tx() as db:
            changed = db.execute(update(api_keys).where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                                 .values(revoked_at=utcnow())).rowcount
        return bool(changed)
