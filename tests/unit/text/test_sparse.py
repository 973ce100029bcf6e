"""The sparse lexical encoder of hybrid retrieval (service/text/sparse.py)."""

from __future__ import annotations

import pytest

from service.text.sparse import SparseVec, analyse, passage_vector, query_vector, term_index
from service.text.words import roots


def _weights(vec: SparseVec) -> dict[int, float]:
    return dict(zip(vec.indices, vec.values))


def test_stop_words_and_numbers_are_dropped() -> None:
    assert analyse("Pemerintah yang akan dan the of menghentikan impor pada tahun 2026") == [
        "pemerintah", "menghentikan", "impor"]
    assert not passage_vector("yang dan di ke dari the of and 2026")
    assert not query_vector("")


def test_roots_are_shared_between_derived_forms() -> None:
    assert "henti" in roots("menghentikan") & roots("penghentian")
    shared = set(query_vector("menghentikan").indices) & set(passage_vector("penghentian").indices)
    assert term_index("henti") in shared


def test_vectors_are_sorted_distinct_and_positive() -> None:
    vec = passage_vector("Impor beras konsumsi dihentikan; impor beras industri tetap berjalan.")
    assert vec.indices == sorted(set(vec.indices))
    assert all(v > 0 for v in vec.values)
    assert all(0 <= i < 2**31 for i in vec.indices)


def test_term_frequency_saturates_and_long_passages_weigh_less() -> None:
    once = _weights(passage_vector("impor beras"))
    twice = _weights(passage_vector("impor beras impor"))
    idx = term_index("impor")
    assert once[idx] < twice[idx] < 2 * once[idx]
    long = _weights(passage_vector("impor " + " ".join(f"kata{i}x" for i in range(40))))
    assert long[idx] < once[idx]


def test_word_weight_is_spread_over_its_roots() -> None:
    # A word with many candidate roots does not outweigh a one-root word.
    vec = passage_vector("menghentikan impor")
    weights = dict(zip(vec.indices, vec.values))
    total_long = sum(weights[term_index(r)] for r in roots("menghentikan"))
    assert total_long == pytest.approx(weights[term_index("impor")], rel=1e-6)


def test_query_vector_is_binary() -> None:
    vec = query_vector("impor impor beras")
    assert set(vec.values) == {1.0}
    assert term_index("impor") in vec.indices and term_index("beras") in vec.indices
