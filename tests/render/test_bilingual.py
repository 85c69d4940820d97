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


def test_blocks_split_at_the_markers() -> None:
    html = '<!--okx:h2-->Title\n<!--okx:block--><p id="a">One</p>\n<!--okx:wide--><table></table>'
    assert bilingual.blocks(html) == [
        ("h2", "Title"),
        ("block", '<p id="a">One</p>'),
        ("wide", "<table></table>"),
    ]


def test_pairs_keep_ids_unique() -> None:
    left = bilingual.blocks('<!--okx:block--><p id="fact-1">Satu</p>')
    right = bilingual.blocks('<!--okx:block--><p id="fact-1">One</p>')
    (only,) = bilingual.pair(left, right)
    assert only.left == '<p id="fact-1">Satu</p>'
    assert only.right == '<p id="en-fact-1">One</p>'


def test_blocks_that_do_not_line_up_are_refused() -> None:
    left = bilingual.blocks("<!--okx:h2-->A<!--okx:block-->B")
    right = bilingual.blocks("<!--okx:h2-->A")
    with pytest.raises(ValueError, match="do not line up"):
        bilingual.pair(left, right)


@needs_both
def test_every_id_is_unique(bilingual_html: str) -> None:
    ids = Counter(re.findall(r'\bid="([^"]+)"', bilingual_html))
    assert [i for i, n in ids.items() if n > 1] == []


@needs_both
def test_the_english_half_is_marked_english(bilingual_html: str) -> None:
    halves = re.findall(r'<div class="okx-(?:half|wide)"( lang="en")?>', bilingual_html)
    assert halves.count(' lang="en"') * 2 == len(halves)


@needs_both
def test_a_side_template_that_differs_by_language_is_an_input_error(
    project_copy: Project,
) -> None:
    side = project_copy.templates_dir / "bilingual_side.html"
    side.write_text(
        side.read_text(encoding="utf-8") + "{% if lang == 'en' %}<!--okx:block-->x{% endif %}\n",
        encoding="utf-8",
    )
    model, _ = load_model(project_copy)
    editions = prepare(project_copy, model, [bilingual.LEFT, bilingual.RIGHT])
    with pytest.raises(InputError, match=r"bilingual_side\.html"):
        bilingual.render_bilingual(project_copy.templates_dir, model, editions)
