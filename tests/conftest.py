"""Fixtures: the real project, a copy to break, and one full build for the whole run.

The full build (HTML, cards and every PDF) is made once per test run, even
under pytest-xdist (see `support.shared_folder`); tests read it and never
change it. A test that needs to change an output copies it first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build import build, load_model, prepare
from explainer.project import Project
from explainer.render import bilingual
from tests.support import ROOT, clean_environment, copy_project, shared_folder


@pytest.fixture(scope="session")
def project() -> Project:
    """The project as committed."""
    return Project(ROOT)


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A copy of data/, locales/ and templates/ that a test may change."""
    return Project(copy_project(tmp_path / "project"))


@pytest.fixture(scope="session")
def bilingual_html(project: Project) -> str:
    """The HTML of the bilingual edition (Indonesian beside English)."""
    model, _ = load_model(project)
    editions = prepare(project, model, [bilingual.LEFT, bilingual.RIGHT])
    return bilingual.render_bilingual(project.templates_dir, model, editions)


def _full_build(out: Path) -> None:
    with clean_environment():
        build(Project(ROOT), out, log=lambda _: None)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's one full build of the project as committed (read it, do not change it)."""
    return shared_folder(tmp_path_factory, "dist", _full_build)
