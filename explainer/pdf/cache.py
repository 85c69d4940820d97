"""Remember what each artefact was made from, so an unchanged rebuild skips the work.

The cache is a small JSON file in the output folder mapping each artefact's
path to a hash of its inputs (for a PDF: the print HTML, the metadata, the
assets and the renderer's version) and to the hash of the file it produced. A
file is reused only if both still match, so a stale or tampered cache costs a
rebuild, never a wrong artefact.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from explainer.outdir import regular_file_inside
from explainer.project import BUILD_CACHE as CACHE


def file_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_hash(folder: Path) -> str:
    """Return one SHA-256 over the names and bytes of every file under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(file_hash(path).encode())
    return digest.hexdigest()


@dataclass
class Cache:
    """The inputs hash and output hash of each artefact of one output folder."""

    root: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Cache:
        """Read the cache of `root` (empty if there is none or it is unreadable)."""
        try:
            entries = json.loads((root / CACHE).read_text(encoding="utf-8"))["entries"]
        except (OSError, ValueError, KeyError, TypeError):
            entries = {}
        return cls(root, entries if isinstance(entries, dict) else {})

    def reuse(self, path: str, key: str, stage: Path) -> bool:
        """Put the cached `path` into `stage` if it was made from inputs hashing to `key`."""
        entry = self.entries.get(path)
        source = regular_file_inside(self.root, path)
        if not isinstance(entry, dict) or entry.get("key") != key or source is None:
            return False
        if file_hash(source) != entry.get("sha256"):
            return False
        target = stage / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return True

    def record(self, path: str, key: str, sha256: str) -> None:
        """Remember that `path` (with hash `sha256`) was made from inputs hashing to `key`."""
        self.entries[path] = {"key": key, "sha256": sha256}

    def write(self, folder: Path) -> None:
        """Write the cache into `folder`."""
        text = json.dumps({"entries": self.entries}, indent=2, sort_keys=True) + "\n"
        (folder / CACHE).write_text(text, encoding="utf-8", newline="\n")
