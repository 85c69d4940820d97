"""Write the artefacts and the manifest, replacing the previous output at once.

A build writes into a staging folder beside the output folder and swaps it into
place only when every artefact was written: a failed or interrupted build
leaves the previous output exactly as it was. Every output holds a marker file
(see `outdir`), so that a later build knows the folder is its own.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from explainer.outdir import MARKER, MARKER_TEXT, manifest_entries, regular_file_inside
from explainer.project import MANIFEST
from explainer.render.files import OutputFile

Log = Callable[[str], None]
# The staging locks this process holds (closed in forked workers, see `release_inherited`).
HELD: set[int] = set()


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


def write_manifest(root: Path, artifacts: list[Artifact], base_url: str | None = None) -> None:
    """Write manifest.json listing `artifacts` sorted by path, each with its `url` if known."""
    entries = []
    for artifact in sorted(artifacts, key=lambda a: a.path):
        entry: dict[str, object] = asdict(artifact)
        if entry["section"] is None:
            del entry["section"]
        if base_url is not None:
            entry["url"] = base_url + artifact.path
        entries.append(entry)
    text = json.dumps({"artifacts": entries}, indent=2, ensure_ascii=False) + "\n"
    write_text(root / MANIFEST, text)


def read_manifest(root: Path) -> list[Artifact]:
    """Return the artefacts listed in an existing manifest (none if unreadable)."""
    try:
        return [
            Artifact(**{k: v for k, v in entry.items() if k != "url"})
            for entry in manifest_entries(root) or []
        ]
    except (TypeError, AttributeError):  # an entry with other keys, or not a mapping
        return []


def mount_point(folder: Path) -> bool:
    """Return whether `folder` is a mount point (a seam the tests can force)."""
    return os.path.ismount(folder)


@dataclass(frozen=True)
class _Place:
    """Where a build's staging folders and lock live, and how they are named."""

    folder: Path
    prefix: str
    inside: bool


def _place(out: Path) -> _Place:
    """Stage beside `out`, or inside it when `out` is a mount point that cannot be renamed."""
    if out.is_dir() and mount_point(out):
        return _Place(out, ".explainer.", inside=True)
    return _Place(out.parent, f".{out.name}.", inside=False)


@contextmanager
def staging(out: Path, *, keep: bool) -> Iterator[Path]:
    """Yield a fresh folder beside `out`; on success, swap it into place.

    With `keep`, the folder starts with the files the current output's manifest
    lists, so that a build of some locales keeps the others. The folder is
    locked while the build runs, so that the next build can tell it from one
    left by a killed build. When `out` is a mount point, the folder is made
    inside it and the swap exchanges its children instead.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    place = _place(out)
    with _swap_lock(place):
        remove_stale(out)
        stage = Path(tempfile.mkdtemp(prefix=f"{place.prefix}build-", dir=place.folder))
        held = _lock_folder(stage)
        HELD.add(held)
    try:
        if keep and out.is_dir():
            copy_listed(out, stage)
        (stage / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        yield stage
        with _swap_lock(place):
            if place.inside:
                _swap_children(stage, out, place)
            else:
                _swap(stage, out)
    finally:
        HELD.discard(held)
        os.close(held)
        shutil.rmtree(stage, ignore_errors=True)


def copy_listed(out: Path, stage: Path) -> None:
    """Copy the regular files the manifest of `out` lists into `stage`; follow no link."""
    for name in [MANIFEST, *(a.path for a in read_manifest(out))]:
        source = regular_file_inside(out, name)
        if source is not None:
            target = stage / name
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy_no_follow(source, target)


def _copy_no_follow(source: Path, target: Path) -> None:
    """Copy a regular file, refusing to open it if it became a link meanwhile."""
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as reader, target.open("wb") as writer:
        if stat.S_ISREG(os.fstat(reader.fileno()).st_mode):
            shutil.copyfileobj(reader, writer)


def release_inherited() -> None:
    """Close the staging locks a forked worker inherited, so that only the build holds them."""
    for fd in list(HELD):
        with suppress(OSError):
            os.close(fd)
    HELD.clear()


def remove_stale(out: Path) -> None:
    """Remove the folders of builds that died; restore an output lost mid-swap.

    Call with the swap lock held.
    """
    place = _place(out)
    old = sorted(place.folder.glob(f"{place.prefix}old-*"))
    for folder in old:
        if place.inside and not (out / MARKER).exists() and _unused(folder):
            _restore_children(folder, out, place)
        saved = folder / out.name
        if not place.inside and not out.exists() and saved.is_dir() and _unused(folder):
            os.rename(saved, out)
    for folder in [*old, *place.folder.glob(f"{place.prefix}build-*")]:
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
def _swap_lock(place: _Place) -> Iterator[None]:
    """Let one build at a time swap its output into place."""
    fd = os.open(place.folder / f"{place.prefix}lock", os.O_RDWR | os.O_CREAT, 0o644)
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


def _swap_children(stage: Path, out: Path, place: _Place) -> None:
    """Replace the children of `out` by those of `stage`; the marker goes in last.

    A build killed midway leaves the old children in a locked `old-` folder and
    no marker, so the next build puts them back (see `remove_stale`).
    """
    old = Path(tempfile.mkdtemp(prefix=f"{place.prefix}old-", dir=out))
    held = _lock_folder(old)
    try:
        for name in _children(out, place):
            os.rename(out / name, old / name)
        for name in sorted(os.listdir(stage), key=lambda n: n == MARKER):
            os.rename(stage / name, out / name)
    finally:
        os.close(held)
    shutil.rmtree(old, ignore_errors=True)


def _restore_children(old: Path, out: Path, place: _Place) -> None:
    """Undo a children swap that died midway: drop the new children, put the old back."""
    for name in _children(out, place):
        path = out / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    for name in os.listdir(old):
        os.rename(old / name, out / name)


def _children(out: Path, place: _Place) -> list[str]:
    """Return the names in `out` that are output, not a build's staging or lock."""
    return [name for name in os.listdir(out) if not name.startswith(place.prefix)]


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
