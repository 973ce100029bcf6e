"""What needs the service as a real process (real uvicorn): a restart keeps everything, and a second
process on the same data directory is refused. The rest of the API runs in-process in tests/api."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import check
from tests.e2e.server import Server

pytestmark = pytest.mark.slow

MBG = "kemenkeu-mbg-2026"


def test_restart_keeps_positions_reports_and_keys(env):
    server, keys = env
    report = check(server, keys["sos"], "Stok beras Bulog mencapai 4 juta ton.")
    server.stop()
    server.start()
    with server.client(keys["sos"]) as c:
        assert c.get(f"/v1/reports/{report['id']}").json()["id"] == report["id"]
        assert c.get(f"/v1/positions/{MBG}").json()["status"] == "active"
    again = check(server, keys["sos"], "Stok beras Bulog mencapai 4 juta ton.")
    assert again["findings"][0]["relation"] == report["findings"][0]["relation"]


def test_second_process_on_the_same_data_dir_is_refused(env):
    server, _ = env
    second = Server(server.data_dir)
    with pytest.raises(RuntimeError) as failed:
        second.start(timeout=120)
    assert "in use by another Selaras process" in str(failed.value)
    with server.client() as c:  # the first one is unharmed
        assert c.get("/ready").status_code == 200
