"""The whole build through the command line: outputs, manifest, PDFs, exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from explainer.commands.cli import main
from explainer.project import Project
from tests.conftest import ROOT, SEEDS

PDF_TEXT = {
    "id": ["Memahami OK OCE", "65.414", "29.346", "Rp724,5 juta", "17 Maret 2019"],
    "en": ["OK OCE explained", "65,414", "29,346", "IDR 724.5 million", "17 March 2019"],
}


def run(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_manifest_lists_every_artefact_with_its_hash(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    entries = {(a["path"], a["locale"], a["kind"]) for a in manifest["artifacts"]}
    for locale in ("id", "en"):
        assert (f"{locale}/index.html", locale, "page") in entries
        assert (f"{locale}/ok-oce-explainer-{locale}.pdf", locale, "pdf") in entries
    for artefact in manifest["artifacts"]:
        data = (dist / artefact["path"]).read_bytes()
        assert artefact["bytes"] == len(data)
        assert artefact["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("locale", ["id", "en"])
def test_pdf_text_holds_the_locale_formatted_figures(dist: Path, locale: str) -> None:
    reader = PdfReader(dist / locale / f"ok-oce-explainer-{locale}.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    text = text.replace("\u00a0", " ")
    for expected in PDF_TEXT[locale]:
        assert expected in text, expected


@pytest.mark.parametrize("locale", ["id", "en"])
def test_pdf_title_and_language(dist: Path, locale: str) -> None:
    reader = PdfReader(dist / locale / f"ok-oce-explainer-{locale}.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == PDF_TEXT[locale][0]
    assert reader.trailer["/Root"]["/Lang"] == locale


def test_check_passes_and_verifies_quotes_against_the_sources() -> None:
    args = ["check", "--sources", str(SEEDS)] if SEEDS.is_dir() else ["check"]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "check passed" in result.stderr


def test_a_broken_data_file_is_named_and_the_previous_output_survives(
    project_copy: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert main(["--project", str(project_copy.root), "build", "--no-pdf", "--out", str(out)]) == 0
    before = (out / "manifest.json").read_bytes()
    results = project_copy.data_dir / "results.yaml"
    results.write_text(results.read_text(encoding="utf-8").replace("value: 65414", "value: [65"))
    result = run("--project", str(project_copy.root), "build", "--no-pdf", "--out", str(out))
    assert result.returncode == 1
    assert f"{results}:" in result.stderr
    assert "not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "manifest.json").read_bytes() == before
    assert (out / "en" / "index.html").is_file()


def test_an_unknown_locale_is_a_usage_error(tmp_path: Path) -> None:
    result = run("build", "--no-pdf", "--out", str(tmp_path / "o"), "--locale", "xx")
    assert result.returncode == 2
    assert "unknown locale 'xx'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_bad_command_line_is_exit_two() -> None:
    assert run("build", "--no-such-flag").returncode == 2


def test_building_one_locale_keeps_the_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", "--no-pdf", "--out", str(out)]) == 0
    assert main(["build", "--no-pdf", "--out", str(out), "--locale", "id"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    editions = [a for a in manifest["artifacts"] if a["kind"] != "index"]
    assert {a["locale"] for a in editions} == {"id", "en"}


def test_source_date_epoch_sets_the_edition_date(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "--no-pdf", "--out", str(out), env={"SOURCE_DATE_EPOCH": "1552780800"})
    assert result.returncode == 0, result.stderr
    assert "Edisi 17 Maret 2019" in (out / "id" / "index.html").read_text(encoding="utf-8")
    bad = run("build", "--no-pdf", "--out", str(out), env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert bad.returncode == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'" in bad.stderr
