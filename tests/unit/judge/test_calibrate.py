"""Calibration judges with the judge's own rule: its labels equal what Judge.judge returns.

Calibration (training/calibrate.py) searches ~500,000 threshold settings on pairs prepared once and
calls service.judge.judge.decide once per group of settings a pair's numbers do not separate. If that
grouping, or anything else in calibration, drifted from the judge, these tests fail.
"""

from __future__ import annotations

import hashlib
from itertools import product

import numpy as np

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.nli import LABELS
from service.judge.policy import JudgePolicy
from training.calibrate import grid_labels, labels
from training.evaluate import RELATION_LABEL

PREMISES = [
    "Pemerintah tidak menaikkan harga BBM bersubsidi hingga akhir tahun 2026.",
    "Harga Pertalite tetap Rp10.000 per liter mulai 1 Januari 2026.",
    "Upacara dimulai pukul 10.00 WITA dan disiarkan langsung oleh TVRI dan RRI.",
    "Kementerian Keuangan menyalurkan bantuan sosial sebesar Rp35.000 per keluarga.",
    "Pemerintah melanjutkan impor beras untuk menjaga cadangan pangan nasional.",
    "BMKG memastikan gempa tersebut tidak berpotensi tsunami.",
    "Jam kerja ASN selama Ramadan ditetapkan pukul 08.00 sampai 15.00 waktu setempat.",
    "Setiap koperasi dapat memperoleh pinjaman dari bank Himbara paling tinggi Rp3 miliar.",
]
DRAFTS = [
    lambda p: p,
    lambda p: p.replace("tidak ", "").replace("10.000", "12.000").replace("35.000", "30.000")
    .replace("melanjutkan", "menghentikan").replace("10.00", "09.00").replace("2026", "2025"),
    lambda p: "Pemerintah daerah membuka pendaftaran beasiswa bagi mahasiswa berprestasi.",
    lambda p: p.split(" ", 3)[-1].capitalize(),
]
SIMILARITIES = (0.76, 0.79, 0.80, 0.83, 0.87, 0.89, 0.90, 0.93, 0.97, 0.99)
PROBABILITIES = [(0.8, 0.1, 0.1), (0.1, 0.8, 0.1), (0.1, 0.1, 0.8), (0.5, 0.3, 0.2), (0.2, 0.3, 0.5),
                 (0.3, 0.6, 0.1), (0.35, 0.3, 0.35), (0.05, 0.9, 0.05), (0.45, 0.1, 0.45), (0.6, 0.05, 0.35)]


class Stub:
    """A classifier whose scores are a fixed function of the pair (thresholds fall on some exactly)."""

    def predict(self, pairs, scope=""):
        return [PROBABILITIES[int(hashlib.sha256(f"{p}|{d}".encode()).hexdigest(), 16) % len(PROBABILITIES)]
                for p, d in pairs]


def _pairs() -> tuple[list[str], list[list[Candidate]]]:
    sentences, candidates = [], []
    for k, (premise, draft) in enumerate(product(PREMISES, DRAFTS)):
        sentences.append(draft(premise))
        candidates.append([Candidate(premise, SIMILARITIES[k % len(SIMILARITIES)], PassageRef(str(k), f"pair {k}"))])
    return sentences, candidates


GRID = {
    "related_threshold": (0.78, 0.80, 0.87),
    "nli_clash_threshold": (0.80, 0.89),
    "rule_veto_neutral": (9.0, 0.8, 0.6),
    "conflict_min_shared_words": (1, 0, 2),
    "contradiction_threshold": (0.35, 0.5, 0.8),
    "entailment_threshold": (0.45, 0.5, 0.6, 2.0),
    "high_similarity_entailment": (0.0, 0.3, 2.0),
}


def test_grid_labels_equal_the_judges_for_every_setting_tried():
    sentences, candidates = _pairs()
    assert len(sentences) == 32
    base = JudgePolicy(related_threshold=0.78, nli_min_shared_words=1)
    prepared = Judge(Stub(), policy=base).prepare(sentences, candidates)
    settings = list(product(*GRID.values()))
    columns = {k: np.array([s[j] for s in settings]) for j, k in enumerate(GRID)}
    grid = np.stack(list(grid_labels(base, prepared, columns)))  # [pairs, settings]
    seen = set()
    rng = np.random.default_rng(7)
    for g in sorted(rng.choice(len(settings), 60, replace=False)):
        policy = base.updated(dict(zip(GRID, settings[g])))
        expected = [RELATION_LABEL[j.relation] for j in Judge(Stub(), policy=policy).judge(sentences, candidates)]
        assert [LABELS[c] for c in grid[:, g]] == expected, policy
        assert labels(policy, prepared) == expected, policy
        seen.update(expected)
    assert seen == {"e", "n", "c"}  # the settings tried reach every label


def test_labels_of_the_installed_kind_of_policy_equal_the_judges():
    """The policy shape build_judge installs (calibrated fields over the service defaults)."""
    sentences, candidates = _pairs()
    calibrated = {"related_threshold": 0.78, "nli_clash_threshold": 0.78, "contradiction_threshold": 0.5,
                  "entailment_threshold": 0.5, "high_similarity_entailment": 0.4, "rule_veto_neutral": 0.6,
                  "conflict_min_shared_words": 1, "calibrated_on": "ignored: not a policy field"}
    policy = JudgePolicy().updated(calibrated)
    assert policy.related_threshold == 0.78 and policy.conflict_min_shared_words == 1
    judge = Judge(Stub(), policy=policy)
    expected = [RELATION_LABEL[j.relation] for j in judge.judge(sentences, candidates)]
    assert labels(policy, judge.prepare(sentences, candidates)) == expected
