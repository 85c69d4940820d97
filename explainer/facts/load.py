"""Read the curated YAML data files, remembering the line of every value.

YAML is parsed into plain dicts, lists and scalars. Dates stay text (the model
parses them, so partial dates such as "2018-09" work), and every key path is
mapped to its line and column so that later errors can point at the place.
"""

from __future__ import annotations

import functools
import marshal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from explainer.errors import InputError, Problem

KeyPath = tuple[str | int, ...]

DATA_FILES = (
    "edition",
    "sources",
    "actors",
    "about",
    "steps",
    "results",
    "disputes",
    "timeline",
    "charts",
    "lead",
)

# Bounds on hostile or broken files: an alias "bomb" of ten lines expands to
# billions of values, and deep nesting exhausts the parser's stack.
MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_ALIASED_VALUES = 10_000

# libyaml's parser (in PyYAML's wheels) is about ten times as fast as PyYAML's own;
# both give the same nodes, tags and marks.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SCALARS = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
}


@dataclass
class DataFile:
    """A parsed data file: its content and where each key path starts."""

    path: str
    content: Any
    places: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def place(self, key: KeyPath) -> tuple[int | None, int | None]:
        """Return (line, column) of the deepest known part of `key`."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.places:
                return self.places[key[:end]]
        return None, None

    def problem(self, key: KeyPath, message: str, *, warning: bool = False) -> Problem:
        """Return a Problem located at `key`."""
        line, column = self.place(key)
        return Problem(self.path, message, line, column, format_key(key), warning)


def format_key(key: KeyPath) -> str:
    """Return a key path as people write it: about[0].facts[2].text."""
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_data_dir(folder: Path) -> dict[str, DataFile]:
    """Read every data file in `folder`; report all syntax errors together."""
    files: dict[str, DataFile] = {}
    problems: list[Problem] = []
    for name in DATA_FILES:
        path = folder / f"{name}.yaml"
        try:
            files[name] = load_file(path)
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return files


def load_file(path: Path) -> DataFile:
    """Parse one YAML file into a DataFile."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"is {size:,} bytes; a data file may hold at most {MAX_FILE_BYTES:,}"
            raise InputError([Problem(str(path), message)])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(str(path), "the data file is missing")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(path), f"cannot be read: {error}")]) from None
    return parse_text(text, str(path))


def parse_text(text: str, path: str) -> DataFile:
    """Parse YAML text (read from `path`) into a DataFile.

    A text parsed before in this process is not parsed again (the tests and `serve`
    read the same files many times); each DataFile gets its own copy of the values.
    """
    try:
        content, places = _parsed(text)
    except InputError as error:
        raise error.in_file(path) from None
    return DataFile(path, marshal.loads(content), dict(places))


# Keyed by the text alone, so that copies of a file share an entry; the problems of a
# text that fails are found again each time, and given the path it was read from. Room
# for a project's files and a few edits (a file may hold 2 MB).
@functools.lru_cache(maxsize=16)
def _parsed(text: str) -> tuple[bytes, tuple[tuple[KeyPath, tuple[int, int]], ...]]:
    data = _parse(text, "")
    return marshal.dumps(data.content), tuple(data.places.items())


def _parse(text: str, path: str) -> DataFile:
    try:
        _check_depth(text, path)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        line, column = _line_column(error.problem_mark or error.context_mark)
        message = f"not valid YAML: {error.problem or error.context}"
        raise InputError([Problem(path, message, line, column)]) from None
    except yaml.reader.ReaderError as error:
        line, column = _place_of(text, error)
        message = f"not valid YAML: unacceptable character #x{error.character:04x}: {error.reason}"
        raise InputError([Problem(path, message, line, column)]) from None
    data = DataFile(path, None)
    problems: list[Problem] = []
    data.content = _convert(node, (), data, problems, _Walk()) if node is not None else None
    if problems:
        raise InputError(problems)
    return data


def _check_depth(text: str, path: str) -> None:
    """Stop at collections nested deeper than MAX_DEPTH before composing any node.

    libyaml's parser keeps its own stack, but the composer that turns its events
    into nodes recurses in C, where deep nesting would crash the process; so the
    events are counted first (a cheap pass in C).
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _line_column(event.start_mark)
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise InputError([Problem(path, message, line, column)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _line_column(mark: Any) -> tuple[int | None, int | None]:
    """Return the 1-based (line, column) of a mark (PyYAML's or libyaml's), (None, None)
    without one."""
    return (mark.line + 1, mark.column + 1) if mark else (None, None)


def _place_of(text: str, error: yaml.reader.ReaderError) -> tuple[int, int]:
    """Return (line, column) of a reader error's position.

    libyaml counts the position in bytes of the UTF-8 text, PyYAML in characters.
    """
    position = error.position
    if _LOADER is not yaml.SafeLoader:
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


@dataclass
class _Walk:
    """The nodes met so far, to bound what aliases repeat."""

    seen: set[int] = field(default_factory=set)
    repeated: int = 0


def _convert(
    node: yaml.Node, key: KeyPath, data: DataFile, problems: list[Problem], walk: _Walk
) -> Any:
    """Turn a YAML node into Python values, recording positions and duplicate keys."""
    data.places[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    _bound(node, key, data, walk)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in result:
                data.places[(*key, name)] = (key_node.start_mark.line + 1, 1)
                problems.append(data.problem((*key, name), f"duplicate key {name!r}"))
                continue
            result[name] = _convert(value_node, (*key, name), data, problems, walk)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*key, i), data, problems, walk) for i, item in enumerate(node.value)
        ]
    return _scalar(node)


def _bound(node: yaml.Node, key: KeyPath, data: DataFile, walk: _Walk) -> None:
    """Stop at nesting deeper than MAX_DEPTH or aliases repeating too many values."""
    if len(key) > MAX_DEPTH:
        message = f"nested more than {MAX_DEPTH} levels deep (or an alias refers to itself)"
        line, column = data.places[key]
        raise InputError([Problem(data.path, message, line, column, format_key(key[:2]))])
    if id(node) in walk.seen:
        walk.repeated += 1
        if walk.repeated > MAX_ALIASED_VALUES:
            message = f"aliases (*name) repeat more than {MAX_ALIASED_VALUES:,} values"
            raise InputError([data.problem(key, message)])
    walk.seen.add(id(node))


def _scalar(node: yaml.Node) -> Any:
    """Return a scalar as int, float, bool, None or text (dates stay text)."""
    value = str(node.value)
    if node.tag in _SCALARS:
        try:
            return _SCALARS[node.tag](value.replace("_", ""))
        except ValueError:
            return value
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() in {"true", "yes", "on"}
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return value
