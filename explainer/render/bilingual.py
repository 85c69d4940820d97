"""The bilingual edition: one PDF with Indonesian and English paragraph by paragraph.

Each language renders `bilingual_side.html` with its own catalog, as a run of
marked blocks; the runs are paired up block by block and laid out side by side
by `bilingual.html`. The PDF is written to `bilingual/ok-oce-explainer-id-en.pdf`
and listed in the manifest with locale "id+en" and kind "pdf". It is built
whenever both Indonesian and English PDFs are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from explainer.context.edition import Edition
from explainer.errors import InputError, Problem
from explainer.facts.model import Explainer
from explainer.i18n.format import N_, translate
from explainer.project import BILINGUAL_LOCALES
from explainer.render.environment import page_counter_css, render

LEFT, RIGHT = BILINGUAL_LOCALES

# NOTE: A keyword of the bilingual PDF's metadata: the edition is in two languages.
BILINGUAL = N_("bilingual")

_MARK = re.compile(r"<!--okx:(h2|h3|h4|block|wide)-->")
_ID = re.compile(r'\bid="')


@dataclass(frozen=True)
class Pair:
    """One block of the edition in both languages."""

    number: int
    kind: str
    left: Markup
    right: Markup


def wanted(locales: list[str]) -> bool:
    """Return whether a build of `locales` includes the bilingual edition."""
    return LEFT in locales and RIGHT in locales


def blocks(html: str) -> list[tuple[str, Markup]]:
    """Split a rendered `bilingual_side.html` into (kind, HTML) blocks."""
    parts = _MARK.split(html)
    kinds, bodies = parts[1::2], parts[2::2]
    return [(kind, Markup(body.strip())) for kind, body in zip(kinds, bodies, strict=True)]


def pair(left: list[tuple[str, Markup]], right: list[tuple[str, Markup]]) -> list[Pair]:
    """Pair two languages' blocks; their kinds must line up one to one."""
    if [k for k, _ in left] != [k for k, _ in right]:
        raise ValueError("the two languages' blocks do not line up")
    return [
        # The right side repeats the left's ids; prefix them so each stays unique.
        Pair(n, kind, a, Markup(_ID.sub(f'id="{RIGHT}-', b)))
        for n, ((kind, a), (_, b)) in enumerate(zip(left, right, strict=True), start=1)
    ]


def title(editions: dict[str, Edition]) -> str:
    """Return the bilingual edition's title: both languages' titles."""
    return f"{editions[LEFT].context['title']} · {editions[RIGHT].context['title']}"


def render_bilingual(templates_dir: Path, model: Explainer, editions: list[Edition]) -> str:
    """Return the HTML of the bilingual edition."""
    by_locale = {e.locale: e for e in editions}
    left, right = by_locale[LEFT], by_locale[RIGHT]

    def side(edition: Edition) -> list[tuple[str, Markup]]:
        html = render(templates_dir, "bilingual_side.html", edition.context, edition.messages)
        return blocks(html)

    def says(edition: Edition, message: str) -> str:
        return edition.messages.gettext(message)

    def dated(edition: Edition) -> str:
        return translate(
            edition.messages, "Edition of {date}", date=edition.context["edition_date"]
        )

    right_pattern = says(right, "Page {page} of {pages}")
    try:
        pairs = pair(side(left), side(right))
    except ValueError as error:
        place = str(templates_dir / "bilingual_side.html")
        raise InputError([Problem(place, f"{error}: the same blocks must come in both")]) from None
    return render(
        templates_dir,
        "bilingual.html",
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
        description=right.context["description"],
        right_page_counter_css=lambda: page_counter_css(right_pattern),
    )
