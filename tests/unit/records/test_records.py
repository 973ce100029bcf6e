from datetime import date

from service.domain import Finding
from service.scoring import score_findings
from service.records import PositionRecord


def _position(**kw) -> PositionRecord:
    base = dict(id="p1", title="T", agency="A", kind="position", topics=["x"], language="id",
                effective_from=None, effective_until=None, text="Teks.", content_hash="h", version=1,
                status="active", passages=1, created_at="2026-01-01T00:00:00+00:00",
                updated_at="2026-01-01T00:00:00+00:00", retired_at=None)
    return PositionRecord(**{**base, **kw})


def test_keys_are_hashed_revocable_and_expire(records):
    key, secret = records.create_key("Kementerian Sosial", "submitter")
    assert secret not in str(records.table_rows("api_keys"))
    assert records.authenticate(secret).agency == "Kementerian Sosial"
    assert records.authenticate(secret + "x") is None
    assert records.revoke_key(key.id) and records.authenticate(secret) is None
    _, old = records.create_key("B", "curator", expires_at="2000-01-01T00:00:00+00:00")
    assert records.authenticate(old) is None


def test_positions_versions_and_corpus_version(records):
    v0 = records.corpus_version()
    records.save_position(_position())
    records.save_position(_position(version=2, text="Teks baru.", content_hash="h2"))
    assert records.corpus_version() == v0 + 2
    assert [v["text"] for v in records.versions("p1")] == ["Teks.", "Teks baru."]
    assert records.set_position_status("p1", "retired")
    assert records.get_position("p1").status == "retired"
    assert not records.set_position_status("missing", "retired")


def test_in_effect_window():
    p = _position(effective_from="2026-01-01", effective_until="2026-06-30")
    assert not p.in_effect(date(2025, 12, 31))
    assert p.in_effect(date(2026, 3, 1))
    assert not p.in_effect(date(2026, 7, 1))
    assert not _position(status="retired").in_effect(date(2026, 3, 1))


def test_score_and_verdict():
    f = lambda rel, n=10: Finding(sentence="", relation=rel, start=0, end=n, reasons=[], evidence=[])
    assert score_findings([f("supports")] * 3)[:2] == (100, "aligned")
    assert score_findings([f("unsupported")])[:2] == (70, "review")
    score, verdict, text = score_findings([f("supports"), f("conflicts")])
    assert verdict == "conflict" and score <= 49 and "1 conflict" in text
