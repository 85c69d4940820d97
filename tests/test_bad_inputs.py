"""Every mistake in tests/bad_inputs/cases.yaml stops the command with a clear message.

Each case edits one file of a copy of the project and runs the command line in
a subprocess, as an editor would; see tests/bad_inputs/README.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from explainer.outdir import MARKER

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = Path(__file__).parent / "bad_inputs" / "cases.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def copy_project(target: Path) -> Path:
    """Copy data/, locales/ and templates/ into `target`."""
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


def apply_case(project: Path, case: dict[str, Any]) -> int:
    """Make the case's edit; return the line where it starts (1 if none)."""
    path = project / case["file"]
    if case.get("delete"):
        path.unlink()
        return 1
    if "whole" in case:
        path.write_text(case["whole"], encoding="utf-8")
        return 1
    text = path.read_text(encoding="utf-8")
    if "grow_to" in case:
        path.write_text(text + "#" * (case["grow_to"] - len(text.encode())) + "\n", "utf-8")
        return 1
    if "append_bytes" in case:
        path.write_bytes(path.read_bytes() + bytes.fromhex(case["append_bytes"]))
        return text.count("\n") + 1
    if "append" in case:
        text = text.rstrip("\n") + "\n"
        line = text.count("\n") + 1
        path.write_text(text + case["append"], encoding="utf-8")
        return line
    old = case["old"]
    at = text.find(old)
    assert at >= 0, f"case {case['name']!r}: {old!r} is no longer in {case['file']}"
    path.write_text(text[:at] + case["new"] + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def expected(line: int, pattern: str) -> str:
    """Fill in {line} and {line+N} in an expected message."""
    return re.sub(r"\{line(?:\+(\d+))?\}", lambda m: str(line + int(m.group(1) or 0)), pattern)


def make_dist(dist: Path) -> dict[str, bytes]:
    """Leave a previous output in `dist`; return its files and bytes."""
    (dist / "en").mkdir(parents=True)
    (dist / "en" / "index.html").write_text("<p>previous edition</p>\n", encoding="utf-8")
    (dist / "manifest.json").write_text('{"artifacts": []}\n', encoding="utf-8")
    (dist / MARKER).write_text("", encoding="utf-8")
    return snapshot(dist)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def run_cli(
    project: Path, args: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run `python -m explainer --project <project> <args>`."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update({"CI": "true", **env})
    return subprocess.run(
        [sys.executable, "-m", "explainer", "--project", str(project), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_corpus_is_large_enough() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) >= 30
    assert len(set(names)) == len(names), "case names must be unique"


def make_files(root: Path, case: dict[str, Any]) -> None:
    """Create the case's extra files and FIFOs (paths relative to `root`)."""
    for name, text in case.get("files", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    for name in case.get("fifos", []):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / name)


def tree_hash(folder: Path) -> dict[str, bytes]:
    """Return every entry under `folder` (files with their bytes, folders as empty)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"/"
        for p in folder.rglob("*")
        if not p.is_fifo()
    }


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input(tmp_path: Path, case: dict[str, Any]) -> None:
    project = copy_project(tmp_path / "project")
    line = apply_case(project, case)
    make_files(tmp_path, case)
    dist = tmp_path / "dist"
    before = make_dist(dist)
    args = [a.replace("{tmp}", str(tmp_path)) for a in case.get("args", ["build", "--no-pdf"])]
    out = case.get("out")
    if args[0] == "build":
        target = str(dist) if out is None else (str(tmp_path / out) if out else "")
        args = [*args, "--out", target]
    everything = tree_hash(tmp_path)

    result = run_cli(project, args, case.get("env", {}))

    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == case.get("exit", 1), output
    for pattern in case["expect"]:
        assert expected(line, pattern) in output, output
    assert snapshot(dist) == before, "the previous output was changed"
    assert not list(tmp_path.glob(".dist.build-*")), "a staging folder was left behind"
    if out is not None:
        assert tree_hash(tmp_path) == everything, "a refused --out changed files"
