"""Issue 16, part 6: the communication office's overview, in-process against the real app, model and store.
``GET /v1/stats`` (curators; 422 for bad windows) counts real checks and decisions; ``/curator/overview``
draws the same figures as inline SVG in Indonesian (English on request), with no script."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
import pytest_asyncio

from tests.api.conftest import auth, check

pytestmark = pytest.mark.slow

MBG_DRAFT = "Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp350 triliun."
AGENCY = "Kementerian Uji Statistik"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def figures(api, client):
    """Two checks of a fresh agency (one decided), and the overview before and after them."""
    key = api.records.create_key(AGENCY, "submitter")[1]
    before = (await client.get("/v1/stats", params={"agency": AGENCY}, headers=auth(api.keys["curator"]))).json()
    first = await check(client, key, MBG_DRAFT)
    await check(client, key, MBG_DRAFT)
    finding = next(i for i, f in enumerate(first["findings"]) if f["relation"] == "conflicts")
    r = await client.post(f"/v1/reports/{first['id']}/decisions", json={"finding": finding, "decision": "fixed"},
                          headers=auth(key))
    assert r.status_code == 201, r.text
    r = await client.get("/v1/stats", params={"agency": AGENCY}, headers=auth(api.keys["curator"]))
    assert r.status_code == 200, r.text
    return before, r.json(), first


async def test_stats_count_checks_verdicts_conflicts_and_open_findings(figures):
    before, after, report = figures
    assert before["totals"]["checks"] == 0 and after["agency"] == AGENCY
    assert len(after["weeks"]) == 12 and after["timezone"] == "Asia/Jakarta"
    this_week = after["weeks"][-1]
    wib_today = datetime.now(timezone(timedelta(hours=7))).date()
    assert this_week["start"] == (wib_today - timedelta(days=wib_today.weekday())).isoformat()
    conflicts = report["counts"]["conflicts"]
    assert this_week["checks"] == 2 and this_week["verdicts"]["conflict"] == 2
    assert this_week["conflicts"] == 2 * conflicts and this_week["open"] == 2 * conflicts - 1
    assert after["totals"] == {k: this_week[k] for k in ("checks", "verdicts", "conflicts", "open")}
    assert [a["agency"] for a in after["agencies"]] == [AGENCY]
    assert {"kind": "number", "conflicts": 2} in after["conflict_kinds"]
    assert after["contradicted"][0]["position_id"] == "kemenkeu-mbg-2026"
    assert after["contradicted"][0]["reports"] == 2 and after["scanned"] == 2 and after["complete"]


async def test_stats_are_for_curators_only(api, client, figures):
    assert (await client.get("/v1/stats")).status_code == 401
    r = await client.get("/v1/stats", headers=auth(api.keys["sos"]))
    assert r.status_code == 403 and r.json()["error"] == "forbidden"


@pytest.mark.parametrize("query, code, field, words", [
    ({"since": "2026-03-10", "until": "2026-03-01"}, "invalid_window", "since", "setelah"),
    ({"since": "2024-01-01", "until": "2026-01-01"}, "invalid_window", "since", "paling banyak 53 minggu"),
    ({"since": "1990-01-01", "until": "1990-02-01"}, "invalid_window", "since", "antara 2000-01-03"),
    ({"since": "0"}, "invalid_request", "since", None),
    ({"until": "2026-02-30"}, "invalid_request", "until", None),
    ({"since": "01-03-2026"}, "invalid_request", "since", None),
    ({"agency": "x" * 201}, "invalid_request", "agency", None),
    ({"lang": "fr"}, "invalid_request", "lang", None),
])
async def test_bad_parameters_are_a_clear_422(api, client, query, code, field, words):
    r = await client.get("/v1/stats", params=query, headers=auth(api.keys["curator"]))
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == code and body["message"] and any(d["field"] == field for d in body["details"]), body
    if words:
        assert words in body["message"], body["message"]


async def test_window_errors_in_english_on_request(api, client):
    r = await client.get("/v1/stats", params={"since": "2024-01-01", "until": "2026-01-01", "lang": "en"},
                         headers=auth(api.keys["curator"]))
    assert r.status_code == 422 and "at most 53 weeks" in r.json()["message"]


async def test_overview_page_draws_the_figures_as_svg_without_scripts(api, client, figures):
    _, after, _ = figures
    r = await client.get("/curator/overview", params={"agency": AGENCY}, headers=auth(api.keys["curator"]))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<html lang="id">' in page and "Ikhtisar keselarasan" in page and "Pemeriksaan per minggu" in page
    for name in ("checks_by_week", "checks_by_agency", "open_by_week", "open_by_agency", "kinds", "contradicted"):
        assert f'id="chart-{name}"' in page
    assert page.count('<svg viewBox=') >= 6 and "<script" not in page
    assert f'<strong id="total-checks">{after["totals"]["checks"]}</strong>' in page
    assert f'<strong id="total-open">{after["totals"]["open"]}</strong>' in page
    # Each segment's tooltip names its category, series and value (what a reader hovering sees).
    assert re.search(r"<title>W\d\d — Bertentangan dengan posisi rujukan: 2</title>", page)
    assert "kemenkeu-mbg-2026" in page and "angka" in page
    csp = r.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp
    english = await client.get("/curator/overview", params={"agency": AGENCY, "lang": "en"},
                               headers=auth(api.keys["curator"]))
    assert '<html lang="en">' in english.text and "Checks per week, by verdict" in english.text


async def test_overview_page_refuses_submitters_and_explains_bad_windows(api, client):
    r = await client.get("/curator/overview", headers=auth(api.keys["sos"]))
    assert r.status_code == 403 and "hanya untuk kurator" in r.text
    r = await client.get("/curator/overview", follow_redirects=False)
    assert r.status_code == 401 and 'name="key"' in r.text  # the sign-in form
    r = await client.get("/curator/overview", params={"since": "2026-03-10", "until": "2026-03-01"},
                         headers=auth(api.keys["curator"]))
    assert r.status_code == 422 and 'id="error"' in r.text and "setelah" in r.text and 'id="filter"' in r.text
