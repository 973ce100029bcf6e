"""The vector store goes away and comes back: a clear 503, honest readiness, recovery without restart.

Server mode (``SELARAS_QDRANT_URL``) against :class:`~tests.e2e.fake_qdrant.FakeQdrant`,
Qdrant's REST API on a port this test opens and closes (no Qdrant binary runs here). The service
runs as in production: real uvicorn, real qdrant-client, real HTTP; the outage is a closed port.

Decided behaviour, start-up included: the service starts even when the store is not there yet
(a Qdrant container may start after it); /health is 200, /ready is 503 naming the store, checks
are 503 ``store_unavailable``; once the store answers, the collection is created and everything
works, with no restart. (A locked or unreadable *embedded* store still fails start-up at once.)
"""

from __future__ import annotations

import json
import time

import httpx
import pytest

from tests.e2e.fake_qdrant import FakeQdrant
from tests.e2e.server import ROOT, Server, cli, create_key, free_port

pytestmark = pytest.mark.slow

DRAFT = "Pemerintah menaikkan harga BBM bersubsidi jenis Pertalite dan Solar hingga akhir tahun ini."


def _wait(predicate, timeout: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _status(url: str) -> int:
    try:
        return httpx.get(url, timeout=5).status_code
    except httpx.HTTPError:
        return 0


def _assert_store_unavailable(r: httpx.Response, url: str) -> None:
    assert r.status_code == 503, r.text
    body = r.json()
    assert body["error"] == "store_unavailable"
    # Callers learn that the store is down, not where it lives (the host is in the server log).
    assert "unavailable" in body["message"] and url not in body["message"] and "127.0.0.1" not in body["message"], body
    assert int(r.headers["retry-after"]) > 0


@pytest.fixture(scope="module")
def outage(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("outage") / "data"
    keys = {"curator": create_key(data_dir, "Kementerian ESDM", "curator"),
            "esdm": create_key(data_dir, "Kementerian ESDM", "submitter")}
    qdrant = FakeQdrant(free_port())  # not started: nothing listens on its port yet
    server = Server(data_dir, SELARAS_QDRANT_URL=qdrant.url)
    server.start(timeout=180, probe="/health")  # liveness only: the store is not there yet
    yield server, qdrant, keys
    server.stop()
    qdrant.stop()


def test_starts_without_the_store_and_becomes_ready_when_it_appears(outage):
    server, qdrant, keys = outage
    pid = server.proc.pid
    with server.client(keys["esdm"]) as c:
        assert c.get("/health").json() == {"status": "ok"}
        ready = c.get("/ready")
        assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
        # /ready is unauthenticated: it names the component, not the store's error text (logged instead).
        assert ready.json()["reason"] == "vector store unavailable"
        _assert_store_unavailable(c.post("/v1/checks", json={"text": DRAFT}), qdrant.url)
        info = c.get("/info")
        assert info.status_code == 200 and info.json()["passages"] is None

    qdrant.start()
    _wait(lambda: _status(f"{server.url}/ready") == 200, what="/ready after the store came up")
    positions = [json.loads(line) for line in (ROOT / "samples/positions.jsonl").read_text().splitlines()]
    with server.client(keys["curator"]) as c:
        r = c.post("/v1/positions", json={"positions": positions})
        assert r.status_code == 200, r.text
    with server.client(keys["esdm"]) as c:
        r = c.post("/v1/checks", json={"text": DRAFT})
        assert r.status_code == 200 and r.json()["findings"][0]["relation"] == "conflicts", r.text
    assert server.proc.pid == pid and server.proc.poll() is None  # no restart


def test_store_outage_while_running_is_a_clear_503_and_recovers_by_itself(outage):
    server, qdrant, keys = outage
    if not qdrant.up:
        pytest.skip("needs the store up (runs after the start-up test)")
    pid = server.proc.pid
    new_position = {"id": "esdm-outage-test", "title": "Uji gangguan", "agency": "Kementerian ESDM",
                    "text": "Pembangunan kilang minyak baru di Tuban dimulai pada kuartal ketiga 2027."}
    with server.client(keys["esdm"]) as c:
        stored = c.post("/v1/checks", json={"text": DRAFT}).json()

    qdrant.stop()
    with server.client(keys["esdm"]) as c:
        _assert_store_unavailable(c.post("/v1/checks", json={"text": DRAFT}), qdrant.url)
        _assert_store_unavailable(c.post("/v1/checks:batch", json={"drafts": [{"text": DRAFT}]}), qdrant.url)
        ready = c.get("/ready")
        assert ready.status_code == 503 and ready.json()["reason"] == "vector store unavailable"
        assert c.get("/health").status_code == 200
        # What lives in SQLite is still served: stored reports, positions.
        assert c.get(f"/v1/reports/{stored['id']}").status_code == 200
        assert c.get("/v1/positions").status_code == 200
    with server.client(keys["curator"]) as c:
        # A write during the outage fails clearly, and leaves no record claiming it happened.
        _assert_store_unavailable(c.post("/v1/positions", json={"positions": [new_position]}), qdrant.url)
        assert c.get(f"/v1/positions/{new_position['id']}").status_code == 404
    assert "Traceback" not in server.log.read_text()  # expected failures are not logged as crashes

    qdrant.start()
    _wait(lambda: _status(f"{server.url}/ready") == 200, what="/ready after the store came back")
    with server.client(keys["esdm"]) as c:
        r = c.post("/v1/checks", json={"text": DRAFT})
        assert r.status_code == 200 and r.json()["findings"][0]["relation"] == "conflicts"
    with server.client(keys["curator"]) as c:
        r = c.post("/v1/positions", json={"positions": [new_position]})
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "created"
    assert server.proc.pid == pid and server.proc.poll() is None  # recovered without a restart


def test_a_lost_collection_is_a_503_naming_it_never_unsupported(outage):
    # Before: a Qdrant server that lost its collection (wiped volume, deleted by hand) made every
    # check answer "unsupported" with 200: a silent wrong answer.
    server, qdrant, keys = outage
    if not qdrant.up:
        pytest.skip("needs the store up (runs after the start-up test)")
    qdrant.local.delete_collection("selaras_passages")
    with server.client(keys["esdm"]) as c:
        r = c.post("/v1/checks", json={"text": DRAFT})
        _assert_store_unavailable(r, qdrant.url)
        assert "collection is missing" in r.json()["message"] and "selaras reindex" in r.json()["message"]
        ready = c.get("/ready")
        assert ready.status_code == 503 and ready.json()["reason"] == "vector store unavailable"
    assert "'selaras_passages' is missing" in server.log.read_text()  # the detail is in the operator's log
    # The operator rebuilds it from the records while the service runs; checks work again, no restart.
    done = cli(server.data_dir, "reindex", "--quiet", SELARAS_QDRANT_URL=qdrant.url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["reindexed"] >= 18
    with server.client(keys["esdm"]) as c:
        r = c.post("/v1/checks", json={"text": DRAFT})
        assert r.status_code == 200 and r.json()["findings"][0]["relation"] == "conflicts", r.text
        assert c.get("/ready").status_code == 200
