"""The bilingual edition's HTML: blocks paired one to one, ids unique, English marked."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from explainer.build import load_model, prepare
from explainer.errors import InputError
from explainer.project import Project
from explainer.render import bilingual
from tests.support import needs_both


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


@needs_both
def test_every_id_is_unique(bilingual_html: str) -> None:
    ids = Counter(re.findall(r'\bid="([^"]+)"', bilingual_html))
    assert [i for i, n in ids.items() if n > 1] == []


@needs_both
def test_the_english_half_is_marked_english(bilingual_html: str) -> None:
    halves = re.findall(r'<div class="okx-(?:half|wide)"( lang="en")?>', bilingual_html)
    assert halves.count(' lang="en"') * 2 == len(halves)


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
