"""Reproducible and incremental builds, and no WeasyPrint where no PDF is made.

One module-scoped series of builds with SOURCE_DATE_EPOCH set: two cold
builds compare byte for byte; a rebuild with nothing changed renders no PDF;
a rebuild after one catalog changed renders only that locale's PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from explainer.build import Project, build
from explainer.cache import CACHE

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"


def files(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


class Run:
    """A build that remembers its progress lines."""

    def __init__(self, project: Project, out: Path) -> None:
        self.lines: list[str] = []
        build(project, out, log=self.lines.append)

    def rendered(self) -> list[str]:
        """Return the PDFs this build rendered."""
        return sorted(
            line.split()[1] for line in self.lines if line.endswith(" s)") and ".pdf" in line
        )

    def kept(self) -> list[str]:
        """Return the PDFs this build took unchanged from the previous output."""
        return sorted(line.split()[1] for line in self.lines if line.startswith("kept "))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """Two cold builds, an unchanged rebuild and a rebuild after one catalog changed."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path_factory.mktemp("incremental")
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, root / name)
    project = Project(root)
    first, second = root / "first", root / "second"
    result: dict[str, object] = {"cold": Run(project, first)}
    result["first"] = files(first)
    result["cold2"] = Run(project, second)
    result["second"] = files(second)
    result["unchanged"] = Run(project, first)
    result["after-unchanged"] = files(first)
    po = root / "locales" / "id" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    catalog["Sources"].string = "Sumber (edisi uji)"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    result["catalog"] = Run(project, first)
    result["after-catalog"] = files(first)
    yield result
    monkeypatch.undo()


def test_two_builds_are_byte_identical(builds: dict[str, object]) -> None:
    first, second = builds["first"], builds["second"]
    assert isinstance(first, dict) and isinstance(second, dict)
    assert sorted(first) == sorted(second)
    assert {"manifest.json", "en/ok-oce-explainer-en.pdf", "id/index.html"} <= set(first)
    for name in first:
        assert first[name] == second[name], f"{name} differs between two builds"


def test_unchanged_rebuild_renders_no_pdf(builds: dict[str, object]) -> None:
    run = builds["unchanged"]
    assert isinstance(run, Run)
    assert run.rendered() == []
    assert run.kept() == ["en/ok-oce-explainer-en.pdf", "id/ok-oce-explainer-id.pdf"]
    assert builds["after-unchanged"] == builds["first"]


def test_catalog_change_renders_only_that_locale(builds: dict[str, object]) -> None:
    run = builds["catalog"]
    assert isinstance(run, Run)
    assert run.rendered() == ["id/ok-oce-explainer-id.pdf"]
    assert run.kept() == ["en/ok-oce-explainer-en.pdf"]
    before, after = builds["first"], builds["after-catalog"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert after["en/ok-oce-explainer-en.pdf"] == before["en/ok-oce-explainer-en.pdf"]
    assert after["id/ok-oce-explainer-id.pdf"] != before["id/ok-oce-explainer-id.pdf"]
    assert after[CACHE] != before[CACHE]


NO_WEASYPRINT = """
import sys
from explainer.cli import main
assert main(["--project", sys.argv[1], "check"]) == 0
assert main(["--project", sys.argv[1], "build", "--no-pdf", "--out", sys.argv[2]]) == 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("weasyprint", "pydyf", "tinycss2"))
assert not loaded, loaded
"""


def test_check_and_html_build_never_import_weasyprint(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_WEASYPRINT, str(ROOT), str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("ci", "quiet", "tty", "wanted"),
    [
        ("", False, True, True),
        ("true", False, True, False),
        ("", True, True, False),
        ("", False, False, False),
    ],
)
def test_progress_lines_only_in_a_terminal_outside_ci(
    monkeypatch: pytest.MonkeyPatch, ci: str, quiet: bool, tty: bool, wanted: bool
) -> None:
    from explainer import cli

    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    assert cli._progress_wanted(quiet) is wanted
