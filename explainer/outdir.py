"""Decide whether `build --out` may write to a folder: it must be ours or unused.

A build replaces its output folder as a whole, so it only ever writes to a
folder that does not exist, is empty, or holds a previous explainer output:
one with the marker file every build writes, or (from before the marker) one
whose files are all listed in its manifest. Anything else is refused before
anything is read or written.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from explainer.errors import UsageError
from explainer.project import BUILD_CACHE, MANIFEST

MARKER = ".explainer-output"
MARKER_TEXT = (
    "This folder is the output of `explainer build`; every build replaces all of it.\n"
    "Keep no other files here.\n"
)
# Files a build writes that its manifest does not list.
UNLISTED = {MARKER, MANIFEST, BUILD_CACHE}


def refuse(out: str | Path, why: str) -> UsageError:
    """Return the usage error refusing `out` as the output folder."""
    return UsageError(f"explainer: --out {str(out)!r} {why}; nothing was written")


def check_out(out: Path, inputs: list[Path]) -> Path:
    """Return the real path of `out` if a build may write there; raise UsageError if not.

    `inputs` are the folders a build reads (the project, its data, locales and
    templates): the output may neither be nor contain any of them.
    """
    if str(out) in ("", "."):
        raise refuse(out, "names the current folder; give a folder of its own, such as dist")
    try:
        real = out.resolve(strict=False)
    except RuntimeError:
        raise refuse(out, "is a symbolic link loop") from None
    except OSError as error:
        raise refuse(out, _os_reason(error)) from None
    if os.path.islink(out) and not os.path.lexists(real):
        raise refuse(out, "is a symbolic link to nothing")
    for folder in inputs:
        inside = folder.resolve()
        if inside == real:
            raise refuse(out, "is where the project's inputs are; choose another folder")
        if inside.is_relative_to(real):
            raise refuse(out, f"holds the project's inputs ({inside}); choose another folder")
        if real.is_relative_to(inside) and inside != inputs[0].resolve():
            raise refuse(out, f"is inside the project's inputs ({inside}); choose another folder")
    if not os.path.lexists(real):
        return real
    if not real.is_dir():
        raise refuse(out, "is a file, not a folder")
    reason = _not_ours(real)
    if reason:
        raise refuse(out, f"{reason}; empty it or choose another folder")
    return real


def _os_reason(error: OSError) -> str:
    if error.errno == 40:  # ELOOP
        return "is a symbolic link loop"
    return f"cannot be examined: {error.strerror}"


def _not_ours(folder: Path) -> str:
    """Return why `folder` is not an explainer output, or "" if it is one (or empty)."""
    try:
        names = os.listdir(folder)
    except OSError as error:
        return f"cannot be listed: {error.strerror}"
    if not names or _is_regular(folder / MARKER):
        return ""
    listed = _listed(folder)
    if listed is None:
        return f"holds files that are not an explainer output (no {MARKER} file)"
    for path in _files(folder):
        name = path.relative_to(folder).as_posix()
        if name not in listed and name not in UNLISTED:
            return f"holds {name!r}, which is not an explainer output"
    return ""


def _listed(folder: Path) -> set[str] | None:
    """Return the paths an old output's manifest lists, or None if there is none."""
    entries = manifest_entries(folder)
    try:
        return None if entries is None else {str(entry["path"]) for entry in entries}
    except (KeyError, TypeError):
        return None


def manifest_entries(folder: Path) -> list[Any] | None:
    """Return the entries of the manifest in `folder`, or None if it is missing or broken."""
    try:
        entries = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["artifacts"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return entries if isinstance(entries, list) else None


def _files(folder: Path) -> list[Path]:
    """Return everything under `folder` that is not a folder (links included, not followed)."""
    found = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        found += [Path(parent, name) for name in files]
        found += [Path(parent, name) for name in dirs if os.path.islink(Path(parent, name))]
    return found


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def regular_file_inside(root: Path, relative: str) -> Path | None:
    """Return root/relative if it is a regular file reached through no symbolic link."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        return None
    path = root
    try:
        for part in parts[:-1]:
            path = path / part
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                return None
        path = path / parts[-1]
        return path if stat.S_ISREG(os.lstat(path).st_mode) else None
    except OSError:
        return None
