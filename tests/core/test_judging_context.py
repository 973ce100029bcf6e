"""Judging against whole positions and the evidence rules (issue 13), on the real core in-process.

Real model, real embedded store, real judge; the positions and drafts are written for this test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from service.bootstrap import build_selaras, close_selaras
from service.domain import Finding, PositionIn
from service.scoring import score_findings
from service.config import Settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

LPG = PositionIn(
    id="uji-lpg", title="HET LPG 3 kg", agency="Kementerian ESDM", kind="position",
    text=("Pemerintah menetapkan harga eceran tertinggi LPG 3 kilogram di pangkalan untuk wilayah Jawa dan Bali. "
          "Kebijakan ini berlaku sejak awal bulan dan diawasi pemerintah daerah bersama Pertamina. "
          "Di Jawa dan Bali, harga di pangkalan paling tinggi Rp18.000 per tabung. "
          "Di luar Jawa dan Bali, harga paling tinggi Rp21.000 per tabung sesuai jarak dari depot. "
          "Pengecer wajib terdaftar sebagai subpangkalan agar dapat menjual tabung bersubsidi. "
          "Pembelian di pangkalan dicatat dengan menunjukkan Kartu Tanda Penduduk pembeli. "
          "Pemerintah daerah melaporkan hasil pengawasan setiap tiga bulan kepada kementerian. "
          "Masyarakat dapat melaporkan pelanggaran harga melalui layanan pengaduan Pertamina."))


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    selaras = build_selaras(Settings(data_dir=tmp_path_factory.mktemp("ctx") / "data", cache_dir=ROOT / ".cache"))
    selaras.corpus.upsert_positions([LPG])
    yield selaras.checker
    close_selaras(selaras)


def test_a_sentence_is_compared_with_the_whole_retrieved_position(core):
    sentence = "Pemerintah menetapkan harga eceran tertinggi LPG 3 kilogram di pangkalan untuk Jawa dan Bali."
    [cands] = core.retrieve(core.encoder.encode_blocking([sentence]), date.today()).candidates
    retrieved = [c for c in cands if not c.ref.context]
    context = [c for c in cands if c.ref.context]
    assert {c.ref.position_id for c in cands} == {"uji-lpg"}
    # 8 passages, 5 retrieved (top_k): the other 3 are there once each, as context.
    assert len(retrieved) == 5 and len(context) == 3
    assert len({c.ref.start for c in cands}) == 8
    assert all(c.similarity <= retrieved[0].similarity for c in context)


def test_a_figure_in_a_later_sentence_of_the_position_is_a_conflict(core):
    report = core.check_sync("Di Jawa dan Bali, harga LPG 3 kilogram di pangkalan paling tinggi Rp20.000 per tabung.",
                             agency="Uji")
    [finding] = report.findings
    assert finding.relation == "conflicts", finding
    assert "Rp18.000" in finding.evidence[0].passage and "Rp20.000" in " ".join(finding.reasons)


def test_no_support_from_cosine_alone(core):
    # On the same subject, close in wording, but the position never says it: not "supports".
    report = core.check_sync("Pemerintah menetapkan harga eceran tertinggi LPG 3 kilogram akan dievaluasi tiap bulan.",
                             agency="Uji")
    assert report.findings[0].relation != "supports"
    assert report.verdict != "aligned"


def test_aligned_needs_most_of_the_draft_backed():
    backed = Finding(sentence="", relation="supports", start=0, end=100, reasons=[], evidence=[])
    silent = Finding(sentence="", relation="unsupported", start=0, end=100, reasons=[], evidence=[])
    assert score_findings([backed, silent])[1] == "aligned"  # half backed, score 85
    score, verdict, summary = score_findings([backed, silent, silent])  # score 80, a third backed
    assert score == 80 and verdict == "review" and "half of the text backed" in summary
    assert score_findings([silent])[1] == "review"


def _three(pid: str, subject: str) -> PositionIn:
    return PositionIn(id=pid, title=subject, agency="Kementerian Uji", kind="position",
                      text=(f"{subject} dimulai pada tahun anggaran 2026 di seluruh provinsi. "
                            f"{subject} dibiayai APBN melalui kementerian teknis terkait. "
                            f"{subject} diawasi inspektorat jenderal setiap tiga bulan sekali."))


def test_context_keeps_the_drafts_own_subject_before_other_positions(tmp_path):
    """The cap on context passages keeps, after the sentence's best hit, the positions that are the draft's own
    subject (other sentences' best hits), not whichever position ranked second for this sentence."""
    from collections import Counter

    from service.checking import _ref
    from service.domain import Candidate

    selaras = build_selaras(Settings(data_dir=tmp_path / "data", cache_dir=ROOT / ".cache"))
    try:
        selaras.corpus.upsert_positions([_three("uji-a", "Program penukaran uang"), _three("uji-b", "Program asuransi"),
                                         _three("uji-c", "Program jamu")])
        checker, snapshot = selaras.checker, selaras.corpus.snapshot()

        def first(pid: str, sim: float) -> Candidate:
            pos = snapshot.positions[pid]
            p = selaras.corpus.passages(pos)[0]
            return Candidate(p.text, sim, _ref(pos, p.start, p.end))

        kept = [first("uji-b", 0.91), first("uji-c", 0.90), first("uji-a", 0.89)]
        plain = [c.ref.position_id for c in checker._neighbours(kept, snapshot)]
        topical = [c.ref.position_id for c in checker._neighbours(kept, snapshot, Counter({"uji-a": 3, "uji-b": 1}))]
        assert plain == ["uji-b", "uji-b", "uji-c", "uji-c"]
        assert topical == ["uji-b", "uji-b", "uji-a", "uji-a"]
    finally:
        close_selaras(selaras)
