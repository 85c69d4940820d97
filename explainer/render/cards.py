"""Embeddable cards: each section of an edition as an iframe page and an inline fragment.

A card is cut from the page template's own section blocks, so a card never
says anything the page does not. Its sources list keeps only the sources the
card's content cites, numbered as on the page. Two forms per card:

    embed/<section>.html           a self-contained page for an <iframe>; it posts
                                   its height to the parent window (kind "embed")
    embed/<section>.fragment.html  markup to paste into a CMS: no script, every
                                   CSS selector under the root class, every id
                                   prefixed (kind "fragment")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from explainer.context.localize import TITLE, Context, SourceCtx
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import N_, translate
from explainer.project import card_path, fragment_path
from explainer.render.environment import render, render_blocks
from explainer.render.files import OutputFile

SECTIONS = ("about", "steps", "results", "disputes", "sources")
CARDS = (*SECTIONS, "all")
ROOT_CLASS = "okoce-explainer"

# Card titles: the page's own section headings, which say what each card holds.
TITLES = {
    # NOTE: Heading of the section on what the programme is.
    "about": N_("What OK OCE is"),
    # NOTE: Heading of the section on the method. {method} is its name, kept in
    # Indonesian, e.g. “7 PAS”.
    "steps": N_("The {method} steps"),
    # NOTE: Heading of the section listing the figures the sources report.
    "results": N_("Reported results"),
    # NOTE: Heading of the section on claims and the responses to them.
    "disputes": N_("Disputed claims"),
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

# Attributes whose value is one or more ids of the same document.
_ID_ATTRS = re.compile(
    r'(\s(?:id|for|headers|aria-labelledby|aria-describedby|aria-controls)=")([^"]*)"'
)
_FRAGMENT_HREF = re.compile(r'(\shref="#)([^"]*)"')
_CITED = re.compile(r'\shref="#source-(\d+)"')
# A card lists its sources without the page's "cited in" backlinks, so the
# citation markers need no ids (it keeps the whole-explainer card light).
_MARKER_ID = re.compile(r'\sid="cite-[^"]+"')
_QUOTES = re.compile(r'<details class="okx-quotes">.*?</details>', re.S)

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
    src: str
    fragment: str
    height: int
    snippet: str


@dataclass(frozen=True)
class Card:
    """One rendered card: the iframe page and the inline fragment."""

    section: str
    page: str
    fragment: str


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
        codes[section] = EmbedCode(
            section, title, src, fragment_path(section), height, snippet(src, title, height)
        )
    return codes


def cited_sources(context: Context, html: str | None) -> list[SourceCtx]:
    """Return the sources `html` cites (all of them for None), without backlinks."""
    numbers = {int(n) for n in _CITED.findall(html)} if html is not None else None
    return [
        SourceCtx(**{**s, "backlinks": []})
        for s in context["sources"]
        if numbers is None or s["number"] in numbers
    ]


def scope_ids(html: str, prefix: str) -> str:
    """Prefix every id, and every reference to one, so pasted cards cannot collide."""

    def ids(match: re.Match[str]) -> str:
        values = " ".join(prefix + v for v in match.group(2).split())
        return f'{match.group(1)}{values}"'

    def href(match: re.Match[str]) -> str:
        return f'{match.group(1)}{prefix}{match.group(2)}"'

    return _FRAGMENT_HREF.sub(href, _ID_ATTRS.sub(ids, html))


def render_cards(
    templates_dir: Path, context: Context, messages: Messages, extras: dict[str, Any]
) -> list[Card]:
    """Render every card of one edition from the page template's section blocks."""
    page_vars = {**extras, "medium": "screen"}
    parts = render_blocks(
        templates_dir,
        "page.html",
        context,
        messages,
        [(s, {}) for s in SECTIONS if s != "sources"],
        **page_vars,
    )
    parts = [_MARKER_ID.sub("", part) for part in parts]
    content = dict(zip([s for s in SECTIONS if s != "sources"], parts, strict=True))
    content["sources"] = ""
    # The whole-explainer card leaves out the verbatim quotes, which the section
    # cards and the page keep: with them it would outgrow the 15 KB card budget.
    content["all"] = _QUOTES.sub("", "".join(parts))
    lists = render_blocks(
        templates_dir,
        "page.html",
        context,
        messages,
        [("sources", {"sources": cited_sources(context, _cites_in(s, content[s]))}) for s in CARDS],
        **page_vars,
    )
    return [
        _card(templates_dir, context, messages, extras, section, content[section] + sources)
        for section, sources in zip(CARDS, lists, strict=True)
    ]


def _cites_in(section: str, html: str) -> str | None:
    """Return what a card's sources list should cover (None: every source)."""
    return None if section == "sources" else html


def _card(
    templates_dir: Path,
    context: Context,
    messages: Messages,
    extras: dict[str, Any],
    section: str,
    body: str,
) -> Card:
    card_vars = {
        **extras,
        "card": True,
        "section": section,
        "card_title": card_title(context, messages, section),
        "card_body": Markup(body),
        "full_page_href": "../index.html",
    }
    page = render(templates_dir, "embed.html", context, messages, **card_vars)
    fragment = render(templates_dir, "fragment.html", context, messages, **card_vars)
    return Card(section, page, scope_ids(fragment, f"okx-{context['lang']}-{section}-"))


def card_files(locale: str, cards: list[Card]) -> list[OutputFile]:
    """Return the files of one edition's cards, under <locale>/embed/."""
    files = []
    for card in cards:
        files.append(
            OutputFile(
                f"{locale}/{card_path(card.section)}", locale, "embed", card.page, card.section
            )
        )
        files.append(
            OutputFile(
                f"{locale}/{fragment_path(card.section)}",
                locale,
                "fragment",
                card.fragment,
                card.section,
            )
        )
    return files
