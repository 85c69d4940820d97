"""Every OS error is one line saying what to do, exit 1, with the previous output intact."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import Any

import pytest

from explainer import output
from explainer.build import build
from explainer.commands import cli
from explainer.project import Project
from tests.test_outdir import tree_hash


@pytest.fixture
def previous(tmp_path: Path, project_copy: Project) -> Path:
    """A previous HTML-only output in tmp_path/out/dist."""
    out = tmp_path / "out" / "dist"
    build(project_copy, out, pdf=False, log=lambda _: None)
    return out


def run(project: Project, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `explainer build --no-pdf --out out`; return the status and what it printed."""
    status = cli.main(["--project", str(project.root), "build", "--no-pdf", "--out", str(out)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def fail_on(name: str, code: int, strerror: str) -> Any:
    """Return a stand-in for output.write_text that fails like the OS on file `name`."""
    real = output.write_text

    def write_text(path: Path, text: str) -> None:
        if path.name == name:
            raise OSError(code, strerror, str(path))
        real(path, text)

    return write_text


def test_disk_full_is_one_line_and_keeps_the_output(
    project_copy: Project,
    previous: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = tree_hash(previous.parent)
    monkeypatch.setattr(output, "write_text", fail_on("manifest.json", errno.ENOSPC, "No space"))
    status, printed = run(project_copy, previous, capsys)
    assert status == 1
    lines = printed.strip().splitlines()
    assert len(lines) == 1, printed
    assert "manifest.json': No space; free some space and build again" in lines[0]
    assert "Traceback" not in printed
    assert tree_hash(previous.parent) == before


def test_read_only_output_folder_is_one_line(
    project_copy: Project,
    previous: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = tree_hash(previous.parent)

    def mkdtemp(prefix: str = "", dir: str | Path = "") -> str:
        raise OSError(errno.EROFS, "Read-only file system", str(dir))

    monkeypatch.setattr(output.tempfile, "mkdtemp", mkdtemp)
    status, printed = run(project_copy, previous, capsys)
    assert status == 1
    assert len(printed.strip().splitlines()) == 1, printed
    assert f"{str(previous.parent)!r}: Read-only file system" in printed
    assert "choose another --out" in printed
    assert tree_hash(previous.parent) == before


def test_permission_denied_on_a_data_file_is_a_message(
    project_copy: Project,
    previous: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = tree_hash(previous.parent)
    real = Path.read_text

    def read_text(self: Path, *args: Any, **kwargs: Any) -> str:
        if self.name == "edition.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    status, printed = run(project_copy, previous, capsys)
    assert status == 1
    assert "edition.yaml: error: cannot be read" in printed
    assert "Permission denied" in printed
    assert "Traceback" not in printed
    assert tree_hash(previous.parent) == before


def test_an_unwritable_parent_is_one_line(
    project_copy: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real = Path.mkdir

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    status, printed = run(project_copy, tmp_path / "locked" / "dist", capsys)
    assert status == 1
    assert "locked': Permission denied; check the permissions, or choose another --out" in printed
    assert not (tmp_path / "locked").exists()


def test_no_pdf_build_links_to_no_missing_pdf(project_copy: Project, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(project_copy, out, pdf=False, log=lambda _: None)
    pages = list(out.rglob("*.html"))
    assert pages
    for page in pages:
        assert ".pdf" not in page.read_text(encoding="utf-8"), page
    shutil.rmtree(out)
