"""Check the translation catalogs for mistakes and attacks before they reach a page.

Every problem names the PO file, the line of the entry, its msgid and what is
wrong, so a translator can fix it in a PO editor. Errors stop the build;
untranslated and fuzzy entries are warnings (the edition shows English there),
which `--strict` turns into errors. Obsolete entries (`#~`) are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import PLURALS

from explainer import placeholders
from explainer.errors import Problem
from explainer.i18n.catalogs import SOURCE_LOCALE, Messages, po_path, read_catalog

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?|&#?\w+;")
# Characters a reader cannot see that can reorder or hide text.
_ALLOWED_CONTROLS = {"\n", "\t"}
# Editions the project publishes: their headers must be right.
PUBLISHED = frozenset({"id"})


def check_catalogs(locales_dir: Path, locales: Iterable[str]) -> list[Problem]:
    """Return every problem in the catalogs of `locales` (English has none)."""
    problems: list[Problem] = []
    for locale in locales:
        if locale == SOURCE_LOCALE:
            continue
        path = po_path(locales_dir, locale)
        problems += check_catalog(path, read_catalog(path, locale), locale)
    return problems


def check_catalog(path: Path, catalog: Catalog, locale: str) -> list[Problem]:
    """Return the problems of one parsed catalog."""
    problems = list(check_plural_header(path, locale))
    for message in catalog:
        if message.id:
            problems += check_message(str(path), message)
    return problems


def check_message(file: str, message: Message) -> list[Problem]:
    """Return the problems of one catalog entry."""
    msgid = _first(message.id)
    where = f"msgid {msgid!r}"
    if message.context:
        where = f"msgctxt {message.context!r} {where}"

    def problem(text: str, *, warning: bool = False) -> Problem:
        return Problem(file, f"{where}: {text}", message.lineno, warning=warning)

    strings = [s for s in _all(message.string) if s]
    if not strings:
        return [problem("not translated; English is shown", warning=True)]
    if message.fuzzy:
        return [problem("fuzzy; never shipped, English is shown", warning=True)]
    ids = " ".join(_all(message.id))
    return [problem(text) for msgstr in strings for text in _string_problems(ids, msgstr)]


def _string_problems(msgid: str, msgstr: str) -> Iterator[str]:
    """Yield what is wrong with one translation of `msgid`."""
    try:
        placeholders.names(msgstr)
    except placeholders.PlaceholderError as error:
        yield f"msgstr breaks the placeholders: {error}"
        return
    yield from _placeholder_problems(msgid, msgstr)
    yield from _new_literals(msgid, msgstr)
    markup = _MARKUP.search(msgstr)
    if markup:
        yield f"msgstr contains markup {markup.group()!r}; write plain text, the page adds markup"
    yield from _invisible_problems(msgstr)


def _placeholder_problems(msgid: str, msgstr: str) -> Iterator[str]:
    wanted, got = placeholder_names(msgid), placeholder_names(msgstr)
    if wanted == got:
        return
    parts = []
    if wanted - got:
        parts.append(f"drops placeholder(s) {_names(wanted - got)}")
    if got - wanted:
        parts.append(f"adds placeholder(s) {_names(got - wanted)}")
    yield f"msgstr {' and '.join(parts)}; keep exactly the placeholders of msgid"


def placeholder_names(text: str) -> set[str]:
    """Return the placeholders of a text as written, e.g. {"{date}"} (none if it is broken)."""
    try:
        return {f"{{{name}}}" for name in placeholders.names(text)}
    except placeholders.PlaceholderError:
        return set()


def _new_literals(msgid: str, msgstr: str) -> Iterator[str]:
    """Yield numbers, web addresses and e-mail addresses the translator added."""
    id_plain, str_plain = _strip_placeholders(msgid), _strip_placeholders(msgstr)
    for pattern, kind in ((_URL, "web address"), (_EMAIL, "e-mail address")):
        for found in pattern.findall(str_plain):
            if found.rstrip(".,;:").lower() not in id_plain.lower():
                yield f"msgstr has a {kind} {found!r} that msgid does not have"
    str_plain = _EMAIL.sub(" ", _URL.sub(" ", str_plain))
    known = {_digits(n) for n in _NUMBER.findall(id_plain)}
    for number in _NUMBER.findall(str_plain):
        if _digits(number) not in known:
            yield f"msgstr has a number {number!r} that msgid does not have"


def _invisible_problems(msgstr: str) -> Iterator[str]:
    seen: set[str] = set()
    for char in msgstr:
        if char in seen or char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp"):
            seen.add(char)
            name = unicodedata.name(char, "control character")
            yield f"msgstr contains invisible character U+{ord(char):04X} {name}; remove it"


def check_plural_header(path: Path, locale: str) -> Iterator[Problem]:
    """Yield a problem if the Plural-Forms header is missing or wrong for `locale`."""
    line, header = _plural_header(path)
    expected = expected_plural_forms(locale)
    if header is None:
        yield Problem(str(path), "the header has no Plural-Forms line", line)
        return
    nplurals, plural = _parse_plural_forms(header)
    if expected is None or nplurals is None:
        if nplurals is None:
            yield Problem(str(path), f"Plural-Forms {header!r} cannot be read", line)
        return
    want_n, want_expr = expected
    if nplurals != want_n or (want_n == 1 and plural != want_expr):
        yield Problem(
            str(path),
            f"Plural-Forms is {header!r}; {locale!r} needs "
            f"'nplurals={want_n}; plural={want_expr};'",
            line,
            warning=not _plural_forms_enforced(locale),
        )


def _plural_forms_enforced(locale: str) -> bool:
    """Whether a wrong Plural-Forms header is an error rather than a warning.

    It is for the published editions and for languages in Babel's table. For a
    new language Babel does not list, `pybabel init` writes a guess; that is a
    warning, so a fresh catalog still builds (`--strict` refuses it).
    """
    language = locale.replace("-", "_").split("_")[0]
    return locale in PUBLISHED or locale in PLURALS or language in PLURALS


def expected_plural_forms(locale: str) -> tuple[int, str] | None:
    """Return (nplurals, plural) for `locale`, or None when it is not known.

    A language with no plural distinction in CLDR (Indonesian, Javanese,
    Sundanese, Japanese) has one form. Otherwise Babel's table is used when it
    lists the language; Babel's default for unlisted ones is a guess, so none
    is enforced.
    """
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    if not parsed.plural_form.tags:
        return (1, "0")
    for key in (str(parsed), parsed.language):
        if key in PLURALS:
            count, expr = PLURALS[key]
            return (count, expr)
    return None


def _plural_header(path: Path) -> tuple[int, str | None]:
    """Return the line and value of the Plural-Forms header (line 1 if there is none)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), start=1):
        match = re.match(r'\s*"Plural-Forms:\s*(.*?)(?:\\n)?"\s*$', raw)
        if match:
            return number, match.group(1).strip()
        if raw.startswith("msgid") and number > 1 and not raw.startswith('msgid ""'):
            break
    return 1, None


def _parse_plural_forms(header: str) -> tuple[int | None, str]:
    n = re.search(r"nplurals\s*=\s*(\d+)", header)
    expr = re.search(r"plural\s*=\s*([^;]+)", header)
    plural = re.sub(r"\s+", "", expr.group(1)) if expr else ""
    while plural.startswith("(") and plural.endswith(")"):
        plural = plural[1:-1]
    return (int(n.group(1)) if n else None), plural


def real_fallbacks(messages: Messages) -> set[str]:
    """Return the msgids an edition showed in English, leaving out identical translations."""
    if messages.catalog is None:
        return set()
    same = {
        _first(m.id)
        for m in messages.catalog
        if m.id and not m.fuzzy and _first(m.string) == _first(m.id)
    }
    return messages.fallbacks - same


def fallback_problems(path: Path, messages: Messages) -> list[Problem]:
    """Return a warning per string an edition used that its catalog does not translate."""
    catalog = messages.catalog
    listed = {_first(m.id) for m in catalog if m.id} if catalog is not None else set()
    return [
        Problem(
            str(path),
            f"msgid {msgid!r}: used by the edition but not in the catalog; "
            "run `explainer i18n update`",
            warning=True,
        )
        for msgid in sorted(real_fallbacks(messages) - listed)
    ]


def summarize(warnings: Iterable[Problem]) -> list[str]:
    """Return one line per file for the build log; `explainer check` lists every entry."""
    counts: dict[str, int] = {}
    for warning in warnings:
        counts[warning.file] = counts.get(warning.file, 0) + 1
    return [
        f"{file}: warning: {count} string(s) untranslated, fuzzy or missing; shown in English "
        "(`explainer check` lists them)"
        for file, count in counts.items()
    ]


def _strip_placeholders(text: str) -> str:
    try:
        return placeholders.literal(text)
    except placeholders.PlaceholderError:
        return text


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _names(found: set[str]) -> str:
    return ", ".join(repr(name) for name in sorted(found))


def _all(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _first(value: str | tuple[str, ...] | list[str] | None) -> str:
    items = _all(value)
    return items[0] if items else ""
