"""Incremental builds: which PDFs a rebuild renders again and which it keeps.

Starting from the session's full build: a rebuild with nothing changed renders
no PDF and no PNG; one after two languages were added (the variant project,
`support.make_variant`) renders only theirs; one after the Indonesian catalog
changed renders the Indonesian and bilingual PDFs and Indonesian images, no more.
(That two builds are byte-identical is tested by test_golden.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer.build import build
from explainer.pdf import jobs
from explainer.pdf.cache import CACHE
from explainer.project import Project, pdf_path
from tests.support import (
    NEW_LOCALE,
    PSEUDO_LOCALE,
    Variant,
    copy_project,
    manifest,
    snapshot,
    translate,
)

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


def test_new_languages_render_only_their_own_pdfs_and_images(dist: Path, variant: Variant) -> None:
    """The variant added two languages; English, Indonesian and the bilingual PDF are kept."""
    new = sorted([pdf_path(NEW_LOCALE), pdf_path(PSEUDO_LOCALE)])
    assert rendered(variant.log) == new
    assert kept(variant.log) == sorted([EN, ID, BOTH])
    before_images = [a["path"] for a in manifest(dist) if a["path"].endswith(".png")]
    assert before_images and sorted(before_images) == kept(variant.log, ".png")
    made = rendered(variant.log, ".png")
    assert made and all(p.startswith((f"{NEW_LOCALE}/", f"{PSEUDO_LOCALE}/")) for p in made)
    before, after = snapshot(dist), snapshot(variant.out)
    assert [after[p] == before[p] for p in (EN, ID, BOTH)] == [True, True, True]
    assert after[CACHE] != before[CACHE]


def test_a_changed_catalog_renders_its_edition_and_the_bilingual_one(
    tmp_path: Path, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which files a rebuild renders again; the renderer itself is stood in for."""
    project, out = Project(copy_project(tmp_path / "project")), tmp_path / "dist"
    translate(project, "id", {"OK OCE explained": "OK OCE, dijelaskan ulang"})
    shutil.copytree(dist, out)

    def placeholder(job: jobs.PdfJob, stage: Path) -> jobs.PdfResult:
        (stage / job.path).parent.mkdir(parents=True, exist_ok=True)
        (stage / job.path).write_bytes(f"{job.path} rendered again".encode())
        return jobs.PdfResult(job.path, [], 0.0)

    monkeypatch.setattr(jobs, "render_job", placeholder)
    monkeypatch.setattr(jobs.os, "cpu_count", lambda: 1)  # in this process, not a pool
    lines: list[str] = []
    build(project, out, log=lines.append)
    assert rendered(lines) == sorted([ID, BOTH])
    assert kept(lines) == [EN]
    # The title is on the share image, so that image at least is made again.
    made = rendered(lines, ".png")
    assert "id/share.png" in made and all(p.startswith("id/") for p in made)
    english = [a["path"] for a in manifest(dist) if a["locale"] == "en" and a["kind"] != "pdf"]
    assert set(kept(lines, ".png")) >= {p for p in english if p.endswith(".png")}
    assert (out / ID).read_bytes() == f"{ID} rendered again".encode()
    assert (out / EN).read_bytes() == (dist / EN).read_bytes()
