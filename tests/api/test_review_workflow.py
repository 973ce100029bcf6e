"""Issue 16, the PR officer's review workflow, in-process against the real app, model and store:
Indonesian reasons by default (English on request), suggested corrections, decisions kept per finding,
revisions compared with the report they revise, and the curators' feedback."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api.conftest import auth, check

pytestmark = pytest.mark.slow

MBG = "kemenkeu-mbg-2026"
MBG_DRAFT = "Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp350 triliun."
MBG_FIXED = "Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp335 triliun."
BBM_DRAFT = "Pemerintah akan menaikkan harga BBM bersubsidi jenis Pertalite dan Solar mulai bulan depan."


def _conflict(report: dict) -> tuple[int, dict]:
    return next((i, f) for i, f in enumerate(report["findings"]) if f["relation"] == "conflicts")


async def test_reasons_and_summary_are_indonesian_by_default_and_english_on_request(api, client):
    report = await check(client, api.keys["sos"], MBG_DRAFT)
    _, f = _conflict(report)
    assert report["language"] == "id"
    assert f["reasons"][0].startswith("Angka berbeda:"), f["reasons"]
    assert '"Rp350 triliun"' in f["reasons"][0] and '"Rp335 triliun"' in f["reasons"][0]  # both fragments quoted
    assert f["messages"][0]["id"] == "conflict.number" and f["kinds"] == ["number"]
    assert "kalimat didukung" in report["summary"]
    r = await client.post("/v1/checks?lang=en", json={"text": MBG_DRAFT}, headers=auth(api.keys["sos"]))
    _, f_en = _conflict(r.json())
    assert r.json()["language"] == "en" and f_en["reasons"][0].startswith("Number differs:")
    assert '"Rp350 triliun"' in f_en["reasons"][0] and '"Rp335 triliun"' in f_en["reasons"][0]
    assert "sentences are backed" in r.json()["summary"]
    # The stored report reads back in either language (Accept-Language, or ?lang= over it).
    headers = {**auth(api.keys["sos"]), "Accept-Language": "en-GB,en;q=0.9"}
    stored = (await client.get(f"/v1/reports/{report['id']}", headers=headers)).json()
    assert _conflict(stored)[1]["reasons"][0].startswith("Number differs:")
    stored = (await client.get(f"/v1/reports/{report['id']}?lang=id", headers=headers)).json()
    assert _conflict(stored)[1]["reasons"][0].startswith("Angka berbeda:")


async def test_a_mechanical_conflict_gets_the_reference_value_as_suggestion(api, client):
    report = await check(client, api.keys["sos"], MBG_DRAFT)
    _, f = _conflict(report)
    assert f["suggestion"] == MBG_FIXED
    report = await check(client, api.keys["esdm"], BBM_DRAFT)
    _, f = _conflict(report)
    assert f["kinds"] == ["negation"], f
    assert f["suggestion"] == BBM_DRAFT.replace("akan menaikkan", "tidak akan menaikkan"), f


async def test_decisions_are_kept_shown_with_who_and_when_and_close_the_report(api, client):
    report = await check(client, api.keys["sos"], MBG_DRAFT)
    index, _ = _conflict(report)
    url = f"/v1/reports/{report['id']}/decisions"
    open_ids = [r["id"] for r in (await client.get("/v1/reports?open=true&limit=500",
                                                    headers=auth(api.keys["sos"]))).json()]
    assert report["id"] in open_ids
    r = await client.post(url, json={"finding": index, "decision": "false_alarm", "note": "Angka lama."},
                          headers=auth(api.keys["sos"]))
    assert r.status_code == 201, r.text
    assert r.json()["decision"] == "false_alarm" and r.json()["agency"] == "Kementerian Sosial"
    # The latest decision is the one in effect; a curator may record one too.
    r = await client.post(url, json={"finding": index, "decision": "fixed"}, headers=auth(api.keys["curator"]))
    assert r.status_code == 201, r.text
    stored = (await client.get(f"/v1/reports/{report['id']}", headers=auth(api.keys["sos"]))).json()
    decision = stored["findings"][index]["decision"]
    assert decision["decision"] == "fixed" and decision["agency"] == "Kantor Komunikasi Kepresidenan"
    assert decision["key_id"] and decision["created_at"]
    page = (await client.get(f"/v1/reports/{report['id']}",
                             headers={**auth(api.keys["sos"]), "Accept": "text/html"})).text
    assert 'data-decision="fixed"' in page and "Sudah diperbaiki" in page and "Kantor Komunikasi" in page
    listed = (await client.get("/v1/reports?open=true&limit=500", headers=auth(api.keys["sos"]))).json()
    assert report["id"] not in [r["id"] for r in listed]
    everything = (await client.get("/v1/reports?limit=500", headers=auth(api.keys["sos"]))).json()
    line = next(r for r in everything if r["id"] == report["id"])
    assert line["conflicts"] == 1 and line["decided"] == 1


async def test_decision_permissions_and_bad_input(api, client):
    first = "Kementerian Sosial mendukung program prioritas Presiden."
    report = await check(client, api.keys["sos"], f"{first} {MBG_DRAFT}")
    index, _ = _conflict(report)
    url = f"/v1/reports/{report['id']}/decisions"
    body = {"finding": index, "decision": "accepted"}
    assert (await client.post(url, json=body, headers=auth(api.keys["esdm"]))).status_code == 404  # other agency
    assert (await client.post("/v1/reports/0123abcd/decisions", json=body,
                              headers=auth(api.keys["sos"]))).status_code == 404
    assert (await client.post(url, json=body)).status_code == 401
    cases = [({"finding": 99, "decision": "fixed"}, "unknown_finding"),
             ({"finding": 1 - index, "decision": "fixed"}, "not_a_conflict"),
             ({"finding": index, "decision": "ignored"}, "invalid_request"),
             ({"finding": index, "decision": "fixed", "note": "x" * 2001}, "invalid_request"),
             ({"finding": index, "decision": "fixed", "extra": 1}, "invalid_request"),
             ({"finding": False, "decision": "fixed"}, "invalid_request")]
    for payload, code in cases:
        r = await client.post(url, json=payload, headers=auth(api.keys["sos"]))
        assert r.status_code == 422 and r.json()["error"] == code, (payload, r.text)
    # Nothing stored by the refused requests.
    stored = (await client.get(f"/v1/reports/{report['id']}", headers=auth(api.keys["sos"]))).json()
    assert all(f["decision"] is None for f in stored["findings"])


async def test_a_revision_says_which_conflicts_are_gone_still_there_or_new(api, client):
    first = await check(client, api.keys["sos"], MBG_DRAFT)
    still = await check(client, api.keys["sos"], MBG_DRAFT.replace("Rp350", "Rp340"), revision_of=first["id"])
    assert still["revision"]["of"] == first["id"]
    assert [c["position_id"] for c in still["revision"]["still"]] == [MBG]
    assert still["revision"]["gone"] == [] and still["revision"]["new"] == []
    fixed = await check(client, api.keys["sos"], MBG_FIXED, revision_of=still["id"])
    assert [c["position_id"] for c in fixed["revision"]["gone"]] == [MBG] and fixed["revision"]["still"] == []
    # Kept with the report, and listed with its link.
    stored = (await client.get(f"/v1/reports/{fixed['id']}", headers=auth(api.keys["sos"]))).json()
    assert stored["revision"] == fixed["revision"]
    page = (await client.get(f"/v1/reports/{fixed['id']}", headers={**auth(api.keys["sos"]), "Accept": "text/html"}))
    assert 'id="revision-gone"' in page.text and "Pertentangan yang sudah hilang" in page.text


async def test_a_revision_must_revise_a_report_of_the_same_agency(api, client):
    theirs = await check(client, api.keys["esdm"], BBM_DRAFT)
    for key, extra in (("sos", {}), ("curator", {"agency": "Kementerian Sosial"}), ("sos", {})):
        r = await client.post("/v1/checks", json={"text": MBG_DRAFT, "revision_of": theirs["id"], **extra},
                              headers=auth(api.keys[key]))
        assert r.status_code == 422 and r.json()["error"] == "invalid_revision", r.text
    r = await client.post("/v1/checks", json={"text": MBG_DRAFT, "revision_of": "not-an-id"},
                          headers=auth(api.keys["sos"]))
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    ok = await check(client, api.keys["curator"], BBM_DRAFT, agency="Kementerian ESDM", revision_of=theirs["id"])
    assert ok["revision"]["of"] == theirs["id"]


async def test_feedback_lists_false_alarms_and_accepted_conflicts_for_curators(api, client):
    report = await check(client, api.keys["esdm"], BBM_DRAFT)
    index, _ = _conflict(report)
    r = await client.post(f"/v1/reports/{report['id']}/decisions", headers=auth(api.keys["esdm"]),
                          json={"finding": index, "decision": "accepted", "note": "=Posisi berubah"})
    assert r.status_code == 201
    assert (await client.get("/v1/feedback", headers=auth(api.keys["esdm"]))).status_code == 403
    assert (await client.get("/v1/feedback.csv", headers=auth(api.keys["esdm"]))).status_code == 403
    r = await client.get("/v1/feedback?lang=en", headers=auth(api.keys["curator"]))
    assert r.status_code == 200, r.text
    item = next(i for i in r.json()["items"] if i["report_id"] == report["id"])
    assert item["decision"] == "accepted" and item["sentence"] == BBM_DRAFT and item["kinds"] == ["negation"]
    assert item["evidence"][0]["position_id"] == "esdm-harga-bbm" and item["evidence"][0]["passage"]
    assert item["reasons"][0].startswith("Negation mismatch")
    assert all(i["decision"] in ("accepted", "false_alarm") for i in r.json()["items"])
    r = await client.get("/v1/feedback.csv", headers=auth(api.keys["curator"]))
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    row = next(x for x in rows if x["report_id"] == report["id"])
    assert row["note"] == "'=Posisi berubah" and "esdm-harga-bbm" in row["position_ids"]  # no formula in a sheet
    assert row["reasons"].startswith("Negasi bertentangan")
    metrics = (await client.get("/metrics")).text
    assert 'selaras_decisions_total{decision="accepted",kind="negation"}' in metrics


async def test_review_page_is_indonesian_and_switches_to_english(api, client):
    report = await check(client, api.keys["sos"], MBG_DRAFT)
    page = (await client.get(report["review_url"], headers={"Accept": "text/html"})).text
    assert '<html lang="id">' in page and "Bertentangan dengan posisi rujukan" in page and "Angka berbeda" in page
    assert "Usulan perbaikan" in page and MBG_FIXED in page
    token = report["review_url"].split("token=")[1]
    assert f'href="?token={token}&amp;lang=en"' in page
    english = (await client.get(report["review_url"] + "&lang=en", headers={"Accept": "text/html"})).text
    assert '<html lang="en">' in english and "Conflicts with a reference position" in english
    assert "Number differs" in english and "Suggested correction" in english
