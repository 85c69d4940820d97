"""The committed JSON Schema is the generated one, and the real data files follow it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from explainer.commands.cli import main
from explainer.facts.load import DATA_FILES, load_file
from explainer.facts.schema import build_schema, schema_text
from tests.support import ROOT

SCHEMA = build_schema()


def errors(value: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Check `value` against the subset of JSON Schema that schema.py uses."""
    if "$ref" in schema:
        return errors(value, SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]], where)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            matches = [not errors(value, option, where) for option in schema[key]]
            return [] if any(matches) else [f"{where}: matches none of {key}"]
    found: list[str] = []
    kind = schema.get("type")
    types = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
    }
    if kind and not isinstance(value, types[kind]):
        return [f"{where}: expected {kind}, found {value!r}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        found.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        found.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and value < schema["minimum"]:
        found.append(f"{where}: {value!r} is below {schema['minimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            found.append(f"{where}: too few items")
        for i, item in enumerate(value):
            found += errors(item, schema.get("items", {}), f"{where}[{i}]")
    if isinstance(value, dict):
        found += [
            f"{where}: {k!r} is required" for k in schema.get("required", []) if k not in value
        ]
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], f"{where}.{key}")
            elif extra is False:
                found.append(f"{where}: unknown key {key!r}")
            elif isinstance(extra, dict):
                found += errors(item, extra, f"{where}.{key}")
    return found


def test_committed_schema_is_generated() -> None:
    committed = (ROOT / "data" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `explainer schema` and commit data/schema.json"


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_files_follow_the_schema(name: str) -> None:
    # Read as the explainer reads it: keys stay text (YAML 1.1 would make `on` True).
    content = load_file(ROOT / "data" / f"{name}.yaml").content
    assert errors(content, SCHEMA) == []


def test_schema_rejects_what_the_validator_rejects() -> None:
    figure = {"id": "x", "topic": "jobs", "label": "jobs", "value": 1, "colour": "red"}
    assert "unknown key 'colour'" in " ".join(errors({"figures": [figure]}, SCHEMA))
    assert errors({"edition": {"date": "2018-02-30x"}}, SCHEMA)
    assert errors({"actors": [{"id": "a", "name": "A", "role": "in 2017"}]}, SCHEMA)
    assert errors({"sources": [{"id": "Bad Id", "outlet": "o", "published": "2018"}]}, SCHEMA)


def test_schema_command_writes_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert main(["--project", str(ROOT), "schema", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == SCHEMA
