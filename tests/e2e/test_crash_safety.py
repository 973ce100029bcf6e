"""Nothing lost, nothing half-written: SIGKILL during a bulk load, SIGTERM during checks.

The corpus is 150 IndoSum articles (first paragraphs; ../shared/data/indosum, CC BY-SA 4.0),
loaded with ``selaras load`` in a subprocess that is killed with SIGKILL part-way, twice, and
then run to completion. Afterwards SQLite and the vector store must agree exactly: every
position at version 1, its passages all in the store, no passage of the killed runs left over.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.data import shared_data
from tests.e2e.server import ROOT, Server, cli, selaras_env

pytestmark = pytest.mark.slow

N_POSITIONS = 150


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:?!%)\]])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def indosum_positions(n: int = N_POSITIONS, paragraphs: int = 3) -> list[dict]:
    """``n`` positions from distinct IndoSum articles (their first paragraphs, tokens joined to text)."""
    indosum = shared_data("indosum/dev.01.jsonl", "IndoSum")
    out, seen = [], set()
    with indosum.open(encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            if article["id"] in seen:
                continue
            seen.add(article["id"])
            text = "\n\n".join(" ".join(_detokenise(s) for s in para) for para in article["paragraphs"][:paragraphs])
            out.append({"id": f"indosum-{len(out):03d}", "title": article["id"][:80], "text": text,
                        "agency": "Kementerian Uji", "kind": "position", "topics": [article["category"]]})
            if len(out) == n:
                return out
    raise AssertionError(f"only {len(out)} articles in {indosum}")


def _stored_positions(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM positions").fetchone()[0]
    except sqlite3.Error:  # not created yet, or mid-write
        return 0


def load_and_kill(data_dir: Path, jsonl: Path, after: int, timeout: float = 120) -> int:
    """Start ``selaras load`` and SIGKILL it once ``after`` positions are committed; returns the count then."""
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "load", str(jsonl), "--quiet"], cwd=ROOT,
                            env=selaras_env(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    stored = 0
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            stored = _stored_positions(data_dir / "records.sqlite3")
            if stored >= after:
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"load finished before it could be killed: {proc.stderr.read()[-2000:]}"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return stored


def audit(data_dir: Path) -> dict:
    """Open records and store directly (the service is stopped) and compare them position by position."""
    import qdrant_edge as qe

    from service.records import Records
    from service.store.edge import EdgeStore

    records = Records(data_dir / "records.sqlite3")
    store = EdgeStore(data_dir / "qdrant", collection="selaras_passages")
    try:
        positions = {p.id: p for p in records.all_positions()}
        missing, extra = {}, {}
        def count(position_id: str, version: int | None = None) -> int:
            must = [qe.FieldCondition("position_id", match=qe.MatchValue(position_id))]
            if version is not None:
                must.append(qe.FieldCondition("version", match=qe.MatchValue(int(version))))
            return int(store._shard.count(qe.CountRequest(exact=True, filter=qe.Filter(must=must))))

        for p in positions.values():
            total, current = count(p.id), count(p.id, p.version)
            if current != p.passages:
                missing[p.id] = (p.passages, current)
            if total != current:
                extra[p.id] = total - current
        return {"positions": positions, "missing": missing, "extra": extra, "points": store.count(),
                "passages": sum(p.passages for p in positions.values())}
    finally:
        store.close()
        records.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    positions = indosum_positions()
    path = tmp_path_factory.mktemp("corpus") / "positions.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in positions), encoding="utf-8")
    return path, positions


def test_sigkill_during_bulk_load_loses_nothing_and_duplicates_nothing(tmp_path, corpus):
    jsonl, positions = corpus
    data_dir = tmp_path / "data"
    first = load_and_kill(data_dir, jsonl, after=N_POSITIONS // 3)
    # Right after a kill: every committed position has all its passages (no half-written position is
    # visible to checks), and at most the one position in flight has points without a record.
    state = audit(data_dir)
    assert first <= len(state["positions"]) < N_POSITIONS
    assert state["missing"] == {} and state["extra"] == {}
    assert state["points"] >= state["passages"]

    second = load_and_kill(data_dir, jsonl, after=2 * N_POSITIONS // 3)  # a re-run killed again
    assert second > first
    assert audit(data_dir)["missing"] == {}

    done = cli(data_dir, "load", str(jsonl), "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary.get("unchanged", 0) >= second and summary.get("created", 0) == N_POSITIONS - summary["unchanged"]

    state = audit(data_dir)
    assert sorted(state["positions"]) == sorted(p["id"] for p in positions)
    assert {p.version for p in state["positions"].values()} == {1}
    assert state["missing"] == {} and state["extra"] == {}
    # No duplicates and no orphans of the killed runs: the store holds exactly the passages SQLite counts.
    from service.text.segment import split_passages
    assert state["points"] == state["passages"] == sum(len(split_passages(p["text"])) for p in positions)

    # And the corpus answers checks: a sentence of article 42 finds article 42.
    from service.text.segment import split_sentences
    target = positions[42]
    draft = tmp_path / "draft.txt"
    draft.write_text(split_sentences(target["text"])[0].text, encoding="utf-8")
    checked = cli(data_dir, "check", str(draft), "--json")
    assert checked.returncode in (0, 1), checked.stderr[-2000:]
    report = json.loads(checked.stdout)
    [finding] = report["findings"]
    assert finding["evidence"] and finding["evidence"][0]["position_id"] == target["id"]
    assert finding["evidence"][0]["similarity"] > 0.9


def test_sigterm_lets_in_flight_checks_finish_and_keeps_their_reports(tmp_path, corpus):
    _, positions = corpus
    data_dir = tmp_path / "data"
    done = cli(data_dir, "keys", "create", "--agency", "Kementerian Sosial", "--role", "submitter")
    key = done.stdout.strip().splitlines()[-1]
    # Six long checks of one key in flight at once: above the default per-key caps of 4 checks and
    # 1,200 sentences a minute (not tested here).
    server = Server(data_dir, SELARAS_MAX_CONCURRENT_CHECKS="8", SELARAS_SENTENCES_PER_MINUTE="100000").start()
    pid = server.proc.pid
    # Six drafts of up to 300 distinct sentences each (so the embedding cache does not shortcut them;
    # with 100, one check on an idle machine finished inside the 0.5 s before SIGTERM).
    from service.text.segment import split_sentences
    base = [s.text for p in positions for s in split_sentences(p["text"])]
    # Each sentence up to three times, marked apart, so every text is distinct (~2,400 in all).
    sentences = [s if k == 0 else f"{s.rstrip('.')} (bagian {k})." for k in range(3) for s in base]
    per = min(300, len(sentences) // 6)
    drafts = [" ".join(sentences[i * per:(i + 1) * per]) for i in range(6)]
    results: list[tuple[float, int, dict]] = []

    def post(text: str) -> None:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=120) as c:
            r = c.post("/v1/checks", json={"text": text})
            results.append((time.monotonic(), r.status_code, r.json()))

    threads = [threading.Thread(target=post, args=(d,)) for d in drafts]
    try:
        for t in threads:
            t.start()
        time.sleep(0.5)  # requests accepted, embedding under way
        assert not results, "the checks finished before SIGTERM: make the drafts longer"
        sent_at = time.monotonic()
        os.kill(pid, signal.SIGTERM)
        for t in threads:
            t.join(timeout=120)
        server.proc.wait(timeout=60)
    finally:
        server.stop()
    assert len(results) == len(drafts)
    assert [status for _, status, _ in results] == [200] * len(drafts), [r[2] for r in results if r[1] != 200]
    assert all(at > sent_at for at, _, _ in results)  # they really were in flight when the signal came
    # Every report was stored before the process exited.
    from service.records import Records
    records = Records(data_dir / "records.sqlite3")
    try:
        for _, _, report in results:
            stored = records.get_report(report["id"])
            assert stored is not None and stored["findings"] == report["findings"]
    finally:
        records.close()
