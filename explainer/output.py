"""Write the artefacts and the manifest, replacing the previous output at once.

A build writes into a staging folder beside the output folder and swaps it into
place only when every artefact was written: a failed or interrupted build
leaves the previous output exactly as it was.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from explainer.project import MANIFEST
from explainer.render.files import OutputFile

Log = Callable[[str], None]


@dataclass(frozen=True)
class Artifact:
    """One written file, as the manifest lists it."""

    path: str
    locale: str
    kind: str
    sha256: str
    bytes: int
    section: str | None = None


def describe(
    root: Path, path: Path, locale: str, kind: str, section: str | None = None
) -> Artifact:
    """Return the manifest entry of a file written under `root`."""
    data = path.read_bytes()
    return Artifact(
        path=path.relative_to(root).as_posix(),
        locale=locale,
        kind=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        section=section,
    )


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix newlines, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_files(root: Path, files: list[OutputFile], log: Log) -> list[Artifact]:
    """Write rendered files under `root`; return their manifest entries."""
    artifacts = []
    for file in files:
        started = time.perf_counter()
        path = root / file.path
        write_text(path, file.text)
        artifacts.append(describe(root, path, file.locale, file.kind, file.section))
        log(f"wrote {file.path} ({time.perf_counter() - started:.2f} s)")
    return artifacts


def write_manifest(root: Path, artifacts: list[Artifact]) -> None:
    """Write manifest.json listing `artifacts` sorted by path."""
    entries = []
    for artifact in sorted(artifacts, key=lambda a: a.path):
        entry = asdict(artifact)
        if entry["section"] is None:
            del entry["section"]
        entries.append(entry)
    text = json.dumps({"artifacts": entries}, indent=2, ensure_ascii=False) + "\n"
    write_text(root / MANIFEST, text)


def read_manifest(root: Path) -> list[Artifact]:
    """Return the artefacts listed in an existing manifest (none if unreadable)."""
    try:
        entries = json.loads((root / MANIFEST).read_text(encoding="utf-8"))["artifacts"]
        return [Artifact(**entry) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return []


@contextmanager
def staging(out: Path, *, keep: bool) -> Iterator[Path]:
    """Yield a fresh folder beside `out`; on success, swap it into place.

    With `keep`, the folder starts as a copy of the current output, so that a
    build of some locales keeps the others. The folder is locked while the
    build runs, so that the next build can tell it from one left by a killed build.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _swap_lock(out):
        remove_stale(out)
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
        held = _lock_folder(stage)
    try:
        if keep and out.is_dir():
            shutil.copytree(out, stage, dirs_exist_ok=True)
        yield stage
        with _swap_lock(out):
            _swap(stage, out)
    finally:
        os.close(held)
        shutil.rmtree(stage, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Remove the folders of builds that died; restore an output lost mid-swap.

    Call with the swap lock held.
    """
    old = sorted(out.parent.glob(f".{out.name}.old-*"))
    for folder in old:
        saved = folder / out.name
        if not out.exists() and saved.is_dir() and _unused(folder):
            os.rename(saved, out)
    for folder in [*old, *out.parent.glob(f".{out.name}.build-*")]:
        if _unused(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _lock_folder(folder: Path) -> int:
    """Hold an exclusive lock on `folder` until the returned descriptor is closed."""
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _unused(folder: Path) -> bool:
    """Return whether no running build holds `folder`."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


@contextmanager
def _swap_lock(out: Path) -> Iterator[None]:
    """Let one build at a time swap its output into place."""
    fd = os.open(out.parent / f".{out.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _swap(stage: Path, out: Path) -> None:
    """Put `stage` where `out` is, with the old output gone only afterwards."""
    os.chmod(stage, 0o755)
    if not out.exists():
        os.rename(stage, out)
        return
    if _exchange(stage, out):
        shutil.rmtree(stage, ignore_errors=True)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    held = _lock_folder(old)
    try:
        os.rename(out, old / out.name)
        os.rename(stage, out)
    finally:
        os.close(held)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); return False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, bytes(a), at_fdcwd, bytes(b), rename_exchange)
    return bool(done == 0)
