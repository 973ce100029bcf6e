"""Supersession over HTTP and on the check path: a position names the one it replaces; from its effective date
the old one stops counting (kept in history), checks use the new figure, and a draft that repeats the old figure
is told so ("sesuai posisi lama yang sudah diganti")."""

from __future__ import annotations

from datetime import date, timedelta

import anyio
import pytest

from tests.api.conftest import auth, check

OLD = "Tarif tol ruas Jagorawi untuk kendaraan golongan I ditetapkan sebesar Rp7.000 per perjalanan."
NEW = "Tarif tol ruas Jagorawi untuk kendaraan golongan I ditetapkan sebesar Rp8.500 per perjalanan."
DRAFT = "Tarif tol ruas Jagorawi untuk kendaraan golongan I sebesar Rp7.000 per perjalanan."


@pytest.fixture(scope="module")
def curator(api) -> str:
    return api.records.create_key("Kantor Komunikasi Kepresidenan", "curator")[1]


def position(pid: str, text: str, **extra) -> dict:
    return {"id": pid, "title": "Tarif Tol Jagorawi", "text": text, "agency": "Kementerian Pekerjaan Umum",
            "topics": ["tol"], **extra}


async def test_a_superseded_position_stops_counting_when_its_successor_takes_effect(api, client, curator):
    takes_effect = date.today() + timedelta(days=10)
    r = await client.post("/v1/positions", headers=auth(curator), json={"positions": [
        position("uji-tol-2025", OLD, effective_from="2025-01-01"),
        position("uji-tol-2026", NEW, effective_from=takes_effect.isoformat(), supersedes=["uji-tol-2025"])]})
    assert r.status_code == 200, r.text

    # Today the new tariff is not in effect yet: the old one counts and the draft agrees with it.
    today = await check(client, api.keys["sos"], DRAFT)
    assert today["findings"][0]["relation"] == "supports"
    assert today["findings"][0]["evidence"][0]["position_id"] == "uji-tol-2025"
    assert today["findings"][0]["superseded"] == []

    # From its date the new figure counts; the draft conflicts with it and is told it repeats the old line.
    checker = api.app.state.selaras.checker
    later = await anyio.to_thread.run_sync(lambda: checker.check_sync(DRAFT, agency="Kementerian Sosial",
                                                                      on=takes_effect))
    [finding] = later.findings
    assert finding.relation == "conflicts"
    assert finding.evidence[0].position_id == "uji-tol-2026"
    assert [m.position_id for m in finding.superseded] == ["uji-tol-2025"]
    assert finding.superseded[0].superseded_by == ["uji-tol-2026"]
    assert finding.superseded[0].since == takes_effect.isoformat()
    assert any(r.startswith("Sesuai posisi lama yang sudah diganti") for r in finding.reasons)

    # A draft with the new figure then simply agrees, with nothing said about the old position.
    agreeing = await anyio.to_thread.run_sync(lambda: checker.check_sync(DRAFT.replace("Rp7.000", "Rp8.500"),
                                                                         on=takes_effect))
    assert agreeing.findings[0].relation == "supports" and agreeing.findings[0].superseded == []

    # The old position is kept, with its history, and says what replaced it.
    old = (await client.get("/v1/positions/uji-tol-2025", headers=auth(curator))).json()
    assert old["status"] == "active" and old["superseded_by"] == ["uji-tol-2026"] and len(old["versions"]) == 1
    new = (await client.get("/v1/positions/uji-tol-2026", headers=auth(curator))).json()
    assert new["supersedes"] == ["uji-tol-2025"]


async def test_supersedes_must_name_known_positions_and_not_itself(client, curator):
    r = await client.post("/v1/positions", headers=auth(curator), json={"positions": [
        position("uji-tol-x", NEW, supersedes=["tidak-ada"])]})
    assert r.status_code == 422 and r.json()["error"] == "unknown_superseded" and "tidak-ada" in r.json()["message"]
    r = await client.post("/v1/positions", headers=auth(curator), json={"positions": [
        position("uji-tol-y", NEW, supersedes=["uji-tol-y"])]})
    assert r.status_code == 422 and "supersede itself" in r.json()["message"]
