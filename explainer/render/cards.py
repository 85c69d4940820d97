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
    DisputeCtx,
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
    oembed_path,
    page_path,
)
from explainer.render.anchors import Elsewhere
from explainer.render.cms import render_cms_fragment
from explainer.render.environment import render
from explainer.render.files import OutputFile
from explainer.render.oembed import WIDTH as OEMBED_WIDTH
from explainer.render.oembed import oembed_file, oembed_json
from explainer.urls import site_link

SECTIONS = ("about", "steps", "results", "disputes", "sources")
CARDS = (*SECTIONS, "all")
ROOT_CLASS = "okoce-explainer"
EMBED_TEMPLATE = "pages/embed.html"
FRAGMENT_TEMPLATE = "pages/fragment.html"
# The version of a fragment's styles, in its root class. A fragment's <style> stays on
# the outlet's page with every fragment pasted later; raise it whenever the fragment's
# CSS changes, so that later fragments' rules cannot restyle earlier ones.
STYLE_VERSION = 7
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


@dataclass(frozen=True)
class Heights:
    """A card's iframe height on phones (up to 400 CSS px wide) and desktops (1024 and up)."""

    phone: int
    desktop: int


# The height an iframe has before the card first reports its own, and keeps where the
# host page strips scripts: about one screen, so the card's start shows and the rest
# scrolls inside the frame; less where the whole card is shorter than that.
FALLBACK_HEIGHTS = {
    "about": Heights(600, 900),
    "steps": Heights(600, 960),
    "results": Heights(600, 900),
    "disputes": Heights(600, 900),
    "sources": Heights(600, 700),
    "all": Heights(600, 900),
}
# The viewport widths between which the height goes from `phone` to `desktop`.
PHONE_WIDTH, DESKTOP_WIDTH = 400, 1024

# NOTE: Link under an embedded card, shown where a site or a feed reader drops the frame
# or its script; it opens the card on its own. {title} is the card's title, e.g.
# “OK OCE explained: Sources”.
FALLBACK_LINK = N_("Read “{title}” on its own page")
# NOTE: Button on an AMP page (Google's format for fast mobile pages) under an embedded
# card that does not fit the space the page gave it; it lets the card grow to its full
# length.
AMP_OVERFLOW = N_("Show the whole card")

# Runs on the host page, and only trusts messages from our iframes' own windows and
# origins: {okxHeight} resizes the iframe (and hides the link under it, which readers
# need only when the frame cannot report), {okxScrollTo} scrolls the page to that offset
# within the card, less 8 px so the entry does not touch the window's edge (a citation
# clicked inside it). See templates/partials/card_resize.html.
_HOST_SCRIPT = """<script>
addEventListener("message", function (e) {
  var d = e.data;
  if (!d || typeof d !== "object") return;
  document.querySelectorAll("iframe[data-okx-embed]").forEach(function (f) {
    if (e.source !== f.contentWindow || e.origin !== new URL(f.src).origin) return;
    if (typeof d.okxHeight === "number" && isFinite(d.okxHeight) && d.okxHeight >= 0) {
      f.style.height = Math.ceil(d.okxHeight) + "px";
      var link = f.nextElementSibling;
      if (link && link.hasAttribute("data-okx-fallback")) link.hidden = true;
    }
    if (typeof d.okxScrollTo === "number" && isFinite(d.okxScrollTo)) {
      scrollTo(scrollX, f.getBoundingClientRect().top + scrollY + d.okxScrollTo - 8);
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
    heights: Heights
    snippet: str
    amp: str
    # The CMS-safe fragment's address.
    cms: str


@dataclass(frozen=True)
class Card:
    """One rendered card: the iframe page, the styled fragment and the CMS-safe one."""

    section: str
    page: str
    fragment: str
    cms: str
    # The card's oEmbed answer (only with the site's address).
    oembed: str | None = None


def card_title(context: Context, messages: Messages, section: str) -> str:
    """Return a card's title in the edition's language."""
    title = translate(messages, TITLES[section], method=context["method"])
    if section == "all":
        return title
    # NOTE: The title of a card holding one section, e.g. “OK OCE explained: Sources”.
    # {explainer} is the explainer's title, {section} the section's heading.
    pattern = N_("{explainer}: {section}")
    return translate(messages, pattern, explainer=context["title"], section=title)


def standalone_title(context: Context, messages: Messages, name: str) -> str:
    """Return the title of a page that shows one part of an edition (a chart, a claim)."""
    # NOTE: The title of a page showing one chart or one disputed claim, e.g. “How many
    # were trained? · OK OCE explained”. {part} is the chart's or the claim's title,
    # {explainer} the explainer's.
    pattern = N_("{part} · {explainer}")
    return translate(messages, pattern, part=name, explainer=context["title"])


def height_style(heights: Heights) -> str:
    """Return a CSS height that goes from the phone to the desktop height with the viewport.

    A plain pixel height comes first, for browsers without clamp().
    """
    if heights.phone == heights.desktop:
        return f"height:{heights.desktop}px"
    rise, run = heights.desktop - heights.phone, DESKTOP_WIDTH - PHONE_WIDTH
    between = f"calc({heights.phone}px + (100vw - {PHONE_WIDTH}px) * {rise} / {run})"
    return (
        f"height:{heights.desktop}px;"
        f"height:clamp({heights.phone}px, {between}, {heights.desktop}px)"
    )


def snippet(src: str, title: str, heights: Heights, link_text: str) -> str:
    """Return the copy-paste embed code of a card: the iframe, a link, the host script."""
    iframe = (
        f'<iframe src="{escape(src)}" title="{escape(title)}" loading="lazy" data-okx-embed'
        f' style="display:block;width:100%;{height_style(heights)};border:0"></iframe>'
    )
    link = f'<p data-okx-fallback><a href="{escape(src)}">{escape(link_text)}</a></p>'
    return f"{iframe}\n{link}\n{_HOST_SCRIPT}"


def oembed_snippet(src: str, title: str, heights: Heights, link_text: str) -> str:
    """Return the `html` of a card's oEmbed answer: the iframe, a fallback, the host script.

    A WordPress that discovers the card keeps only the iframe and the blockquote (its
    class `wp-embedded-content` makes WordPress hide the iframe until the card answers
    the embed protocol, then hide the blockquote); one that trusts the provider keeps
    everything, and the host script resizes the iframe.
    """
    iframe = (
        f'<iframe class="wp-embedded-content" src="{escape(src)}" title="{escape(title)}"'
        f' width="{OEMBED_WIDTH}" height="{heights.desktop}" frameborder="0" scrolling="no"'
        f' data-okx-embed style="display:block;width:100%;{height_style(heights)};border:0">'
        "</iframe>"
    )
    quote = (
        '<blockquote class="wp-embedded-content" data-okx-fallback>'
        f'<a href="{escape(src)}">{escape(link_text)}</a></blockquote>'
    )
    return f"{iframe}\n{quote}\n{_HOST_SCRIPT}"


def card_oembed(
    messages: Messages,
    src: str,
    title: str,
    heights: Heights,
    provider: tuple[str, str],
    thumbnail: tuple[str, int, int] | None = None,
) -> str:
    """Return the oEmbed answer of the card at `src`; `provider` is (base URL, publisher)."""
    base_url, publisher = provider
    link = translate(messages, FALLBACK_LINK, title=title)
    return oembed_json(
        html=oembed_snippet(src, title, heights, link),
        title=title,
        height=heights.desktop,
        provider=publisher,
        provider_url=base_url,
        thumbnail=thumbnail,
    )


def amp_snippet(src: str, title: str, heights: Heights, overflow_text: str) -> str:
    """Return the embed code of a card for an AMP page: a resizable <amp-iframe>.

    AMP resizes it on the card's "embed-size" message, or, when that would move what
    the reader is looking at, shows the overflow button. The sandbox lets the card's
    links open a tab or, on a click, the top page.
    """
    sandbox = (
        "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        " allow-top-navigation-by-user-activation"
    )
    return (
        f'<amp-iframe src="{escape(src)}" title="{escape(title)}" width="auto"'
        f' height="{heights.phone}" layout="fixed-height" sandbox="{sandbox}"'
        ' resizable frameborder="0">\n'
        f'  <div overflow tabindex="0" role="button" aria-label="{escape(overflow_text)}">'
        f"{escape(overflow_text)}</div>\n"
        "</amp-iframe>"
    )


def embed_codes(
    context: Context, messages: Messages, base_url: str | None = None
) -> dict[str, EmbedCode]:
    """Return the embed code of every card (relative to the page without a base URL)."""
    codes = {}
    page = page_path(context["lang"])
    for section in CARDS:
        title = card_title(context, messages, section)
        src = site_link(base_url, page, f"{context['lang']}/{card_path(section)}")
        heights = FALLBACK_HEIGHTS[section]
        heading = translate(messages, TITLES[section], method=context["method"])
        link = translate(messages, FALLBACK_LINK, title=title)
        overflow = translate(messages, AMP_OVERFLOW)
        codes[section] = EmbedCode(
            section,
            title,
            heading,
            src,
            site_link(base_url, page, f"{context['lang']}/{fragment_path(section)}"),
            heights,
            snippet(src, title, heights, link),
            amp_snippet(src, title, heights, overflow),
            site_link(base_url, page, f"{context['lang']}/{cms_fragment_path(section)}"),
        )
    return codes


def cited_sources(context: Context, charts: ChartsCtx, section: str) -> list[SourceCtx]:
    """Return the sources a card cites, in the page's order (all of them for "sources")."""
    if section == "sources":
        return list(context["sources"])
    return sources_of(context, card_refs(context, charts, section))


def sources_of(context: Context, refs: list[SourceRef]) -> list[SourceCtx]:
    """Return the sources `refs` cite, in the page's order."""
    numbers = {ref["number"] for ref in refs}
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
    """Return the citations of the disputes."""
    return [r for d in c["disputes"] for r in dispute_refs(d, with_quotes)]


def dispute_refs(dispute: DisputeCtx, with_quotes: bool) -> list[SourceRef]:
    """Return the citations of a dispute's two sides; a side that is silence cites nothing."""
    sides = [s for s in (dispute["claim"], dispute["response"]) if not s["silent"]]
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
    """Render one card as an iframe page and as two fragments (and its oEmbed answer)."""
    base_url, lang = extras["base_url"], context["lang"]
    here = f"{lang}/{card_path(section)}"
    oembed_href = site_link(base_url, here, f"{lang}/{oembed_path(section)}") if base_url else None
    card_vars = {
        **extras,
        "oembed_href": oembed_href,
        "card": True,
        "section": section,
        "card_title": card_title(context, messages, section),
        "card_sources": cited_sources(context, charts, section),
        "here": here,
        "full_page_href": site_link(base_url, here, page_path(lang)),
    }
    page = render(templates_dir, EMBED_TEMPLATE, context, messages, **card_vars)
    # Fragments carry no id: their citations lead to the full page's sources list.
    pasted = {
        **card_vars,
        "here": f"{lang}/{fragment_path(section)}",
        "id_prefix": Elsewhere(card_vars["full_page_href"]),
    }
    fragment = render(
        templates_dir,
        FRAGMENT_TEMPLATE,
        context,
        messages,
        **pasted,
        fragment_root=FRAGMENT_ROOT_CLASS,
    )
    cms = render_cms_fragment(
        templates_dir,
        context,
        messages,
        **{**pasted, "here": f"{lang}/{cms_fragment_path(section)}"},
    )
    code: EmbedCode = extras["embed_codes"][section]
    oembed = None
    if base_url:
        provider = (base_url, extras["imprint"].publisher)
        thumbnail = _thumbnail(extras, base_url, here)
        oembed = card_oembed(messages, code.src, code.title, code.heights, provider, thumbnail)
    return Card(section, page, fragment, cms, oembed)


def _thumbnail(extras: dict[str, Any], base_url: str, here: str) -> tuple[str, int, int] | None:
    """Return the edition's share image as an oEmbed thumbnail, if the build makes it."""
    if not extras["share_image"]:
        return None
    width, height = extras["share_size"]
    return site_link(base_url, here, extras["share_image"]), width, height


def card_files(locale: str, cards: list[Card]) -> list[OutputFile]:
    """Return the files of one edition's cards, under <locale>/embed/."""
    files = []
    for card in cards:
        if card.oembed is not None:
            files.append(oembed_file(locale, card.section, card.oembed))
        for path, kind, text in (
            (card_path(card.section), EMBED_KIND, card.page),
            (fragment_path(card.section), FRAGMENT_KIND, card.fragment),
            (cms_fragment_path(card.section), CMS_FRAGMENT_KIND, card.cms),
        ):
            files.append(OutputFile(f"{locale}/{path}", locale, kind, text, card.section))
    return files
