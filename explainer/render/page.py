"""An edition's web page and print page, its cards, and the files they make."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from explainer.context.edition import Edition
from explainer.facts.model import Explainer
from explainer.i18n.checks import real_fallbacks
from explainer.project import SHARE_IMAGE_SIZE, page_path, pdf_name
from explainer.render.cards import Card, card_files, render_cards
from explainer.render.chart_cards import chart_card_files
from explainer.render.claims import claim_files
from explainer.render.downloads import chart_downloads, chart_files, share_image
from explainer.render.environment import render
from explainer.render.files import OutputFile
from explainer.render.site import page_extras

MEDIA = ("screen", "print")
TEMPLATE = "pages/page.html"


def learn_fallbacks(templates_dir: Path, edition: Edition, model: Explainer) -> None:
    """Render the page once, so the catalog learns which strings fall back to English.

    The page says it is a partial translation only after this first pass; a
    complete translation's pages from it are the ones written (see `render_page`).
    """
    for medium in MEDIA:
        render_page(templates_dir, edition, model, medium)


def page_vars(edition: Edition, model: Explainer, medium: str) -> dict[str, Any]:
    """Return what the page template needs besides the edition's context (the cards too)."""
    return {
        "base_url": edition.base_url,
        "here": page_path(edition.locale),
        "imprint": model.imprint,
        "pdf_href": pdf_name(edition.locale) if edition.has_pdf else None,
        "partial_translation": bool(real_fallbacks(edition.messages)),
        "charts": edition.charts[medium],
        "share_image": share_image(edition),
        "share_size": SHARE_IMAGE_SIZE,
        "chart_downloads": chart_downloads(edition) if medium == "screen" else None,
        **page_extras(model, edition, pdf_name),
    }


def render_page(
    templates_dir: Path,
    edition: Edition,
    model: Explainer,
    medium: str,
    variables: dict[str, Any] | None = None,
) -> str:
    """Return the HTML of an edition for the screen or for print (`variables`: its page_vars).

    A page is rendered again only when what it is made from changed since the last
    time: its variables, or the strings known to fall back (which the first
    rendering learns). So a complete translation's pages are rendered once per build.
    """
    variables = variables or page_vars(edition, model, medium)
    made_from = (templates_dir, variables, frozenset(edition.messages.fallbacks))
    previous = edition.pages.get(medium)
    if previous is not None and previous[0] == made_from:
        return previous[1]
    html = render(
        templates_dir, TEMPLATE, edition.context, edition.messages, medium=medium, **variables
    )
    edition.pages[medium] = (made_from, html)
    return html


def edition_cards(
    templates_dir: Path,
    edition: Edition,
    model: Explainer,
    extras: dict[str, Any] | None = None,
) -> list[Card]:
    """Return the embeddable cards of an edition (`extras`: its screen page_vars)."""
    extras = extras or page_vars(edition, model, "screen")
    charts = edition.charts["screen"]
    return render_cards(templates_dir, edition.context, edition.messages, charts, extras)


def edition_files(templates_dir: Path, edition: Edition, model: Explainer) -> list[OutputFile]:
    """Return an edition's web page, its chart cards, its cards and its charts' SVG and CSV."""
    screen = page_vars(edition, model, "screen")
    page = OutputFile(
        page_path(edition.locale),
        edition.locale,
        "page",
        render_page(templates_dir, edition, model, "screen", screen),
    )
    charts = chart_card_files(
        templates_dir,
        edition.context,
        edition.messages,
        edition.charts["screen"],
        chart_downloads(edition, "../"),
        edition.base_url,
        model.imprint.publisher,
    )
    cards = card_files(edition.locale, edition_cards(templates_dir, edition, model, screen))
    claims = claim_files(templates_dir, model, edition.context, edition.messages, screen)
    images = chart_files(templates_dir, edition, model)
    return [page, *charts, *cards, *claims, *images]
