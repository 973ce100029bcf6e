"""The API over HTTP semantics, in-process: the real app, the converted e5 model, the embedded qdrant-edge store.

(Restart and a second process on the same data directory need real processes: tests/e2e/test_process.py.)
"""

from __future__ import annotations

import io
import logging
import re

import pytest

from service.logs import JsonFormatter
from tests.api.conftest import ROOT, auth, check

pytestmark = pytest.mark.slow

MBG = "kemenkeu-mbg-2026"
BBM = "esdm-harga-bbm"


async def test_health_ready_info_schema(api, client):
    assert (await client.get("/health")).json() == {"status": "ok"}
    ready = await client.get("/ready")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    schema = (await client.get("/schema/openapi.json")).json()
    assert "/v1/checks" in schema["paths"] and "/v1/positions" in schema["paths"]
    info = (await client.get("/info", headers=auth(api.keys["curator"]))).json()
    assert info["dimension"] == 384 and info["passages"] > 0


async def test_paraphrase_supports_with_position_as_evidence(api, client):
    draft = "Dalam APBN 2026, pemerintah menyediakan dana Rp335 triliun untuk program Makan Bergizi Gratis."
    report = await check(client, api.keys["sos"], draft)
    [finding] = report["findings"]
    assert finding["relation"] == "supports", finding
    assert finding["evidence"][0]["position_id"] == MBG
    assert report["verdict"] == "aligned" and report["score"] >= 80


async def test_changed_number_conflicts_with_offsets_and_reason(api, client):
    first = "Kementerian Sosial mendukung program prioritas Presiden."
    second = "Pemerintah mengalokasikan anggaran program Makan Bergizi Gratis sebesar Rp350 triliun dalam APBN 2026."
    draft = f"{first} {second}"
    report = await check(client, api.keys["sos"], draft)
    assert report["verdict"] == "conflict"
    conflicting = [f for f in report["findings"] if f["relation"] == "conflicts"]
    assert len(conflicting) == 1
    f = conflicting[0]
    assert (f["start"], f["end"]) == (len(first) + 1, len(draft))
    assert draft[f["start"]:f["end"]] == second
    assert f["evidence"][0]["position_id"] == MBG
    reason = " ".join(f["reasons"])
    assert "350" in reason and "335" in reason


async def test_negation_and_opposite_verb_conflict(api, client):
    report = await check(client, api.keys["esdm"],
                         "Pemerintah menaikkan harga BBM bersubsidi jenis Pertalite dan Solar hingga akhir tahun ini.")
    [f] = report["findings"]
    assert f["relation"] == "conflicts", f
    assert f["evidence"][0]["position_id"] == BBM


async def test_english_sentence_supports_indonesian_position(api, client):
    report = await check(client, api.keys["sos"],
                         "The government allocated Rp335 trillion for the Free Nutritious Meals program in the 2026 "
                         "state budget.")
    [f] = report["findings"]
    assert f["relation"] == "supports", f
    assert f["evidence"][0]["position_id"] == MBG


async def test_unrelated_sentence_is_unsupported(api, client):
    report = await check(client, api.keys["sos"],
                         "Tim nasional sepak bola putri berlatih di Bali menjelang turnamen regional.")
    assert report["findings"][0]["relation"] == "unsupported"
    assert report["verdict"] == "review"


async def test_upsert_identical_is_noop_and_changed_text_keeps_history(api, client):
    keys = api.keys
    curator = auth(keys["curator"])
    position = {"id": "test-tarif-listrik", "title": "Tarif listrik", "agency": "Kementerian ESDM",
                "kind": "position", "topics": ["energi"],
                "text": "Tarif listrik untuk pelanggan rumah tangga tidak naik pada kuartal pertama 2026."}
    created = await client.post("/v1/positions", json={"positions": [position]}, headers=curator)
    assert created.json()["results"][0]["status"] == "created"
    again = (await client.post("/v1/positions", json={"positions": [position]}, headers=curator)).json()["results"][0]
    assert again["status"] == "unchanged" and again["version"] == 1
    changed = {**position, "text": "Tarif listrik untuk pelanggan rumah tangga turun 5 persen pada kuartal pertama 2026."}
    result = (await client.post("/v1/positions", json={"positions": [changed]}, headers=curator)).json()["results"][0]
    assert result["status"] == "updated" and result["version"] == 2
    detail = (await client.get(f"/v1/positions/{position['id']}", headers=curator)).json()
    assert detail["text"] == changed["text"]
    assert [v["text"] for v in detail["versions"]] == [position["text"], changed["text"]]
    # Only the new text counts: the old sentence is no longer evidence.
    report = await check(client, keys["esdm"], "Tarif listrik rumah tangga turun 5 persen pada kuartal pertama 2026.")
    assert report["findings"][0]["relation"] == "supports"
    assert report["findings"][0]["evidence"][0]["passage"] == changed["text"]


async def test_retired_position_no_longer_counts(api, client):
    keys = api.keys
    curator = auth(keys["curator"])
    position = {"id": "test-retire", "title": "Bandara baru", "agency": "Kementerian Perhubungan",
                "text": "Bandara internasional baru di Kalimantan Timur mulai beroperasi pada Agustus 2026."}
    draft = "Bandara internasional baru di Kalimantan Timur mulai beroperasi pada Agustus 2026."
    (await client.post("/v1/positions", json={"positions": [position]}, headers=curator)).raise_for_status()
    assert (await check(client, keys["sos"], draft))["findings"][0]["evidence"][0]["position_id"] == "test-retire"
    retired = await client.delete("/v1/positions/test-retire", headers=curator)
    assert retired.status_code == 200 and retired.json()["status"] == "retired"
    listed = (await client.get("/v1/positions", params={"status": "retired"}, headers=curator)).json()
    assert "test-retire" in [p["id"] for p in listed["items"]]
    finding = (await check(client, keys["sos"], draft))["findings"][0]
    assert all(e["position_id"] != "test-retire" for e in finding["evidence"])
    assert finding["relation"] == "unsupported"


async def test_report_json_and_html_and_agency_isolation(api, client):
    keys = api.keys
    report = await check(client, keys["sos"], (ROOT / "samples/drafts/bbm-bertentangan.txt").read_text(),
                         title="Draf BBM")
    rid = report["id"]
    sos = auth(keys["sos"])
    assert (await client.get(f"/v1/reports/{rid}", headers=sos)).json()["findings"] == report["findings"]
    page = await client.get(f"/v1/reports/{rid}", headers={**sos, "Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'class="conflicts"' in page.text and "Rp335 triliun" in page.text
    listed = (await client.get("/v1/reports", params={"verdict": "conflict"}, headers=sos)).json()
    assert rid in [r["id"] for r in listed]
    esdm = auth(keys["esdm"])  # another agency: not found, not forbidden
    assert (await client.get(f"/v1/reports/{rid}", headers=esdm)).status_code == 404
    assert rid not in [r["id"] for r in (await client.get("/v1/reports", headers=esdm)).json()]
    # the review link works without a key, a wrong token does not
    assert (await client.get(report["review_url"], headers={"Accept": "text/html"})).status_code == 200
    assert (await client.get(f"/v1/reports/{rid}?token=deadbeef")).status_code == 404


async def test_auth_errors(api, client):
    r = await client.post("/v1/checks", json={"text": "Halo."})
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    assert (await client.post("/v1/checks", json={"text": "Halo."}, headers=auth("sel_wrong_key"))).status_code == 401
    sos = auth(api.keys["sos"])
    r = await client.post("/v1/positions", json={"positions": [{"id": "x", "title": "x", "text": "x", "agency": "x"}]},
                          headers=sos)
    assert r.status_code == 403 and "curator" in r.json()["message"]
    assert (await client.delete(f"/v1/positions/{MBG}", headers=sos)).status_code == 403


async def test_bad_input_gets_clear_4xx_and_loses_nothing(api, client):
    c = auth(api.keys["curator"])
    before = (await client.get("/v1/positions", params={"limit": 1000}, headers=c)).json()["total"]
    r = await client.post("/v1/checks", content=b'{"text": "Pemerintah',
                          headers={**c, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "malformed_json", r.text
    r = await client.post("/v1/checks", json={"text": "   "}, headers=c)
    assert r.status_code in (400, 422) and r.json()["message"], r.text
    r = await client.post("/v1/checks", json={"text": "Halo.", "colour": "red"}, headers=c)
    assert r.status_code == 422 and "colour" in r.json()["message"], r.text
    r = await client.post("/v1/checks", json={"text": "Kalimat. " * 200_000}, headers=c)
    assert r.status_code == 413, r.text
    r = await client.post("/v1/checks", json={"text": "Kalimat pendek. " * 500}, headers=c)
    assert r.status_code == 422 and r.json()["error"] == "too_many_sentences"
    r = await client.post("/v1/positions", json={"positions": [{"id": "bad", "title": "t", "agency": "a"}]}, headers=c)
    assert r.status_code == 422 and "text" in r.json()["message"]
    assert (await client.get("/v1/positions/does-not-exist", headers=c)).status_code == 404
    assert (await client.get("/v1/positions", params={"limit": 1000}, headers=c)).json()["total"] == before


async def test_timing_headers_and_metrics(api, client):
    sos = auth(api.keys["sos"])
    r = await client.post("/v1/checks", json={"text": "Pemerintah menargetkan pertumbuhan ekonomi 5,4 persen pada 2026."},
                          headers=sos)
    for header in ("x-queue-time", "x-embed-time", "x-search-time", "x-judge-time", "x-total-time"):
        assert float(r.headers[header]) >= 0
    text = (await client.get("/metrics", headers=sos)).text
    assert re.search(r'selaras_check_verdicts_total\{verdict="\w+"\} [1-9]', text)
    assert 'selaras_http_requests_total{method="POST",route="/v1/checks"' in text
    # A refused key is counted (and logged) as the 401 the client gets, not as a server error.
    refused = await client.post("/v1/checks", json={"text": "x"}, headers=auth("not-a-key"))
    assert refused.status_code == 401
    text = (await client.get("/metrics", headers=sos)).text
    assert re.search(r'selaras_http_requests_total\{method="POST",route="[^"]*",status="401"\} [1-9]', text)


async def test_published_statement_is_used_for_other_agencies_drafts(api, client):
    keys = api.keys
    statement = {"title": "Jadwal vaksinasi", "topics": ["kesehatan"],
                 "text": "Vaksinasi campak massal untuk anak sekolah dasar dimulai pada 3 Maret 2026 di seluruh provinsi."}
    sos = auth(keys["sos"])
    r = await client.post("/v1/statements", json=statement, headers=sos)
    assert r.status_code == 200, r.text
    published = r.json()
    assert published["kind"] == "statement" and published["agency"] == "Kementerian Sosial"
    # Publishing the same statement again is idempotent.
    assert (await client.post("/v1/statements", json=statement, headers=sos)).json()["id"] == published["id"]
    report = await check(client, keys["esdm"],
                         "Vaksinasi campak massal untuk anak sekolah dasar dimulai pada 10 Maret 2026 di seluruh "
                         "provinsi.")
    [f] = report["findings"]
    assert f["relation"] == "conflicts" and f["evidence"][0]["position_id"] == published["id"]
    assert [s["agency"] for s in report["related_statements"]] == ["Kementerian Sosial"]


async def test_batch_checks_and_vision_coverage(api, client):
    drafts = [{"text": (ROOT / f"samples/drafts/{name}.txt").read_text(), "title": name}
              for name in ("mbg-selaras", "bbm-bertentangan")]
    sos = auth(api.keys["sos"])
    r = await client.post("/v1/checks:batch", json={"drafts": drafts}, headers=sos)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [rep["title"] for rep in body["reports"]] == ["mbg-selaras", "bbm-bertentangan"]
    assert body["verdicts"]["conflict"] == 1
    aligned = body["reports"][0]
    assert aligned["verdict"] == "aligned"
    # raised price vs "tidak menaikkan", Rp350 vs Rp335 triliun, "melanjutkan" vs "menghentikan" impor:
    # the classifier calls two of these neutral and must not overrule the rules there.
    assert body["reports"][1]["counts"]["conflicts"] == 3
    # The free-meals draft carries Asta Cita 4's human-development commitment, said in the summary too.
    assert "asta-cita-4/sdm" in [v["commitment"] for v in aligned["vision"]]
    assert {v["mission"] for v in aligned["vision"]} >= {"asta-cita-4"}
    assert aligned["vision_summary"].startswith("Memperkuat Asta Cita 4 — ")
    assert "sumber daya manusia" in aligned["vision_summary"]
    bad = await client.post("/v1/checks:batch", json={"drafts": [drafts[0], {"text": " "}]}, headers=sos)
    assert bad.status_code == 422


@pytest.fixture
def service_log():
    """What the service logs while the test runs, as ``selaras serve`` writes it (JSON lines)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


async def test_request_id_echoed_and_logs_hold_no_draft_text(api, client, service_log):
    keys = api.keys
    secret_sentence = "Rahasia draf internal kementerian tentang rencana cukai minuman manis."
    r = await client.post("/v1/checks", json={"text": secret_sentence},
                          headers={**auth(keys["sos"]), "X-Request-ID": "cms-123"})
    assert r.headers["x-request-id"] == "cms-123"
    assert len((await client.get("/health", headers=auth(keys["sos"]))).headers["x-request-id"]) == 32
    log = service_log.getvalue()
    assert '"request_id": "cms-123"' in log and '"agency": "Kementerian Sosial"' in log
    assert "Rahasia draf" not in log and keys["sos"] not in log
