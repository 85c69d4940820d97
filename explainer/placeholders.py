"""The one placeholder grammar of every translatable text: {name}.

Data texts, template strings and catalog entries all write a value as `{name}`
(a plain identifier) and a literal brace as `{{` or `}}`. Nothing else is a
placeholder: no attribute or index access, no format spec, no conversion, so a
catalog entry can neither read nor blow up anything.
"""

from __future__ import annotations

import string
from collections.abc import Mapping


def substitute(pattern: str, values: Mapping[str, str]) -> str:
    """Replace each {name} in `pattern` by its value; {{ and }} stand for braces.

    Unlike str.format, a field that is not a plain known name (an attribute,
    an index, a format spec) is refused with ValueError, so a catalog entry can
    neither read nor blow up anything.
    """
    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(pattern):
        parts.append(literal)
        if name is None:
            continue
        if name not in values or spec or conversion:
            raise ValueError(f"unexpected placeholder {{{name}}} in {pattern!r}")
        parts.append(values[name])
    return "".join(parts)
