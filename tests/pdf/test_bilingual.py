"""The bilingual PDF of the session build: manifest entry, links, metadata, bookmarks, labels."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from explainer.build import load_model
from explainer.context.edition import Edition
from explainer.project import Project, bilingual_pdf_path
from explainer.render import bilingual
from tests.pdf.pdfcheck import (
    collapse,
    font_problems,
    link_targets,
    lone_markers,
    outline_titles,
    page_text,
    page_words,
    split_list,
    struct_types,
)
from tests.support import needs_both


@pytest.fixture(scope="module")
def reader(dist: Path) -> PdfReader:
    """The bilingual PDF of the session build."""
    return PdfReader(dist / bilingual_pdf_path())


@needs_both
def test_listed_in_the_manifest(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    entries = [a for a in manifest["artifacts"] if a["locale"] == "id+en"]
    assert [(a["path"], a["kind"]) for a in entries] == [
        ("bilingual/ok-oce-explainer-id-en.pdf", "pdf")
    ]


@needs_both
def test_every_link_has_a_destination(reader: PdfReader) -> None:
    targets = set(link_targets(reader))
    assert {f"source-{n}" for n in range(1, 4)} <= targets
    assert targets <= set(reader.named_destinations)


@needs_both
def test_language_title_subject_bookmarks_fonts_and_tags(
    reader: PdfReader, bilingual_html: str, bilingual_editions: list[Edition]
) -> None:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == bilingual.LEFT
    assert reader.metadata is not None
    assert reader.metadata.title == re.search(r"<title>(.*?)</title>", bilingual_html).group(1)  # type: ignore[union-attr]
    # The subject (the page's description) in both languages, as the title is.
    subject = collapse(reader.metadata.subject or "")
    for edition in bilingual_editions:
        assert collapse(str(edition.context["description"])) in subject, edition.locale
    sections = len(re.findall(r"<h2\b", bilingual_html))
    assert len(outline_titles(reader)) == sections
    assert Counter(struct_types(reader))["/H2"] == sections
    assert font_problems(reader) == []


@needs_both
def test_page_labels_in_both_languages(
    reader: PdfReader, bilingual_editions: list[Edition], dist: Path
) -> None:
    pages = len(reader.pages)
    text = collapse(page_text(dist / bilingual_pdf_path(), 1))
    for edition in bilingual_editions:
        label = edition.messages.gettext("Page {page} of {pages}")
        assert label.format(page=2, pages=pages) in text


@needs_both
def test_the_edition_is_short_and_opens_with_the_lead(reader: PdfReader) -> None:
    assert len(reader.pages) <= 23
    first = collapse(reader.pages[0].extract_text())
    assert "Ringkasnya" in first and "In short" in first


@needs_both
def test_the_steps_are_printed_on_one_page(dist: Path, project: Project) -> None:
    """Both halves' lists of steps, side by side, on one page (print.css)."""
    model, _ = load_model(project)
    items = [f"{number} {step.name}" for number, step in enumerate(model.steps.steps, start=1)]
    assert split_list(dist / bilingual_pdf_path(), items) is None


@needs_both
def test_no_citation_marker_opens_a_line(dist: Path) -> None:
    assert lone_markers(dist / bilingual_pdf_path()) == []


@needs_both
def test_the_columns_stay_inside_the_text_block(dist: Path) -> None:
    """Each half is a table cell of 50 % with its padding inside (it was outside, so the
    English half ran some 8 mm into the right margin): no word of the body ends right of
    where the running head ends."""
    words = [w for page in page_words(dist / bilingual_pdf_path()) for w in page]
    head = max(w.x1 for w in words if w.y0 < 40)
    body = max(w.x1 for w in words if w.y0 >= 40)
    assert body <= head + 1, (body, head)
