"""`pybabel extract` with the project's configuration finds every string an edition uses."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

import explainer.build
from explainer.build import load_model
from explainer.project import Project, pdf_path
from tests.pdf.pdfcheck import page_texts
from tests.support import (
    NEW_LOCALE,
    NEW_MSGSTR,
    Variant,
    extract_pot,
    manifest,
    own_catalogs,
    write_po,
)


def test_pybabel_extract_finds_every_string_with_context(
    project: Project, project_copy: Project, tmp_path: Path
) -> None:
    with extract_pot(tmp_path).open("rb") as handle:
        pot = {m.id: m for m in read_po(handle) if m.id}
    model = load_model(project)[0]
    facts = {text.msgid for text in model.texts()}
    assert facts, "the model has texts"
    for msgid in facts:
        assert msgid in pot, msgid
        assert any(path.startswith("data/") for path, _ in pot[msgid].locations), msgid

    # Every string an edition uses, templates and code included: with an empty
    # catalog each one falls back, so the fallbacks are the whole list.
    write_po(own_catalogs(project_copy), "", locale="jv")
    [edition] = explainer.build.prepare(project_copy, model, ["jv"])
    used = edition.messages.fallbacks
    assert used - facts, "template and code strings are used too"
    for msgid in used:
        assert msgid in pot, msgid
        assert pot[msgid].auto_comments, f"no translator comment for {msgid!r}"
        assert pot[msgid].locations, f"no reference for {msgid!r}"


def test_a_new_language_builds_from_its_catalog_alone(variant: Variant) -> None:
    """The variant's NEW_LOCALE: `pybabel init` from the POT, one string translated."""
    out = variant.out
    built = {(a["locale"], a["kind"]) for a in manifest(out)}
    assert {(NEW_LOCALE, "page"), (NEW_LOCALE, "pdf")} <= built
    page = (out / NEW_LOCALE / "index.html").read_text("utf-8")
    assert NEW_MSGSTR in page
    assert "What OK OCE is" in page  # English fallback
    assert "This edition is a partial translation" in page
    english = (out / "en" / "index.html").read_text("utf-8")
    assert f'hreflang="{NEW_LOCALE}"' in english
    assert "partial translation" not in english
    assert any(NEW_LOCALE in line and "shown in English" in line for line in variant.log)
    pdf = out / pdf_path(NEW_LOCALE)
    pdf_text = "\n".join(page_texts(pdf))
    assert NEW_MSGSTR in pdf_text
    assert "partial translation" in pdf_text
