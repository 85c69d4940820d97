"""The one placeholder grammar of every translatable text: {name}.

Data texts, template strings and catalog entries all write a value as `{name}`
(a plain identifier) and a literal brace as `{{` or `}}`. Nothing else is a
placeholder: no attribute or index access, no format spec, no conversion, so a
catalog entry can neither read nor blow up anything. The data reader, the
formatter, the templates' gettext, the catalog checks and the JSON Schema all
use this module.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_TOKEN = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}]*)\}|[{}]")
_NAME = re.compile(rf"^{NAME}$")
# A text whose only digits are inside placeholders (the JSON Schema's pattern).
NO_LITERAL_DIGITS = r"^(?:[^0-9{}]|\{" + NAME + r"\}|\{\{|\}\})*$"


class PlaceholderError(ValueError):
    """A text whose braces do not follow the grammar."""


@dataclass(frozen=True)
class Piece:
    """A run of literal text, or a placeholder (`name` set)."""

    text: str
    name: str | None = None


def pieces(pattern: str) -> Iterator[Piece]:
    """Split `pattern` into literal text and placeholders, refusing anything else."""
    return iter(_parse(pattern))


# A page translates the same few hundred patterns thousands of times: parse each once
# (a pattern that breaks the grammar raises, and is not kept).
@functools.lru_cache(maxsize=4096)
def _parse(pattern: str) -> tuple[Piece, ...]:
    found = []
    at = 0
    for match in _TOKEN.finditer(pattern):
        if match.start() > at:
            found.append(Piece(pattern[at : match.start()]))
        at = match.end()
        token = match.group()
        if token in ("{{", "}}"):
            found.append(Piece(token[0]))
        elif match.group("field") is None:
            raise PlaceholderError(
                f"a single {token!r} in {pattern!r}; write {token * 2!r} for a literal brace"
            )
        elif not _NAME.match(match.group("field")):
            raise PlaceholderError(
                f"placeholder {token!r} in {pattern!r} must be a plain name such as {{count}}:"
                " no format spec, attribute, index or conversion"
            )
        else:
            found.append(Piece(token, match.group("field")))
    if at < len(pattern):
        found.append(Piece(pattern[at:]))
    return tuple(found)


def names(pattern: str) -> set[str]:
    """Return the names of the placeholders in `pattern`."""
    return {p.name for p in pieces(pattern) if p.name is not None}


def literal(pattern: str) -> str:
    """Return `pattern` with every placeholder replaced by a space."""
    return "".join(" " if p.name is not None else p.text for p in pieces(pattern))


def substitute(pattern: str, values: Mapping[str, str]) -> str:
    """Replace each {name} in `pattern` by its value; {{ and }} stand for braces.

    Raises PlaceholderError for a placeholder that has no value or breaks the grammar.
    """
    parts = []
    for piece in pieces(pattern):
        if piece.name is None:
            parts.append(piece.text)
        elif piece.name in values:
            parts.append(values[piece.name])
        else:
            raise PlaceholderError(f"unexpected placeholder {piece.text!r} in {pattern!r}")
    return "".join(parts)
