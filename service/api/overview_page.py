"""The overview page's charts: the :class:`~service.overview.Overview` figures as :mod:`service.charts` drawings,
labelled from the catalogue in the page's language (the template writes them as inline SVG)."""

from __future__ import annotations

from typing import Callable

from service.charts import PALETTE, Chart, Series, bars, columns
from service.overview import VERDICT_ORDER, Overview

VERDICT_COLORS = dict(zip(VERDICT_ORDER, PALETTE[:3]))
OPEN_COLOR, DECIDED_COLOR = PALETTE[2], "#9aa0a6"
MAX_AGENCIES_DRAWN = 25  # the busiest; the table below the charts lists every agency


def overview_charts(figures: Overview, _: Callable[[str], str]) -> dict[str, Chart]:
    """Every chart of the page, by name (checks and open findings by week and by agency, kinds, positions,
    missions)."""
    weeks = [w.week[-3:] for w in figures.weeks]  # "W10": the year is in the heading
    shown = figures.agencies[:MAX_AGENCIES_DRAWN]
    agencies = [a.agency or _("overview.no_agency") for a in shown]
    verdicts = [Series(_("verdict." + v), VERDICT_COLORS[v], [getattr(x.verdicts, v) for x in figures.weeks])
                for v in VERDICT_ORDER]
    by_agency = [Series(_("verdict." + v), VERDICT_COLORS[v], [getattr(a.verdicts, v) for a in shown])
                 for v in VERDICT_ORDER]

    def decided_and_open(items: list) -> list[Series]:
        return [Series(_("overview.decided"), DECIDED_COLOR, [x.conflicts - x.open for x in items]),
                Series(_("overview.open"), OPEN_COLOR, [x.open for x in items])]

    return {
        "checks_by_week": columns(weeks, verdicts),
        "checks_by_agency": bars(agencies, by_agency),
        "open_by_week": columns(weeks, decided_and_open(figures.weeks)),
        "open_by_agency": bars(agencies, decided_and_open(shown)),
        "kinds": bars([_("kind." + k.kind) for k in figures.conflict_kinds],
                      [Series(_("overview.conflicts"), PALETTE[2], [k.conflicts for k in figures.conflict_kinds])]),
        "contradicted": bars([p.title or p.position_id for p in figures.contradicted],
                             [Series(_("overview.conflicts"), PALETTE[2], [p.conflicts for p in figures.contradicted])]),
        "missions": bars([m.title or m.position_id for m in figures.missions],
                         [Series(_("overview.reports"), PALETTE[3], [m.reports for m in figures.missions])]),
    }
