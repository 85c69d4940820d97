"""The command line: exit statuses, usage errors, `check`, progress lines, lazy WeasyPrint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explainer.commands import cli
from explainer.pdf.weasy import PrintOptions
from explainer.project import Project
from tests.support import ROOT, SEEDS, run_cli, run_main, snapshot


def test_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_main(["--project", str(ROOT), "check"], capsys)
    assert result.code == 0, result.err
    assert "check passed" in result.err


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the shared source captures are not at {SEEDS} (beside the repo)"
)
def test_check_verifies_quotes_against_the_sources(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_main(["--project", str(ROOT), "check", "--sources", str(SEEDS)], capsys)
    assert result.code == 0, result.err
    assert "check passed" in result.err


def test_check_with_a_missing_sources_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    result = run_main(["--project", str(ROOT), "check", "--sources", str(missing)], capsys)
    assert result.code == 1
    assert f"{missing}: error: no such folder of source captures" in result.err


def test_a_broken_data_file_is_named_and_the_previous_output_survives(
    project_copy: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = ["--project", str(project_copy.root), "build", "--no-pdf", "--out", str(out)]
    assert run_main(argv, capsys).code == 0
    before = snapshot(out)
    results = project_copy.data_dir / "results.yaml"
    results.write_text(results.read_text(encoding="utf-8").replace("value: 65414", "value: [65"))
    result = run_main(argv, capsys)
    assert result.code == 1
    assert f"{results}:" in result.err
    assert "not valid YAML" in result.err
    assert "nothing was written" in result.err
    assert "Traceback" not in result.output
    assert snapshot(out) == before


def test_an_unknown_locale_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o"
    result = run_main(["build", "--no-pdf", "--out", str(out), "--locale", "xx"], capsys)
    assert result.code == 2
    assert "unknown locale 'xx'" in result.err
    assert not out.exists()


def test_a_bad_command_line_is_exit_two_in_a_real_process() -> None:
    result = run_cli("build", "--no-such-flag")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-flag" in result.stderr
    assert "Traceback" not in result.stderr


def test_paper_and_variant_reach_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, object] = {}

    def fake_build(project: Project, out: Path, **options: object) -> list[object]:
        seen.update(options, project=project, out=out)
        return []

    monkeypatch.setattr("explainer.build.build", fake_build)
    argv = ["--project", str(ROOT), "build", "--out", str(tmp_path), "--paper", "letter"]
    result = run_main([*argv, "--pdf-variant", "pdf/a-3b", "--locale", "en"], capsys)
    assert result.code == 0, result.err
    assert seen["print_options"] == PrintOptions(paper="letter", variant="pdf/a-3b")
    assert seen["locales"] == ["en"] and seen["pdf"] is True and seen["out"] == tmp_path
    assert run_main([*argv, "--pdf-variant", "pdf/x"], capsys).code == 2


NO_WEASYPRINT = """
import sys
from explainer.commands.cli import main
assert main(["--project", sys.argv[1], "check"]) == 0
assert main(["--project", sys.argv[1], "build", "--no-pdf", "--out", sys.argv[2]]) == 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("weasyprint", "pydyf", "tinycss2"))
assert not loaded, loaded
"""


def test_check_and_html_build_never_import_weasyprint(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_WEASYPRINT, str(ROOT), str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("ci", "quiet", "tty", "wanted"),
    [
        ("", False, True, True),
        ("true", False, True, False),
        ("", True, True, False),
        ("", False, False, False),
    ],
)
def test_progress_lines_only_in_a_terminal_outside_ci(
    monkeypatch: pytest.MonkeyPatch, ci: str, quiet: bool, tty: bool, wanted: bool
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    assert cli._progress_wanted(quiet) is wanted
