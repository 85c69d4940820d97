"""The YAML reader: values, positions, and syntax errors that name the place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from explainer.errors import InputError
from explainer.facts import load
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


def test_a_text_read_again_gives_its_own_copy_under_its_own_path() -> None:
    """The second reading of a text comes from the process's cache: same values and
    places, objects of its own (changing one changes nothing else), its own path."""
    text = "a:\n  - id: x\n    n: 2.5\n    on: true\n    none: null\n"
    first = parse_text(text, "one.yaml")
    hits = load._parsed.cache_info().hits
    second = parse_text(text, "copy/one.yaml")
    assert load._parsed.cache_info().hits == hits + 1
    assert (
        second.content == first.content == {"a": [{"id": "x", "n": 2.5, "on": True, "none": None}]}
    )
    assert second.places == first.places and second.path == "copy/one.yaml"
    second.content["a"][0]["id"] = "changed"
    second.places.clear()
    assert parse_text(text, "three.yaml").content["a"][0]["id"] == "x"
    assert first.content["a"][0]["id"] == "x" and first.place(("a", 0, "n")) == (3, 8)


def test_a_broken_text_read_twice_names_each_path() -> None:
    for path in ("first.yaml", "second.yaml"):
        with pytest.raises(InputError) as caught:
            parse_text("a: [1, 2\nb: 3\n", path)
        assert [p.file for p in caught.value.problems] == [path]


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


@pytest.fixture(params=["libyaml", "pyyaml"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser (the default) and with PyYAML's own."""
    if request.param == "pyyaml":
        monkeypatch.setattr(load, "_LOADER", yaml.SafeLoader)
    else:
        assert load._LOADER is yaml.CSafeLoader, "PyYAML was installed without libyaml"
    return str(request.param)


def test_a_control_character_is_placed_by_character_not_byte(loader: str) -> None:
    # "é" and "—" take 2 and 3 bytes in UTF-8: libyaml's byte offset must become a column.
    with pytest.raises(InputError) as caught:
        parse_text("a: café\nb: x — y \x07\n", "ctl.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 10), loader
    assert "#x0007" in problem.message


def test_nesting_is_refused_before_it_is_composed(loader: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep.yaml")
    problem = caught.value.problems[0]
    assert "nested more than 40 levels deep" in problem.message
    # The mapping is the first level, so the bracket that opens level MAX_DEPTH + 1
    # is bracket MAX_DEPTH, after "a: ".
    assert (problem.line, problem.column) == (1, 3 + load.MAX_DEPTH), loader


def test_both_parsers_give_the_same_values_and_places(loader: str) -> None:
    data = parse_text("a:\n  - id: x\n    text: hé — ho\n  - [1, {b: c}]\n", "f.yaml")
    assert data.content == {"a": [{"id": "x", "text": "hé — ho"}, [1, {"b": "c"}]]}
    assert data.place(("a", 1, 1, "b")) == (4, 13)
