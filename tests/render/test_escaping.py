"""No translation reaches a page, a card or a PDF as markup, even with the checks off.

The hostile translations are in the catalog of the variant project's new language,
built once per run with that catalog's checks switched off (`support.make_variant`).
"""

from __future__ import annotations

import pytest

import explainer.build
from explainer.build import build, load_model
from explainer.errors import InputError
from explainer.project import Project, page_path, pdf_path
from tests.pdf.pdfcheck import page_texts
from tests.support import HOSTILE, NEW_LOCALE, Variant, own_catalogs, parse_html, write_po


def hostile_catalog(project: Project) -> None:
    """Make the project's only catalog one whose translations are markup."""
    entries = "".join(
        f'msgid "{msgid}"\nmsgstr "{text}"\n\n'
        for msgid, text in HOSTILE.items()
        if '"' not in text
    )
    write_po(own_catalogs(project), entries)


def test_checks_refuse_a_hostile_catalog(project_copy: Project) -> None:
    hostile_catalog(project_copy)
    with pytest.raises(InputError, match="markup '<script>'"):
        build(project_copy, project_copy.root / "dist", pdf=False, log=lambda _: None)


def test_hostile_translations_stay_text_in_page_and_pdf(variant: Variant) -> None:
    """Even with the checks switched off, translations reach the outputs as text only."""
    out = variant.out
    page = (out / page_path(NEW_LOCALE)).read_text("utf-8")
    tags = [e.tag for e in parse_html(page).elements]
    attributes = {name for e in parse_html(page).elements for name in e.attrs}
    # Only the page's own two: the JSON-LD data and the embed-code helper.
    assert tags.count("script") == 2
    assert "img" not in tags
    assert not {a for a in attributes if a.startswith("on")}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page

    project = variant.project
    model = load_model(project)[0]
    [edition] = explainer.build.prepare(project, model, [NEW_LOCALE])
    printed = explainer.build.render_page(project.templates_dir, edition, model, "print")
    assert not parse_html(printed).select("script")
    assert "</style><script>" not in printed

    text = "\n".join(page_texts(out / pdf_path(NEW_LOCALE)))
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "<b onmouseover=alert(4)>Asal</b> &amp;" in text
