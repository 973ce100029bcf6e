"""End to end over real HTTP: real uvicorn, the converted e5 model, the embedded qdrant-edge store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.integration.conftest import check
from tests.integration.server import ROOT, Server

pytestmark = pytest.mark.slow

MBG = "kemenkeu-mbg-2026"
BBM = "esdm-harga-bbm"


def test_health_ready_info_schema(env):
    server, _ = env
    with server.client() as c:
        assert c.get("/health").json() == {"status": "ok"}
        ready = c.get("/ready")
        assert ready.status_code == 200 and ready.json()["status"] == "ready"
        schema = c.get("/schema/openapi.json").json()
        assert "/v1/checks" in schema["paths"] and "/v1/positions" in schema["paths"]
    with server.client(env[1]["curator"]) as c:
        info = c.get("/info").json()
        assert info["dimension"] == 384 and info["passages"] > 0


def test_paraphrase_supports_with_position_as_evidence(env):
    server, keys = env
    draft = "Dalam APBN 2026, pemerintah menyediakan dana Rp335 triliun untuk program Makan Bergizi Gratis."
    report = check(server, keys["sos"], draft)
    [finding] = report["findings"]
    assert finding["relation"] == "supports", finding
    assert finding["evidence"][0]["position_id"] == MBG
    assert report["verdict"] == "aligned" and report["score"] >= 80


def test_changed_number_conflicts_with_offsets_and_reason(env):
    server, keys = env
    first = "Kementerian Sosial mendukung program prioritas Presiden."
    second = "Pemerintah mengalokasikan anggaran program Makan Bergizi Gratis sebesar Rp350 triliun dalam APBN 2026."
    draft = f"{first} {second}"
    report = check(server, keys["sos"], draft)
    assert report["verdict"] == "conflict"
    conflicting = [f for f in report["findings"] if f["relation"] == "conflicts"]
    assert len(conflicting) == 1
    f = conflicting[0]
    assert (f["start"], f["end"]) == (len(first) + 1, len(draft))
    assert draft[f["start"]:f["end"]] == second
    assert f["evidence"][0]["position_id"] == MBG
    reason = " ".join(f["reasons"])
    assert "350" in reason and "335" in reason


def test_negation_and_opposite_verb_conflict(env):
    server, keys = env
    report = check(server, keys["esdm"],
                   "Pemerintah menaikkan harga BBM bersubsidi jenis Pertalite dan Solar hingga akhir tahun ini.")
    [f] = report["findings"]
    assert f["relation"] == "conflicts", f
    assert f["evidence"][0]["position_id"] == BBM


def test_english_sentence_supports_indonesian_position(env):
    server, keys = env
    report = check(server, keys["sos"],
                   "The government allocated Rp335 trillion for the Free Nutritious Meals program in the 2026 state budget.")
    [f] = report["findings"]
    assert f["relation"] == "supports", f
    assert f["evidence"][0]["position_id"] == MBG


def test_unrelated_sentence_is_unsupported(env):
    server, keys = env
    report = check(server, keys["sos"], "Tim nasional sepak bola putri berlatih di Bali menjelang turnamen regional.")
    assert report["findings"][0]["relation"] == "unsupported"
    assert report["verdict"] == "review"


def test_upsert_identical_is_noop_and_changed_text_keeps_history(env):
    server, keys = env
    position = {"id": "test-tarif-listrik", "title": "Tarif listrik", "agency": "Kementerian ESDM",
                "kind": "position", "topics": ["energi"],
                "text": "Tarif listrik untuk pelanggan rumah tangga tidak naik pada kuartal pertama 2026."}
    with server.client(keys["curator"]) as c:
        assert c.post("/v1/positions", json={"positions": [position]}).json()["results"][0]["status"] == "created"
        again = c.post("/v1/positions", json={"positions": [position]}).json()["results"][0]
        assert again["status"] == "unchanged" and again["version"] == 1
        changed = {**position, "text": "Tarif listrik untuk pelanggan rumah tangga turun 5 persen pada kuartal pertama 2026."}
        result = c.post("/v1/positions", json={"positions": [changed]}).json()["results"][0]
        assert result["status"] == "updated" and result["version"] == 2
        detail = c.get(f"/v1/positions/{position['id']}").json()
        assert detail["text"] == changed["text"]
        assert [v["text"] for v in detail["versions"]] == [position["text"], changed["text"]]
    # Only the new text counts: the old sentence is no longer evidence.
    report = check(server, keys["esdm"], "Tarif listrik rumah tangga turun 5 persen pada kuartal pertama 2026.")
    assert report["findings"][0]["relation"] == "supports"
    assert report["findings"][0]["evidence"][0]["passage"] == changed["text"]


def test_retired_position_no_longer_counts(env):
    server, keys = env
    position = {"id": "test-retire", "title": "Bandara baru", "agency": "Kementerian Perhubungan",
                "text": "Bandara internasional baru di Kalimantan Timur mulai beroperasi pada Agustus 2026."}
    draft = "Bandara internasional baru di Kalimantan Timur mulai beroperasi pada Agustus 2026."
    with server.client(keys["curator"]) as c:
        c.post("/v1/positions", json={"positions": [position]}).raise_for_status()
        assert check(server, keys["sos"], draft)["findings"][0]["evidence"][0]["position_id"] == "test-retire"
        retired = c.delete("/v1/positions/test-retire")
        assert retired.status_code == 200 and retired.json()["status"] == "retired"
        listed = c.get("/v1/positions", params={"status": "retired"}).json()
        assert "test-retire" in [p["id"] for p in listed["items"]]
    finding = check(server, keys["sos"], draft)["findings"][0]
    assert all(e["position_id"] != "test-retire" for e in finding["evidence"])
    assert finding["relation"] == "unsupported"


def test_report_json_and_html_and_agency_isolation(env):
    server, keys = env
    report = check(server, keys["sos"], (ROOT / "samples/drafts/bbm-bertentangan.txt").read_text(), title="Draf BBM")
    rid = report["id"]
    with server.client(keys["sos"]) as c:
        assert c.get(f"/v1/reports/{rid}").json()["findings"] == report["findings"]
        page = c.get(f"/v1/reports/{rid}", headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert 'class="conflicts"' in page.text and "Rp335 triliun" in page.text
        listed = c.get("/v1/reports", params={"verdict": "conflict"}).json()
        assert rid in [r["id"] for r in listed]
    with server.client(keys["esdm"]) as c:  # another agency: not found, not forbidden
        assert c.get(f"/v1/reports/{rid}").status_code == 404
        assert rid not in [r["id"] for r in c.get("/v1/reports").json()]
    with server.client() as c:  # the review link works without a key, a wrong token does not
        assert c.get(report["review_url"], headers={"Accept": "text/html"}).status_code == 200
        assert c.get(f"/v1/reports/{rid}?token=deadbeef").status_code == 404


def test_auth_errors(env):
    server, keys = env
    with server.client() as c:
        r = c.post("/v1/checks", json={"text": "Halo."})
        assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    with server.client("sel_wrong_key") as c:
        assert c.post("/v1/checks", json={"text": "Halo."}).status_code == 401
    with server.client(keys["sos"]) as c:
        r = c.post("/v1/positions", json={"positions": [{"id": "x", "title": "x", "text": "x", "agency": "x"}]})
        assert r.status_code == 403 and "curator" in r.json()["message"]
        assert c.delete(f"/v1/positions/{MBG}").status_code == 403


def test_bad_input_gets_clear_4xx_and_loses_nothing(env):
    server, keys = env
    with server.client(keys["curator"]) as c:
        before = c.get("/v1/positions", params={"limit": 1000}).json()["total"]
        r = c.post("/v1/checks", content=b'{"text": "Pemerintah', headers={"Content-Type": "application/json"})
        assert r.status_code == 400 and r.json()["error"] == "malformed_json", r.text
        r = c.post("/v1/checks", json={"text": "   "})
        assert r.status_code in (400, 422) and r.json()["message"], r.text
        r = c.post("/v1/checks", json={"text": "Halo.", "colour": "red"})
        assert r.status_code == 422 and "colour" in r.json()["message"], r.text
        r = c.post("/v1/checks", json={"text": "Kalimat. " * 200_000})
        assert r.status_code == 413, r.text
        r = c.post("/v1/checks", json={"text": "Kalimat pendek. " * 500})
        assert r.status_code == 422 and r.json()["error"] == "too_many_sentences"
        r = c.post("/v1/positions", json={"positions": [{"id": "bad", "title": "t", "agency": "a"}]})
        assert r.status_code == 422 and "text" in r.json()["message"]
        assert c.get("/v1/positions/does-not-exist").status_code == 404
        assert c.get("/v1/positions", params={"limit": 1000}).json()["total"] == before


def test_timing_headers_and_metrics(env):
    server, keys = env
    with server.client(keys["sos"]) as c:
        r = c.post("/v1/checks", json={"text": "Pemerintah menargetkan pertumbuhan ekonomi 5,4 persen pada 2026."})
        for header in ("x-queue-time", "x-embed-time", "x-search-time", "x-judge-time", "x-total-time"):
            assert float(r.headers[header]) >= 0
        text = c.get("/metrics").text
    assert re.search(r'selaras_check_verdicts_total\{verdict="\w+"\} [1-9]', text)
    assert 'selaras_http_requests_total{method="POST",route="/v1/checks"' in text


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


def test_published_statement_is_used_for_other_agencies_drafts(env):
    server, keys = env
    statement = {"title": "Jadwal vaksinasi", "topics": ["kesehatan"],
                 "text": "Vaksinasi campak massal untuk anak sekolah dasar dimulai pada 3 Maret 2026 di seluruh provinsi."}
    with server.client(keys["sos"]) as c:
        r = c.post("/v1/statements", json=statement)
        assert r.status_code == 200, r.text
        published = r.json()
        assert published["kind"] == "statement" and published["agency"] == "Kementerian Sosial"
        # Publishing the same statement again is idempotent.
        assert c.post("/v1/statements", json=statement).json()["id"] == published["id"]
    report = check(server, keys["esdm"],
                   "Vaksinasi campak massal untuk anak sekolah dasar dimulai pada 10 Maret 2026 di seluruh provinsi.")
    [f] = report["findings"]
    assert f["relation"] == "conflicts" and f["evidence"][0]["position_id"] == published["id"]
    assert [s["agency"] for s in report["related_statements"]] == ["Kementerian Sosial"]


def test_batch_checks_and_vision_coverage(env):
    server, keys = env
    drafts = [{"text": (ROOT / f"samples/drafts/{name}.txt").read_text(), "title": name}
              for name in ("mbg-selaras", "bbm-bertentangan")]
    with server.client(keys["sos"]) as c:
        r = c.post("/v1/checks:batch", json={"drafts": drafts})
        assert r.status_code == 200, r.text
        body = r.json()
        assert [rep["title"] for rep in body["reports"]] == ["mbg-selaras", "bbm-bertentangan"]
        assert body["verdicts"]["conflict"] == 1
        aligned = body["reports"][0]
        assert aligned["verdict"] == "aligned"
        # raised price vs "tidak menaikkan", Rp350 vs Rp335 triliun, "melanjutkan" vs "menghentikan" impor:
        # the classifier calls two of these neutral and must not overrule the rules there.
        assert body["reports"][1]["counts"]["conflicts"] == 3
        assert "asta-cita-4" in [v["position_id"] for v in aligned["vision"]]
        bad = c.post("/v1/checks:batch", json={"drafts": [drafts[0], {"text": " "}]})
        assert bad.status_code == 422


def test_request_id_echoed_and_logs_hold_no_draft_text(env):
    server, keys = env
    secret_sentence = "Rahasia draf internal kementerian tentang rencana cukai minuman manis."
    with server.client(keys["sos"]) as c:
        r = c.post("/v1/checks", json={"text": secret_sentence}, headers={"X-Request-ID": "cms-123"})
        assert r.headers["x-request-id"] == "cms-123"
        assert len(c.get("/health").headers["x-request-id"]) == 32
    log = server.log.read_text()
    assert '"request_id": "cms-123"' in log and '"agency": "Kementerian Sosial"' in log
    assert "Rahasia draf" not in log and keys["sos"] not in log


def test_second_process_on_the_same_data_dir_is_refused(env):
    server, _ = env
    second = Server(server.data_dir)
    with pytest.raises(RuntimeError) as failed:
        second.start(timeout=120)
    assert "in use by another Selaras process" in str(failed.value)
    with server.client() as c:  # the first one is unharmed
        assert c.get("/ready").status_code == 200
