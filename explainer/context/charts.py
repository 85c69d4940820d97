"""Lay out the charts of one edition: the 2018 funnel, the timeline, the comparisons.

Everything is measured here, at build time, in the units of each SVG's viewBox:
the macros in templates/partials/charts.html only draw what this module placed. Text
is localized first (Babel and the edition's catalog, through the Formatter),
then wrapped, so a longer translation makes a taller chart, never a clipped one.
"""

from __future__ import annotations

import itertools
import textwrap
from typing import TypedDict

from explainer.context.localize import SourceRef, speaker
from explainer.errors import InputError, Problem
from explainer.facts.model import DateArg, Event, Explainer, Figure, PartialDate, Period, Term, Text
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import N_, Formatter, figure_value
from explainer.project import source_anchor

# Each chart is laid out twice. On screen the viewBox is SCREEN_WIDTH units wide
# and the SVG at most 26rem: at 320 px (about 260 px of chart) a TEXT-unit glyph
# stays above 10 px. In print it spans the A4 text block (170 mm), where
# PRINT_WIDTH units make TEXT about 9 pt, and the timeline puts dates in a column.
SCREEN_WIDTH = 360
PRINT_WIDTH = 800
WIDTHS = {"screen": SCREEN_WIDTH, "print": PRINT_WIDTH}
RAIL = 22
# The least width left to an event's text beside a column of dates.
EVENT_COLUMN = 360
TEXT = 15
LINE = 19
BAR = 12
GAP = 14
# Average advance of a glyph, in ems, of the widest font in the charts' font stack (DejaVu
# Sans, where a reader has neither Helvetica, Arial nor Noto Sans): a line that fits it
# fits the others. BOLD for the dates, in bold.
GLYPH = 0.6
BOLD = 0.64


class LineCtx(TypedDict):
    y: float
    text: str


class BarCtx(TypedDict):
    id: str
    value: str
    name: str
    detail: str
    lines: list[LineCtx]
    cites: list[SourceRef]
    cite_text: str
    bar_y: float
    bar_width: float
    open_ended: bool


class AsideCtx(TypedDict):
    """A figure shown beside a chart, in words, and the sources it cites."""

    aside: str
    aside_cites: list[SourceRef]
    aside_cite_text: str


class ChartCtx(AsideCtx):
    id: str
    title: str
    desc: str
    height: float
    bars: list[BarCtx]
    cites: list[SourceRef]


class YearCtx(TypedDict):
    y: float
    text: str


class EventCtx(TypedDict):
    id: str
    year: int
    date: str
    date_y: float
    dot_y: float
    span: bool
    text: str
    text_x: float
    lines: list[LineCtx]
    cites: list[SourceRef]
    cite_text: str


class TimelineCtx(TypedDict):
    id: str
    title: str
    desc: str
    height: float
    segments: list[tuple[float, float]]
    years: list[YearCtx]
    events: list[EventCtx]
    cites: list[SourceRef]


class ChartsCtx(TypedDict):
    """The charts of one edition, ready to draw."""

    width: int
    text_size: int
    bar_height: int
    funnel: ChartCtx
    timeline: TimelineCtx
    comparisons: dict[str, ChartCtx]


def wrap(text: str, width: float, first_taken: int = 0, last_taken: int = 0) -> list[str]:
    """Break `text` into lines that fit `width` units; leave room on the first and last
    (`last_taken`: the citation markers that follow the text)."""
    chars = max(12, int(width / (TEXT * GLYPH)))
    lines = textwrap.wrap(" " * first_taken + text, chars, break_on_hyphens=False)
    lines = [lines[0].lstrip(), *lines[1:]] if lines else [""]
    if len(lines[-1]) + last_taken > chars:
        # No room for the markers after the last line: its last word goes down with them,
        # so that they never stand alone.
        head, _, tail = lines[-1].rpartition(" ")
        lines[-1:] = [head, tail] if head else [lines[-1], ""]
    return lines


def cite_text(refs: list[SourceRef]) -> str:
    """Return citation markers as they read inside a chart: [5] or [2][3]."""
    return "".join(f"[{ref['number']}]" for ref in refs)


def source_refs(model: Explainer, sources: tuple[str, ...]) -> list[SourceRef]:
    """Return citations (no backlink ids: charts repeat what the text cites)."""
    refs = []
    for source_id in sources:
        number = model.source(source_id).number
        refs.append(SourceRef(number=number, anchor=source_anchor(number), marker=""))
    return refs


def merge_refs(groups: list[list[SourceRef]]) -> list[SourceRef]:
    """Return each source once, in order of number."""
    found = {ref["number"]: ref for refs in groups for ref in refs}
    return [found[n] for n in sorted(found)]


class _Layout:
    """Place the charts of one edition, formatting through `fmt`."""

    def __init__(self, model: Explainer, fmt: Formatter, width: int) -> None:
        self.model = model
        self.fmt = fmt
        self.width = width

    def figure(self, figure_id: str) -> Figure:
        try:
            return self.model.figure(figure_id)
        except StopIteration:
            raise InputError(
                [Problem("data/results.yaml", f"the charts need the figure {figure_id!r}")]
            ) from None

    def bars(self, rows: list[tuple[Figure, str, str]], top: float) -> tuple[list[BarCtx], float]:
        """Stack a row per figure (value, name, bar) from `top`; return rows and bottom."""
        largest = max((f.value_max or f.value) for f, _, _ in rows) or 1
        bars = []
        y = top
        for figure, name, detail in rows:
            value = figure_value(self.fmt, figure)
            cites = source_refs(self.model, figure.sources)
            marks = cite_text(cites)
            text = self.fmt.with_detail(name, detail)
            lines = wrap(text, self.width, len(value) + 1, len(marks) + 1)
            placed = [LineCtx(y=y + TEXT + i * LINE, text=t) for i, t in enumerate(lines)]
            bar_y = y + TEXT + (len(lines) - 1) * LINE + 7
            width = self.width * (figure.value_max or figure.value) / largest
            bars.append(
                BarCtx(
                    id=figure.id,
                    value=value,
                    name=name,
                    detail=detail,
                    lines=placed,
                    cites=cites,
                    cite_text=marks,
                    bar_y=bar_y,
                    bar_width=round(max(width, 2.0), 1),
                    open_ended=figure.qualifier == "more_than",
                )
            )
            y = bar_y + BAR + GAP
        return bars, y - GAP + 2

    def funnel(self) -> ChartCtx:
        rows = [(self.figure(b.figure), self.fmt.text(b.label), "") for b in self.model.funnel]
        bars, height = self.bars(rows, 0)
        end = rows[0][0].period.end or rows[0][0].period.start or PartialDate(0)
        steps = self.fmt.listed([f"{self.fmt.label(b['name'])} {b['value']}" for b in bars])
        # NOTE: Title of the funnel chart. {year} is a year, e.g. 2018.
        title = N_("From registration to licences: the association’s figures for {year}")
        # NOTE: Read by screen readers: describes the funnel chart. {steps} lists each
        # NOTE: bar with its value, e.g. "Registered: 65,414; Took part in training: 55,732".
        desc = N_("Horizontal bars, one for each stage. {steps}.")
        return ChartCtx(
            id="chart-funnel",
            title=self.fmt.text(Text(title, {"year": DateArg(PartialDate(end.year))})),
            desc=self.fmt.text(Text(desc, {"steps": Term(steps)})),
            height=height,
            bars=bars,
            cites=merge_refs([b["cites"] for b in bars]),
            **self.aside(),
        )

    def aside(self) -> AsideCtx:
        """Return the workers figure shown beside the funnel, with who reported it and when,
        and its sources (linked on a page, written out in a picture)."""
        figure = self.figure(self.model.funnel_aside)
        # NOTE: Under the funnel chart, beside it rather than a stage of it. {value} is a
        # number, e.g. “29,346”; {label} what it counts; {reporter} who reported it, e.g.
        # “Iim Rusyamsi”; {date} when, e.g. “2019”. The source's number follows, e.g. “[5]”.
        pattern = N_("Beside the funnel: {value} {label}, according to {reporter}, {date}")
        cites = source_refs(self.model, figure.sources)
        return AsideCtx(
            aside=self.fmt.translate(
                pattern,
                value=figure_value(self.fmt, figure),
                label=self.fmt.text(figure.label),
                reporter=speaker(self.model, self.fmt, figure.reported_by),
                date=self.fmt.date_with(figure.reported_on, figure.reported_on_qualifier),
            ),
            aside_cites=cites,
            aside_cite_text=cite_text(cites),
        )

    def comparison(self, index: int) -> ChartCtx:
        comparison = self.model.comparisons[index]
        rows = [
            (f, self.fmt.text(f.label), self.fmt.period(f.period))
            for f in (self.figure(fid) for fid in comparison.figures)
        ]
        bars, height = self.bars(rows, 0)
        # NOTE: Read by screen readers, in the description of a comparison chart: one
        # figure, e.g. “65,414 people registered (2018)”. {value} is the number, {label}
        # what it counts (with its period).
        figure = N_("{value} {label}")
        values = self.fmt.listed(
            [
                self.fmt.translate(
                    figure, value=b["value"], label=self.fmt.with_detail(b["name"], b["detail"])
                )
                for b in bars
            ]
        )
        return ChartCtx(
            id=f"chart-compare-{comparison.id}",
            title=self.fmt.text(comparison.title),
            desc=self.fmt.text(
                Text(
                    # NOTE: Read by screen readers: describes a comparison chart. {values}
                    # NOTE: lists each figure with its source, e.g. "65,414 (Bina Bangun Bangsa)".
                    N_("Horizontal bars comparing the figures. {values}."),
                    {"values": Term(values)},
                )
            ),
            height=height,
            bars=bars,
            cites=merge_refs([b["cites"] for b in bars]),
            aside="",
            aside_cites=[],
            aside_cite_text="",
        )

    def when(self, event: Event) -> str:
        if event.end is None:
            return self.fmt.date(event.date)
        return self.fmt.period(Period("start", event.date, event.end))

    def segments(self, events: list[EventCtx]) -> list[tuple[float, float]]:
        """Return the rail between consecutive events of the same year."""
        pairs = itertools.pairwise(events)
        return [(a["dot_y"], b["dot_y"]) for a, b in pairs if a["year"] == b["year"]]

    def timeline(self) -> TimelineCtx:
        # Wide enough for a date column: the text starts on the date's line.
        dates = [self.when(e) for e in self.model.timeline]
        date_column = max((len(d) for d in dates), default=0) * TEXT * BOLD + 14
        column = self.width - RAIL - date_column >= EVENT_COLUMN
        left = round(RAIL + date_column, 1) if column else RAIL
        first = 0 if column else 1
        y = 0.0
        year: int | None = None
        years: list[YearCtx] = []
        events: list[EventCtx] = []
        for event in self.model.timeline:
            if event.date.year != year:
                year = event.date.year
                y += 6 if years else 0
                years.append(YearCtx(y=y + 16, text=self.fmt.date(PartialDate(year))))
                y += 16 + 10
            cites = source_refs(self.model, event.sources)
            marks = cite_text(cites)
            text = self.fmt.text(event.text)
            lines = wrap(text, self.width - left, 0, len(marks) + 1)
            date_y = y + TEXT
            events.append(
                EventCtx(
                    id=event.id,
                    year=event.date.year,
                    date=self.when(event),
                    date_y=date_y,
                    dot_y=date_y - TEXT * 0.35,
                    span=event.end is not None,
                    text=text,
                    text_x=left,
                    lines=[
                        LineCtx(y=date_y + (i + first) * LINE, text=t) for i, t in enumerate(lines)
                    ],
                    cites=cites,
                    cite_text=marks,
                )
            )
            y = date_y + (len(lines) + first - 1) * LINE + GAP + TEXT * 0.3
        return TimelineCtx(
            id="chart-timeline",
            # NOTE: Title of the timeline chart of dated events.
            title=self.fmt._("Timeline: OK OCE in the sources, from the campaign to the debate"),
            desc="; ".join(f"{e['date']}: {e['text']}" for e in events),
            height=y - GAP + 6,
            segments=self.segments(events),
            years=years,
            events=events,
            cites=merge_refs([e["cites"] for e in events]),
        )


def build_charts(model: Explainer, messages: Messages, width: int = SCREEN_WIDTH) -> ChartsCtx:
    """Return the charts of one edition laid out `width` units wide."""
    layout = _Layout(model, Formatter(messages), width)
    return ChartsCtx(
        width=width,
        text_size=TEXT,
        bar_height=BAR,
        funnel=layout.funnel(),
        timeline=layout.timeline(),
        comparisons={c.id: layout.comparison(i) for i, c in enumerate(model.comparisons)},
    )
