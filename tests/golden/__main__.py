"""Regenerate the golden files from a fresh full build: `python -m tests.golden`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from explainer.build import build
from explainer.project import Project
from tests.golden import FILES, copy_golden
from tests.support import ROOT, clean_environment


def main() -> int:
    """Build the project as committed and copy the golden files from it."""
    with tempfile.TemporaryDirectory() as folder, clean_environment():
        out = Path(folder) / "dist"
        build(Project(ROOT), out, log=lambda _: None)
        changed = copy_golden(out)
    for name in FILES:
        print(f"{'updated' if name in changed else 'unchanged'}: tests/golden/{name}")
    print("review the change with `git diff tests/golden/` before committing it", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
