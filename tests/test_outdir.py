"""The output folder is ours or refused: `build --out` never replaces anything else.

Each refusal runs the command line on a copy of the project and checks the
message, the exit status and that no file anywhere under the test's folder
changed (a hash of the whole tree before and after). The command line runs in
this process through `main()`, from the project's folder, as the `explainer`
command calls it; the first refusal also runs as a real `python -m explainer`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer import output
from explainer.build import build
from explainer.outdir import MARKER
from explainer.project import Project
from tests.support import ROOT, Result, run_main


def copy_project(target: Path) -> Path:
    """Copy data/, locales/ and templates/ into `target`."""
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


def tree_hash(folder: Path) -> str:
    """Return a hash of every name, kind, link target and file's bytes under `folder`."""
    digest = hashlib.sha256()
    for parent, dirs, files in sorted(os.walk(folder)):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(parent, name)
            info = os.lstat(path)
            digest.update(f"{path.relative_to(folder)}\0{stat.S_IFMT(info.st_mode)}\0".encode())
            if stat.S_ISLNK(info.st_mode):
                digest.update(os.readlink(path).encode())
            elif stat.S_ISREG(info.st_mode):
                digest.update(path.read_bytes())
    return digest.hexdigest()


Build = Callable[..., Result]


def run_process(project: Path, out: str, *extra: str) -> Result:
    """Run `python -m explainer build --no-pdf --out <out>` on `project`, from its folder."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["CI"] = "true"
    command = [sys.executable, "-m", "explainer", "--project", str(project), "build"]
    process = subprocess.run(
        [*command, "--no-pdf", "--out", out, *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=120,
        check=False,
    )
    return Result(process.returncode, process.stdout, process.stderr)


@pytest.fixture
def run_build(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Build:
    """Return a runner of `explainer build --no-pdf --out <out>` on a project, from its folder."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("CI", "true")

    def run(project: Path, out: str, *extra: str) -> Result:
        monkeypatch.chdir(project)
        argv = ["--project", str(project), "build", "--no-pdf", "--out", out, *extra]
        return run_main(argv, capsys)

    return run


def assert_refused(
    tmp_path: Path, project: Path, out: str, why: str, run_build: Build = run_process
) -> None:
    """Assert the build refuses `out` with exit 2, naming it and why, touching nothing."""
    before = tree_hash(tmp_path)
    result = run_build(project, out)
    assert result.code == 2, result.err
    assert f"--out {out!r}" in result.err
    assert why in result.err
    assert "nothing was written" in result.err
    assert "Traceback" not in result.err
    assert tree_hash(tmp_path) == before, "a refused build changed files"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# --- the data-loss cases ----------------------------------------------------------


def test_a_folder_with_a_users_file_is_refused(tmp_path: Path, project: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.odt").write_bytes(b"years of work")
    assert_refused(tmp_path, project, str(documents), "not an explainer output")
    assert (documents / "thesis.odt").read_bytes() == b"years of work"


def test_the_project_root_is_refused(tmp_path: Path, project: Path, run_build: Build) -> None:
    assert_refused(tmp_path, project, str(project), "is where the project's inputs are", run_build)
    assert_refused(tmp_path, project, ".", "names the current folder", run_build)


def test_an_empty_out_is_refused(tmp_path: Path, project: Path, run_build: Build) -> None:
    assert_refused(tmp_path, project, "", "is empty", run_build)


def test_a_parent_of_the_project_is_refused(
    tmp_path: Path, project: Path, run_build: Build
) -> None:
    assert_refused(tmp_path, project, str(tmp_path), "holds the project's inputs", run_build)
    assert_refused(tmp_path, project, "..", "holds the project's inputs", run_build)


def test_a_file_is_refused(tmp_path: Path, project: Path, run_build: Build) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    assert_refused(tmp_path, project, str(notes), "is a file, not a folder", run_build)


# --- the other refusals -----------------------------------------------------------


def test_an_input_folder_or_one_inside_it_is_refused(
    tmp_path: Path, project: Path, run_build: Build
) -> None:
    assert_refused(
        tmp_path, project, str(project / "data"), "is where the project's inputs are", run_build
    )
    assert_refused(
        tmp_path, project, str(project / "locales" / "out"), "is inside the project", run_build
    )


def test_a_symlink_loop_is_refused(tmp_path: Path, project: Path, run_build: Build) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert_refused(tmp_path, project, str(tmp_path / "a"), "symbolic link loop", run_build)


def test_a_dangling_symlink_is_refused(tmp_path: Path, project: Path, run_build: Build) -> None:
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    assert_refused(tmp_path, project, str(tmp_path / "gone"), "symbolic link to nothing", run_build)


def test_a_previous_output_with_a_stray_file_is_refused(
    tmp_path: Path, project: Path, run_build: Build
) -> None:
    out = tmp_path / "dist"
    assert run_build(project, str(out)).code == 0
    (out / MARKER).unlink()
    (out / "en" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert_refused(tmp_path, project, str(out), "holds 'en/notes.txt'", run_build)


# --- what is accepted -------------------------------------------------------------


def test_new_empty_and_previous_outputs_are_accepted(
    tmp_path: Path, project: Path, run_build: Build
) -> None:
    fresh, empty = tmp_path / "new" / "dist", tmp_path / "empty"
    empty.mkdir()
    for out in (fresh, empty, fresh):
        result = run_build(project, str(out))
        assert result.code == 0, result.err
        assert (out / MARKER).is_file()


def test_an_output_from_before_the_marker_is_accepted(
    tmp_path: Path, project: Path, run_build: Build
) -> None:
    out = tmp_path / "dist"
    assert run_build(project, str(out)).code == 0
    (out / MARKER).unlink()
    result = run_build(project, str(out))
    assert result.code == 0, result.err
    assert (out / MARKER).is_file()


# --- a mount point: the children are swapped -------------------------------------


def test_a_mount_point_is_written_inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "mount_point", lambda folder: folder.name == "volume")
    project = Project(copy_project(tmp_path / "project"))
    volume = tmp_path / "volume"
    volume.mkdir()
    inode = volume.stat().st_ino
    for locales in (None, ["en"]):
        build(project, volume, pdf=False, locales=locales, log=lambda _: None)
        assert volume.stat().st_ino == inode, "the mount point itself was replaced"
        assert (volume / MARKER).is_file()
        assert (volume / "id" / "index.html").is_file()
        assert (volume / "en" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "volume"]
    leftovers = [p.name for p in volume.iterdir() if p.name.startswith(".explainer.")]
    assert leftovers == [".explainer.lock"]


def test_a_children_swap_killed_midway_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "mount_point", lambda folder: True)
    volume = tmp_path / "volume"
    old = volume / ".explainer.old-died"
    old.mkdir(parents=True)
    (old / "index.html").write_text("previous\n", encoding="utf-8")
    (old / MARKER).write_text("", encoding="utf-8")
    (volume / "index.html").write_text("half of the new output\n", encoding="utf-8")
    output.remove_stale(volume)
    assert (volume / "index.html").read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in volume.iterdir()) == [MARKER, "index.html"]


# --- a partial build reads back only regular, listed files ------------------------


def test_a_partial_build_follows_no_link(tmp_path: Path, project: Path, run_build: Build) -> None:
    out = tmp_path / "dist"
    assert run_build(project, str(out)).code == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("private\n", encoding="utf-8")
    page = out / "en" / "index.html"
    page.unlink()
    page.symlink_to(secret)
    embed = out / "en" / "embed"
    shutil.rmtree(embed)
    embed.symlink_to(tmp_path)  # a folder link out of the output
    (out / "en" / "loop").symlink_to(out / "en" / "loop")
    (out / "en" / "gone.html").symlink_to(tmp_path / "nowhere")

    result = run_build(project, str(out), "--locale", "id")

    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    found = [p for p in out.rglob("*") if p.is_symlink()]
    assert found == []
    assert all("private" not in p.read_text("utf-8") for p in out.rglob("*.html"))
    assert secret.read_text(encoding="utf-8") == "private\n"
    assert (out / "id" / "index.html").is_file()
