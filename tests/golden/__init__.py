"""Golden output: a few files of a full build, committed here and compared by test_golden.py.

After a change that is meant to change the output, regenerate them on purpose:

    make golden            # or: .venv/bin/python -m tests.golden

then read `git diff tests/golden/` before committing it. See README.md here.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

GOLDEN = Path(__file__).parent
# Both pages, one card, one fragment in each form, and the manifest (whose sha256 of every
# artefact, PDFs included, pins the rest of the build to the byte).
FILES = (
    "id/index.html",
    "en/index.html",
    "en/embed/steps.html",
    "id/embed/disputes.fragment.html",
    "id/embed/disputes.cms.html",
    "manifest.json",
)
# How many lines of a difference a failing test shows.
MOST_LINES = 120


def copy_golden(dist: Path) -> list[str]:
    """Copy the golden files from a build in `dist` to tests/golden/; return those that changed."""
    changed = []
    for name in FILES:
        source, target = dist / name, GOLDEN / name
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            changed.append(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return changed


def difference(name: str, expected: str, actual: str) -> str:
    """Return a unified diff from the golden file `name` to a fresh build's, cut short if long."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/golden/{name}",
            tofile=f"build/{name}",
        )
    )
    if len(lines) > MOST_LINES:
        lines = [*lines[:MOST_LINES], f"... {len(lines) - MOST_LINES} more line(s)\n"]
    return "".join(lines)
