"""A draft figure that states no value of its measure: the old value of a change, or a gap between two values."""

from __future__ import annotations

import pytest

from service.judge.signals import find_clashes

REF = "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 ditetapkan 48 pos."


@pytest.mark.parametrize("draft", [
    "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 menjadi 48 pos, naik dari 40 pos.",
    "The number of fire stations in Bogor in 2026 is 48 stations, up from 40 stations.",
])
def test_the_old_value_of_a_reported_change_is_not_compared(draft: str) -> None:
    assert [c for c in find_clashes(REF, draft) if c.kind == "number"] == []


def test_a_changed_new_value_still_clashes_beside_its_old_one() -> None:
    [clash] = find_clashes(REF, "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 menjadi 52 pos, naik dari 40 pos.")
    assert clash.draft == "52 pos" and clash.reference == "48 pos"


def test_from_without_a_change_verb_or_a_second_figure_is_a_value() -> None:
    [clash] = find_clashes(REF, "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 naik dari 40 pos.")
    assert clash.draft == "40 pos"


@pytest.mark.parametrize("draft", [
    "Di Kabupaten Asmat, nilai bantuan tahun ini Rp40 juta per rumah, lebih tinggi Rp15 juta dibanding Jawa.",
    "In Asmat the grant is Rp40 juta per house, Rp15 juta higher than in Java.",
])
def test_a_gap_between_two_values_is_not_a_value(draft: str) -> None:
    ref = "Nilai bantuan renovasi rumah di Jawa sebesar Rp25 juta per rumah."
    assert [c for c in find_clashes(ref, draft) if c.kind == "number"] == []
