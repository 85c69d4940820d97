"""Quotes against the captured text of their sources (`explainer check --sources`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build import load_model
from explainer.facts.model import Explainer
from explainer.facts.quotes import all_quotes, check_quotes
from explainer.project import Project
from tests.support import SEEDS


def captures(model: Explainer, folder: Path) -> Path:
    """Write a capture per source holding its quotes as the data has them; return `folder`."""
    folder.mkdir()
    for source in model.sources:
        if source.capture is not None:
            quotes = [q.text for _, q in all_quotes(model) if q.source == source.id]
            text = "Headline\n\n" + "\n\n".join(f"Before. {q}  After." for q in quotes)
            (folder / source.capture).write_text(text, encoding="utf-8")
    return folder


def test_every_source_with_quotes_has_a_capture(project: Project) -> None:
    model, _ = load_model(project)
    quoted = {q.source for _, q in all_quotes(model)}
    assert quoted
    assert {s.id for s in model.sources if s.capture} >= quoted


def test_quotes_found_in_their_captures_pass(project: Project, tmp_path: Path) -> None:
    model, _ = load_model(project)
    assert check_quotes(model, captures(model, tmp_path / "captures")) == []


def test_a_changed_quote_is_caught(project: Project, project_copy: Project, tmp_path: Path) -> None:
    folder = captures(load_model(project)[0], tmp_path / "captures")
    path = project_copy.data_dir / "results.yaml"
    text = path.read_text(encoding="utf-8")
    assert "65.414 orang" in text
    path.write_text(text.replace("65.414 orang", "65.415 orang"), encoding="utf-8")
    problems = check_quotes(load_model(project_copy)[0], folder)
    assert len(problems) == 1
    assert "registered-2018" in problems[0].message
    assert "65.415" in problems[0].message
    assert "it matches up to" in problems[0].message


def test_an_unreadable_capture_is_named(project: Project, tmp_path: Path) -> None:
    model, _ = load_model(project)
    problems = check_quotes(model, tmp_path)
    assert problems
    assert all("cannot read the capture" in p.message for p in problems)


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the shared source captures are not at {SEEDS} (beside the repo)"
)
def test_every_quote_is_verbatim_in_the_real_captures(project: Project) -> None:
    model, _ = load_model(project)
    assert check_quotes(model, SEEDS) == []


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the shared source captures are not at {SEEDS} (beside the repo)"
)
def test_a_changed_quote_is_caught_in_the_real_captures(project_copy: Project) -> None:
    path = project_copy.data_dir / "results.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("65.414 orang", "65.415 orang"), encoding="utf-8")
    problems = check_quotes(load_model(project_copy)[0], SEEDS)
    assert len(problems) == 1
    assert "registered-2018" in problems[0].message
