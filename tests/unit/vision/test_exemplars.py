"""The nearest labelled exemplars' vote (service/vision/exemplars.py), and the committed exemplar file as the
vision development sets give it (bench/build_exemplars.py)."""

from __future__ import annotations

import numpy as np

from bench.build_exemplars import build
from service.vision.exemplars import (
    EXEMPLARS_FILE, NONE, UNKNOWN, Exemplars, load_exemplars, owners, vote, votes,
)

LABELS = (("ac-2/pangan",), ("ac-2/pangan",), (), ("ac-4/pendidikan",), ("ac-9/lama",), ("ac-2/pangan", "ac-4/pendidikan"),
          ("ac-3/kerja",), ("ac-5/hilirisasi",))
INDEX = {"ac-2/pangan": 0, "ac-4/pendidikan": 1, "ac-3/kerja": 2, "ac-5/hilirisasi": 3}  # 4 of the 5 labelled


def _exemplars(labels=LABELS) -> Exemplars:
    return Exemplars(tuple(f"s{i}" for i in range(len(labels))), labels, np.asarray(["a"] * len(labels)),
                     np.eye(len(labels), dtype=np.float32))


def test_owners_mark_unlabelled_and_unknown_exemplars():
    owner = owners(_exemplars(), list(INDEX))
    assert owner is not None
    assert owner.tolist() == [0, 0, NONE, 1, UNKNOWN, 0, 2, 3]


def test_a_vision_missing_most_of_the_exemplars_commitments_gets_no_vote():
    assert owners(_exemplars(), ["ac-2/pangan", "ac-4/pendidikan"]) is None  # 2 of 5 labelled commitments loaded


def test_the_nearest_vote_picks_a_commitment_or_none():
    ex = _exemplars()
    owner = owners(ex, list(INDEX))
    assert owner is not None
    everyone = np.ones(len(LABELS), dtype=bool)
    # Near the two pangan exemplars and the pendidikan one: pangan holds most of the weight.
    sims = np.asarray([0.9, 0.88, 0.5, 0.86, 0.99, 0.1, 0.0, 0.0], dtype=np.float32)
    pick = vote(sims, owner, everyone, ex.labels, INDEX)
    assert pick is not None and pick[0] == 0 and 0.5 < pick[1] < 0.7
    # The unknown commitment's exemplar (0.99) does not vote; the unlabelled ones win here.
    hard_negative = np.asarray([0.1, 0.1, 0.95, 0.1, 0.99, 0.1, 0.0, 0.0], dtype=np.float32)
    assert vote(hard_negative, owner, np.asarray([False, False, True, False, True, False, False, False]), ex.labels, INDEX) is None


def test_a_left_out_set_does_not_vote():
    ex = _exemplars()
    owner = owners(ex, list(INDEX))
    assert owner is not None
    sims = np.asarray([0.9, 0.88, 0.5, 0.86, 0.2, 0.1, 0.0, 0.0], dtype=np.float32)
    assert vote(sims, owner, np.zeros(len(LABELS), dtype=bool), ex.labels, INDEX) is None


def test_the_batched_vote_is_each_sentence_s_own_vote():
    """All sentences' votes at once (one partition) give what each sentence's own vote gives, ties included."""
    ex = _exemplars()
    owner = owners(ex, list(INDEX))
    assert owner is not None
    rng = np.random.default_rng(7)
    for allowed in (np.ones(len(LABELS), dtype=bool), np.asarray([True, False] * 4)):
        sims = rng.random((40, len(LABELS))).astype(np.float32)
        sims[::3] = np.round(sims[::3], 1)  # ties at the fifth place
        together = votes(sims, owner, allowed, ex.labels, INDEX)
        assert together == [vote(row, owner, allowed, ex.labels, INDEX) for row in sims]
        assert any(pick is not None for pick in together) and any(pick is None for pick in together)


def test_vectors_are_computed_once_per_model_and_file(tmp_path):
    calls: list[int] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return np.ones((len(texts), 4), dtype=np.float32)

    path = tmp_path / "ex.jsonl"
    path.write_text('{"text": "a", "commitments": ["x/y"], "source": "v1"}\n', encoding="utf-8")
    first = load_exemplars(embed, "m-test", tmp_path / "cache", path)
    again = load_exemplars(embed, "m-test", tmp_path / "cache", path)
    assert first is not None and again is not None and calls == [1]
    assert np.allclose(np.linalg.norm(first.matrix, axis=1), 1.0)
    assert list((tmp_path / "cache" / "vision-exemplars").glob("*.npy"))  # kept on disk for the next process
    assert load_exemplars(embed, "m-test", None, tmp_path / "none.jsonl") is None


def test_the_committed_exemplars_are_what_the_development_sets_give(tmp_path):
    target = tmp_path / "exemplars.jsonl"
    build(target=target)
    assert target.read_text(encoding="utf-8") == EXEMPLARS_FILE.read_text(encoding="utf-8"), (
        "service/vision/vocab/exemplars.jsonl is stale: run python -m bench.build_exemplars")
