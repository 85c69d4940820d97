"""Incremental builds: which PDFs and PNGs a rebuild renders again and which it keeps.

Starting from the session's full build: a rebuild with nothing changed renders
no PDF and no PNG; a rebuild after one catalog changed renders only the PDFs
that show that locale, and only the images whose HTML changed. (That two builds
are byte-identical is tested by test_golden.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from explainer.build import build
from explainer.pdf.cache import CACHE
from explainer.project import Project
from tests.support import copy_project, manifest, snapshot

EN, ID, BOTH = (
    "en/ok-oce-explainer-en.pdf",
    "id/ok-oce-explainer-id.pdf",
    "bilingual/ok-oce-explainer-id-en.pdf",
)


class Run:
    """A build that remembers its progress lines."""

    def __init__(self, project: Project, out: Path) -> None:
        self.lines: list[str] = []
        build(project, out, log=self.lines.append)

    def rendered(self, suffix: str = ".pdf") -> list[str]:
        """Return the PDFs (or the files ending in `suffix`) this build rendered."""
        return self._files("wrote ", suffix)

    def kept(self, suffix: str = ".pdf") -> list[str]:
        """Return the PDFs (or other files) this build took unchanged from the previous output."""
        return self._files("kept ", suffix)

    def _files(self, verb: str, suffix: str) -> list[str]:
        paths = (line.split()[1] for line in self.lines if line.startswith(verb))
        return sorted(path for path in paths if path.endswith(suffix))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, dist: Path) -> dict[str, object]:
    """An unchanged rebuild of the session's build, then a rebuild after one catalog changed."""
    root = copy_project(tmp_path_factory.mktemp("incremental"))
    project, out = Project(root), root / "dist"
    shutil.copytree(dist, out)
    result: dict[str, object] = {"before": snapshot(out), "unchanged": Run(project, out)}
    result["after-unchanged"] = snapshot(out)
    po = root / "locales" / "id" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    catalog["Sources"].string = "Sumber (edisi uji)"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    result["catalog"] = Run(project, out)
    result["after-catalog"] = snapshot(out)
    return result


def test_unchanged_rebuild_renders_no_pdf(builds: dict[str, object]) -> None:
    run = builds["unchanged"]
    assert isinstance(run, Run)
    assert run.rendered() == []
    assert run.kept() == sorted([EN, ID, BOTH])
    assert builds["after-unchanged"] == builds["before"]


def test_unchanged_rebuild_renders_no_image(builds: dict[str, object], dist: Path) -> None:
    run = builds["unchanged"]
    assert isinstance(run, Run)
    images = sorted(a["path"] for a in manifest(dist) if a["kind"] in ("share-image", "chart-png"))
    assert len(images) == 12
    assert run.rendered(".png") == []
    assert run.kept(".png") == images


def test_catalog_change_renders_only_that_locale(builds: dict[str, object]) -> None:
    run = builds["catalog"]
    assert isinstance(run, Run)
    assert run.rendered() == sorted([ID, BOTH])
    assert run.kept() == [EN]
    # No image shows the changed string ("Sources" heads the charts' CSV files only).
    assert run.rendered(".png") == []
    before, after = builds["before"], builds["after-catalog"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert after[EN] == before[EN]
    assert after[ID] != before[ID]
    assert after[CACHE] != before[CACHE]
