"""The bilingual edition: one PDF with Indonesian and English paragraph by paragraph.

Each language renders `bilingual_side.html` with its own catalog, as a run of
marked blocks; the runs are paired up block by block and laid out side by side
by `bilingual.html`. The PDF is written to `bilingual/ok-oce-explainer-id-en.pdf`
and listed in the manifest with locale "id+en" and kind "pdf". It is built
whenever both Indonesian and English PDFs are.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from explainer.errors import InputError, Problem
from explainer.output import Artifact, describe
from explainer.pdf import PdfMetadata, PrintOptions
from explainer.render import page_counter_css, render

if TYPE_CHECKING:
    from explainer.build import Edition, Project
    from explainer.model import Explainer

LEFT, RIGHT = "id", "en"
LOCALE = f"{LEFT}+{RIGHT}"
FOLDER = "bilingual"
PDF_NAME = f"ok-oce-explainer-{LEFT}-{RIGHT}.pdf"
KEYWORDS = ["OK OCE", "Jakarta", "UMKM", "7 PAS", "bilingual", "dwibahasa"]

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
    left, right = editions[LEFT].messages, editions[RIGHT].messages
    return f"{left.gettext('OK OCE explained')} · {right.gettext('OK OCE explained')}"


def render_bilingual(project: Project, model: Explainer, editions: dict[str, Edition]) -> str:
    """Return the HTML of the bilingual edition."""
    left, right = editions[LEFT], editions[RIGHT]

    def side(edition: Edition) -> list[tuple[str, Markup]]:
        html = render(
            project.templates_dir, "bilingual_side.html", edition.context, edition.messages
        )
        return blocks(html)

    def says(edition: Edition, message: str) -> str:
        return edition.messages.gettext(message)

    def dated(edition: Edition) -> str:
        return says(edition, "Edition of %(date)s") % {"date": edition.context["edition_date"]}

    right_pattern = says(right, "Page {page} of {pages}")
    try:
        pairs = pair(side(left), side(right))
    except ValueError as error:
        place = str(project.templates_dir / "bilingual_side.html")
        raise InputError([Problem(place, f"{error}: the same blocks must come in both")]) from None
    return render(
        project.templates_dir,
        "bilingual.html",
        left.context,
        left.messages,
        left=left.context,
        right=right.context,
        pairs=pairs,
        title=title(editions),
        left_title=says(left, "OK OCE explained"),
        right_title=says(right, "OK OCE explained"),
        left_contents=says(left, "Contents"),
        right_contents=says(right, "Contents"),
        left_edition=dated(left),
        right_edition=dated(right),
        edition=model.edition,
        right_page_counter_css=lambda: page_counter_css(right_pattern),
    )


def write_bilingual(
    project: Project,
    model: Explainer,
    editions: list[Edition],
    stage: Path,
    log: Callable[[str], None],
    print_options: PrintOptions | None = None,
) -> Artifact:
    """Write the bilingual PDF into `stage`; return its manifest entry."""
    from explainer.pdf import write_pdf

    started = time.perf_counter()
    by_locale = {e.locale: e for e in editions}
    html = render_bilingual(project, model, by_locale)
    right = by_locale[RIGHT].messages
    meta = PdfMetadata(
        title=title(by_locale),
        lang=LEFT,
        authors=[model.edition.publisher],
        description=right.gettext(
            "What OK OCE is, the %(method)s steps, the reported results and the disputed "
            "claims, with sources."
        )
        % {"method": "7 PAS"},
        keywords=KEYWORDS,
        created=f"{by_locale[LEFT].context['edition_date_iso']}T00:00:00Z",
    )
    target = stage / FOLDER / PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    refused = write_pdf(html, target, meta, print_options)
    if refused:
        problem = f"the PDF asked for resources outside the assets: {refused}"
        raise InputError([Problem(str(project.templates_dir / "bilingual.html"), problem)])
    log(f"wrote {FOLDER}/{PDF_NAME} ({time.perf_counter() - started:.2f} s)")
    return describe(stage, target, LOCALE, "pdf")
