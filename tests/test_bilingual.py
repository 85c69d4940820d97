"""The bilingual edition: blocks paired one to one, and the PDF that lays them out."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from pdfcheck import collapse, font_problems, link_targets, outline_titles, struct_types
from pypdf import PdfReader

from explainer.build import bilingual_wanted, load_model, prepare
from explainer.errors import InputError
from explainer.i18n.catalogs import available_locales
from explainer.project import Project, bilingual_pdf_path
from explainer.render import bilingual

ROOT = Path(__file__).resolve().parent.parent
needs_both = pytest.mark.skipif(
    not bilingual_wanted(available_locales(ROOT / "locales")),
    reason="the bilingual edition needs both an Indonesian and an English catalog",
)


@pytest.fixture(scope="module")
def sides(project: Project) -> tuple[list[bilingual.Block], list[bilingual.Block]]:
    """Both languages' blocks, the right side's ids prefixed as in the edition."""
    model, _ = load_model(project)
    left, right = prepare(project, model, [bilingual.LEFT, bilingual.RIGHT])
    return (
        bilingual.side_blocks(project.templates_dir, left, ""),
        bilingual.side_blocks(project.templates_dir, right, "en-", originals=False),
    )


@needs_both
def test_both_sides_have_the_same_blocks_in_the_same_order(
    project: Project, sides: tuple[list[bilingual.Block], list[bilingual.Block]]
) -> None:
    model, _ = load_model(project)
    left, right = sides
    assert [kind for kind, _ in left] == [kind for kind, _ in right]
    # In short, key numbers, the five sections, who's who, what we don't know, the quotes
    assert [kind for kind, _ in left].count("h2") == 10
    assert [kind for kind, _ in left].count("h4") == len(model.comparisons)
    assert all(html.strip() for _, html in left + right)


@needs_both
def test_the_right_side_prefixes_its_ids_and_links(
    sides: tuple[list[bilingual.Block], list[bilingual.Block]],
) -> None:
    left, right = sides
    right_html = "".join(html for _, html in right)
    ids = re.findall(r'\sid="([^"]*)"', right_html)
    links = re.findall(r'href="#([^"]*)"', right_html)
    assert ids and all(i.startswith("en-") for i in ids)
    assert links and all(link.startswith(("en-source-", "en-note-")) for link in links)
    assert not set(ids) & set(re.findall(r'\sid="([^"]*)"', "".join(h for _, h in left)))


@needs_both
def test_each_original_quote_is_printed_once(
    sides: tuple[list[bilingual.Block], list[bilingual.Block]],
) -> None:
    left, right = sides
    notes = [(a, b) for (_, a), (_, b) in zip(left, right, strict=True) if "okx-note-item" in a]
    assert notes
    originals = [bool("okx-note-text" in a) + bool("okx-note-text" in b) for a, b in notes]
    assert originals == [1] * len(notes)


@pytest.fixture(scope="module")
def html(project: Project) -> str:
    """The HTML of the bilingual edition."""
    model, _ = load_model(project)
    editions = {e.locale: e for e in prepare(project, model, [bilingual.LEFT, bilingual.RIGHT])}
    return bilingual.render_bilingual(project.templates_dir, model, list(editions.values()))


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
def test_every_id_is_unique(html: str) -> None:
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []


@needs_both
def test_the_english_half_is_marked_english(html: str) -> None:
    halves = re.findall(r'<div class="okx-(?:half|wide)"( lang="en")?>', html)
    assert halves.count(' lang="en"') * 2 == len(halves)


@needs_both
def test_every_link_has_a_destination(reader: PdfReader) -> None:
    targets = set(link_targets(reader))
    assert {f"source-{n}" for n in range(1, 4)} <= targets
    assert targets <= set(reader.named_destinations)


@needs_both
def test_language_title_bookmarks_fonts_and_tags(reader: PdfReader, html: str) -> None:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == bilingual.LEFT
    assert reader.metadata is not None
    assert reader.metadata.title == re.search(r"<title>(.*?)</title>", html).group(1)  # type: ignore[union-attr]
    sections = len(re.findall(r"<h2\b", html))
    assert len(outline_titles(reader)) == sections
    assert Counter(struct_types(reader))["/H2"] == sections
    assert font_problems(reader) == []


@needs_both
def test_the_edition_is_short_and_opens_with_the_lead(reader: PdfReader) -> None:
    assert len(reader.pages) <= 22
    first = collapse(reader.pages[0].extract_text())
    assert "Ringkasnya" in first and "In short" in first


@needs_both
def test_page_labels_in_both_languages(reader: PdfReader, project: Project) -> None:
    model, _ = load_model(project)
    left, right = prepare(project, model, [bilingual.LEFT, bilingual.RIGHT])
    pages = len(reader.pages)
    text = collapse(reader.pages[1].extract_text())
    for edition in (left, right):
        label = edition.messages.gettext("Page {page} of {pages}")
        assert label.format(page=2, pages=pages) in text


@needs_both
def test_a_broken_section_macro_is_an_input_error(project_copy: Project) -> None:
    sections = project_copy.templates_dir / "partials" / "sections.html"
    text = sections.read_text(encoding="utf-8")
    # Only the bilingual edition lists its sources as numbered paragraphs.
    broken = text.replace("{{ s.number }}. {{ s.outlet }}", "{{ s.numbr }}. {{ s.outlet }}")
    sections.write_text(broken, encoding="utf-8")
    model, _ = load_model(project_copy)
    editions = prepare(project_copy, model, [bilingual.LEFT, bilingual.RIGHT])
    with pytest.raises(InputError, match=r"sections\.html:\d+.*numbr"):
        bilingual.render_bilingual(project_copy.templates_dir, model, editions)
