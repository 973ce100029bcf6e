"""Limits over real HTTP: body size, sentences, positions per request, rate limit, CORS.

One server with small limits (set through the environment, as an operator would) and CORS
on for one CMS origin; the CORS-off default is checked on the session server.
"""

from __future__ import annotations

import httpx
import pytest

from tests.integration.server import Server, create_key

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


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """(server, make_key): each test takes fresh keys, since every key may make only 5 requests a minute."""
    data_dir = tmp_path_factory.mktemp("limits") / "data"
    keys = [create_key(data_dir, "Kementerian Sosial", "curator") for _ in range(8)]
    server = Server(data_dir, **LIMITS).start()
    yield server, keys
    server.stop()


def _error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) <= {"error", "message", "details"} and body["error"] == code and body["message"], body
    return body


def test_body_over_the_limit_is_413_with_the_error_shape(limited):
    server, keys = limited
    with server.client(keys[0]) as c:
        body = _error(c.post("/v1/checks", json={"text": "Kalimat. " * 600}), 413, "payload_too_large")
        assert "4096" in body["message"]
        # The same without a Content-Length (chunked): read up to the limit, then refused.
        chunks = (b'{"text": "' + b"x" * 1000 for _ in range(8))
        _error(c.post("/v1/checks", content=chunks, headers={"Content-Type": "application/json"}),
               413, "payload_too_large")
        # Under the limit, the same key is still served.
        assert c.post("/v1/checks", json={"text": "Kalimat pendek."}).status_code == 200


def test_sentence_limits_are_422_naming_the_limit(limited):
    server, keys = limited
    with server.client(keys[1]) as c:
        body = _error(c.post("/v1/checks", json={"text": "Satu. Dua. Tiga. Empat. Lima. Enam."}),
                      422, "too_many_sentences")
        assert "more than 5 sentences" in body["message"] and "limit is 5" in body["message"]
        body = _error(c.post("/v1/checks", json={"text": "Kata " * 60 + "panjang."}), 422, "sentence_too_long")
        assert "limit is 200" in body["message"]
        # In a batch, one bad draft fails the whole batch before any work is done.
        before = c.get("/v1/reports").json()
        drafts = [{"text": "Baik."}, {"text": "Satu. Dua. Tiga. Empat. Lima. Enam."}]
        _error(c.post("/v1/checks:batch", json={"drafts": drafts}), 422, "too_many_sentences")
        assert c.get("/v1/reports").json() == before  # not even the good draft was stored


def test_positions_per_request_over_the_limit(limited):
    server, keys = limited
    positions = [{"id": f"batas-{i}", "title": f"Batas {i}", "agency": "Kementerian Sosial",
                  "text": f"Posisi uji batas nomor {i}."} for i in range(4)]
    with server.client(keys[2]) as c:
        body = _error(c.post("/v1/positions", json={"positions": positions}), 413, "too_many_positions")
        assert "4 positions" in body["message"] and "limit is 3" in body["message"]
        assert c.get("/v1/positions").json()["total"] == 0  # refused as a whole: nothing stored
        assert c.post("/v1/positions", json={"positions": positions[:3]}).status_code == 200


def test_rate_limit_is_429_with_retry_after_per_key(limited):
    server, keys = limited
    with server.client(keys[3]) as c:
        for _ in range(5):  # the burst: 5 requests a minute
            assert c.get("/v1/positions").status_code == 200
        r = c.get("/v1/positions")
        body = _error(r, 429, "rate_limited")
        retry = int(r.headers["retry-after"])
        assert 1 <= retry <= 12 and f"{retry} s" in body["message"]  # 60 s / 5 requests
    with server.client(keys[4]) as other:  # other keys are not affected
        assert other.get("/v1/positions").status_code == 200
    with server.client("sel_wrong") as c:  # a wrong key is 401, not 429
        assert c.get("/v1/positions").status_code == 401


def test_cors_on_for_the_configured_origin_only(limited):
    server, keys = limited
    with server.client(keys[5]) as c:
        r = c.post("/v1/checks", json={"text": "Kalimat pendek."}, headers={"Origin": CMS})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == CMS
        r = c.post("/v1/checks", json={"text": "Kalimat pendek."}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers
        # An error is readable by the CMS too (so it can show the message).
        r = c.post("/v1/checks", json={"text": "Satu. Dua. Tiga. Empat. Lima. Enam."}, headers={"Origin": CMS})
        assert r.status_code == 422 and r.headers["access-control-allow-origin"] == CMS
    # The browser's preflight: answered without a key, allowing the Authorization header.
    preflight = httpx.options(f"{server.url}/v1/checks", headers={
        "Origin": CMS, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code in (200, 204), preflight.text
    assert preflight.headers["access-control-allow-origin"] == CMS
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    refused = httpx.options(f"{server.url}/v1/checks", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in refused.headers


def test_cors_off_by_default(env):
    server, keys = env
    with server.client(keys["sos"]) as c:
        r = c.post("/v1/checks", json={"text": "Kalimat pendek."}, headers={"Origin": CMS})
        assert r.status_code == 200
        assert not any(h.startswith("access-control-") for h in r.headers)
    preflight = httpx.options(f"{server.url}/v1/checks", headers={
        "Origin": CMS, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"})
    assert not any(h.startswith("access-control-") for h in preflight.headers)


def test_limits_are_published_in_info(limited):
    server, _ = limited
    limits = httpx.get(f"{server.url}/info").json()["limits"]
    assert limits["max_body_bytes"] == 4096 and limits["max_sentences"] == 5
    assert limits["max_positions_per_request"] == 3



def test_inputs_that_were_500s_or_accepted_are_clear_4xx(env):
    """Regressions for what schemathesis found (each was a 500, a wrong 200 or an unhelpful message)."""
    server, keys = env
    with server.client(keys["curator"]) as c:
        # compare_digest on a non-ASCII token raised TypeError → 500.
        report = c.post("/v1/checks", json={"text": "Kalimat pendek."}).json()
        assert httpx.get(f"{server.url}/v1/reports/{report['id']}", params={"token": "ñ" * 32}).status_code == 404
        # An offset beyond SQLite's 64-bit integers raised OverflowError → 500.
        for path in ("/v1/positions", "/v1/reports"):
            _error(c.get(path, params={"offset": 2**63}), 422, "invalid_request")
        # Numbers were read as Unix times: since=0.5, effective_from: 0 (1970-01-01) were accepted.
        _error(c.get("/v1/reports", params={"since": "0.5"}), 422, "invalid_request")
        position = {"id": "tanggal-angka", "title": "t", "agency": "a", "text": "Teks.", "effective_from": 0}
        assert "effective_from" in _error(c.post("/v1/positions", json={"positions": [position]}),
                                          422, "invalid_request")["message"]
        # An empty body said "data: 'data'".
        body = _error(c.post("/v1/checks", content=b"", headers={"Content-Type": "application/json"}),
                      422, "invalid_request")
        assert "body is missing" in body["message"]
        # since with an offset is compared in UTC (it used to be compared as text against UTC times).
        created = report["created_at"]  # e.g. 2026-11-23T13:52:01+00:00
        local = created.replace("+00:00", "+07:00")  # 7 hours *earlier* in UTC: the report is after it
        ids = [r["id"] for r in c.get("/v1/reports", params={"since": local, "limit": 500}).json()]
        assert report["id"] in ids
