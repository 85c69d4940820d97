"""The charts: every figure and date formatted for each edition, accessible, in the PDF and cards.

Expected dates are written out by hand for the committed editions (Indonesian
and English), and figures are formatted with Babel directly, not through the
explainer's Formatter, so a formatting mistake in the explainer cannot hide.
"""

from __future__ import annotations

import gettext
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from PIL import ImageFont

from explainer.build import load_model
from explainer.context.charts import (
    PRINT_WIDTH,
    RAIL,
    SCREEN_WIDTH,
    TEXT,
    ChartsCtx,
    build_charts,
)
from explainer.errors import InputError
from explainer.facts.model import Explainer
from explainer.i18n.catalogs import Messages, available_locales, load_messages
from explainer.i18n.format import Formatter
from explainer.project import Project, pdf_name
from tests.pdf.pdfcheck import page_texts
from tests.support import parse_html

SVG = "{http://www.w3.org/2000/svg}"
# The narrowest chart on a 320 px screen: the page's padding and a comparison box's.
NARROWEST_CHART_PX = 260


@pytest.fixture(scope="module")
def model(project: Project) -> Explainer:
    """The validated facts."""
    return load_model(project)[0]


@pytest.fixture(scope="module")
def locales(project: Project) -> list[str]:
    """Every edition the build writes."""
    return available_locales(project.locales_dir)


def page(dist: Path, locale: str) -> str:
    """Return the HTML page of an edition."""
    return (dist / locale / "index.html").read_text(encoding="utf-8")


def chart_svg(html: str, chart_id: str) -> ET.Element:
    """Return the parsed <svg> whose accessible name is the chart's title."""
    for markup in re.findall(r"<svg\b.*?</svg>", html, re.S):
        if f'aria-labelledby="{chart_id}-title"' in markup:
            return ET.fromstring(markup)
    raise AssertionError(f"no SVG for {chart_id!r}")


def chart_figure(html: str, chart_id: str) -> str:
    """Return the HTML of the <figure> holding a chart."""
    match = re.search(rf'<figure class="okx-chart[^"]*" id="{chart_id}">.*?</figure>', html, re.S)
    assert match, f"no figure for {chart_id!r}"
    return match.group(0)


def svg_text(svg: ET.Element) -> str:
    """Return the drawn text of an SVG (not its title or desc), one <text> a line."""
    return "\n".join(" ".join(" ".join(t.itertext()).split()) for t in svg.iter(f"{SVG}text"))


def squeeze(text: str) -> str:
    """Return text without any white space (PDF extraction spaces text its own way)."""
    return re.sub(r"\s+", "", text)


# The timeline's dates and first event as the committed data should show them, written
# out by hand: a test that formatted them itself could share the explainer's mistakes.
TIMELINE_DATES = {
    "id": [
        "3 Februari 2017",
        "November–Desember 2017",
        "Maret 2018",
        "10 Agustus\u2009–\u20097 September 2018",
        "3 September 2018",
        "2018",
        "19 September 2018",
        "Oktober 2018",
        "31 Desember 2018",
        "17 Maret 2019",
    ],
    "en": [
        "3 February 2017",
        "November\u2009–\u2009December 2017",
        "March 2018",
        "10 August\u2009–\u20097 September 2018",
        "3 September 2018",
        "2018",
        "19 September 2018",
        "October 2018",
        "31 December 2018",
        "17 March 2019",
    ],
}
FIRST_EVENT = {
    "id": "Kompas.com memberitakan klaim, oleh pihak yang tidak disebutkan, tentang 3.300"
    " peserta (usaha mikro, kecil, dan menengah), serta target pasangan Anies Baswedan–Sandiaga"
    " Uno sebanyak 5.000 peserta hingga hari pencoblosan, 15 Februari 2017.",
    "en": "Kompas.com reports a claim, by someone it does not name, of 3,300 participants"
    " (micro, small and medium enterprises), and the Anies Baswedan–Sandiaga Uno pair's target"
    " of 5,000 participants by election day, 15 February 2017.",
}


def test_every_funnel_figure_is_in_the_svg_formatted_for_the_locale(
    dist: Path, model: Explainer, locales: list[str]
) -> None:
    for locale in locales:
        drawn = svg_text(chart_svg(page(dist, locale), "chart-funnel"))
        for figure_id in [bar.figure for bar in model.funnel]:
            value = format_decimal(model.figure(figure_id).value, locale=locale)
            assert value in drawn, (locale, figure_id, value)


def test_funnel_labels_go_through_the_catalog(
    dist: Path, project: Project, model: Explainer, locales: list[str]
) -> None:
    for locale in locales:
        fmt = Formatter(load_messages(project.locales_dir, locale))
        drawn = svg_text(chart_svg(page(dist, locale), "chart-funnel"))
        for bar in model.funnel:
            assert fmt.text(bar.label) in drawn, (locale, bar.label.msgid)


def test_each_funnel_bar_cites_its_source(dist: Path, model: Explainer) -> None:
    html = page(dist, "en")
    svg = chart_svg(html, "chart-funnel")
    for figure_id in [bar.figure for bar in model.funnel]:
        row = svg.find(f".//{SVG}g[@id='chart-funnel-{figure_id}']")
        assert row is not None
        for source_id in model.figure(figure_id).sources:
            number = model.source(source_id).number
            assert f"[{number}]" in "".join(row.itertext())
            assert f'href="#source-{number}"' in chart_figure(html, "chart-funnel")


def test_every_timeline_date_is_in_the_svg_formatted_for_the_locale(
    dist: Path, model: Explainer, locales: list[str]
) -> None:
    assert len(model.timeline) >= 8
    for locale in locales:
        svg = chart_svg(page(dist, locale), "chart-timeline")
        dates = [
            "".join(t.itertext())
            for t in svg.iter(f"{SVG}tspan")
            if t.get("class") == "okx-chart-date"
        ]
        assert dates == TIMELINE_DATES.get(locale, dates), locale
    assert set(TIMELINE_DATES) <= set(locales)


def test_timeline_dates_differ_by_locale(dist: Path, locales: list[str]) -> None:
    if "id" not in locales:
        pytest.skip("no Indonesian catalog")
    assert "17 Maret 2019" in svg_text(chart_svg(page(dist, "id"), "chart-timeline"))
    assert "17 March 2019" in svg_text(chart_svg(page(dist, "en"), "chart-timeline"))


def test_comparison_charts_show_every_figure(
    dist: Path, model: Explainer, locales: list[str]
) -> None:
    for locale in locales:
        html = page(dist, locale)
        for comparison in model.comparisons:
            chart_id = f"chart-compare-{comparison.id}"
            drawn = svg_text(chart_svg(html, chart_id))
            for figure_id in comparison.figures:
                figure = model.figure(figure_id)
                assert format_decimal(figure.value, locale=locale) in drawn, (locale, figure_id)
                for source_id in figure.sources:
                    assert f"[{model.source(source_id).number}]" in drawn


@pytest.mark.parametrize("chart_id", ["chart-funnel", "chart-timeline"])
def test_charts_have_an_accessible_name_and_a_data_table(
    dist: Path, locales: list[str], chart_id: str
) -> None:
    for locale in locales:
        html = page(dist, locale)
        svg = chart_svg(html, chart_id)
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and desc is not None
        assert title.get("id") == svg.get("aria-labelledby") and (title.text or "").strip()
        assert desc.get("id") == svg.get("aria-describedby") and (desc.text or "").strip()
        assert svg.get("viewBox", "").startswith(f"0 0 {SCREEN_WIDTH} ")
        table = re.search(r"<table>.*?</table>", chart_figure(html, chart_id), re.S)
        assert table and f"<caption>{title.text}</caption>" in table.group(0)


def test_data_tables_hold_the_figures_and_dates(
    dist: Path, model: Explainer, locales: list[str]
) -> None:
    for locale in locales:
        html = page(dist, locale)
        funnel = chart_figure(html, "chart-funnel")
        for figure_id in [bar.figure for bar in model.funnel]:
            value = format_decimal(model.figure(figure_id).value, locale=locale)
            assert f'<td class="okx-num">{value}' in funnel
        timeline = chart_figure(html, "chart-timeline")
        for date in TIMELINE_DATES.get(locale, []):
            assert f'<th scope="row">{date}</th>' in timeline


def test_charts_use_no_javascript_and_page_colours(dist: Path) -> None:
    html = page(dist, "en")
    # The page has scripts of its own (structured data, the embed-code helper); charts none.
    charts = re.findall(r'<figure class="okx-chart".*?</figure>', html, re.S)
    assert charts and not any("<script" in chart for chart in charts)
    for markup in re.findall(r"<svg\b.*?</svg>", html, re.S):
        assert not re.search(r'fill="#|stroke="#', markup), "colours come from the page"


def test_text_stays_legible_at_320_px() -> None:
    assert TEXT * NARROWEST_CHART_PX / SCREEN_WIDTH >= 10


def test_charts_text_is_in_the_pdf(
    dist: Path, project: Project, model: Explainer, locales: list[str]
) -> None:
    for locale in locales:
        messages = load_messages(project.locales_dir, locale)
        text = squeeze("".join(page_texts(dist / locale / pdf_name(locale))))
        for bar in model.funnel:
            label = Formatter(messages).text(bar.label)
            assert squeeze(label) in text, (locale, bar.label.msgid)
        for date in TIMELINE_DATES.get(locale, []):
            assert squeeze(date) in text, (locale, date)
        assert squeeze(FIRST_EVENT.get(locale, "")) in text


def test_chart_cards_are_in_the_manifest(dist: Path, model: Explainer, locales: list[str]) -> None:
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    embeds = {
        (a["locale"], a.get("section")): a for a in manifest["artifacts"] if a["kind"] == "embed"
    }
    sections = ["chart-funnel", "chart-timeline"]
    sections += [f"chart-compare-{c.id}" for c in model.comparisons]
    for locale in locales:
        for section in sections:
            entry = embeds[(locale, section)]
            assert entry["path"] == f"{locale}/embed/{section}.html"
            card = (dist / entry["path"]).read_text(encoding="utf-8")
            svg = chart_svg(card, section)
            assert svg.get("role") == "img"
            assert "<table>" in card
            for number in re.findall(r'href="#(source-\d+)"', card):
                assert f'id="{number}"' in card


def test_the_figure_beside_the_funnel_links_its_source(
    dist: Path, model: Explainer, locales: list[str]
) -> None:
    """Its source is a citation link like every other, and its reporter is named as the
    key numbers name reporters (a role "as of 2019" before "2019" read as a second date)."""
    figure = model.figure(model.funnel_aside)
    numbers = sorted(model.source(s).number for s in figure.sources)
    assert figure.reported_on is not None
    for locale in locales:
        doc = parse_html(chart_figure(page(dist, locale), "chart-funnel"))
        [aside] = doc.select("p", "okx-chart-aside")
        links = [e for e in doc.elements if e.tag == "a" and e.inside("p", "okx-chart-aside")]
        assert [a.attrs["href"] for a in links] == [f"#source-{n}" for n in numbers], locale
        assert aside.text.count(str(figure.reported_on.year)) == 1, aside.text


def test_a_long_translation_makes_a_taller_chart_not_a_clipped_one(model: Explainer) -> None:
    class Long(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return f"{message} " * 6 if message == "Registered" else message

    plain = build_charts(model, Messages("en", gettext.NullTranslations()))
    long = build_charts(model, Messages("en", Long()))
    assert long["funnel"]["height"] > plain["funnel"]["height"]
    lines = [line["text"] for bar in long["funnel"]["bars"] for line in bar["lines"]]
    assert max(len(line) for line in lines) <= SCREEN_WIDTH / (TEXT * 0.5)


# The widest font of the charts' font stack (Debian's fonts-dejavu-core: make system-test).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
needs_dejavu = pytest.mark.skipif(
    not (DEJAVU / "DejaVuSans-Bold.ttf").exists(),
    reason="DejaVu Sans is not installed (make system-test installs fonts-dejavu-core)",
)


def drawn_lines(chart_set: ChartsCtx) -> Iterator[tuple[float, str, str, float]]:
    """Yield each line a chart draws: where it starts, its regular and bold text, and the
    x it must end before (the chart's width, or the event text's column for a date)."""
    width = chart_set["width"]
    for chart in (chart_set["funnel"], *chart_set["comparisons"].values()):
        for bar in chart["bars"]:
            for i, line in enumerate(bar["lines"]):
                last = i == len(bar["lines"]) - 1
                cite = (" " if line["text"] else "") + bar["cite_text"] if last else ""
                first = i == 0
                yield 0, (" " if first else "") + line["text"] + cite, bar["value"] * first, width
    for event in chart_set["timeline"]["events"]:
        for i, line in enumerate(event["lines"]):
            last = i == len(event["lines"]) - 1
            cite = (" " if line["text"] else "") + event["cite_text"] if last else ""
            yield event["text_x"], line["text"] + cite, "", width
        beside = event["text_x"] > RAIL
        yield RAIL, "", event["date"], event["text_x"] - 6 if beside else width


@needs_dejavu
@pytest.mark.parametrize("width", [SCREEN_WIDTH, PRINT_WIDTH])
def test_no_line_of_a_chart_runs_past_its_edge(
    model: Explainer, project: Project, locales: list[str], width: int
) -> None:
    """Measured in DejaVu Sans, the widest font the charts may be drawn in: no text runs
    past the drawing's edge, and no date into its event's text."""
    regular = ImageFont.truetype(str(DEJAVU / "DejaVuSans.ttf"), TEXT)
    bold = ImageFont.truetype(str(DEJAVU / "DejaVuSans-Bold.ttf"), TEXT)
    too_long = []
    for locale in locales:
        charts = build_charts(model, load_messages(project.locales_dir, locale), width)
        for x, text, strong, limit in drawn_lines(charts):
            end = x + bold.getlength(strong) + regular.getlength(text)
            if end > limit:
                too_long.append(f"{locale}: {strong}{text!r} ends at {end:.0f}, past {limit:.0f}")
    assert not too_long, "\n".join(too_long)


def test_a_timeline_event_that_ends_before_it_starts_is_reported(
    project_copy: Project,
) -> None:
    path = project_copy.data_dir / "timeline.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('end: "2017-12"', 'end: "2017-10"', 1), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_model(project_copy)
    assert "timeline[1].end" in str(error.value)
    assert "ends (2017-10) before it starts (2017-11)" in str(error.value)
