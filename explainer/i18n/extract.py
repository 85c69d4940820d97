"""A Babel extractor for the facts data, so `pybabel extract` finds its strings.

Registered under the `babel.extractors` entry point as `explainer_facts`. Each
message carries a translator comment naming where it appears and what each
placeholder will hold, with the value it has in the English edition.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from typing import IO, Any

from explainer.errors import InputError
from explainer.facts.load import DataFile, KeyPath, format_key, parse_text
from explainer.facts.model import DateArg
from explainer.facts.reader import Reader
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import Formatter

ROLES = {
    "text": "a sentence of the explainer",
    "title": "a heading",
    "label": "what a reported figure counts; shown right after the number",
    "note": "a note shown under a figure, comparison or source",
    "gloss": "the English gloss of an Indonesian step name (the name is shown beside it)",
    "role": "a person's or organisation's role, shown after the name",
    "description": "stands in for the name of someone the sources do not name",
    "established": "what the sources establish about a disputed claim",
    "not_established": "what the sources do not establish about a disputed claim",
    "none": "says the sources report no response to a claim",
}

Message = tuple[int, str | None, str, list[str]]


def extract_facts(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Message]:
    """Yield (line, function, message, comments) for every translatable string."""
    name = getattr(fileobj, "name", "data")
    try:
        data = parse_text(fileobj.read().decode("utf-8"), str(name))
    except (InputError, UnicodeDecodeError):
        return
    english = Formatter(Messages("en", gettext.NullTranslations()))
    yield from _walk(data, data.content, (), english)


def _walk(data: DataFile, value: Any, key: KeyPath, english: Formatter) -> Iterator[Message]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(data, item, (*key, i), english)
    if not isinstance(value, dict):
        return
    for name, item in value.items():
        if name == "quotes" or name == "args":
            continue
        if name in ROLES and isinstance(item, str) and item.strip():
            line, _ = data.place((*key, name))
            comments = [
                f"{format_key((*key, name))}: {ROLES[name]}.",
                *_placeholders(data, value, key, english),
            ]
            yield (line or 0, None, " ".join(item.split()), comments)
        else:
            yield from _walk(data, item, (*key, name), english)


def _placeholders(
    data: DataFile, owner: dict[str, Any], key: KeyPath, english: Formatter
) -> list[str]:
    """Return one comment line per placeholder: what it holds, with its English value."""
    reader = Reader(data, [])
    args = reader.args(owner, key) if "args" in owner else {}
    as_of = reader.date(owner, "as_of", key, required=False) if "as_of" in owner else None
    if as_of is not None:
        # A present-tense fact says when a source said it: {as_of} holds that date.
        args["as_of"] = DateArg(as_of)
    return [
        f"{{{name}}} = {english.arg(arg)!r} ({type(arg).__name__.lower()} formatted for the locale)"
        for name, arg in args.items()
    ]
