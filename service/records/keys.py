"""API keys: only their SHA-256 hashes are stored; each belongs to an agency and has a role."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from service.domain import Role
from service.records.db import Database, normalise_time, utcnow

ROLES = tuple(role.value for role in Role)


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
                    db.execute(
                        "INSERT INTO api_keys VALUES (?,?,?,?,?,?,?)",
                        (key_id, hash_key(secret), agency, role, record.created_at, expires_at, None),
                    )
            except sqlite3.IntegrityError:
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
            row = db.execute("SELECT value FROM meta WHERE key='bootstrap_key_id'").fetchone()
            db.execute("INSERT INTO meta(key, value) VALUES('bootstrap_key_id', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key.id,))
        previous = row["value"] if row else None
        revoked = previous if previous and self.revoke_key(previous) else None
        return key, secret, revoked

    def authenticate(self, secret: str) -> ApiKey | None:
        """The live key matching ``secret`` (not revoked, not expired), else None."""
        digest = hash_key(secret)
        with self._lock:
            row = self._db.execute("SELECT * FROM api_keys WHERE key_hash=?", (digest,)).fetchone()
        # The lookup is by digest; compare again in constant time so timing reveals nothing.
        if row is None or not hmac.compare_digest(row["key_hash"], digest):
            return None
        if row["revoked_at"] or (row["expires_at"] and _expired(row["expires_at"])):
            return None
        return ApiKey(row["id"], row["agency"], row["role"], row["created_at"], row["expires_at"], row["revoked_at"])

    def list_keys(self) -> list[ApiKey]:
        """All keys, without secrets."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, agency, role, created_at, expires_at, revoked_at FROM api_keys ORDER BY created_at"
            ).fetchall()
        return [ApiKey(**dict(r)) for r in rows]

    def get_key(self, key_id: str) -> ApiKey | None:
        """One key's record by id (revoked or not), without its secret."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, agency, role, created_at, expires_at, revoked_at FROM api_keys WHERE id=?", (key_id,)
            ).fetchone()
        return ApiKey(**dict(row)) if row else None

    def key_is_live(self, key_id: str) -> bool:
        """True while the key exists, is not revoked and has not expired."""
        key = self.get_key(key_id)
        return key is not None and not key.revoked_at and not (key.expires_at and _expired(key.expires_at))

    def revoke_key(self, key_id: str) -> bool:
        """Revoke a key by id; False if unknown."""
        with self._tx() as db:
            cur = db.execute("UPDATE api_keys SET revoked_at=? WHERE id=? AND revoked_at IS NULL", (utcnow(), key_id))
        return bool(cur.rowcount)
