"""Shared fixtures: the real project, a copy to break, and one full build per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer.build import build
from explainer.project import Project

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# The 7 PAS, in the order the source gives them (Koran Jakarta, January 2018).
SEVEN_STEPS = [
    "pendaftaran",
    "pelatihan",
    "pendampingan",
    "perizinan",
    "pemasaran",
    "pelaporan keuangan",
    "permodalan",
]


@pytest.fixture(scope="session")
def project() -> Project:
    """The project as committed."""
    return Project(ROOT)


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A copy of data/, locales/ and templates/ that a test may change."""
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return Project(tmp_path)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    """One full build (HTML and PDF, every locale), shared by the tests that read it."""
    out = tmp_path_factory.mktemp("build") / "dist"
    build(project, out, log=lambda _: None)
    return out
