"""The vision in checks, end to end on the sample corpus (the 35 Asta Cita commitments) with the real
model: attribution with evidence, a tension as a vision conflict, its look-alike not, the summary, the
report filter by mission, English on request and the metrics."""

from __future__ import annotations

from tests.api.conftest import auth, check

SWASEMBADA = "Presiden meminta seluruh kementerian memperkuat swasembada pangan."
TENSION = ("Kementerian Pertanian menyampaikan hasil rapat koordinasi. Pemerintah akan menjadikan impor beras "
           "sebagai sumber utama pemenuhan kebutuhan nasional mulai 2027.")
LOOK_ALIKE = ("Kementerian Pertanian menyampaikan hasil rapat koordinasi. Impor beras turun 50 persen dibanding "
              "tahun lalu berkat panen raya di sentra produksi.")


async def test_a_single_topic_sentence_is_attributed_to_its_commitment(api, client):
    report = await check(client, api.keys["sos"], SWASEMBADA)
    [finding] = report["findings"]
    [link] = finding["vision"]
    assert (link["mission"], link["commitment"], link["label"]) == ("asta-cita-2", "asta-cita-2/pangan",
                                                                   "swasembada pangan")
    assert "swasembada pangan" in link["shared"] and link["reason"].startswith("Memajukan Asta Cita 2")
    assert [v["commitment"] for v in report["vision"]] == ["asta-cita-2/pangan"]
    assert report["vision_summary"] == "Memperkuat Asta Cita 2 — swasembada pangan."
    english = (await client.get(f"/v1/reports/{report['id']}", params={"lang": "en"},
                                headers=auth(api.keys["sos"]))).json()
    assert english["vision_summary"] == "Strengthens Asta Cita 2 — swasembada pangan."
    assert english["findings"][0]["vision"][0]["reason"].startswith("Advances Asta Cita 2")


async def test_the_vision_is_read_by_its_own_step_not_as_a_fact_to_compare(api, client):
    # A mission's own words: attributed to its commitment, but no vision passage backs or clashes with the
    # sentence as a position's fact would (that cost a check a sixth of its time and decided nothing).
    wording = "Pemerintah mendorong kemandirian bangsa melalui swasembada pangan dan swasembada energi."
    report = await check(client, api.keys["sos"], wording)
    [finding] = report["findings"]
    assert {v["commitment"] for v in finding["vision"]} & {"asta-cita-2/pangan", "asta-cita-2/energi"}
    assert all(e["kind"] != "vision" for e in finding["evidence"]) and finding["relation"] != "supports"


async def test_a_policy_against_a_commitment_is_a_vision_conflict_and_its_look_alike_is_not(api, client):
    report = await check(client, api.keys["sos"], TENSION)
    conflict = report["findings"][1]
    assert conflict["relation"] == "conflicts" and conflict["kinds"][0] == "vision"
    assert conflict["evidence"][0]["position_id"] == "asta-cita-2/pangan"
    assert "sumber utama" in conflict["reasons"][0] and "swasembada pangan" in conflict["reasons"][0]
    [tension] = report["vision_tensions"]
    assert (tension["finding"], tension["kind"], tension["link"]["commitment"]) == (1, "import_reliance",
                                                                                  "asta-cita-2/pangan")
    assert report["verdict"] == "conflict" and "bertentangan dengan Asta Cita 2" in report["vision_summary"]
    calm = await check(client, api.keys["sos"], LOOK_ALIKE)
    assert not calm["vision_tensions"] and all("vision" not in f["kinds"] for f in calm["findings"])


async def test_reports_are_found_by_mission_and_counted_in_the_metrics(api, client):
    carried = await check(client, api.keys["esdm"], SWASEMBADA)
    other = await check(client, api.keys["esdm"], "Jadwal konferensi pers diumumkan kemudian.")
    listed = await client.get("/v1/reports", params={"mission": "asta-cita-2"}, headers=auth(api.keys["esdm"]))
    ids = [r["id"] for r in listed.json()]
    assert carried["id"] in ids and other["id"] not in ids
    by_commitment = await client.get("/v1/reports", params={"mission": "asta-cita-2/pangan"},
                                     headers=auth(api.keys["esdm"]))
    assert carried["id"] in [r["id"] for r in by_commitment.json()]
    none = await client.get("/v1/reports", params={"mission": "asta-cita-8"}, headers=auth(api.keys["esdm"]))
    assert carried["id"] not in [r["id"] for r in none.json()]
    bad = await client.get("/v1/reports", params={"mission": "../x"}, headers=auth(api.keys["esdm"]))
    assert bad.status_code == 422
    metrics = (await client.get("/metrics")).text
    assert 'selaras_vision_sentences_total{mission="asta-cita-2",relation="advances"}' in metrics
    # A sentence advancing a mission that conflicts with a position on a figure is no tension.
    before = _count(metrics, "tension")
    figure = await check(client, api.keys["esdm"], "Pemerintah memperkuat swasembada pangan dengan menambah "
                                                   "anggaran Makan Bergizi Gratis 2026 menjadi Rp350 triliun.")
    [finding] = figure["findings"]
    assert finding["relation"] == "conflicts" and finding["vision"] and "vision" not in finding["kinds"]
    assert _count((await client.get("/metrics")).text, "tension") == before


def _count(metrics: str, relation: str) -> float:
    line = next((l for l in metrics.splitlines()
                 if l.startswith(f'selaras_vision_sentences_total{{mission="asta-cita-2",relation="{relation}"}}')), None)
    return float(line.split()[-1]) if line else 0.0


async def test_the_review_page_has_a_vision_section(api, client):
    report = await check(client, api.keys["sos"], f"{SWASEMBADA} {TENSION}")
    page = await client.get(report["review_url"], headers={"Accept": "text/html"})
    assert page.status_code == 200
    section = page.text.split('<section id="vision">')[1].split("</section>")[0]
    assert "Asta Cita 2 — swasembada pangan" in section and "sumber utama" in section
    assert 'id="vision-tensions"' in section and 'id="vision-advanced"' in section
