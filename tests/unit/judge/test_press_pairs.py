"""The press-statement training pairs (training/press_pairs.py) and the loss that reads their partial label
(training/train_nli.pair_loss)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from training import press_pairs
from training.train_nli import NOT_C, pair_loss

POSITION = {
    "id": "p-air-1",
    "text": "Perumda Air Minum menghentikan aliran air di Kecamatan Medan Kota pada 4 Mei 2026. "
            "Penghentian berlangsung dari pukul 22.00 WIB hingga 06.00 WIB keesokan harinya. "
            "Pelanggan tidak dikenai biaya beban untuk bulan Mei.",
}
TWIN = {
    "id": "p-air-2",
    "text": "Perumda Air Minum menghentikan aliran air di Kecamatan Medan Baru pada 6 Mei 2026. "
            "Penghentian berlangsung dari pukul 20.00 WIB hingga 04.00 WIB keesokan harinya.",
}
DRAFTS = [
    {"id": "d1", "text": "Medan – Aliran air di Medan Kota dihentikan pada 4 Mei 2026. "
                         "Pelanggan tetap membayar biaya beban bulan Mei secara penuh.",
     "conflicts": [{"kind": "negation", "span": "tetap membayar biaya beban", "position_id": "p-air-1"}]},
    {"id": "d2", "text": "Medan – Di Medan Baru, penghentian air berlangsung pukul 20.00 WIB sampai 04.00 WIB keesokan harinya. "
                         "Pelanggan tidak membayar biaya beban bulan Mei. "
                         "Stadion Teladan menggelar pertandingan liga pada akhir pekan.",
     "conflicts": []},
]


@pytest.fixture()
def press_set(tmp_path: Path) -> Path:
    folder = tmp_path / "pressx"
    folder.mkdir()
    (folder / "positions.jsonl").write_text("\n".join(json.dumps(p) for p in (POSITION, TWIN)) + "\n")
    (folder / "drafts.jsonl").write_text("\n".join(json.dumps(d) for d in DRAFTS) + "\n")
    return folder


def test_a_planted_conflict_pairs_with_the_sentence_of_its_position_that_shares_most(press_set: Path):
    conflict = [p for p in press_pairs.set_pairs(press_set) if p.label == "c"]
    assert [(p.premise, p.kind) for p in conflict] == [
        ("Pelanggan tidak dikenai biaya beban untuk bulan Mei.", "negation")]
    assert conflict[0].hypothesis.startswith("Pelanggan tetap membayar")


def test_other_sentences_pair_with_their_own_position_and_as_neutral_with_another(press_set: Path):
    pairs = press_pairs.set_pairs(press_set)
    calm = [(p.hypothesis, p.premise) for p in pairs if p.label == "not_c"]
    other = [(p.hypothesis, p.premise) for p in pairs if p.label == "n"]
    hours = "Medan – Di Medan Baru, penghentian air berlangsung pukul 20.00 WIB sampai 04.00 WIB keesokan harinya."
    # Against its own position (the twin it names), the passage stating its hours is a restatement ...
    assert (hours, "Penghentian berlangsung dari pukul 20.00 WIB hingga 04.00 WIB keesokan harinya.") in calm
    # ... and the other position's same-shaped passage, with other hours, is about something else: neutral, so the
    # classifier learns neither "another figure means a contradiction" nor that it backs the sentence.
    assert (hours, "Penghentian berlangsung dari pukul 22.00 WIB hingga 06.00 WIB keesokan harinya.") in other
    assert ("Pelanggan tidak membayar biaya beban bulan Mei.",
            "Pelanggan tidak dikenai biaya beban untuk bulan Mei.") in calm
    # One pair per sentence and passage, and a sentence no position speaks of teaches nothing.
    assert len(calm) == len(set(calm))
    assert not any("Stadion" in h for h, _ in calm + other)


def test_a_sentence_sharing_too_little_with_every_passage_is_no_training_pair(tmp_path: Path):
    folder = tmp_path / "pressy"
    folder.mkdir()
    (folder / "positions.jsonl").write_text(json.dumps(TWIN) + "\n")
    draft = {"id": "d", "text": "Jakarta – Tim nasional berlatih di stadion utama sebelum laga persahabatan.",
             "conflicts": []}
    (folder / "drafts.jsonl").write_text(json.dumps(draft) + "\n")
    assert press_pairs.set_pairs(folder) == []


def test_held_out_and_tuning_sets_are_refused():
    with pytest.raises(ValueError, match="press17"):
        press_pairs.training_pairs(("press2", "press17"))
    with pytest.raises(ValueError, match="press25"):
        press_pairs.training_pairs(("press25",))
    assert not set(press_pairs.TRAINING_SETS) & set(press_pairs.HELD_OUT_SETS + press_pairs.TUNING_SETS)


def test_the_committed_development_sets_give_both_labels():
    pairs = press_pairs.training_pairs()
    labels = {p.label for p in pairs}
    assert labels == {"c", "not_c", "n"}
    assert sum(p.label == "c" for p in pairs) > 1000


def test_pair_loss_asks_only_that_a_not_c_pair_is_no_contradiction():
    # e and n shares do not matter for a not_c row; P(c) does.
    calm = torch.tensor([[3.0, -3.0, -3.0], [-3.0, 3.0, -3.0], [-3.0, -3.0, 3.0]])
    y = torch.full((3,), NOT_C)
    per_row = [float(pair_loss(calm[i : i + 1], y[i : i + 1], 0.0)) for i in range(3)]
    assert per_row[0] == pytest.approx(per_row[1]) and per_row[0] < 0.01 < 5 < per_row[2]
    # e / n / c rows keep plain cross-entropy.
    logits = torch.tensor([[0.2, 0.5, 1.0], [1.0, 0.0, -1.0]])
    labels = torch.tensor([2, 0])
    assert float(pair_loss(logits, labels, 0.0)) == pytest.approx(
        float(torch.nn.functional.cross_entropy(logits, labels)))


def test_a_sample_keeps_each_labels_share_and_is_the_same_for_a_seed():
    pairs = ([press_pairs.PressPair("p", f"c{i}", "c", "number", "s/d") for i in range(20)]
             + [press_pairs.PressPair("p", f"n{i}", "not_c", "clean", "s/d") for i in range(60)])
    picked = press_pairs.sample(pairs, 40, seed=13)
    assert sum(p.label == "c" for p in picked) == 10 and sum(p.label == "not_c" for p in picked) == 30
    assert picked == press_pairs.sample(pairs, 40, seed=13)
    assert press_pairs.sample(pairs, 0, seed=13) == pairs and press_pairs.sample(pairs, 500, seed=13) == pairs
