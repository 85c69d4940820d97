"""Print the gzipped weight of every page and card against the budgets.

    .venv/bin/python benchmarks/weights.py [DIST]

Builds the HTML (no PDF) into a temporary folder, or reads an existing DIST.
Budgets: a page under 60 KB gzipped, a card (iframe page or fragment) under
15 KB. A figure, not a test: it never fails the build.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path

from explainer.build import Project, build

ROOT = Path(__file__).resolve().parent.parent
KB = 1024
BUDGETS = {"page": 60 * KB, "embed": 15 * KB, "fragment": 15 * KB, "index": 60 * KB}


def weights(dist: Path) -> list[tuple[str, str, int, int]]:
    """Return (path, kind, bytes, gzipped bytes) for every HTML file in the manifest."""
    entries = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))["artifacts"]
    rows = []
    for entry in entries:
        if entry["kind"] in BUDGETS:
            data = (dist / entry["path"]).read_bytes()
            rows.append((entry["path"], entry["kind"], len(data), len(gzip.compress(data, 9))))
    return rows


def report(rows: list[tuple[str, str, int, int]]) -> str:
    """Return the table of weights, marking anything over its budget."""
    lines = [f"{'file':<36} {'kind':<9} {'bytes':>8} {'gzip':>8}  budget"]
    for path, kind, raw, packed in rows:
        budget = BUDGETS[kind]
        mark = "ok" if packed < budget else "OVER"
        lines.append(f"{path:<36} {kind:<9} {raw:>8} {packed:>8}  {budget // KB} KB {mark}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the weights of DIST, or of a fresh HTML build."""
    if argv:
        print(report(weights(Path(argv[0]))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dist"
        build(Project(ROOT), out, pdf=False, log=lambda _: None)
        print(report(weights(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
