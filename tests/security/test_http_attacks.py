"""Issue 11's attacks over real HTTP, each against a real server (real model, store and judge).

Each test is one attack an ordinary submitter key could make; it failed on the code before the
fix (noted per test) and must keep failing the attack after.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.e2e.server import ROOT, Server, create_key

pytestmark = pytest.mark.slow

LIMITS = {
    "SELARAS_SENTENCES_PER_MINUTE": "200",
    "SELARAS_MAX_CONCURRENT_CHECKS": "2",
    "SELARAS_MAX_BATCH_SENTENCES": "100",
    "SELARAS_RATE_LIMIT_BURST": "30",
}
SOS, ESDM, BULOG = "Kementerian Sosial", "Kementerian ESDM", "Perum Bulog"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """(server, new_key): the sample corpus loaded; every test takes fresh keys (limits are per key)."""
    data_dir = tmp_path_factory.mktemp("attacks") / "data"
    curator = create_key(data_dir, "Kantor Komunikasi Kepresidenan", "curator")
    spare = {agency: [create_key(data_dir, agency, "submitter") for _ in range(8)] for agency in (SOS, ESDM, BULOG)}
    server = Server(data_dir, **LIMITS).start()
    positions = [json.loads(line) for line in (ROOT / "samples/positions.jsonl").read_text().splitlines()]
    with server.client(curator) as c:
        assert c.post("/v1/positions", json={"positions": positions}).status_code == 200

    def new_key(agency: str) -> str:
        return spare[agency].pop()

    yield server, new_key, curator
    server.stop()


def _error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == code and body["message"], body
    return body


def test_punctuation_floods_are_refused_fast_and_never_hold_the_event_loop(service):
    # Before: 40,000 dots took 20 s in the splitter, inside the async handler (/health waited 12 s).
    server, new_key, _ = service
    # Under the 100,000-character draft limit (so the splitter runs) and over it (refused before).
    floods = ["." * 99_000 + " Kalimat.", "dr. " * 24_000, "!?…" * 30_000, "x. " * 33_000,
              "." * 300_000, "dr. " * 49_000]
    health_ms: list[float] = []
    done = threading.Event()

    def probe() -> None:
        with httpx.Client(base_url=server.url, timeout=10) as h:
            while not done.is_set():
                t = time.perf_counter()
                assert h.get("/health").status_code == 200
                health_ms.append((time.perf_counter() - t) * 1000)
                time.sleep(0.01)

    watcher = threading.Thread(target=probe)
    watcher.start()
    try:
        with server.client(new_key(SOS)) as c:
            for text in floods:
                t = time.perf_counter()
                r = c.post("/v1/checks", json={"text": text})
                elapsed = time.perf_counter() - t
                assert r.status_code in (413, 422), r.text  # too long, one over-long sentence, or too many
                assert r.json()["error"] in ("draft_too_long", "sentence_too_long", "too_many_sentences")
                assert elapsed < 2.0, (text[:10], elapsed)  # was tens of seconds
    finally:
        done.set()
        watcher.join()
    assert health_ms and max(health_ms) < 100, max(health_ms)


def test_a_passage_full_of_figures_costs_bounded_judging(service):
    # Before: a 2,000-character sentence against a passage with ~50 quantities gave x-judge-time 12,318 ms.
    server, new_key, curator = service
    figures = ", ".join(f"Rp{i},{i % 10} triliun pada {i % 28 + 1} Maret 2026 pukul {i % 24:02d}.00 WIB"
                        for i in range(1, 60))
    with server.client(curator) as c:
        position = {"id": "uji-angka-padat", "title": "Angka padat", "agency": "Kementerian Keuangan",
                    "text": f"Anggaran program pangan dialokasikan {figures}."}
        assert c.post("/v1/positions", json={"positions": [position]}).status_code == 200
    sentence = f"Anggaran program pangan dialokasikan {figures}"[:1990] + "."
    with server.client(new_key(SOS)) as c:
        r = c.post("/v1/checks", json={"text": sentence})
    assert r.status_code == 200, r.text
    assert float(r.headers["x-judge-time"]) < 1500, r.headers["x-judge-time"]


def test_statements_live_in_the_agencys_own_namespace(service):
    # Before: a submitter chose any id ("kemenkeu-..."), in another ministry's pattern.
    server, new_key, curator = service
    with server.client(new_key(SOS)) as c:
        r = c.post("/v1/statements", json={"id": "kemenkeu-mbg-2026", "title": "Sosialisasi",
                                           "text": "Pendaftaran relawan pendamping lansia dibuka di 34 provinsi."})
        assert r.status_code == 200, r.text
        assert r.json()["id"] == "statement/kementerian-sosial/kemenkeu-mbg-2026"
        # An id with a slash cannot climb out of the namespace.
        _error(c.post("/v1/statements", json={"id": "../kemenkeu-mbg-2026", "title": "x", "text": "Teks uji."}),
               422, "invalid_request")
    with server.client(curator) as c:
        official = c.get("/v1/positions/kemenkeu-mbg-2026").json()
        assert official["kind"] == "position" and official["version"] == 1  # untouched
        # A curator cannot put a position where statements live either.
        _error(c.post("/v1/positions", json={"positions": [{"id": "statement/kementerian-sosial/x", "title": "x",
                                                            "agency": SOS, "text": "Teks uji."}]}),
               422, "reserved_id")


def test_a_statement_contradicting_a_position_is_refused_and_cannot_flip_other_verdicts(service):
    # Before: a submitter published contrary figures and flipped a third agency's correct draft to conflict.
    server, new_key, _ = service
    correct = "Stok cadangan beras pemerintah yang dikelola Perum Bulog mencapai 4 juta ton."
    with server.client(new_key(BULOG)) as c:
        before = c.post("/v1/checks", json={"text": correct}).json()
    assert before["verdict"] == "aligned", before["findings"]
    with server.client(new_key(SOS)) as c:
        r = c.post("/v1/statements", json={"title": "Stok beras",
                                           "text": "Stok cadangan beras pemerintah yang dikelola Perum Bulog "
                                                   "mencapai 1 juta ton."})
        body = _error(r, 409, "statement_conflicts_position")
        assert body["details"][0]["positions"] == ["bulog-stok-beras"]
        assert all(p["kind"] != "statement" or "1 juta ton" not in p["text"]
                   for p in c.get("/v1/positions", params={"kind": "statement", "limit": 1000}).json()["items"])
    with server.client(new_key(BULOG)) as c:
        after = c.post("/v1/checks", json={"text": correct}).json()
    assert after["verdict"] == "aligned" and after["score"] == before["score"]


def test_statements_are_retracted_only_by_their_agency_and_marked_unofficial(service):
    server, new_key, _ = service
    text = "Penyaluran bantuan pangan beras 10 kilogram untuk 22 juta keluarga dimulai pada 5 Mei 2026."
    sos = new_key(SOS)
    with server.client(sos) as c:
        published = c.post("/v1/statements", json={"title": "Bantuan pangan", "text": text}).json()
    sid = published["id"]
    with server.client(new_key(ESDM)) as c:
        report = c.post("/v1/checks", json={"text": text.replace("5 Mei", "12 Mei")}).json()
        [finding] = report["findings"]
        assert finding["relation"] == "conflicts", finding
        assert finding["evidence"][0]["position_id"] == sid and finding["evidence"][0]["official"] is False
        assert any("bukan posisi resmi" in reason for reason in finding["reasons"])  # Indonesian by default
        english = c.get(f"/v1/reports/{report['id']}?lang=en").json()["findings"][0]["reasons"]
        assert any("not an official position" in reason for reason in english)
        # Another agency cannot retract it, nor retract a position through this endpoint.
        _error(c.delete(f"/v1/statements/{sid}"), 404, "not_found")
        _error(c.delete("/v1/statements/esdm-harga-bbm"), 404, "not_found")
    with server.client(sos) as c:
        r = c.delete(f"/v1/statements/{sid}")
        assert r.status_code == 200 and r.json()["status"] == "retired"
    with server.client(new_key(ESDM)) as c:
        again = c.post("/v1/checks", json={"text": text.replace("5 Mei", "12 Mei")}).json()
    assert again["findings"][0]["relation"] != "conflicts"


def test_statement_size_is_limited(service):
    server, new_key, _ = service
    with server.client(new_key(SOS)) as c:
        body = _error(c.post("/v1/statements", json={"title": "Panjang", "text": "Kalimat uji panjang. " * 2000}),
                      413, "statement_too_long")
        assert "30000" in body["message"]


def test_sentences_not_requests_are_rationed_per_key(service):
    # Before: the limiter counted requests only (600 a minute, burst 600), whatever their size.
    server, new_key, _ = service
    draft = " ".join(f"Kalimat uji nomor {i} tentang program daerah." for i in range(150))
    key = new_key(SOS)
    with server.client(key) as c:
        assert c.post("/v1/checks", json={"text": draft}).status_code == 200
        r = c.post("/v1/checks", json={"text": draft})
        body = _error(r, 429, "sentence_quota")
        assert "200 sentences" in body["message"] and int(r.headers["retry-after"]) >= 1
    with server.client(new_key(SOS)) as other:  # another key of the same agency is not affected
        assert other.post("/v1/checks", json={"text": "Kalimat pendek."}).status_code == 200


def test_batch_sentences_are_capped_before_any_work(service):
    server, new_key, _ = service
    drafts = [{"text": " ".join(f"Kalimat {d}-{i} tentang anggaran." for i in range(40))} for d in range(3)]
    with server.client(new_key(ESDM)) as c:
        before = len(c.get("/v1/reports", params={"limit": 500}).json())
        body = _error(c.post("/v1/checks:batch", json={"drafts": drafts}), 413, "batch_too_large")
        assert "120 sentences" in body["message"] and "100" in body["message"]
        assert len(c.get("/v1/reports", params={"limit": 500}).json()) == before  # nothing was checked


def test_concurrent_checks_per_key_are_capped(service):
    server, new_key, _ = service
    key = new_key(ESDM)
    draft = " ".join(f"Pemerintah menyalurkan subsidi energi tahap {i} ke daerah." for i in range(20))

    def one(_: int) -> httpx.Response:
        with server.client(key) as c:
            return c.post("/v1/checks", json={"text": draft})

    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(one, range(6)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(200) >= 2 and 429 in statuses, statuses
    for r in responses:
        if r.status_code == 429:
            assert r.json()["error"] == "too_many_concurrent_checks"


def test_request_bursts_are_bounded(service):
    # Before: the burst equalled the per-minute rate (600 requests at once).
    server, new_key, _ = service
    with server.client(new_key(BULOG)) as c:
        started = time.monotonic()
        statuses = []
        while len(statuses) < 200 and 429 not in statuses:
            statuses.append(c.get("/v1/positions", params={"limit": 1}).status_code)
        elapsed = time.monotonic() - started
    # The burst of 30 passes, then the bucket refills at the per-minute rate (600: 10 a second) only:
    # with the counters in the records each request costs a write, so a slow machine earns a token or two.
    assert statuses[:30] == [200] * 30 and statuses[-1] == 429
    assert statuses.count(200) <= 30 + 10 * elapsed + 1, (statuses.count(200), elapsed)


def test_a_check_past_its_time_budget_is_503_not_a_stalled_worker(tmp_path):
    data_dir = tmp_path / "data"
    key = create_key(data_dir, SOS, "submitter")
    server = Server(data_dir, SELARAS_CHECK_TIMEOUT_S="0.001").start()
    try:
        with server.client(key) as c:
            r = c.post("/v1/checks", json={"text": "Pemerintah menyalurkan bantuan pangan ke seluruh daerah."})
            body = _error(r, 503, "deadline_exceeded")
            assert "0.001 s" in body["message"] and r.headers["retry-after"]
            assert c.get("/v1/reports").json() == []  # no half-made report stored
    finally:
        server.stop()
