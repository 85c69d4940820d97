"""Incremental builds: which PDFs a rebuild renders again and which it keeps.

Starting from the session's full build: a rebuild with nothing changed renders
no PDF; a rebuild after one catalog changed (and two languages were added: the
variant project, `support.make_variant`) renders only the PDFs that show the
changed or new locales. (That two builds are byte-identical is tested by
test_golden.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from explainer.build import build
from explainer.pdf.cache import CACHE
from explainer.project import Project, pdf_path
from tests.support import NEW_LOCALE, PSEUDO_LOCALE, Variant, copy_project, snapshot

EN, ID, BOTH = (
    "en/ok-oce-explainer-en.pdf",
    "id/ok-oce-explainer-id.pdf",
    "bilingual/ok-oce-explainer-id-en.pdf",
)


def rendered(lines: list[str]) -> list[str]:
    """Return the PDFs a build rendered, from its progress lines."""
    return sorted(line.split()[1] for line in lines if line.startswith("wrote ") and ".pdf" in line)


def kept(lines: list[str]) -> list[str]:
    """Return the PDFs a build took unchanged from the previous output."""
    return sorted(line.split()[1] for line in lines if line.startswith("kept "))


def test_unchanged_rebuild_renders_no_pdf(tmp_path: Path, dist: Path) -> None:
    project, out = Project(copy_project(tmp_path / "project")), tmp_path / "dist"
    shutil.copytree(dist, out)
    before = snapshot(out)
    lines: list[str] = []
    build(project, out, log=lines.append)
    assert rendered(lines) == []
    assert kept(lines) == sorted([EN, ID, BOTH])
    assert snapshot(out) == before


def test_catalog_change_renders_only_that_locale(dist: Path, variant: Variant) -> None:
    """The variant changed the `id` catalog and added two languages; English is kept."""
    new = [pdf_path(NEW_LOCALE), pdf_path(PSEUDO_LOCALE)]
    assert rendered(variant.log) == sorted([ID, BOTH, *new])
    assert kept(variant.log) == [EN]
    before, after = snapshot(dist), snapshot(variant.out)
    assert after[EN] == before[EN]
    assert after[ID] != before[ID]
    assert after[BOTH] != before[BOTH]
    assert after[CACHE] != before[CACHE]
