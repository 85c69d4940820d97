"""What a reader downloads or shares: the share image's page and each chart's files.

Each chart of an edition becomes an SVG drawing (the chart as the page draws
it, standalone), a CSV of its figures and the HTML of its PNG; the share image
is the HTML of a 1200 × 630 px page. The HTML here is only laid out: the pdf
stage turns it into PNGs (see explainer/pdf/raster.py), in builds that make PDFs.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explainer.context.charts import ChartCtx, TimelineCtx
from explainer.context.edition import Edition
from explainer.context.localize import SourceCtx, SourceRef, who
from explainer.facts.model import Explainer
from explainer.i18n.format import N_, Formatter, figure_value
from explainer.project import CHART_FORMATS, SHARE_IMAGE_SIZE, chart_file, share_image_path
from explainer.render.cards import standalone_title
from explainer.render.chart_cards import chart_cards
from explainer.render.environment import render
from explainer.render.files import OutputFile

SHARE_TEMPLATE = "pages/share.html"
CHART_IMAGE_TEMPLATE = "pages/chart-image.html"
SVG_TEMPLATE = "pages/chart.svg"
# The layout the downloads are drawn in: the print one, wide enough for a date column.
MEDIUM = "print"

# The CSV's column headings, in order.
BAR_COLUMNS = (
    # NOTE: Column heading in a chart's data file (CSV): what a figure counts.
    N_("What it counts"),
    # NOTE: Column heading in a chart's data file (CSV): the period a figure covers.
    N_("Period"),
    # NOTE: Column heading in a chart's data file (CSV): the figure as a plain number.
    N_("Value"),
    # NOTE: Column heading in a chart's data file (CSV): the upper end of a range such as
    # 50–70 (empty when the figure is a single number).
    N_("Up to"),
    # NOTE: Column heading in a chart's data file (CSV): the figure in words as the page
    # shows it, e.g. “more than 29,346”.
    N_("As reported"),
    # NOTE: Column heading in a chart's data file (CSV): who reported the figure, and when.
    N_("Reported by"),
    # NOTE: Column heading in a chart's data file (CSV): the articles a figure comes from.
    N_("Sources"),
)
EVENT_COLUMNS = (
    # NOTE: Column heading in the timeline's data file (CSV): when an event began, written
    # YYYY, YYYY-MM or YYYY-MM-DD.
    N_("Date (ISO 8601)"),
    # NOTE: Column heading in the timeline's data file (CSV): when an event that spans a
    # period ended, written YYYY, YYYY-MM or YYYY-MM-DD (empty for a single date).
    N_("Until (ISO 8601)"),
    # NOTE: Column heading in the timeline's data file (CSV): the date as the page shows it.
    N_("Date"),
    # NOTE: Column heading in the timeline's data file (CSV): what happened on that date.
    N_("What happened"),
    N_("Sources"),
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ChartImage:
    """The HTML of one chart's PNG, and where the PNG goes."""

    path: str
    locale: str
    html: str
    section: str


def share_html(templates_dir: Path, edition: Edition, model: Explainer) -> str:
    """Return the page an edition's share image is drawn from."""
    width, height = SHARE_IMAGE_SIZE
    return render(
        templates_dir,
        SHARE_TEMPLATE,
        edition.context,
        edition.messages,
        imprint=model.imprint,
        width=width,
        height=height,
    )


def share_image(edition: Edition) -> str | None:
    """Return the share image's path in the output, if the build makes it."""
    return share_image_path(edition.locale) if edition.has_pdf else None


def chart_downloads(edition: Edition, up: str = "") -> dict[str, dict[str, str | None]]:
    """Return each chart's file addresses by chart id, relative to a page `up` from the edition.

    The PNG's is None in a build that makes no images (no PDFs).
    """
    images = share_image(edition) is not None
    return {
        chart["id"]: {
            ext: up + chart_file(chart["id"], ext) if ext != "png" or images else None
            for ext in CHART_FORMATS
        }
        for _, chart in chart_cards(edition.charts[MEDIUM])
    }


def chart_files(templates_dir: Path, edition: Edition, model: Explainer) -> list[OutputFile]:
    """Return the SVG and the CSV of every chart of an edition."""
    locale = edition.locale
    tables = chart_tables(edition, model)
    files = []
    for section, chart in chart_cards(edition.charts[MEDIUM]):
        svg = _render_chart(templates_dir, SVG_TEMPLATE, edition, chart)
        path = f"{locale}/{chart_file(section, 'svg')}"
        files.append(OutputFile(path, locale, "chart-svg", svg, section))
        path = f"{locale}/{chart_file(section, 'csv')}"
        files.append(OutputFile(path, locale, "chart-csv", tables[section], section))
    return files


def chart_images(templates_dir: Path, edition: Edition, model: Explainer) -> list[ChartImage]:
    """Return the HTML of every chart's PNG of an edition."""
    images = []
    for section, chart in chart_cards(edition.charts[MEDIUM]):
        html = _render_chart(
            templates_dir,
            CHART_IMAGE_TEMPLATE,
            edition,
            chart,
            imprint=model.imprint,
            page_title=standalone_title(edition.context, edition.messages, chart["title"]),
        )
        path = f"{edition.locale}/{chart_file(section, 'png')}"
        images.append(ChartImage(path, edition.locale, html, section))
    return images


def _render_chart(
    templates_dir: Path,
    template: str,
    edition: Edition,
    chart: ChartCtx | TimelineCtx,
    **extra: Any,
) -> str:
    """Render one chart of an edition, drawn as the downloads draw it, with `template`."""
    charts = edition.charts[MEDIUM]
    return render(
        templates_dir,
        template,
        edition.context,
        edition.messages,
        charts=charts,
        chart=chart,
        timeline=chart is charts["timeline"],
        **extra,
    )


def chart_tables(edition: Edition, model: Explainer) -> dict[str, str]:
    """Return each chart's data as CSV text, by chart id."""
    charts = edition.charts[MEDIUM]
    bars = [charts["funnel"], *charts["comparisons"].values()]
    tables = {chart["id"]: bars_csv(edition, model, chart) for chart in bars}
    tables[charts["timeline"]["id"]] = timeline_csv(edition, model, charts["timeline"])
    return tables


def bars_csv(edition: Edition, model: Explainer, chart: ChartCtx) -> str:
    """Return a bar chart's figures as CSV: a heading row from the catalog, a row per bar."""
    fmt = Formatter(edition.messages)
    sources = {s["number"]: s for s in edition.context["sources"]}
    rows = [_headings(edition, BAR_COLUMNS)]
    for bar in chart["bars"]:
        figure = model.figure(bar["id"])
        rows.append(
            [
                safe_cell(bar["name"]),
                safe_cell(fmt.period(figure.period)),
                plain_number(figure.value),
                "" if figure.value_max is None else plain_number(figure.value_max),
                safe_cell(figure_value(fmt, figure)),
                safe_cell(who(model, fmt, figure.reported_by)),
                safe_cell(_sources(bar["cites"], sources)),
            ]
        )
    return _csv(rows)


def timeline_csv(edition: Edition, model: Explainer, chart: TimelineCtx) -> str:
    """Return the timeline's events as CSV: a heading row from the catalog, a row per event."""
    sources = {s["number"]: s for s in edition.context["sources"]}
    events = {e.id: e for e in model.timeline}
    rows = [_headings(edition, EVENT_COLUMNS)]
    for event in chart["events"]:
        found = events[event["id"]]
        rows.append(
            [
                found.date.iso,
                found.end.iso if found.end else "",
                safe_cell(event["date"]),
                safe_cell(event["text"]),
                safe_cell(_sources(event["cites"], sources)),
            ]
        )
    return _csv(rows)


def plain_number(value: float) -> str:
    """Return a number as a spreadsheet reads it in any locale: 65414, 724.5."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return repr(value)


def safe_cell(text: str) -> str:
    """Return a text cell that a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _headings(edition: Edition, columns: tuple[str, ...]) -> list[str]:
    return [safe_cell(edition.messages.gettext(column)) for column in columns]


def _sources(refs: list[SourceRef], sources: dict[int, SourceCtx]) -> str:
    """Return the sources of a row: [3] Koran Jakarta, “…”, 10 Januari 2018, https://…"""
    entries = []
    for ref in refs:
        source = sources[ref["number"]]
        parts = [source["outlet"]]
        if source["headline"]:
            parts.append(f"“{source['headline']}”")
        parts.append(source["published"])
        if source["url"]:
            parts.append(source["url"])
        entries.append(f"[{ref['number']}] " + ", ".join(parts))
    return "; ".join(entries)


def _csv(rows: list[list[str]]) -> str:
    """Return rows as CSV text (RFC 4180 quoting, Unix newlines)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
