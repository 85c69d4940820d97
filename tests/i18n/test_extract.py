"""`pybabel extract` with the project's configuration finds every string an edition uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from pypdf import PdfReader

import explainer.build
from explainer.build import build, load_model
from explainer.i18n.catalogs import po_path
from explainer.project import Project
from tests.support import extract_pot, own_catalogs, write_po


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


def test_a_new_language_builds_from_its_catalog_alone(project_copy: Project) -> None:
    locales = own_catalogs(project_copy)
    pybabel = Path(sys.executable).parent / "pybabel"
    pot = extract_pot(project_copy.root)
    subprocess.run(
        [str(pybabel), "init", "-i", str(pot), "-d", str(locales), "-l", "jv"],
        check=True,
        capture_output=True,
    )
    path = po_path(locales, "jv")
    text = path.read_text("utf-8")
    path.write_text(
        text.replace(
            'msgid "Does it work? The reported results"\nmsgstr ""',
            'msgid "Does it work? The reported results"\nmsgstr "Asil sing dilapurake"',
        ),
        "utf-8",
    )
    out = project_copy.root / "dist"
    logged: list[str] = []
    build(project_copy, out, pdf=False, log=lambda _: None)
    # Then the new edition with its PDF (the English PDF is tested on the session build).
    artifacts = build(project_copy, out, locales=["jv"], log=logged.append)

    assert {(a.locale, a.kind) for a in artifacts} >= {("jv", "page"), ("jv", "pdf")}
    page = (out / "jv" / "index.html").read_text("utf-8")
    assert "Asil sing dilapurake" in page
    assert "What OK OCE is" in page  # English fallback
    assert "This edition is a partial translation" in page
    assert 'hreflang="jv"' in (out / "en" / "index.html").read_text("utf-8")
    assert "partial translation" not in (out / "en" / "index.html").read_text("utf-8")
    assert any("jv" in line and "shown in English" in line for line in logged)
    pdf_text = "\n".join(
        p.extract_text() for p in PdfReader(out / "jv" / "ok-oce-explainer-jv.pdf").pages
    )
    assert "Asil sing dilapurake" in pdf_text
    assert "partial translation" in pdf_text
