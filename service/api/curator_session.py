"""Who may open the curator page: a curator or admin key as a Bearer header, or the signed session a curator
gets by entering the key once on the page (a cookie, so a browser needs no header).

The session cookie is ``<key id>.<expiry>.<mac>``: an HMAC (the server secret that also signs review
links) over the key id and expiry. It ends at its expiry (8 hours), when the key is revoked or
expires, and when the secret is rotated. Forms carry a CSRF token derived from the session.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from litestar import Request
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException

from service.api.auth import CURATORS
from service.records import ApiKey, Records

COOKIE = "selaras_curator"
SESSION_SECONDS = 8 * 3600
_SESSION = re.compile(r"([0-9a-f]{1,64})\.([0-9]{1,12})\.([0-9a-f]{32})")


def _mac(records: Records, *parts: str) -> str:
    message = "\x00".join(parts).encode()
    return hmac.new(records.server_secret(), message, hashlib.sha256).hexdigest()[:32]


def new_session(records: Records, key: ApiKey) -> str:
    """A session cookie value for ``key`` (a curator or admin), valid for SESSION_SECONDS."""
    expires = str(int(time.time()) + SESSION_SECONDS)
    return f"{key.id}.{expires}.{_mac(records, 'selaras-curator-session/1', key.id, expires)}"


def session_key(records: Records, value: str | None) -> ApiKey | None:
    """The live curator or admin key a session cookie was made for, or None."""
    match = _SESSION.fullmatch(value or "")
    if match is None or int(match[2]) < time.time():
        return None
    expected = _mac(records, "selaras-curator-session/1", match[1], match[2])
    if not hmac.compare_digest(match[3].encode(), expected.encode()) or not records.key_is_live(match[1]):
        return None
    key = records.get_key(match[1])
    return key if key is not None and key.role in CURATORS else None


def csrf_token(records: Records, request: Request) -> str:
    """The token forms of this session carry ('' for a Bearer caller: a browser cannot forge a header)."""
    session = request.cookies.get(COOKIE)
    return _mac(records, "selaras-curator-csrf/1", session) if session and request.user is None else ""


def curator_of(request: Request, records: Records) -> ApiKey:
    """The curator calling: by Bearer key or session. No one → 401 (the login form); a submitter → 403."""
    key: ApiKey | None = request.user
    if key is None:
        key = session_key(records, request.cookies.get(COOKIE))
        if key is None:
            raise NotAuthorizedException("Masuk dengan kunci kurator. Sign in with a curator key.")
    if key.role not in CURATORS:
        raise PermissionDeniedException("Halaman ini hanya untuk kurator. This page is for curators only.")
    return key


def check_csrf(request: Request, records: Records, token: str | None) -> None:
    """Forms sent with the session cookie must carry its CSRF token (403 otherwise)."""
    expected = csrf_token(records, request)
    if expected and not hmac.compare_digest((token or "").encode(), expected.encode()):
        raise PermissionDeniedException("Formulir kedaluwarsa; muat ulang halaman. The form expired; reload the page.")
