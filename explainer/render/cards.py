"""Embeddable cards: each section of an edition as an iframe page and an inline fragment.

A card calls the page's own section macros (templates/partials/sections.html), so a
card never says anything the page does not. Its sources list keeps only the sources
the card's content cites, numbered as on the page. Two forms per card:

    embed/<section>.html           a self-contained page for an <iframe>; it posts
                                   its height to the parent window (kind "embed")
    embed/<section>.fragment.html  markup to paste into a CMS: no script, no id,
                                   every CSS selector under the versioned root class
                                   (kind "fragment")
    embed/<section>.cms.html       markup for a CMS that strips <style>: inline styles
                                   that WordPress's KSES keeps (kind "fragment-cms")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from explainer.context.charts import ChartCtx, ChartsCtx, TimelineCtx
from explainer.context.localize import (
    TITLE,
    Context,
    FactCtx,
    FigureCtx,
    SourceCtx,
    SourceRef,
    StatementCtx,
)
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import N_, translate
from explainer.project import (
    CMS_FRAGMENT_KIND,
    EMBED_KIND,
    FRAGMENT_KIND,
    card_path,
    cms_fragment_path,
    fragment_path,
)
from explainer.render.anchors import Elsewhere
from explainer.render.cms import render_cms_fragment
from explainer.render.environment import render
from explainer.render.files import OutputFile

SECTIONS = ("about", "steps", "results", "disputes", "sources")
CARDS = (*SECTIONS, "all")
ROOT_CLASS = "okoce-explainer"
EMBED_TEMPLATE = "pages/embed.html"
FRAGMENT_TEMPLATE = "pages/fragment.html"
# The version of a fragment's styles, in its root class. A fragment's <style> stays on
# the outlet's page with every fragment pasted later; raise it whenever the fragment's
# CSS changes, so that later fragments' rules cannot restyle earlier ones.
STYLE_VERSION = 2
FRAGMENT_ROOT_CLASS = f"okx-v{STYLE_VERSION}"

# Card titles: the page's own section headings, which say what each card holds.
TITLES = {
    # NOTE: Heading of the section on what the programme is.
    "about": N_("What OK OCE is"),
    # NOTE: Heading of the section on the method. {method} is its name, kept in
    # Indonesian, e.g. “7 PAS”.
    "steps": N_("How it works: the {method} steps"),
    # NOTE: Heading of the section listing the figures the sources report.
    "results": N_("Does it work? The reported results"),
    # NOTE: Heading of the section on the claims about the programme and the responses to them.
    "disputes": N_("Does it work? The disputed claims"),
    # NOTE: Heading of the numbered list of news articles the explainer rests on.
    "sources": N_("Sources"),
    "all": TITLE,
}

# The height an iframe keeps when the host page strips the resizing script:
# enough to show the start of the card, which then scrolls inside the frame.
FALLBACK_HEIGHTS = {
    "about": 900,
    "steps": 640,
    "results": 900,
    "disputes": 900,
    "sources": 640,
    "all": 900,
}

# Runs on the host page: resizes our iframes, and only on messages from them.
_HOST_SCRIPT = """<script>
addEventListener("message", function (e) {
  document.querySelectorAll("iframe[data-okx-embed]").forEach(function (f) {
    if (e.source === f.contentWindow && e.origin === new URL(f.src).origin &&
        e.data && typeof e.data.okxHeight === "number") {
      f.style.height = Math.min(Math.ceil(e.data.okxHeight), 20000) + "px";
    }
  });
});
</script>"""


@dataclass(frozen=True)
class EmbedCode:
    """What the page shows next to a section so that others can embed it."""

    section: str
    title: str
    section_title: str
    src: str
    fragment: str
    height: int
    snippet: str


@dataclass(frozen=True)
class Card:
    """One rendered card: the iframe page, the styled fragment and the CMS-safe one."""

    section: str
    page: str
    fragment: str
    cms: str


def card_title(context: Context, messages: Messages, section: str) -> str:
    """Return a card's title in the edition's language."""
    title = translate(messages, TITLES[section], method=context["method"])
    if section == "all":
        return title
    return context["title"] + ": " + title


def snippet(src: str, title: str, height: int) -> str:
    """Return the copy-paste embed code of a card."""
    iframe = (
        f'<iframe src="{escape(src)}" title="{escape(title)}" loading="lazy" data-okx-embed'
        f' style="display:block;width:100%;height:{height}px;border:0"></iframe>'
    )
    return f"{iframe}\n{_HOST_SCRIPT}"


def embed_codes(context: Context, messages: Messages) -> dict[str, EmbedCode]:
    """Return the embed code of every card, with addresses relative to the page."""
    codes = {}
    for section in CARDS:
        title = card_title(context, messages, section)
        src, height = card_path(section), FALLBACK_HEIGHTS[section]
        heading = translate(messages, TITLES[section], method=context["method"])
        codes[section] = EmbedCode(
            section,
            title,
            heading,
            src,
            fragment_path(section),
            height,
            snippet(src, title, height),
        )
    return codes


def cited_sources(context: Context, charts: ChartsCtx, section: str) -> list[SourceCtx]:
    """Return the sources a card cites, in the page's order (all of them for "sources")."""
    if section == "sources":
        return list(context["sources"])
    numbers = {ref["number"] for ref in card_refs(context, charts, section)}
    return [s for s in context["sources"] if s["number"] in numbers]


def card_refs(context: Context, charts: ChartsCtx, section: str) -> list[SourceRef]:
    """Return every citation a card shows; the whole-explainer card has no quotes."""
    if section == "all":
        return [
            *_opening_refs(context),
            *(r for s in SECTIONS[:-1] for r in _SECTION_REFS[s](context, charts, False)),
        ]
    return _SECTION_REFS[section](context, charts, True)


def _opening_refs(c: Context) -> list[SourceRef]:
    """Return the citations of the lead, “In short” and the key numbers (no quotes)."""
    return [
        *c["lead"]["cites"],
        *(r for f in c["in_short"] for r in f["cites"]),
        *(r for n in c["key_numbers"] for r in n["cites"]),
    ]


def _cited(item: FactCtx | FigureCtx | StatementCtx, with_quotes: bool) -> list[SourceRef]:
    """Return the citations of a fact, figure or statement, and of its quotes if shown."""
    quotes = [q["cite"] for q in item["quotes"]] if with_quotes else []
    return [*item["cites"], *quotes]


def _bars_refs(chart: ChartCtx) -> list[SourceRef]:
    """Return the citations of a bar chart's sources line and data table."""
    return [*chart["cites"], *(ref for bar in chart["bars"] for ref in bar["cites"])]


def _timeline_refs(chart: TimelineCtx) -> list[SourceRef]:
    """Return the citations of the timeline's sources line and data table."""
    return [*chart["cites"], *(ref for event in chart["events"] for ref in event["cites"])]


def _about_refs(c: Context, charts: ChartsCtx, with_quotes: bool) -> list[SourceRef]:
    """Return the citations of the section on what OK OCE is."""
    facts = [f for topic in c["about"] for f in topic["facts"]]
    return [
        *(r for f in facts for r in _cited(f, with_quotes)),
        *_timeline_refs(charts["timeline"]),
    ]


def _steps_refs(c: Context, charts: ChartsCtx, with_quotes: bool) -> list[SourceRef]:
    """Return the citations of the section on the steps."""
    return _cited(c["steps_intro"], with_quotes)


def _results_refs(c: Context, charts: ChartsCtx, with_quotes: bool) -> list[SourceRef]:
    """Return the citations of the reported results; comparison rows show no quotes."""
    figures = [f for group in c["results"] for f in group["figures"]]
    rows = [ref for comp in c["comparisons"] for row in comp["rows"] for ref in row["cites"]]
    return [
        *(r for f in figures for r in _cited(f, with_quotes)),
        *_bars_refs(charts["funnel"]),
        *rows,
    ]


def _disputes_refs(c: Context, charts: ChartsCtx, with_quotes: bool) -> list[SourceRef]:
    """Return the citations of the disputes; a side that is silence cites nothing."""
    sides = [s for d in c["disputes"] for s in (d["claim"], d["response"]) if not s["silent"]]
    return [r for s in sides for r in _cited(s, with_quotes)]


_SECTION_REFS: dict[str, Callable[[Context, ChartsCtx, bool], list[SourceRef]]] = {
    "about": _about_refs,
    "steps": _steps_refs,
    "results": _results_refs,
    "disputes": _disputes_refs,
}


def render_cards(
    templates_dir: Path,
    context: Context,
    messages: Messages,
    charts: ChartsCtx,
    extras: dict[str, Any],
) -> list[Card]:
    """Render every card of one edition with the page's section macros."""
    return [_card(templates_dir, context, messages, charts, extras, section) for section in CARDS]


def _card(
    templates_dir: Path,
    context: Context,
    messages: Messages,
    charts: ChartsCtx,
    extras: dict[str, Any],
    section: str,
) -> Card:
    """Render one card as an iframe page and as two fragments."""
    card_vars = {
        **extras,
        "card": True,
        "section": section,
        "card_title": card_title(context, messages, section),
        "card_sources": cited_sources(context, charts, section),
        "full_page_href": "../index.html",
    }
    page = render(templates_dir, EMBED_TEMPLATE, context, messages, **card_vars)
    # Fragments carry no id: their citations lead to the full page's sources list.
    pasted = {**card_vars, "id_prefix": Elsewhere(card_vars["full_page_href"])}
    fragment = render(
        templates_dir,
        FRAGMENT_TEMPLATE,
        context,
        messages,
        **pasted,
        fragment_root=FRAGMENT_ROOT_CLASS,
    )
    cms = render_cms_fragment(templates_dir, context, messages, **pasted)
    return Card(section, page, fragment, cms)


def card_files(locale: str, cards: list[Card]) -> list[OutputFile]:
    """Return the files of one edition's cards, under <locale>/embed/."""
    files = []
    for card in cards:
        for path, kind, text in (
            (card_path(card.section), EMBED_KIND, card.page),
            (fragment_path(card.section), FRAGMENT_KIND, card.fragment),
            (cms_fragment_path(card.section), CMS_FRAGMENT_KIND, card.cms),
        ):
            files.append(OutputFile(f"{locale}/{path}", locale, kind, text, card.section))
    return files
