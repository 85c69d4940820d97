"""A Babel extractor for the facts data, so `pybabel extract` finds its strings.

Registered under the `babel.extractors` entry point as `explainer_facts`. Each
message carries a translator comment naming where it appears and what each
placeholder will hold, with the value it has in the English edition.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from babel import Locale

from explainer.errors import InputError
from explainer.facts.load import DataFile, KeyPath, parse_text
from explainer.facts.model import (
    Arg,
    DateArg,
    Money,
    Number,
    Term,
    parse_partial_date,
    quote_context,
)
from explainer.facts.reader import Reader
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import Formatter

ROLES = {
    "text": "A sentence of the explainer",
    "title": "A heading",
    "label": "What a reported figure counts; shown right after the number",
    "note": "A note shown under a figure, a comparison or a source",
    "gloss": "The English meaning of an Indonesian step name (the name is shown beside it)",
    "role": "A person's or organisation's role, shown after their name",
    "description": "Stands in for the name of someone the sources do not name",
    "established": "What the sources establish about a disputed claim",
    "not_established": "What the sources do not establish about a disputed claim",
    "none": "Says the sources report no response to a claim",
}
# Where each data file's texts appear, in the words of the page's headings.
SECTIONS = {
    "about": "“What OK OCE is”",
    "steps": "“The 7 PAS steps”",
    "topics": "“Reported results”",
    "figures": "“Reported results”",
    "funnel": "the results funnel chart in “Reported results”",
    "comparisons": "“Reported results”, under “Where the sources differ”",
    "disputes": "“Disputed claims”",
    "sources": "“Sources”",
    "actors": "every section where this person or organisation is cited",
    "timeline": "the timeline chart in “What OK OCE is”",
    "lead": "the opening paragraph, under the title “OK OCE explained”",
    "in_short": "“In short”",
    "unknowns": "“What we don’t know”",
}
# The timeline chart shows no quotes: its events keep theirs for `check --sources` only.
UNSHOWN_QUOTES = {"timeline"}
KINDS = {
    Number: "a number",
    Money: "an amount of money",
    DateArg: "a date",
    Term: "a name that is never translated",
}

Message = tuple[int, str | None, str | tuple[str, str], list[str]]


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
    sources = _sources(str(Path(str(name)).parent / "sources.yaml"))
    yield from _walk(data, data.content, (), english, "", sources)


def _walk(
    data: DataFile,
    value: Any,
    key: KeyPath,
    english: Formatter,
    heading: str,
    sources: dict[str, str],
) -> Iterator[Message]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(data, item, (*key, i), english, heading, sources)
    if not isinstance(value, dict):
        return
    title = value.get("title")
    if isinstance(title, str) and key:
        heading = " ".join(title.split())
    for name, item in value.items():
        if name == "quotes" and key and key[0] in UNSHOWN_QUOTES:
            continue
        if name == "quotes" and isinstance(item, list):
            where = _where("A quote", key, heading)
            for i, raw in enumerate(item):
                yield from _quote(data, raw, (*key, name, i), where, sources)
            continue
        if name == "args":
            continue
        if name in ROLES and isinstance(item, str) and item.strip():
            line, _ = data.place((*key, name))
            text = " ".join(item.split())
            comments = [
                _where(ROLES[name], key, heading if name != "title" else ""),
                *_placeholders(data, value, key, english, text),
            ]
            yield (line or 0, None, text, comments)
        else:
            yield from _walk(data, item, (*key, name), english, heading, sources)


def _quote(
    data: DataFile, raw: Any, key: KeyPath, where: str, sources: dict[str, str]
) -> Iterator[Message]:
    """Yield a quote's English as a message in its own context, the original in its note.

    The English is our translation of the original, or the original itself when
    the quote is in English; the catalog of the original's language holds the
    original as its msgstr (`explainer i18n update` writes it).
    """
    if not isinstance(raw, dict):
        return
    text, source, lang = raw.get("text"), raw.get("source"), raw.get("lang") or "id"
    english = text if lang == "en" else raw.get("translation")
    if not (_words(text) and _words(source) and _words(english) and _words(lang)):
        return
    assert isinstance(text, str) and isinstance(source, str) and isinstance(english, str)
    line, _ = data.place((*key, "translation" if lang != "en" else "text"))
    language = _language(lang)
    cited = sources.get(source, source)
    notes = [
        where,
        "Our English translation of the original below; translate from the original."
        if lang != "en"
        else "The quote itself, in English; show it in your language.",
        f"Original ({language}), published by {cited}: “{' '.join(text.split())}”",
    ]
    yield (line or 0, "pgettext", (quote_context(source, text), " ".join(english.split())), notes)


def _words(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _language(code: str) -> str:
    """Return a language's English name, e.g. Indonesian."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, LookupError):
        return code


@lru_cache(maxsize=8)
def _sources(path: str) -> dict[str, str]:
    """Return each source's outlet and date in words, e.g. Kompas.com on 3 February 2017."""
    try:
        data = parse_text(Path(path).read_text("utf-8"), path)
    except (OSError, InputError, UnicodeDecodeError):
        return {}
    english = Formatter(Messages("en", gettext.NullTranslations()))
    found = {}
    for raw in data.content.get("sources", []) if isinstance(data.content, dict) else []:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        date = parse_partial_date(raw.get("published"))
        on = "on or after" if raw.get("published_qualifier") == "on_or_after" else "on"
        when = f" {on if date.day else 'in'} {english.date(date)}" if date else ""
        found[raw["id"]] = f"{raw.get('outlet', raw['id'])}{when}"
    return found


def _where(role: str, key: KeyPath, heading: str) -> str:
    """Return the note saying what a text is and where on the page it appears."""
    section = SECTIONS.get(str(key[0]) if key else "", "")
    place = f" in {section}" if section else ""
    under = f", under the heading “{heading}”" if heading else ""
    return f"{role}{place}{under}."


def _kind(arg: Arg) -> str:
    """Return what a placeholder holds, in plain words."""
    if isinstance(arg, DateArg):
        date = arg.date
        return "a year" if date.month is None else "a month" if date.day is None else "a date"
    return KINDS.get(type(arg), "a value")


def _placeholders(
    data: DataFile, owner: dict[str, Any], key: KeyPath, english: Formatter, text: str
) -> list[str]:
    """Return one line per placeholder of `text`: what it holds, as an English reader sees it."""
    reader = Reader(data, [])
    args = reader.args(owner, key) if "args" in owner else {}
    as_of = reader.date(owner, "as_of", key, required=False) if "as_of" in owner else None
    if as_of is not None:
        # A present-tense fact says when a source said it: {as_of} holds that date.
        args["as_of"] = DateArg(as_of)
    return [
        f"{{{name}}} is {_kind(arg)}, e.g. “{english.arg(arg)}”"
        + ("." if isinstance(arg, Term) else ", written for your language by the program.")
        for name, arg in args.items()
        if f"{{{name}}}" in text
    ]
