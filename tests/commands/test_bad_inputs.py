"""Every mistake in tests/bad_inputs/cases.yaml stops the command with a clear message.

Each case edits one file of a copy of the project and runs the command line on
it: in this process through `main()`, as the `explainer` command calls it, and
for the cases marked `subprocess: true` as a real `python -m explainer`
process, as an editor would. See tests/bad_inputs/README.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from explainer.outdir import MARKER
from tests.support import Result, copy_project, run_cli, run_main, snapshot

CASES_FILE = Path(__file__).parent.parent / "bad_inputs" / "cases.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
# How many cases run as real processes: a few of each kind, not all (each costs a start-up).
MOST_SUBPROCESSES = 5


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


def prepared(tmp_path: Path, case: dict[str, Any]) -> tuple[Path, int, list[str]]:
    """Copy the project, apply the case; return the project, the edit's line, the arguments."""
    project = copy_project(tmp_path / "project")
    line = apply_case(project, case)
    make_files(tmp_path, case)
    args = [a.replace("{tmp}", str(tmp_path)) for a in case.get("args", ["build", "--no-pdf"])]
    if args[0] == "build":
        out = case.get("out")
        target = str(tmp_path / "dist") if out is None else (str(tmp_path / out) if out else "")
        args += ["--out", target]
    return project, line, args


def assert_handled(case: dict[str, Any], result: Result, line: int, tmp_path: Path) -> None:
    """The exit status and messages are the case's; nothing was written; no traceback."""
    assert "Traceback" not in result.output, result.output
    assert result.code == case.get("exit", 1), result.output
    for pattern in case["expect"]:
        assert expected(line, pattern) in result.output, result.output
    assert not list(tmp_path.glob(".dist.build-*")), "a staging folder was left behind"


def test_corpus_is_large_enough() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) >= 30
    assert len(set(names)) == len(names), "case names must be unique"
    in_processes = [case["name"] for case in CASES if case.get("subprocess")]
    assert 3 <= len(in_processes) <= MOST_SUBPROCESSES, in_processes


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input(
    tmp_path: Path,
    case: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project, line, args = prepared(tmp_path, case)
    before = make_dist(tmp_path / "dist")
    everything = tree_hash(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("CI", "true")
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)

    result = run_main(["--project", str(project), *args], capsys)

    assert_handled(case, result, line, tmp_path)
    assert snapshot(tmp_path / "dist") == before, "the previous output was changed"
    if case.get("out") is not None:
        assert tree_hash(tmp_path) == everything, "a refused --out changed files"


SUBPROCESS_CASES = [case for case in CASES if case.get("subprocess")]


@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=[c["name"] for c in SUBPROCESS_CASES])
def test_bad_input_in_a_real_process(tmp_path: Path, case: dict[str, Any]) -> None:
    project, line, args = prepared(tmp_path, case)
    before = make_dist(tmp_path / "dist")

    process = run_cli(*args, project=project, env=case.get("env", {}))

    result = Result(process.returncode, process.stdout, process.stderr)
    assert_handled(case, result, line, tmp_path)
    assert snapshot(tmp_path / "dist") == before, "the previous output was changed"
