"""The bilingual edition: one PDF with Indonesian and English paragraph by paragraph.

Both languages' contexts are walked in the same order, the model's, and each block
is drawn by a macro of templates/partials/sections.html under its language's
catalog; the two runs of blocks are paired one to one and laid out side by side by
templates/pages/bilingual.html. The PDF is written to `bilingual/ok-oce-explainer-id-en.pdf`
and listed in the manifest with locale "id+en" and kind "pdf". It is built
whenever both Indonesian and English PDFs are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from explainer.context.edition import Edition
from explainer.context.localize import Context
from explainer.facts.model import Explainer
from explainer.i18n.format import N_, translate
from explainer.project import BILINGUAL_LOCALES
from explainer.render.environment import Macros, page_counter_css, render, translating

LEFT, RIGHT = BILINGUAL_LOCALES
TEMPLATE = "pages/bilingual.html"
SECTIONS = "partials/sections.html"
PARTS = "partials/parts.html"
PRINT = "print"

# NOTE: A keyword of the bilingual PDF's metadata: the edition is in two languages.
BILINGUAL = N_("bilingual")

# A block's kind: a heading (h2, h3, h4), a "block" set side by side, or a "wide"
# block (too wide to halve, such as a table) set one language above the other.
Block = tuple[str, Markup]


@dataclass(frozen=True)
class Pair:
    """One block of the edition in both languages."""

    number: int
    kind: str
    left: Markup
    right: Markup


@dataclass(frozen=True)
class Side:
    """One language's half: its context, the macros that draw it, the prefix of its ids."""

    context: Context
    sections: Macros
    parts: Macros
    id_prefix: str


def wanted(locales: list[str]) -> bool:
    """Return whether a build of `locales` includes the bilingual edition."""
    return LEFT in locales and RIGHT in locales


def side_blocks(
    templates_dir: Path, edition: Edition, id_prefix: str, *, originals: bool = True
) -> list[Block]:
    """Return one language's blocks, in the model's order, drawn in its language.

    Without `originals`, the notes give only the translations of the quotes, whose
    original the other half prints.
    """
    side = Side(
        edition.context, Macros(templates_dir, SECTIONS), Macros(templates_dir, PARTS), id_prefix
    )
    with translating(edition.messages):
        return [
            *_opening(side),
            *_about(side),
            *_steps(side),
            *_whos_who(side),
            *_results(side),
            *_comparisons(side),
            *_disputes(side),
            *_unknowns(side),
            *_notes(side, originals),
            *_sources(side),
        ]


def _opening(side: Side) -> Iterator[Block]:
    """Yield the lead, “In short” and the key numbers."""
    c = side.context
    yield "block", side.sections("lead_paragraph", c["lead"], side.id_prefix)
    yield "h2", side.sections("title", "in-short")
    for point in c["in_short"]:
        yield "block", side.parts("fact", point, PRINT, side.id_prefix)
    yield "h2", side.sections("title", "key-numbers")
    yield "block", side.sections("key_number_list", c["key_numbers"], side.id_prefix)


def _whos_who(side: Side) -> Iterator[Block]:
    """Yield who's who."""
    yield "h2", side.sections("title", "whos-who")
    yield "block", side.sections("people_list", side.context["whos_who"], side.id_prefix)


def _unknowns(side: Side) -> Iterator[Block]:
    """Yield what the sources leave open."""
    yield "h2", side.sections("title", "unknowns")
    yield "block", side.sections("unknowns_intro")
    for fact in side.context["unknowns"]:
        yield "block", side.parts("fact", fact, PRINT, side.id_prefix)


def _notes(side: Side, originals: bool) -> Iterator[Block]:
    """Yield the quotes, numbered; each original once, in the half that has `originals`."""
    yield "h2", side.sections("title", "notes")
    yield "block", side.sections("notes_intro")
    for quote in side.context["notes"]:
        yield "block", side.sections("note_paragraph", quote, side.id_prefix, originals)


def _about(side: Side) -> Iterator[Block]:
    """Yield the blocks of the section on what OK OCE is."""
    yield "h2", side.sections("title", "about")
    for topic in side.context["about"]:
        yield "h3", escape(topic["title"])
        for fact in topic["facts"]:
            yield "block", side.parts("fact", fact, PRINT, side.id_prefix)


def _steps(side: Side) -> Iterator[Block]:
    """Yield the blocks of the section on the steps."""
    c = side.context
    yield "h2", side.sections("title", "steps", c["method"])
    yield "block", side.parts("fact", c["steps_intro"], PRINT, side.id_prefix)
    yield "block", side.sections("step_list", c["steps"], c["lang"])


def _results(side: Side) -> Iterator[Block]:
    """Yield the blocks of the reported results."""
    yield "h2", side.sections("title", "results")
    yield "block", side.sections("results_intro")
    for group in side.context["results"]:
        yield "h3", escape(group["title"])
        for figure in group["figures"]:
            yield "block", side.parts("figure_row", figure, PRINT, side.id_prefix)


def _comparisons(side: Side) -> Iterator[Block]:
    """Yield the blocks of the comparisons between sources."""
    yield "h3", side.sections("differences_title")
    for comparison in side.context["comparisons"]:
        yield "h4", escape(comparison["title"])
        yield "wide", side.sections("comparison", comparison, side.id_prefix, False)


def _disputes(side: Side) -> Iterator[Block]:
    """Yield the blocks of the disputed claims."""
    yield "h2", side.sections("title", "disputes")
    yield "block", side.sections("disputes_intro")
    for dispute in side.context["disputes"]:
        yield "h3", escape(dispute["title"])
        yield "block", side.sections("claim", dispute, PRINT, side.id_prefix)
        yield "block", side.sections("response", dispute, PRINT, side.id_prefix)
        yield "block", side.sections("verdict", dispute)


def _sources(side: Side) -> Iterator[Block]:
    """Yield the numbered sources."""
    yield "h2", side.sections("title", "sources")
    for source in side.context["sources"]:
        yield "block", side.sections("source_paragraph", source, side.id_prefix)


def pair(left: list[Block], right: list[Block]) -> list[Pair]:
    """Pair two languages' blocks, which come from the same model one to one."""
    return [
        Pair(n, kind, a, b)
        for n, ((kind, a), (_, b)) in enumerate(zip(left, right, strict=True), start=1)
    ]


def title(editions: dict[str, Edition]) -> str:
    """Return the bilingual edition's title: both languages' titles."""
    return both(editions[LEFT].context["title"], editions[RIGHT].context["title"])


def both(left: str, right: str) -> str:
    """Return a text in both languages, the left one first.

    A middle dot joins them: no one language's catalog joins two languages.
    """
    return f"{left} · {right}"


def render_bilingual(templates_dir: Path, model: Explainer, editions: list[Edition]) -> str:
    """Return the HTML of the bilingual edition."""
    by_locale = {e.locale: e for e in editions}
    left, right = by_locale[LEFT], by_locale[RIGHT]

    def says(edition: Edition, message: str) -> str:
        return edition.messages.gettext(message)

    def dated(edition: Edition) -> str:
        return translate(
            edition.messages, "Edition of {date}", date=edition.context["edition_date"]
        )

    right_pattern = says(right, "Page {page} of {pages}")
    # The right side repeats the left's ids; its prefix keeps each unique.
    pairs = pair(
        side_blocks(templates_dir, left, ""),
        side_blocks(templates_dir, right, f"{RIGHT}-", originals=False),
    )
    return render(
        templates_dir,
        TEMPLATE,
        left.context,
        left.messages,
        left=left.context,
        right=right.context,
        pairs=pairs,
        title=title(by_locale),
        left_title=left.context["title"],
        right_title=right.context["title"],
        left_contents=says(left, "Contents"),
        right_contents=says(right, "Contents"),
        left_edition=dated(left),
        right_edition=dated(right),
        imprint=model.imprint,
        keywords=[*left.context["keywords"], says(left, BILINGUAL), says(right, BILINGUAL)],
        description=both(left.context["description"], right.context["description"]),
        right_page_counter_css=lambda: page_counter_css(right_pattern),
    )
