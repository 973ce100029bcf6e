"""Two Selaras replicas on one PostgreSQL and one Qdrant, as behind a load balancer.

Both are real ``selaras serve`` processes (real uvicorn, model, qdrant-client over HTTP) with their own
data directories; they share only SELARAS_DATABASE_URL (a real PostgreSQL the tests start) and
SELARAS_QDRANT_URL. No Qdrant server binary runs here, so the shared store is
:class:`~tests.e2e.fake_qdrant.FakeQdrant`: Qdrant's REST API over qdrant-client's local engine, reached
through the same server client and store contract as a real cluster. What the replicas must agree on:
a key revoked on one is refused on the other, a report made on one is read on the other, positions
loaded through one are checked against on the other, and the rate limit is one allowance for both.
"""

from __future__ import annotations

import json
import threading
from urllib.parse import urlsplit

import pytest

from tests.e2e.fake_qdrant import FakeQdrant
from tests.e2e.server import ROOT, Server, cli, free_port

pytestmark = pytest.mark.slow

DRAFT = "Pemerintah menaikkan harga BBM bersubsidi jenis Pertalite dan Solar hingga akhir tahun ini."
PER_MINUTE = 6  # requests per key per minute, burst included: small enough to spend in a test


@pytest.fixture(scope="module")
def replicas(postgres, tmp_path_factory):
    root = tmp_path_factory.mktemp("replicas")
    url = postgres.database(migrated=False)
    shared = {"SELARAS_DATABASE_URL": url}
    refused = cli(root / "a", "keys", "list", **shared)
    assert refused.returncode == 2 and "selaras db upgrade" in refused.stderr, refused.stderr
    migrated = cli(root / "a", "db", "upgrade", **shared)
    assert migrated.returncode == 0 and "upgraded from an empty database" in migrated.stdout, migrated.stderr

    env = {**shared, "SELARAS_RATE_LIMIT_PER_MINUTE": str(PER_MINUTE), "SELARAS_RATE_LIMIT_BURST": str(PER_MINUTE)}
    keys = {name: _key(root / "a", role, shared) for name, role in
            (("curator", "curator"), ("esdm", "submitter"), ("victim", "submitter"), ("limited", "submitter"),
             ("admin", "admin"))}
    qdrant = FakeQdrant(free_port()).start()
    servers = [Server(root / name, **env, SELARAS_QDRANT_URL=qdrant.url) for name in ("a", "b")]
    errors: list[BaseException] = []

    def start(server: Server) -> None:
        try:
            server.start(timeout=300)
        except BaseException as exc:  # reported below, after both have had their chance
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(s,)) for s in servers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors, errors
        yield servers[0], servers[1], keys
    finally:
        for server in servers:
            server.stop()
        qdrant.stop()
        postgres.drop(url)


def _key(data_dir, role: str, env: dict[str, str]) -> str:
    done = cli(data_dir, "keys", "create", "--agency", "Kementerian ESDM", "--role", role, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1].strip()


def test_positions_and_reports_made_on_one_replica_are_read_on_the_other(replicas):
    a, b, keys = replicas
    positions = [json.loads(line) for line in (ROOT / "samples/positions.jsonl").read_text().splitlines()]
    with a.client(keys["curator"]) as c:
        r = c.post("/v1/positions", json={"positions": positions})
        assert r.status_code == 200, r.text
    with b.client(keys["esdm"]) as c:
        r = c.post("/v1/checks", json={"text": DRAFT})
        assert r.status_code == 200, r.text
        report = r.json()
        assert any(e["position_id"] for f in report["findings"] for e in f["evidence"])  # loaded through a
    with a.client(keys["esdm"]) as c:
        assert c.get(f"/v1/reports/{report['id']}").json()["id"] == report["id"]
    with a.client() as c:  # the review link b signed opens on a: one secret for both
        link = urlsplit(report["review_url"])
        assert c.get(f"{link.path}?{link.query}").status_code == 200
    with a.client(keys["esdm"]) as ca, b.client(keys["esdm"]) as cb:
        assert ca.get("/ready").json()["corpus_version"] == cb.get("/ready").json()["corpus_version"]


def test_a_key_revoked_on_one_replica_is_refused_on_the_other(replicas):
    a, b, keys = replicas
    with b.client(keys["victim"]) as c:
        assert c.get("/v1/positions?limit=1").status_code == 200
    with a.client(keys["admin"]) as c:
        listed = c.get("/v1/keys").json()
        victim = next(k for k in listed if keys["victim"].startswith(f"sel_{k['id']}_"))
        assert c.delete(f"/v1/keys/{victim['id']}").status_code == 200
    with b.client(keys["victim"]) as c:
        refused = c.get("/v1/positions?limit=1")
        assert refused.status_code == 401 and "revoked" in refused.json()["message"]


def test_the_rate_limit_is_one_allowance_for_both_replicas(replicas):
    a, b, keys = replicas
    with a.client(keys["limited"]) as ca, b.client(keys["limited"]) as cb:
        answers = [c.get("/v1/positions?limit=1").status_code for c in (ca, cb) * (PER_MINUTE // 2)]
        assert answers == [200] * PER_MINUTE
        for c in (ca, cb):  # each replica alone has let through only half: the allowance is shared
            limited = c.get("/v1/positions?limit=1")
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0


def test_records_database_gone_is_a_clear_503_not_a_500(replicas, postgres):
    a, b, keys = replicas
    postgres.drop(a.env["SELARAS_DATABASE_URL"])  # ends every connection to it: as when the server goes away
    with b.client(keys["esdm"]) as c:
        r = c.get("/v1/positions?limit=1")
        assert r.status_code == 503 and r.json()["error"] == "records_unavailable", r.text
        assert "127.0.0.1" not in r.text and int(r.headers["retry-after"]) > 0
        assert c.get("/ready").json()["reason"] == "records database unavailable"
