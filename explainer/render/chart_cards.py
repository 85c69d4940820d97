"""Render an embeddable card for each chart: dist/<locale>/embed/chart-<name>.html.

A card is a small standalone page holding one chart, its data table and the
sources it cites, for outlets to embed. Each is listed in the manifest as
{"kind": "embed", "section": "chart-<name>"}.
"""

from __future__ import annotations

from pathlib import Path

from explainer.context.charts import ChartCtx, ChartsCtx, TimelineCtx
from explainer.context.localize import Context
from explainer.i18n.catalogs import Messages
from explainer.project import card_path, oembed_path
from explainer.render.cards import Heights, card_oembed, standalone_title
from explainer.render.environment import render
from explainer.render.files import OutputFile
from explainer.render.oembed import oembed_file
from explainer.urls import site_link

CARD_TEMPLATE = "pages/chart-card.html"
# A chart card's frame before it reports its height (see cards.FALLBACK_HEIGHTS).
HEIGHTS = Heights(600, 640)


def chart_cards(charts: ChartsCtx) -> list[tuple[str, ChartCtx | TimelineCtx]]:
    """Return (section, chart) for every chart of an edition."""
    cards: list[tuple[str, ChartCtx | TimelineCtx]] = [
        (charts["funnel"]["id"], charts["funnel"]),
        (charts["timeline"]["id"], charts["timeline"]),
    ]
    cards += [(chart["id"], chart) for chart in charts["comparisons"].values()]
    return cards


def chart_card_files(
    templates_dir: Path,
    context: Context,
    messages: Messages,
    charts: ChartsCtx,
    downloads: dict[str, dict[str, str | None]],
    base_url: str | None = None,
    publisher: str = "",
) -> list[OutputFile]:
    """Render the chart cards of one edition; `downloads` holds each chart's file addresses."""
    locale = context["lang"]
    files = []
    for section, chart in chart_cards(charts):
        here = f"{locale}/{card_path(section)}"
        title = standalone_title(context, messages, chart["title"])
        oembed_href = None
        if base_url:
            src = site_link(base_url, here, here)
            answer = card_oembed(messages, src, title, HEIGHTS, (base_url, publisher))
            files.append(oembed_file(locale, section, answer))
            oembed_href = site_link(base_url, here, f"{locale}/{oembed_path(section)}")
        html = render(
            templates_dir,
            CARD_TEMPLATE,
            context,
            messages,
            here=here,
            page_title=title,
            base_url=base_url,
            oembed_href=oembed_href,
            medium="screen",
            charts=charts,
            chart=chart,
            timeline=chart is charts["timeline"],
            downloads=downloads[section],
        )
        files.append(OutputFile(f"{locale}/{card_path(section)}", locale, "embed", html, section))
    return files
