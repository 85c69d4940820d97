"""The YAML reader: values, positions, and syntax errors that name the place."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.errors import InputError
from explainer.facts.load import format_key, load_data_dir, parse_text


def test_positions_point_at_each_value() -> None:
    data = parse_text("a:\n  - id: x\n    text: hello\n", "f.yaml")
    assert data.content == {"a": [{"id": "x", "text": "hello"}]}
    assert data.place(("a", 0, "text")) == (3, 11)


def test_dates_stay_text_and_numbers_are_numbers() -> None:
    data = parse_text("d: 2018-09-19\nn: 65414\nf: 2.5\nq: '65.414'\n", "f.yaml")
    assert data.content == {"d": "2018-09-19", "n": 65414, "f": 2.5, "q": "65.414"}


def test_syntax_error_names_file_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("a: [1, 2\nb: 3\n", "broken.yaml")
    problem = caught.value.problems[0]
    assert problem.file == "broken.yaml"
    assert problem.line == 2
    assert "not valid YAML" in problem.message


def test_duplicate_key_is_reported_with_its_line() -> None:
    with pytest.raises(InputError) as caught:
        parse_text("a: 1\nb: 2\na: 3\n", "dup.yaml")
    assert str(caught.value) == "dup.yaml:3:1: error: a: duplicate key 'a'"


def test_key_paths_read_like_code() -> None:
    assert format_key(("about", 0, "facts", 2, "text")) == "about[0].facts[2].text"


def test_missing_data_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_data_dir(tmp_path)
    assert f"{tmp_path / 'edition.yaml'}: error: the data file is missing" in str(caught.value)
