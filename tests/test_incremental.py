"""Incremental builds, and no WeasyPrint where no PDF is made.

Starting from the session's full build: a rebuild with nothing changed renders
no PDF; a rebuild after one catalog changed renders only the PDFs that show
that locale. (That two builds are byte-identical is tested in test_pdf.py.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from explainer.build import build
from explainer.pdf.cache import CACHE
from explainer.project import Project

ROOT = Path(__file__).resolve().parent.parent
EN, ID, BOTH = (
    "en/ok-oce-explainer-en.pdf",
    "id/ok-oce-explainer-id.pdf",
    "bilingual/ok-oce-explainer-id-en.pdf",
)


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
            line.split()[1] for line in self.lines if line.startswith("wrote ") and ".pdf" in line
        )

    def kept(self) -> list[str]:
        """Return the PDFs this build took unchanged from the previous output."""
        return sorted(line.split()[1] for line in self.lines if line.startswith("kept "))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, dist: Path) -> dict[str, object]:
    """An unchanged rebuild of the session's build, then a rebuild after one catalog changed."""
    root = tmp_path_factory.mktemp("incremental")
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, root / name)
    project, out = Project(root), root / "dist"
    shutil.copytree(dist, out)
    result: dict[str, object] = {"before": files(out), "unchanged": Run(project, out)}
    result["after-unchanged"] = files(out)
    po = root / "locales" / "id" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    catalog["Sources"].string = "Sumber (edisi uji)"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    result["catalog"] = Run(project, out)
    result["after-catalog"] = files(out)
    return result


def test_unchanged_rebuild_renders_no_pdf(builds: dict[str, object]) -> None:
    run = builds["unchanged"]
    assert isinstance(run, Run)
    assert run.rendered() == []
    assert run.kept() == sorted([EN, ID, BOTH])
    assert builds["after-unchanged"] == builds["before"]


def test_catalog_change_renders_only_that_locale(builds: dict[str, object]) -> None:
    run = builds["catalog"]
    assert isinstance(run, Run)
    assert run.rendered() == sorted([ID, BOTH])
    assert run.kept() == [EN]
    before, after = builds["before"], builds["after-catalog"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert after[EN] == before[EN]
    assert after[ID] != before[ID]
    assert after[CACHE] != before[CACHE]


NO_WEASYPRINT = """
import sys
from explainer.commands.cli import main
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
    from explainer.commands import cli

    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    assert cli._progress_wanted(quiet) is wanted
