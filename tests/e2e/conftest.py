"""Shared end-to-end fixtures: one real server for the session, with the sample corpus and keys."""

from __future__ import annotations

import json

import pytest

from tests.e2e.server import ROOT, Server, create_key


@pytest.fixture(scope="session")
def env(tmp_path_factory):
    """A server with the sample corpus loaded over HTTP and three keys."""
    data_dir = tmp_path_factory.mktemp("e2e") / "data"
    keys = {
        "curator": create_key(data_dir, "Kantor Komunikasi Kepresidenan", "curator"),
        "sos": create_key(data_dir, "Kementerian Sosial", "submitter"),
        "esdm": create_key(data_dir, "Kementerian ESDM", "submitter"),
    }
    server = Server(data_dir).start()
    positions = [json.loads(line) for line in (ROOT / "samples/positions.jsonl").read_text().splitlines()]
    with server.client(keys["curator"]) as c:
        r = c.post("/v1/positions", json={"positions": positions})
        assert r.status_code == 200, r.text
        assert {x["status"] for x in r.json()["results"]} == {"created"}
    yield server, keys
    server.stop()


def check(server: Server, key: str, text: str, **extra) -> dict:
    with server.client(key) as c:
        r = c.post("/v1/checks", json={"text": text, **extra})
    assert r.status_code == 200, r.text
    return r.json()


