"""Bar charts as geometry for server-side SVG (the overview page draws them; no script, nothing loaded).

:func:`columns` stacks series in vertical columns (one per week), :func:`bars` in horizontal bars (one per
agency, kind, position). Both return a :class:`Chart` of rectangles and labels in a fixed ``viewBox``;
the template writes them out as ``<svg>`` elements (Jinja escapes every label), and CSS scales the
drawing to the page's width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# Colours of the review page: aligned green, review amber, conflict red; then distinct, readable hues.
PALETTE = ("#1b7f3b", "#a15c00", "#b3261e", "#1a73e8", "#7b1fa2", "#00838f", "#5f6368", "#c2185b", "#558b2f")
MAX_ITEMS = 60  # columns or bars in one chart: more would not be readable (the callers never have more)


@dataclass(frozen=True)
class Series:
    """One stacked series: its name (legend), colour, and a value per category."""

    name: str
    color: str
    values: Sequence[int]


@dataclass(frozen=True)
class Rect:
    """A bar segment; ``title`` is its tooltip (category, series, value)."""

    x: float
    y: float
    width: float
    height: float
    color: str
    title: str


@dataclass(frozen=True)
class Label:
    """Text at a point; ``anchor`` is SVG's text-anchor (start, middle, end)."""

    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Chart:
    """A drawing: its size (the viewBox), segments, labels and legend (series name and colour)."""

    width: int
    height: int
    rects: list[Rect]
    labels: list[Label]
    legend: list[tuple[str, str]]
    empty: bool


def _check(categories: Sequence[str], series: Sequence[Series]) -> None:
    if len(categories) > MAX_ITEMS:
        raise ValueError(f"at most {MAX_ITEMS} categories in a chart, got {len(categories)}")
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories")


def columns(categories: Sequence[str], series: Sequence[Series], width: int = 560, height: int = 200) -> Chart:
    """Vertical stacked columns, one per category (labelled below, every few when crowded)."""
    _check(categories, series)
    left, bottom, top = 36, 34, 14
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    slot = (width - left - 8) / max(len(categories), 1)
    scale = (height - bottom - top) / peak
    rects, labels = [], [Label(left - 6, top + 4, str(peak), "end"), Label(left - 6, height - bottom, "0", "end")]
    every = max(1, round(len(categories) / 12))
    for i, category in enumerate(categories):
        x, y = left + i * slot + slot * 0.15, height - bottom
        for s in series:
            h = s.values[i] * scale
            if s.values[i]:
                rects.append(Rect(round(x, 1), round(y - h, 1), round(slot * 0.7, 1), round(h, 1), s.color,
                                  f"{category} — {s.name}: {s.values[i]}"))
            y -= h
        if i % every == 0:
            labels.append(Label(round(x + slot * 0.35, 1), height - bottom + 16, category, "middle"))
    return Chart(width, height, rects, labels, [(s.name, s.color) for s in series], not any(totals))


def bars(categories: Sequence[str], series: Sequence[Series], width: int = 560, row: int = 26) -> Chart:
    """Horizontal stacked bars, one per category, labelled on the left and with their total on the right."""
    _check(categories, series)
    left, right = 200, 40
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    scale = (width - left - right) / peak
    rects, labels = [], []
    for i, category in enumerate(categories):
        x, y = float(left), 6 + i * row
        for s in series:
            w = s.values[i] * scale
            if s.values[i]:
                rects.append(Rect(round(x, 1), y, round(w, 1), row - 8, s.color, f"{category} — {s.name}: {s.values[i]}"))
            x += w
        labels.append(Label(left - 8, y + row / 2, _short(category), "end"))
        labels.append(Label(round(x + 6, 1), y + row / 2, str(totals[i])))
    height = max(6 + len(categories) * row + 4, 40)
    return Chart(width, height, rects, labels, [(s.name, s.color) for s in series], not any(totals))


def _short(text: str, most: int = 27) -> str:
    """A label that fits left of the bars (the full text is in the tooltip and the table below)."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
