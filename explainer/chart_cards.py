"""Write an embeddable card for each chart: dist/<locale>/embed/chart-<name>.html.

A card is a small standalone page holding one chart, its data table and the
sources it cites, for outlets to embed. Each is listed in the manifest as
{"kind": "embed", "section": "chart-<name>"}.
"""

from __future__ import annotations

from pathlib import Path

from explainer.catalogs import Messages
from explainer.charts import ChartCtx, ChartsCtx, TimelineCtx
from explainer.localize import Context
from explainer.output import Artifact, describe, write_text
from explainer.render import render

CARD_TEMPLATE = "charts/card.html"


def chart_cards(charts: ChartsCtx) -> list[tuple[str, ChartCtx | TimelineCtx]]:
    """Return (section, chart) for every chart of an edition."""
    cards: list[tuple[str, ChartCtx | TimelineCtx]] = [
        (charts["funnel"]["id"], charts["funnel"]),
        (charts["timeline"]["id"], charts["timeline"]),
    ]
    cards += [(chart["id"], chart) for chart in charts["comparisons"].values()]
    return cards


def write_chart_cards(
    templates_dir: Path, context: Context, messages: Messages, charts: ChartsCtx, stage: Path
) -> list[Artifact]:
    """Render and write the chart cards of one edition; return their manifest entries."""
    locale = context["lang"]
    artifacts = []
    for section, chart in chart_cards(charts):
        html = render(
            templates_dir,
            CARD_TEMPLATE,
            context,
            messages,
            medium="screen",
            charts=charts,
            chart=chart,
            timeline=chart is charts["timeline"],
        )
        path = stage / locale / "embed" / f"{section}.html"
        write_text(path, html)
        artifacts.append(describe(stage, path, locale, "embed", section))
    return artifacts
