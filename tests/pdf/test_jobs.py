"""Incremental builds: which PDFs a rebuild renders again and which it keeps.

Starting from the session's full build: a rebuild with nothing changed renders
no PDF and no PNG; a rebuild after one catalog changed (and two languages were
added: the variant project, `support.make_variant`) renders only the PDFs and
images that show the changed or new locales. (That two builds are byte-identical is tested by
test_golden.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from explainer.build import build
from explainer.pdf.cache import CACHE
from explainer.project import Project, pdf_path
from tests.support import NEW_LOCALE, PSEUDO_LOCALE, Variant, copy_project, manifest, snapshot

EN, ID, BOTH = (
    "en/ok-oce-explainer-en.pdf",
    "id/ok-oce-explainer-id.pdf",
    "bilingual/ok-oce-explainer-id-en.pdf",
)


def rendered(lines: list[str], suffix: str = ".pdf") -> list[str]:
    """Return the PDFs (or files ending in `suffix`) a build rendered, from its progress lines."""
    return _files(lines, "wrote ", suffix)


def kept(lines: list[str], suffix: str = ".pdf") -> list[str]:
    """Return the PDFs (or other files) a build took unchanged from the previous output."""
    return _files(lines, "kept ", suffix)


def _files(lines: list[str], verb: str, suffix: str) -> list[str]:
    paths = (line.split()[1] for line in lines if line.startswith(verb))
    return sorted(path for path in paths if path.endswith(suffix))


def test_unchanged_rebuild_renders_no_pdf(tmp_path: Path, dist: Path) -> None:
    project, out = Project(copy_project(tmp_path / "project")), tmp_path / "dist"
    shutil.copytree(dist, out)
    before = snapshot(out)
    lines: list[str] = []
    build(project, out, log=lines.append)
    assert rendered(lines) == []
    assert kept(lines) == sorted([EN, ID, BOTH])
    images = sorted(a["path"] for a in manifest(dist) if a["kind"] in ("share-image", "chart-png"))
    assert len(images) == 12
    assert rendered(lines, ".png") == []
    assert kept(lines, ".png") == images
    assert snapshot(out) == before


def test_catalog_change_renders_only_that_locale(dist: Path, variant: Variant) -> None:
    """The variant changed the `id` catalog and added two languages; English is kept."""
    new = [pdf_path(NEW_LOCALE), pdf_path(PSEUDO_LOCALE)]
    assert rendered(variant.log) == sorted([ID, BOTH, *new])
    assert kept(variant.log) == [EN]
    # The English images are kept; only the changed and the new editions' are made.
    english = [
        a["path"] for a in manifest(dist) if a["locale"] == "en" and a["path"].endswith(".png")
    ]
    assert english and set(english) <= set(kept(variant.log, ".png"))
    changed = tuple(f"{loc}/" for loc in ("id", NEW_LOCALE, PSEUDO_LOCALE))
    made = rendered(variant.log, ".png")
    assert made and all(p.startswith(changed) for p in made)
    before, after = snapshot(dist), snapshot(variant.out)
    assert after[EN] == before[EN]
    assert after[ID] != before[ID]
    assert after[BOTH] != before[BOTH]
    assert after[CACHE] != before[CACHE]
