"""Fixtures: the real project, a copy to break, and one full build for the whole run.

The full build (HTML, cards and every PDF) is made once per test run, even
under pytest-xdist (see `support.shared_folder`), by a real `explainer build`
process with a temporary folder of its own; tests read it and never change it.
A test that needs to change an output copies it first. The variant project's
build (a pseudo-locale, a new language holding hostile translations:
`support.make_variant`) is likewise made once per run, from a copy of it.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from explainer.build import load_model, prepare
from explainer.context.edition import Edition
from explainer.project import Project
from explainer.render import bilingual
from tests.support import ROOT, Variant, copy_project, make_variant, run_cli, shared_folder

# Tests that share one costly resource run on one worker, one after another, so that
# one Chromium starts and no worker sits waiting for a build another worker is making.
GROUPS = {
    "tests/browser/": "browser",
    # The readers of the variant build (see `variant`).
    "tests/i18n/test_extract.py": "variant",
    "tests/i18n/test_pseudo.py": "variant",
    "tests/pdf/test_jobs.py": "variant",
    "tests/render/test_escaping.py": "variant",
    # Long tests that come last in the collection. pytest-xdist hands out groups
    # before single tests, so as groups they start early rather than run alone at the end.
    "tests/test_output.py": "output",
    "tests/test_properties.py": "properties",
}


@pytest.hookimpl(optionalhook=True, wrapper=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> Generator[None, int, int]:
    """Make `-n auto` a pytest-xdist worker per core and one more.

    The worker that runs the browser tests mostly waits for Chromium; the extra
    one uses that core. PYTEST_XDIST_AUTO_NUM_WORKERS, when set, is taken as it is.
    """
    cores = yield
    return cores if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") else cores + 1


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under `--dist loadgroup`, run each of the GROUPS on one worker.

    pytest-xdist 3.8 marks a test's `xdist_group` in its node id, which pytest
    9.2 no longer lets it change (pytest-xdist issue 1386), so the marks are
    lost; this scheduler groups by path instead. Other tests are spread one by one.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class Scheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope: str = super()._split_scope(nodeid)
            if scope != nodeid:  # an `xdist_group` mark that reached the node id
                return scope
            return next((g for p, g in GROUPS.items() if nodeid.startswith(p)), nodeid)

    return Scheduling(config, log)


@pytest.fixture(scope="session")
def project() -> Project:
    """The project as committed."""
    return Project(ROOT)


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A copy of data/, locales/ and templates/ that a test may change."""
    return Project(copy_project(tmp_path / "project"))


@pytest.fixture(scope="session")
def bilingual_editions(project: Project) -> list[Edition]:
    """The two editions of the bilingual one, Indonesian (left) then English (read them)."""
    model, _ = load_model(project)
    return prepare(project, model, [bilingual.LEFT, bilingual.RIGHT])


@pytest.fixture(scope="session")
def bilingual_html(project: Project, bilingual_editions: list[Edition]) -> str:
    """The HTML of the bilingual edition (Indonesian beside English)."""
    model, _ = load_model(project)
    return bilingual.render_bilingual(project.templates_dir, model, bilingual_editions)


def _full_build(out: Path) -> None:
    """Build the project as committed into `out`, cold, as `explainer build` in CI does."""
    temp = build_temp(out)
    temp.mkdir(exist_ok=True)
    result = run_cli("build", "--out", str(out), env={"TMPDIR": str(temp)})
    assert result.returncode == 0, result.stderr


def build_temp(dist: Path) -> Path:
    """Return the temporary folder (TMPDIR) the build of `dist` ran with."""
    return dist.with_name(f"{dist.name}-tmp")


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's one full build of the project as committed (read it, do not change it)."""
    return shared_folder(tmp_path_factory, "dist", _full_build)


@pytest.fixture(scope="session")
def dist_temp(dist: Path) -> Path:
    """The temporary folder that the build of `dist` was given (TMPDIR), empty before it."""
    return build_temp(dist)


@pytest.fixture(scope="session")
def variant(tmp_path_factory: pytest.TempPathFactory, dist: Path) -> Variant:
    """The run's one build of the variant project (see `support.make_variant`); read only."""
    return Variant(shared_folder(tmp_path_factory, "variant", lambda f: make_variant(f, dist)))
