"""The vision's rules without the model: commitments split from a published mission, tension cues with
their examples and look-alikes (vocab/tension.json), sentences that announce nothing (vocab/not_policy.json),
attribution and the report's vision block."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from service.domain import Finding, Relation
from service.messages import localise, render
from service.records import PositionRecord
from service.vision.commitments import split_commitments
from service.vision.cues import _VOCAB as NOT_POLICY, announces_nothing, lowered_words
from service.vision.index import CommitmentRef, VisionMatch, commitments_of, has_term, sentence_roots
from service.vision.report import apply_vision, attribute
from service.vision.tension import _VOCAB as TENSION, find_tension

ROOT = Path(__file__).resolve().parents[3]
ASTA_CITA_2 = ("Memantapkan sistem pertahanan keamanan negara dan mendorong kemandirian bangsa melalui swasembada "
               "pangan, energi, air, ekonomi syariah, ekonomi digital, ekonomi hijau, dan ekonomi biru.")


def record(position_id: str, title: str, text: str) -> PositionRecord:
    return PositionRecord(id=position_id, title=title, agency="Kantor Komunikasi Kepresidenan", kind="vision",
                          topics=[], language="id", effective_from=None, effective_until=None, text=text,
                          content_hash="", version=1, status="active", passages=1, created_at="", updated_at="",
                          retired_at=None)


COMMITMENTS: dict[str, CommitmentRef] = {
    ref.commitment: ref
    for line in (ROOT / "samples" / "positions.jsonl").read_text(encoding="utf-8").splitlines()
    if (row := json.loads(line))["kind"] == "vision"
    for ref, _ in commitments_of(record(row["id"], row["title"], row["text"]))
}


def about(sentence: str, commitment: str, lift: float = 0.05) -> VisionMatch:
    """The match the index gives a sentence about ``commitment`` (its key terms the sentence has)."""
    ref = COMMITMENTS[commitment]
    stems = sentence_roots(sentence)
    shared = tuple(text for text, words in ref.terms if has_term(words, stems))
    return VisionMatch(ref, 0.88, shared, lift)


def test_a_mission_published_as_one_paragraph_is_split_into_its_commitments():
    parts = split_commitments(ASTA_CITA_2)
    assert [c.label for c in parts][:3] == ["Memantapkan sistem pertahanan keamanan negara", "pangan", "energi"]
    assert parts[1].passage.text == "mendorong kemandirian bangsa melalui swasembada pangan"
    assert parts[-1].passage.text == "mendorong kemandirian bangsa melalui swasembada ekonomi biru"
    # A list of verb phrases keeps each phrase; a sentence listing nothing stays whole.
    verbs = split_commitments("Meningkatkan lapangan kerja yang berkualitas, mendorong kewirausahaan, "
                              "mengembangkan industri kreatif, dan melanjutkan pengembangan infrastruktur.")
    assert [c.passage.text for c in verbs][1:] == ["mendorong kewirausahaan", "mengembangkan industri kreatif",
                                                   "melanjutkan pengembangan infrastruktur"]
    [whole] = split_commitments("Melanjutkan hilirisasi dan industrialisasi untuk meningkatkan nilai tambah.")
    assert whole.passage.text.startswith("Melanjutkan hilirisasi dan industrialisasi")
    refs = [ref for ref, _ in commitments_of(record("asta-cita-2", "Asta Cita 2", ASTA_CITA_2))]
    assert refs[1].commitment == "asta-cita-2/pangan" and refs[1].mission == "asta-cita-2"


def test_structured_commitments_keep_their_id_label_and_key_terms():
    pangan = COMMITMENTS["asta-cita-2/pangan"]
    assert (pangan.mission, pangan.label) == ("asta-cita-2", "swasembada pangan")
    assert ("swasembada pangan", ("pangan", "swasembada")) in pangan.terms
    assert ("produksi gabah", ("gabah", "produksi")) in pangan.terms
    assert len(COMMITMENTS) == 35


@pytest.mark.parametrize("kind", sorted(TENSION["kinds"]))
def test_each_tension_kind_finds_its_examples_and_not_its_look_alikes(kind):
    for sentence in TENSION["kinds"][kind]["examples"]:
        tension = find_tension(sentence, [about(sentence, c) for c in COMMITMENTS])
        assert tension is not None and tension.kind == kind, sentence
    for sentence in TENSION["kinds"][kind]["non_examples"]:
        assert find_tension(sentence, [about(sentence, c) for c in COMMITMENTS]) is None, sentence


def test_critics_the_past_and_denials_are_no_tension():
    pangan = "asta-cita-2/pangan"
    for sentence in ("Sejumlah pengamat mengusulkan impor beras menjadi sumber utama pasokan nasional.",
                     "Serikat petani mengkritik rencana menjadikan impor beras sumber utama pasokan nasional.",
                     "Pada 2010 impor beras pernah menjadi sumber utama pasokan nasional.",
                     "Sebelum 2015, impor beras menjadi sumber utama pasokan nasional.",
                     "Pemerintah tidak akan menjadikan impor beras sumber utama pasokan nasional."):
        assert find_tension(sentence, [about(sentence, pangan)]) is None, sentence
    policy = "Pemerintah akan menjadikan impor beras sumber utama pasokan nasional mulai 2027."
    assert find_tension(policy, [about(policy, pangan)]).kind == "import_reliance"


def test_sentences_that_announce_nothing():
    for sentence in NOT_POLICY["examples"]:
        assert announces_nothing(sentence), sentence
    for sentence in NOT_POLICY["policy_examples"]:
        assert not announces_nothing(sentence), sentence


def test_attribution_needs_a_lift_or_a_key_term_and_prefers_the_one_standing_out():
    sentence = "Presiden meminta seluruh kementerian memperkuat swasembada pangan."
    pangan, energi = about(sentence, "asta-cita-2/pangan", 0.03), about(sentence, "asta-cita-2/energi", 0.02)
    assert energi.shared == () and pangan.shared == ("swasembada pangan",)
    assert [m.ref.commitment for m in attribute(sentence, [energi, pangan])] == ["asta-cita-2/pangan"]
    assert attribute(sentence, [energi]) == []  # neither lifted enough nor sharing a key term
    logistics = "Konferensi pers tentang swasembada pangan digelar pukul 14.00 WIB."
    assert attribute(logistics, [about(logistics, "asta-cita-2/pangan", 0.06)]) == []


def test_a_tension_becomes_a_vision_conflict_and_the_block_sums_up():
    good = "Presiden meminta seluruh kementerian memperkuat swasembada pangan."
    bad = "Pemerintah akan menjadikan impor beras sebagai sumber utama pemenuhan kebutuhan nasional."
    findings = [Finding(sentence=s, start=0, end=len(s), relation=Relation.UNSUPPORTED, reasons=[], evidence=[])
                for s in (good, bad)]
    out, block = apply_vision(findings, [[about(good, "asta-cita-2/pangan")], [about(bad, "asta-cita-2/pangan")]])
    assert out[0].relation == Relation.UNSUPPORTED and out[0].vision[0].commitment == "asta-cita-2/pangan"
    assert out[1].relation == Relation.CONFLICTS and out[1].kinds == ["vision"]
    assert out[1].evidence[0].position_id == "asta-cita-2/pangan" and "sumber utama" in out[1].reasons[0]
    assert out[1].evidence[0].agency == "Kantor Komunikasi Kepresidenan" and len(out[1].reasons) == 1
    assert [t.kind for t in block.tensions] == ["import_reliance"] and block.tensions[0].finding == 1
    assert render(block.summary, "id") == ("Memperkuat Asta Cita 2 — swasembada pangan; 1 kalimat bertentangan "
                                           "dengan Asta Cita 2 — swasembada pangan.")
    assert render(block.summary, "en").startswith("Strengthens Asta Cita 2 — swasembada pangan; 1 sentence(s)")


@pytest.mark.parametrize("kind", sorted(k for k, spec in TENSION["kinds"].items() if spec.get("answered_by")))
def test_a_tension_answered_by_the_next_sentence_is_none(kind):
    for sentence, following in TENSION["kinds"][kind]["answered_examples"]:
        matches = [about(sentence, c) for c in COMMITMENTS]
        alone = find_tension(sentence, matches)
        assert alone is not None and alone.kind == kind, sentence  # a tension read alone
        assert find_tension(sentence, matches, following) is None, following


def test_an_active_verb_acts_on_what_follows_it_within_its_clause():
    narkoba = "asta-cita-7/narkoba"
    for sentence in ("BNN bersama Polda Riau menutup 14 tempat hiburan malam di Dumai yang menjadi lokasi transaksi.",
                     "Untuk menutup jalur tersebut, BNN dan Bea Cukai membentuk satuan patroli gabungan."):
        assert find_tension(sentence, [about(sentence, narkoba)]) is None, sentence
    cut = "Pemerintah membubarkan satgas pemberantasan narkoba di pelabuhan mulai bulan depan."
    assert find_tension(cut, [about(cut, narkoba)]).kind == "weaken_enforcement"


@pytest.mark.parametrize("alternatives, look_ahead", [
    ("impor|imports?|rely on", True),
    ("hanya (?:\\w+ ){0,3}(?:bagi|untuk)|only", True),
    ("a?kan|bukan", False),  # an optional first letter: "kan" must still match
    ("(?:se)?hari|minggu", False),  # an alternative starting with a group
])
def test_cue_alternations_skip_positions_by_first_letter(alternatives, look_ahead):
    """lowered_words adds a look-ahead on the alternatives' first letters only where every match must start
    with one of them, and finds exactly what the plain alternation finds."""
    fast, plain = lowered_words(alternatives), re.compile(rf"\b(?:{alternatives})\b")
    assert ("(?=[" in fast.pattern) is look_ahead
    for text in ("kami impor beras", "only for them", "hanya untuk petani", "kan bukan", "akan", "sehari", "hari ini",
                 "minggu depan", "rely on imports", "nothing here"):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
