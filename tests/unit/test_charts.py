"""The overview's bar geometry: stacked segments in proportion, labels kept short, bad input refused."""

from __future__ import annotations

import pytest

from service.charts import MAX_ITEMS, Series, bars, columns


def test_columns_stack_in_proportion_and_skip_zero_segments():
    chart = columns(["W01", "W02"], [Series("a", "#111", [2, 0]), Series("b", "#222", [2, 1])])
    assert [r.title for r in chart.rects] == ["W01 — a: 2", "W01 — b: 2", "W02 — b: 1"]
    first, second, third = chart.rects
    assert first.height == second.height == pytest.approx(2 * third.height, abs=0.2)
    assert second.y + second.height == pytest.approx(first.y, abs=0.2)  # b sits on a
    assert not chart.empty and chart.legend == [("a", "#111"), ("b", "#222")]
    assert columns(["W01"], [Series("a", "#111", [0])]).empty


def test_bars_label_each_row_with_its_total_and_shorten_long_names():
    name = "Anggaran Makan Bergizi Gratis untuk Sekolah Dasar 2026"
    chart = bars([name, "B"], [Series("n", "#111", [3, 1])])
    texts = [label.text for label in chart.labels]
    assert "3" in texts and "1" in texts and "B" in texts
    assert any(t.endswith("…") and len(t) <= 27 for t in texts) and name in chart.rects[0].title
    widths = [r.width for r in chart.rects]
    assert widths[0] == pytest.approx(3 * widths[1], abs=0.2)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        columns(["W01", "W02"], [Series("a", "#111", [1])])
    with pytest.raises(ValueError):
        bars([str(i) for i in range(MAX_ITEMS + 1)], [Series("a", "#111", [1] * (MAX_ITEMS + 1))])
