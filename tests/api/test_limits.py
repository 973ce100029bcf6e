"""Limits over HTTP, in-process: body size, sentences, positions per request, rate limit, CORS.

One app with small limits (set through the environment, as an operator would) and CORS on for
one CMS origin; the CORS-off default is checked on the session app.
"""

from __future__ import annotations

import httpx
import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from service.app import create_app
from tests.api.conftest import auth, running, settings

pytestmark = pytest.mark.slow

CMS = "https://cms.example.go.id"
LIMITS = {
    "SELARAS_MAX_BODY_BYTES": "4096",
    "SELARAS_MAX_SENTENCES": "5",
    "SELARAS_MAX_SENTENCE_CHARS": "200",
    "SELARAS_MAX_POSITIONS_PER_REQUEST": "3",
    "SELARAS_RATE_LIMIT_PER_MINUTE": "5",
    "SELARAS_CORS_ORIGINS": f'["{CMS}"]',
}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def limited(tmp_path_factory):
    """(client, keys): each test takes fresh keys, since every key may make only 5 requests a minute."""
    data_dir = tmp_path_factory.mktemp("limits") / "data"
    async with running(create_app(settings(data_dir, **LIMITS))) as client:
        records = client.app.state.selaras.records
        keys = [records.create_key("Kementerian Sosial", "curator")[1] for _ in range(8)]
        yield client, keys


def post_chunked(client: AsyncTestClient, path: str, chunks: list[bytes], headers: dict[str, str]) -> httpx.Response:
    """POST a body without a Content-Length (``Transfer-Encoding: chunked``, one ASGI message per chunk).

    litestar's test client reads a request body whole; httpx's ASGI transport streams it, as a
    server does. It runs on the client's portal, the event loop the app's lifespan runs on.
    """
    async def body():
        for chunk in chunks:
            yield chunk

    async def send() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app), base_url=str(client.base_url),
                                     timeout=300) as c:
            return await c.post(path, content=body(), headers=headers)

    return client.blocking_portal.call(send)


def _error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) <= {"error", "message", "details"} and body["error"] == code and body["message"], body
    return body


async def test_body_over_the_limit_is_413_with_the_error_shape(limited):
    client, keys = limited
    h = auth(keys[0])
    body = _error(await client.post("/v1/checks", json={"text": "Kalimat. " * 600}, headers=h), 413, "payload_too_large")
    assert "4096" in body["message"]
    # The same without a Content-Length (chunked): read up to the limit, then refused.
    chunks = [b'{"text": "' + b"x" * 1000 for _ in range(8)]
    r = post_chunked(client, "/v1/checks", chunks, {**h, "Content-Type": "application/json"})
    assert "content-length" not in r.request.headers and r.request.headers["transfer-encoding"] == "chunked"
    _error(r, 413, "payload_too_large")
    # Under the limit, the same key is still served.
    assert (await client.post("/v1/checks", json={"text": "Kalimat pendek."}, headers=h)).status_code == 200


async def test_sentence_limits_are_422_naming_the_limit(limited):
    client, keys = limited
    h = auth(keys[1])
    body = _error(await client.post("/v1/checks", json={"text": "Satu. Dua. Tiga. Empat. Lima. Enam."}, headers=h),
                  422, "too_many_sentences")
    assert "more than 5 sentences" in body["message"] and "limit is 5" in body["message"]
    body = _error(await client.post("/v1/checks", json={"text": "Kata " * 60 + "panjang."}, headers=h),
                  422, "sentence_too_long")
    assert "limit is 200" in body["message"]
    # In a batch, one bad draft fails the whole batch before any work is done.
    before = (await client.get("/v1/reports", headers=h)).json()
    drafts = [{"text": "Baik."}, {"text": "Satu. Dua. Tiga. Empat. Lima. Enam."}]
    _error(await client.post("/v1/checks:batch", json={"drafts": drafts}, headers=h), 422, "too_many_sentences")
    assert (await client.get("/v1/reports", headers=h)).json() == before  # not even the good draft was stored


async def test_positions_per_request_over_the_limit(limited):
    client, keys = limited
    h = auth(keys[2])
    positions = [{"id": f"batas-{i}", "title": f"Batas {i}", "agency": "Kementerian Sosial",
                  "text": f"Posisi uji batas nomor {i}."} for i in range(4)]
    body = _error(await client.post("/v1/positions", json={"positions": positions}, headers=h),
                  413, "too_many_positions")
    assert "4 positions" in body["message"] and "limit is 3" in body["message"]
    assert (await client.get("/v1/positions", headers=h)).json()["total"] == 0  # refused as a whole: nothing stored
    assert (await client.post("/v1/positions", json={"positions": positions[:3]}, headers=h)).status_code == 200


async def test_rate_limit_is_429_with_retry_after_per_key(limited):
    client, keys = limited
    h = auth(keys[3])
    for _ in range(5):  # the burst: 5 requests a minute
        assert (await client.get("/v1/positions", headers=h)).status_code == 200
    r = await client.get("/v1/positions", headers=h)
    body = _error(r, 429, "rate_limited")
    retry = int(r.headers["retry-after"])
    assert 1 <= retry <= 12 and f"{retry} s" in body["message"]  # 60 s / 5 requests
    # other keys are not affected
    assert (await client.get("/v1/positions", headers=auth(keys[4]))).status_code == 200
    # a wrong key is 401, not 429
    assert (await client.get("/v1/positions", headers=auth("sel_wrong"))).status_code == 401


async def test_cors_on_for_the_configured_origin_only(limited):
    client, keys = limited
    h = auth(keys[5])
    r = await client.post("/v1/checks", json={"text": "Kalimat pendek."}, headers={**h, "Origin": CMS})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == CMS
    r = await client.post("/v1/checks", json={"text": "Kalimat pendek."}, headers={**h, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    # An error is readable by the CMS too (so it can show the message).
    r = await client.post("/v1/checks", json={"text": "Satu. Dua. Tiga. Empat. Lima. Enam."},
                          headers={**h, "Origin": CMS})
    assert r.status_code == 422 and r.headers["access-control-allow-origin"] == CMS
    # The browser's preflight: answered without a key, allowing the Authorization header.
    preflight = await client.options("/v1/checks", headers={
        "Origin": CMS, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code in (200, 204), preflight.text
    assert preflight.headers["access-control-allow-origin"] == CMS
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    refused = await client.options("/v1/checks", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in refused.headers


async def test_cors_off_by_default(api, client):
    r = await client.post("/v1/checks", json={"text": "Kalimat pendek."}, headers={**auth(api.keys["sos"]), "Origin": CMS})
    assert r.status_code == 200
    assert not any(h.startswith("access-control-") for h in r.headers)
    preflight = await client.options("/v1/checks", headers={
        "Origin": CMS, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"})
    assert not any(h.startswith("access-control-") for h in preflight.headers)


async def test_limits_are_published_in_info(limited):
    client, _ = limited
    limits = (await client.get("/info")).json()["limits"]
    assert limits["max_body_bytes"] == 4096 and limits["max_sentences"] == 5
    assert limits["max_positions_per_request"] == 3


async def test_inputs_that_were_500s_or_accepted_are_clear_4xx(api, client):
    """Regressions for what schemathesis found (each was a 500, a wrong 200 or an unhelpful message)."""
    c = auth(api.keys["curator"])
    # compare_digest on a non-ASCII token raised TypeError → 500.
    report = (await client.post("/v1/checks", json={"text": "Kalimat pendek."}, headers=c)).json()
    assert (await client.get(f"/v1/reports/{report['id']}", params={"token": "ñ" * 32})).status_code == 404
    # An offset beyond SQLite's 64-bit integers raised OverflowError → 500.
    for path in ("/v1/positions", "/v1/reports"):
        _error(await client.get(path, params={"offset": 2**63}, headers=c), 422, "invalid_request")
    # Numbers were read as Unix times: since=0.5, effective_from: 0 (1970-01-01) were accepted.
    _error(await client.get("/v1/reports", params={"since": "0.5"}, headers=c), 422, "invalid_request")
    position = {"id": "tanggal-angka", "title": "t", "agency": "a", "text": "Teks.", "effective_from": 0}
    assert "effective_from" in _error(await client.post("/v1/positions", json={"positions": [position]}, headers=c),
                                      422, "invalid_request")["message"]
    # An empty body said "data: 'data'".
    body = _error(await client.post("/v1/checks", content=b"", headers={**c, "Content-Type": "application/json"}),
                  422, "invalid_request")
    assert "body is missing" in body["message"]
    # since with an offset is compared in UTC (it used to be compared as text against UTC times).
    created = report["created_at"]  # e.g. 2026-11-23T13:52:01+00:00
    local = created.replace("+00:00", "+07:00")  # 7 hours *earlier* in UTC: the report is after it
    ids = [r["id"] for r in (await client.get("/v1/reports", params={"since": local, "limit": 500}, headers=c)).json()]
    assert report["id"] in ids
