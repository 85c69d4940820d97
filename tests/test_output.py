"""Nothing lost: a killed, failed or concurrent build never leaves a half-written output."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from explainer.output import remove_stale, staging
from explainer.project import Project
from tests.support import ROOT, cli, cli_env, copy_project


def assert_complete(out: Path) -> dict[str, str]:
    """Assert every file the manifest lists is there with its hash; return path → hash."""
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    assert entries
    found = {}
    for entry in entries:
        data = (out / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        found[entry["path"]] = entry["sha256"]
    return found


def changed_project(target: Path) -> Path:
    """A copy of the project whose English page differs from the real one."""
    copy_project(target)
    edition = target / "data" / "edition.yaml"
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("OK OCE explainer project", "Another publisher"), "utf-8")
    return target


def test_concurrent_builds_leave_one_complete_output(tmp_path: Path) -> None:
    other = changed_project(tmp_path / "other")
    out = tmp_path / "dist"
    for _ in ("into a new folder", "over the previous output"):
        processes = [
            subprocess.Popen(
                cli("build", "--no-pdf", "--out", str(out), project=project), env=cli_env()
            )
            for project in (ROOT, other, ROOT)
        ]
        assert [p.wait(timeout=120) for p in processes] == [0, 0, 0]
        assert_complete(out)
        publishers = {
            "Another publisher" in (out / locale / "index.html").read_text(encoding="utf-8")
            for locale in ("en", "id")
        }
        assert len(publishers) == 1, "the output mixes two builds"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "dist", "other"]


def test_failed_build_leaves_no_staging_folder(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    (out / "en").mkdir(parents=True)
    (out / "en" / "index.html").write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError), staging(out, keep=False) as stage:
        (stage / "partial.html").write_text("half\n", encoding="utf-8")
        raise RuntimeError("the build failed")
    assert (out / "en" / "index.html").read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "dist"]


def test_stale_folders_are_removed_but_running_builds_kept(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    stale = tmp_path / ".dist.build-stale"
    running = tmp_path / ".dist.build-running"
    stale.mkdir()
    running.mkdir()
    held = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        remove_stale(out)
        assert not stale.exists()
        assert running.exists()
    finally:
        os.close(held)


def test_output_lost_mid_swap_is_restored(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    saved = tmp_path / ".dist.old-crashed" / "dist"
    saved.mkdir(parents=True)
    (saved / "manifest.json").write_text("{}\n", encoding="utf-8")
    remove_stale(out)
    assert (out / "manifest.json").read_text(encoding="utf-8") == "{}\n"
    assert not (tmp_path / ".dist.old-crashed").exists()


def test_project_fixture_is_the_real_project(project: Project) -> None:
    assert project.root == ROOT


def children(pid: int) -> set[int]:
    """Return the ids of the processes `pid` started that are still running."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    """Return whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["kill", "term"])
def test_a_build_killed_while_rendering_pdfs_leaves_the_previous_output_and_no_process(
    tmp_path: Path, dist: Path, signum: signal.Signals
) -> None:
    """Killed or terminated in WeasyPrint: the output as it was, no worker left running,
    and no staging folder once the next build has run."""
    out = tmp_path / "dist"
    shutil.copytree(dist, out)
    (out / ".build-cache.json").unlink(missing_ok=True)  # so the build renders PDFs
    before = assert_complete(out)
    process = subprocess.Popen(
        cli("build", "--out", str(out)),
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2:
            assert process.poll() is None, "the build ended before its workers started"
            assert time.monotonic() < deadline, "no PDF workers started"
            workers |= children(process.pid)
            time.sleep(0.02)
        time.sleep(0.5)  # into WeasyPrint
        process.send_signal(signum)  # the build only, not its process group
        process.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)], "a PDF worker outlived its build"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert assert_complete(out) == before
    staging_left = bool(list(tmp_path.glob(".dist.build-*")))
    # SIGKILL gives the build no chance to clean up; on SIGTERM it removes its staging folder.
    assert staging_left == (signum == signal.SIGKILL)

    started = time.monotonic()
    subprocess.run(cli("build", "--no-pdf", "--out", str(out)), env=cli_env(), check=True)
    assert time.monotonic() - started < 30
    assert not list(tmp_path.glob(".dist.build-*")), "the staging folder was not removed"
    assert_complete(out)


def test_a_cold_build_leaves_the_temp_folder_as_it_found_it(dist: Path, dist_temp: Path) -> None:
    """The session build is a cold `explainer build` (3 PDFs, a worker pool) with its own TMPDIR."""
    assert len([a for a in assert_complete(dist) if a.endswith(".pdf")]) == 3
    assert sorted(p.name for p in dist_temp.iterdir()) == []
    assert not [p for p in dist.rglob(".render-*")], "a render's scratch folder was left"
