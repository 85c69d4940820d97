"""The PDF editions, tested by feature: language, metadata, navigation, fonts, tags, bytes.

Every test runs for every locale the session build wrote, and compares the PDF
with the print HTML it was rendered from, so that a new section, citation or
catalog needs no change here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from babel import Locale
from babel.dates import format_date
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from explainer.build import load_model, prepare
from explainer.context.edition import Edition
from explainer.i18n.catalogs import available_locales
from explainer.project import Project, pdf_name
from explainer.render.page import render_page
from tests.pdf.pdfcheck import (
    annotations,
    collapse,
    font_problems,
    link_targets,
    lone_markers,
    outline_titles,
    page_text,
    page_texts,
    split_list,
    struct_types,
    xmp,
)
from tests.support import ROOT, parse_html

LOCALES = available_locales(ROOT / "locales")
# The edition as data/edition.yaml states it, read here without the explainer.
EDITION = yaml.safe_load((ROOT / "data" / "edition.yaml").read_text(encoding="utf-8"))["edition"]
MAX_BYTES = 400_000
A4 = (595.276, 841.89)
# Known-good text of the committed editions, written out rather than computed.
TITLES = {"id": "Memahami OK OCE", "en": "OK OCE explained"}
PDF_TEXT = {
    "id": ["Memahami OK OCE", "65.414", "29.346", "Rp724,5 juta", "17 Maret 2019"],
    "en": ["OK OCE explained", "65,414", "29,346", "IDR 724.5 million", "17 March 2019"],
}


# Containers that print.css (or a stylesheet it includes) leaves out of the PDF.
HIDDEN_IN_PRINT = {"okx-chart-data"}


@dataclass(frozen=True)
class PrintPage:
    """What the print HTML promises the PDF: sections, citation markers, backlinks."""

    sections: list[str]
    markers: list[str]
    backlinks: list[str]


def print_page(html: str) -> PrintPage:
    """Read the sections, citation markers and backlinks that print.css shows."""
    shown = [
        e
        for e in parse_html(html).elements
        if not any(HIDDEN_IN_PRINT & p.classes for p in (*e.parents, e))
    ]
    links = [e for e in shown if e.tag == "a"]
    return PrintPage(
        sections=[e.text for e in shown if e.tag == "h2"],
        markers=[
            e.attrs.get("href", "").removeprefix("#") for e in links if "okx-cite" in e.classes
        ],
        backlinks=[
            e.attrs.get("href", "").removeprefix("#")
            for e in links
            if "okx-cite" not in e.classes and e.inside("span", "okx-backlinks")
        ],
    )


@dataclass
class Built:
    """One edition: its PDF, read, and the print HTML it came from."""

    edition: Edition
    path: Path
    reader: PdfReader
    page: PrintPage

    @property
    def root(self) -> DictionaryObject:
        return self.reader.trailer["/Root"]  # type: ignore[no-any-return]

    def gettext(self, message: str) -> str:
        return self.edition.messages.gettext(message)


@pytest.fixture(scope="module")
def editions(project: Project, dist: Path) -> dict[str, Built]:
    """Every built edition, keyed by locale."""
    model, _ = load_model(project)
    built = {}
    for edition in prepare(project, model, LOCALES):
        path = dist / edition.locale / pdf_name(edition.locale)
        html = render_page(project.templates_dir, edition, model, "print")
        built[edition.locale] = Built(edition, path, PdfReader(path), print_page(html))
    return built


@pytest.fixture(params=LOCALES)
def pdf(request: pytest.FixtureRequest, editions: dict[str, Built]) -> Built:
    """One built edition (the test runs once per locale)."""
    return editions[request.param]


def test_lang_is_the_edition_locale(pdf: Built) -> None:
    assert pdf.root["/Lang"] == pdf.edition.locale


def test_title_is_the_localized_title_and_displayed(pdf: Built) -> None:
    assert pdf.reader.metadata is not None
    title = TITLES.get(pdf.edition.locale, pdf.gettext("OK OCE explained"))
    assert pdf.reader.metadata.title == title
    assert bool(pdf.root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_metadata_names_publisher_subject_keywords_and_date(pdf: Built) -> None:
    info = pdf.reader.metadata
    assert info is not None
    assert info.author == EDITION["publisher"]
    assert info.subject and "OK OCE" in info.subject
    assert "OK OCE" in (info.get("/Keywords") or "").split(", ")
    date = dt.date.fromisoformat(EDITION["date"])
    assert info.creation_date is not None
    assert info.creation_date.date() == date


def test_a_bookmark_for_every_section(pdf: Built) -> None:
    sections = [collapse(s) for s in pdf.page.sections]
    assert sections, "the print HTML has no sections"
    assert outline_titles(pdf.reader) == sections


def test_bookmarks_lead_to_increasing_pages(pdf: Built) -> None:
    pages = [
        pdf.reader.get_destination_page_number(item)
        for item in pdf.reader.outline
        if not isinstance(item, list)
    ]
    assert pages == sorted(pages)
    assert pages[0] == 0, "“In short” opens the first page"
    assert pages[-1] < len(pdf.reader.pages)


def test_every_citation_marker_links_to_its_source(pdf: Built) -> None:
    links = Counter(link_targets(pdf.reader))
    markers = Counter(pdf.page.markers)
    assert markers, "the print HTML has no citation markers"
    missing = {anchor: n for anchor, n in markers.items() if links[anchor] < n}
    assert not missing, f"citation markers without a link annotation: {missing}"
    for anchor in markers:
        assert anchor in pdf.reader.named_destinations, f"no destination {anchor!r}"


def test_every_source_entry_links_back(pdf: Built) -> None:
    links = set(link_targets(pdf.reader))
    assert pdf.page.backlinks, "the source list has no backlinks"
    assert set(pdf.page.backlinks) <= links
    assert set(pdf.page.backlinks) <= set(pdf.reader.named_destinations)


def test_link_areas_can_be_clicked(pdf: Built) -> None:
    for annot in annotations(pdf.reader):
        x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
        assert abs(x2 - x1) > 1 and abs(y2 - y1) > 1, f"empty link area {annot!r}"


def test_every_font_is_embedded_and_bundled(pdf: Built) -> None:
    assert font_problems(pdf.reader) == []


def test_tagged_with_a_structure_tree(pdf: Built) -> None:
    assert bool(pdf.root["/MarkInfo"]["/Marked"])
    types = Counter(struct_types(pdf.reader))
    assert types["/H1"] == 1
    assert types["/H2"] == len(pdf.page.sections)
    assert types["/Link"] >= len(pdf.page.markers)
    assert types["/P"] > 0


def test_headings_are_tagged_in_order(pdf: Built) -> None:
    levels = [int(t[2:]) for t in struct_types(pdf.reader) if re.fullmatch(r"/H[1-6]", t)]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"H{before} is followed by H{after}"


def test_localized_page_labels_in_the_text(pdf: Built) -> None:
    pages = len(pdf.reader.pages)
    label = pdf.gettext("Page {page} of {pages}")
    for number in range(2, pages + 1):
        text = collapse(page_texts(pdf.path)[number - 1])
        assert label.format(page=number, pages=pages) in text, f"page {number}"


def test_the_first_page_opens_with_lead_in_short_and_key_numbers(pdf: Built) -> None:
    text = collapse(page_text(pdf.path, 0))
    locale = pdf.edition.locale
    date = dt.date.fromisoformat(EDITION["date"])
    assert TITLES.get(locale, pdf.gettext("OK OCE explained")) in text
    assert Locale.parse(locale).get_display_name(locale).casefold() in text.casefold()
    # Both editions write dates day first: "23 November 2026".
    assert format_date(date, "d MMMM y", locale=locale) in text
    assert pdf.gettext("Page {page} of {pages}").split("{")[0].strip() not in text
    context = pdf.edition.context
    lead = collapse(context["lead"]["text"])
    assert lead[:60] in text
    in_short, key_numbers = pdf.gettext("In short"), pdf.gettext("Key numbers")
    assert text.index(lead[:60]) < text.casefold().index(in_short.casefold())
    assert text.casefold().index(in_short.casefold()) < text.casefold().index(
        key_numbers.casefold()
    )
    for number in context["key_numbers"]:
        assert collapse(number["value"]) in text


# Five short articles: the editions stay short (A4, without losing anything).
# (A side of a dispute that quotes several people names them all: one page more.)
MAX_PAGES = {"en": 17, "id": 16}


def test_the_pdf_is_short(pdf: Built) -> None:
    pages = len(pdf.reader.pages)
    assert pages <= MAX_PAGES.get(pdf.edition.locale, 17), pages


def test_the_steps_are_printed_on_one_page(pdf: Built) -> None:
    """The seven steps are read as one list; print.css keeps it from being cut."""
    # Each item as the PDF's text has it: its number, then the step's name.
    items = [f"{step['number']} {step['name']}" for step in pdf.edition.context["steps"]]
    assert split_list(pdf.path, items) is None


def test_the_running_head_names_the_section_at_the_top_of_the_page(pdf: Built) -> None:
    """Not the one that starts lower down the page (print.css: `string(section, start)`).
    Where each section starts comes from the bookmarks."""
    title = pdf.gettext("OK OCE explained")
    starts = [
        (pdf.reader.get_destination_page_number(item) + 1, collapse(item.title))
        for item in pdf.reader.outline
        if not isinstance(item, list)
    ]
    assert len(starts) > 5
    wrong = []
    for number, text in enumerate(page_texts(pdf.path)[1:], start=2):
        before = [name for page, name in starts if page < number]
        here = [name for page, name in starts if page == number]
        rest = collapse(text).removeprefix(title).strip()
        head = next((name for _, name in starts if rest.startswith(name)), "")
        opens_here = bool(here) and rest[len(head) :].strip().startswith(here[0])
        top = here[0] if opens_here else (before[-1] if before else "")
        if head != top:
            wrong.append(f"page {number}: the head says {head!r}, the page opens in {top!r}")
    assert wrong == [], "\n".join(wrong)


def test_no_citation_marker_opens_a_line(pdf: Built) -> None:
    """A marker stays on the line of the word it follows (a word joiner before it, and in
    a chart the word goes down with it)."""
    assert lone_markers(pdf.path) == []


def test_each_quote_is_printed_once_as_a_numbered_note(pdf: Built) -> None:
    text = collapse(" ".join(page_texts(pdf.path)))
    notes = pdf.edition.context["notes"]
    assert notes and [q["note"] for q in notes] == list(range(1, len(notes) + 1))
    passage = collapse(notes[0]["text"])[:40]
    assert text.count(passage) == 1


def test_a4_by_default(pdf: Built) -> None:
    for page in pdf.reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4)


def test_accessible_variant_by_default(pdf: Built) -> None:
    assert b'pdfuaid:part="1"' in xmp(pdf.reader)


def test_under_the_size_limit(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    pdfs = [a for a in manifest["artifacts"] if a["kind"] == "pdf"]
    assert pdfs
    for artifact in pdfs:
        assert artifact["bytes"] < MAX_BYTES, artifact["path"]
        assert (dist / artifact["path"]).stat().st_size == artifact["bytes"]


@pytest.mark.parametrize("locale", sorted(PDF_TEXT))
def test_pdf_text_holds_the_locale_formatted_figures(
    editions: dict[str, Built], locale: str
) -> None:
    text = " ".join(collapse(page) for page in page_texts(editions[locale].path))
    text = text.replace("\u00a0", " ")
    for expected in PDF_TEXT[locale]:
        assert expected in text, expected
