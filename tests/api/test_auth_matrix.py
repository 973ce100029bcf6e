"""Who may do what: every kind of caller against every endpoint, over HTTP in-process (table-driven).

Callers: no key, a wrong key, a revoked key, an expired key (both of the admin role, so a
privileged key that is no longer valid is shown to count for nothing), a submitter, a curator,
an admin. Endpoints: positions, checks, batch, statements, reports, keys. Expected: 401 for
every invalid credential, 403 for a valid key without the role, 2xx otherwise; a report of
another agency is 404 (its id does not leak).
"""

from __future__ import annotations

import itertools
import uuid

import httpx
import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from tests.api.conftest import auth, cli

pytestmark = pytest.mark.slow

SOS, ESDM = "Kementerian Sosial", "Kementerian ESDM"
# Texts of the throwaway positions and statements: far from every other test's drafts.
FILLER = "Festival layang-layang tradisional digelar di pesisir selatan pada musim kemarau tahun depan"


def create_key(data_dir, agency: str, role: str, *extra: str) -> tuple[str, str]:
    """(key id, secret) from ``selaras keys create``."""
    done = cli(data_dir, "keys", "create", "--agency", agency, "--role", role, *extra)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    key_id = lines[0].split(" key ", 1)[1].split()[0]
    return key_id, lines[-1].strip()


@pytest.fixture(scope="module")
def callers(api):
    """Bearer secrets by caller name (None = no Authorization header)."""
    keys = api.keys
    _, admin = create_key(api.data_dir, "Kantor Komunikasi Kepresidenan", "admin")
    revoked_id, revoked = create_key(api.data_dir, "Kantor Komunikasi Kepresidenan", "admin")
    assert cli(api.data_dir, "keys", "revoke", revoked_id).returncode == 0
    _, expired = create_key(api.data_dir, "Kantor Komunikasi Kepresidenan", "admin",
                            "--expires", "2020-01-01T00:00:00+07:00")
    return {"none": None, "wrong": "sel_00000000_" + "x" * 43, "revoked": revoked, "expired": expired,
            "submitter": keys["sos"], "curator": keys["curator"], "admin": admin}


_serial = itertools.count()


def _position(tag: str) -> dict:
    n = next(_serial)
    return {"id": f"authz-{tag}-{n}-{uuid.uuid4().hex[:6]}", "title": f"Uji akses {n}", "agency": SOS,
            "text": f"{FILLER} (uji akses {tag} nomor {n})."}


# Each endpoint: how to call it, given a prepared context (ids of things that exist).
async def _call(c: AsyncTestClient, key: str | None, endpoint: str, ctx: dict) -> httpx.Response:
    h = auth(key)
    if endpoint == "POST /v1/positions":
        return await c.post("/v1/positions", json={"positions": [_position("post")]}, headers=h)
    if endpoint == "GET /v1/positions":
        return await c.get("/v1/positions", params={"limit": 5}, headers=h)
    if endpoint == "GET /v1/positions/{id}":
        return await c.get(f"/v1/positions/{ctx['position']}", headers=h)
    if endpoint == "DELETE /v1/positions/{id}":
        return await c.delete(f"/v1/positions/{ctx['position']}", headers=h)
    if endpoint == "POST /v1/checks":
        return await c.post("/v1/checks", json={"text": f"{FILLER}."}, headers=h)
    if endpoint == "POST /v1/checks:batch":
        return await c.post("/v1/checks:batch", json={"drafts": [{"text": f"{FILLER}."}]}, headers=h)
    if endpoint == "POST /v1/statements":
        return await c.post("/v1/statements", json={"title": "Uji akses",
                                                    "text": f"{FILLER} (pernyataan {uuid.uuid4().hex})."}, headers=h)
    if endpoint == "GET /v1/reports":
        return await c.get("/v1/reports", params={"limit": 5}, headers=h)
    if endpoint == "GET /v1/reports/{id}":
        return await c.get(f"/v1/reports/{ctx['report']}", headers=h)
    if endpoint == "POST /v1/keys":
        return await c.post("/v1/keys", json={"agency": SOS, "role": "submitter"}, headers=h)
    if endpoint == "GET /v1/keys":
        return await c.get("/v1/keys", headers=h)
    if endpoint == "DELETE /v1/keys/{id}":
        return await c.delete(f"/v1/keys/{ctx['key']}", headers=h)
    raise AssertionError(endpoint)


ENDPOINTS = ["POST /v1/positions", "GET /v1/positions", "GET /v1/positions/{id}", "DELETE /v1/positions/{id}",
             "POST /v1/checks", "POST /v1/checks:batch", "POST /v1/statements", "GET /v1/reports",
             "GET /v1/reports/{id}", "POST /v1/keys", "GET /v1/keys", "DELETE /v1/keys/{id}"]
CURATOR_ONLY = {"POST /v1/positions", "DELETE /v1/positions/{id}"}
ADMIN_ONLY = {"POST /v1/keys", "GET /v1/keys", "DELETE /v1/keys/{id}"}


def expected(caller: str, endpoint: str) -> int:
    """The status the matrix demands."""
    if caller in ("none", "wrong", "revoked", "expired"):
        return 401
    if endpoint in ADMIN_ONLY:
        return {"admin": 201 if endpoint == "POST /v1/keys" else 200}.get(caller, 403)
    if endpoint in CURATOR_ONLY and caller == "submitter":
        return 403
    return 200


MATRIX = [(caller, endpoint) for caller in ("none", "wrong", "revoked", "expired", "submitter", "curator", "admin")
          for endpoint in ENDPOINTS]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def context(api, client):
    """Things the matrix reads or deletes, made once: a report of the submitter's agency, ids to delete."""
    report = (await client.post("/v1/checks", json={"text": f"{FILLER}."}, headers=auth(api.keys["sos"]))).json()["id"]
    return {"report": report}


@pytest.mark.parametrize(("caller", "endpoint"), MATRIX, ids=[f"{c}-{e}" for c, e in MATRIX])
async def test_matrix(api, client, callers, context, caller, endpoint):
    keys = api.keys
    curator = auth(keys["curator"])
    ctx = dict(context)
    created_position = None
    if "positions/{id}" in endpoint:  # a fresh position for each case, so a DELETE that works deletes only it
        position = _position("matrix")
        assert (await client.post("/v1/positions", json={"positions": [position]}, headers=curator)).status_code == 200
        ctx["position"] = created_position = position["id"]
    if endpoint == "DELETE /v1/keys/{id}":
        ctx["key"] = create_key(api.data_dir, SOS, "submitter")[0]
    r = await _call(client, callers[caller], endpoint, ctx)
    want = expected(caller, endpoint)
    assert r.status_code == want, f"{caller} {endpoint}: {r.status_code} {r.text[:300]}"
    if want >= 400:
        body = r.json()
        assert set(body) <= {"error", "message", "details"} and body["message"]
        assert body["error"] == {401: "unauthorized", 403: "forbidden"}[want]
        if created_position:  # refused means nothing happened
            assert (await client.get(f"/v1/positions/{created_position}", headers=curator)).json()["status"] == "active"
    # Never a secret or a key hash in any answer.
    for secret in filter(None, callers.values()):
        assert secret not in r.text
    assert "key_hash" not in r.text


async def test_agencies_never_read_each_others_reports(api, client):
    keys = api.keys
    sos, esdm, curator = auth(keys["sos"]), auth(keys["esdm"]), auth(keys["curator"])
    # A submitter cannot check as another agency: the report is filed under its own.
    spoofed = (await client.post("/v1/checks", json={"text": f"{FILLER}.", "agency": ESDM}, headers=sos)).json()
    assert spoofed["agency"] == SOS
    mine = (await client.post("/v1/checks", json={"text": f"{FILLER}."}, headers=esdm)).json()
    assert (await client.get(f"/v1/reports/{spoofed['id']}", headers=esdm)).status_code == 404
    assert (await client.get(f"/v1/reports/{mine['id']}", headers=sos)).status_code == 404
    assert (await client.get(f"/v1/reports/{spoofed['id']}", headers={**esdm, "Accept": "text/html"})).status_code == 404
    # Unknown and foreign ids answer alike: nothing to learn from the difference.
    unknown = await client.get(f"/v1/reports/{uuid.uuid4().hex}", headers=esdm)
    foreign = await client.get(f"/v1/reports/{spoofed['id']}", headers=esdm)
    assert unknown.status_code == foreign.status_code == 404
    assert unknown.json()["error"] == foreign.json()["error"] == "not_found"
    # Listing: only one's own, even when asking for the other agency.
    for params in ({}, {"agency": ESDM}, {"limit": 500}):
        listed = {r["agency"] for r in (await client.get("/v1/reports", params=params, headers=sos)).json()}
        assert listed <= {SOS}, params
    # A review token opens exactly its report, not another one.
    token = spoofed["review_url"].split("token=", 1)[1]
    assert (await client.get(f"/v1/reports/{mine['id']}", params={"token": token})).status_code == 404
    # Curators read every agency's reports; a check on behalf of an agency is that agency's.
    assert (await client.get(f"/v1/reports/{spoofed['id']}", headers=curator)).status_code == 200
    on_behalf = (await client.post("/v1/checks", json={"text": f"{FILLER}.", "agency": ESDM}, headers=curator)).json()
    assert (await client.get(f"/v1/reports/{on_behalf['id']}", headers=esdm)).status_code == 200
    assert (await client.get(f"/v1/reports/{on_behalf['id']}", headers=sos)).status_code == 404


async def test_admin_manages_keys_over_http(api, client, callers):
    keys = api.keys
    admin = auth(callers["admin"])
    created = await client.post("/v1/keys", json={"agency": ESDM, "role": "submitter",
                                                  "expires_at": "2099-01-01T00:00:00+07:00"}, headers=admin)
    assert created.status_code == 201, created.text
    body = created.json()
    secret = body["secret"]
    assert secret.startswith("sel_") and body["role"] == "submitter" and body["agency"] == ESDM
    assert body["expires_at"] == "2098-12-31T17:00:00+00:00"  # stored as UTC
    # The new key works, with exactly its role.
    new = auth(secret)
    assert (await client.post("/v1/checks", json={"text": f"{FILLER}."}, headers=new)).json()["agency"] == ESDM
    assert (await client.get("/v1/keys", headers=new)).status_code == 403
    # Listing shows the key, never a secret or a hash.
    listed = await client.get("/v1/keys", headers=admin)
    assert listed.status_code == 200
    row = next(k for k in listed.json() if k["id"] == body["id"])
    assert set(row) == {"id", "agency", "role", "created_at", "expires_at", "revoked_at"}
    assert secret not in listed.text and keys["curator"] not in listed.text and "hash" not in listed.text
    # Revoking stops it at once; revoking again changes nothing; unknown ids are 404.
    revoked = await client.delete(f"/v1/keys/{body['id']}", headers=admin)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    again = await client.delete(f"/v1/keys/{body['id']}", headers=admin)
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"]
    assert (await client.delete("/v1/keys/nope", headers=admin)).status_code == 404
    assert (await client.post("/v1/checks", json={"text": f"{FILLER}."}, headers=new)).status_code == 401
    # Bad requests are 422 naming the field.
    for bad, field in (({"agency": SOS, "role": "root"}, "role"),
                       ({"agency": SOS, "role": "admin", "expires_at": "2020-01-01T00:00:00Z"}, "expires_at"),
                       ({"agency": SOS, "role": "admin", "expires_at": 0}, "expires_at"),
                       ({"role": "admin"}, "agency")):
        r = await client.post("/v1/keys", json=bad, headers=admin)
        assert r.status_code == 422 and field in r.json()["message"], (bad, r.text)
    # Nobody else can make keys: no way for a curator to mint an admin key.
    r = await client.post("/v1/keys", json={"agency": SOS, "role": "admin"}, headers=auth(keys["curator"]))
    assert r.status_code == 403 and "admin" in r.json()["message"]


async def test_position_ids_with_a_slash_can_be_read_and_retired(api, client):
    # The id pattern allows "/", but GET/DELETE /v1/positions/{id} used a one-segment parameter:
    # such a position could be created and then never read or retired.
    c = auth(api.keys["curator"])
    position = {**_position("slash"), "id": f"kemensos/bansos-{uuid.uuid4().hex[:6]}"}
    assert (await client.post("/v1/positions", json={"positions": [position]}, headers=c)).status_code == 200
    assert (await client.get(f"/v1/positions/{position['id']}", headers=c)).json()["id"] == position["id"]
    assert (await client.delete(f"/v1/positions/{position['id']}", headers=c)).json()["status"] == "retired"


@pytest_asyncio.fixture(scope="module", loop_scope="session", autouse=True)
async def _retire_what_the_matrix_made(api):
    """Leave the shared corpus as the other modules expect it: retire this module's positions."""
    yield
    client, c = api.client, auth(api.keys["curator"])
    page = (await client.get("/v1/positions", params={"limit": 1000, "status": "active"}, headers=c)).json()["items"]
    for p in page:
        if p["id"].startswith(("authz-", "statement-", "kemensos/bansos-")) and FILLER in p["text"]:
            await client.delete(f"/v1/positions/{p['id']}", headers=c)


async def test_expiry_with_a_time_zone_offset_is_honoured(api, client):
    # Expiry times were compared as text with the UTC clock: a key that expired an hour ago, given
    # in WIB (+07:00), kept working for seven more hours; one given in -05:00 died hours early.
    from datetime import datetime, timedelta, timezone

    wib, est = timezone(timedelta(hours=7)), timezone(timedelta(hours=-5))
    now = datetime.now(timezone.utc).replace(microsecond=0)
    _, gone = create_key(api.data_dir, SOS, "submitter", "--expires", (now - timedelta(hours=1)).astimezone(wib).isoformat())
    _, alive = create_key(api.data_dir, SOS, "submitter", "--expires", (now + timedelta(hours=1)).astimezone(est).isoformat())
    assert (await client.get("/v1/reports", headers=auth(gone))).status_code == 401
    assert (await client.get("/v1/reports", headers=auth(alive))).status_code == 200
    bad = cli(api.data_dir, "keys", "create", "--agency", SOS, "--role", "submitter", "--expires", "next week")
    assert bad.returncode == 2 and "ISO-8601" in bad.stderr
