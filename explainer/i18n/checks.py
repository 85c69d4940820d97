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
from explainer.i18n.glossary import glossary_problems, read_glossary
from explainer.i18n.originals import is_original

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?|&#?\w+;")
# Characters a reader cannot see that can reorder or hide text.
_ALLOWED_CONTROLS = {"\n", "\t"}
# The code of every problem that means "this string is shown in English": an
# empty, fuzzy or missing translation. Stats, check and build count these.
UNTRANSLATED = "untranslated"
# Editions the project publishes: their headers must be right.
PUBLISHED = frozenset({"id"})


def check_catalogs(locales_dir: Path, locales: Iterable[str]) -> list[Problem]:
    """Return every problem in the catalogs of `locales` (English has none)."""
    problems: list[Problem] = []
    terms = read_glossary(locales_dir)
    for locale in locales:
        if locale == SOURCE_LOCALE:
            continue
        path = po_path(locales_dir, locale)
        catalog = read_catalog(path, locale)
        problems += check_catalog(path, catalog, locale)
        problems += glossary_problems(path, catalog, terms)
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

    def problem(text: str, *, warning: bool = False, code: str = "") -> Problem:
        return Problem(file, f"{where}: {text}", message.lineno, warning=warning, code=code)

    strings = [s for s in _all(message.string) if s]
    if not is_translated(message):
        reason = "fuzzy; never shipped" if strings else "not translated"
        return [problem(f"{reason}; English is shown", warning=True, code=UNTRANSLATED)]
    ids = " ".join(_all(message.id))
    original = is_original(message)
    return [
        problem(text)
        for msgstr in strings
        for text in _string_problems(ids, msgstr, original=original)
    ]


def is_translated(message: Message) -> bool:
    """Return whether an entry is shown translated: every msgstr filled in, and not fuzzy.

    This is the one definition of "translated" that `i18n stats`, `check` and
    `build` count by.
    """
    strings = _all(message.string)
    return bool(strings) and all(strings) and not message.fuzzy


def _string_problems(msgid: str, msgstr: str, *, original: bool = False) -> Iterator[str]:
    """Yield what is wrong with one translation of `msgid` (or a quote's original words)."""
    try:
        placeholders.names(msgstr)
    except placeholders.PlaceholderError as error:
        yield f"msgstr breaks the placeholders: {error}"
        return
    yield from _placeholder_problems(msgid, msgstr)
    if not original:
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
    """Return a problem per string an edition showed in English not already reported.

    A string missing from the catalog is a warning (counted as untranslated). A
    translation that is there but could not be used is an error: the checks
    above should have refused it, and the reader would silently get English.
    """
    if messages.catalog is None:
        return []
    entries: dict[str, list[Message]] = {}
    for message in messages.catalog:
        if message.id:
            entries.setdefault(_first(message.id), []).append(message)
    problems = []
    for msgid in sorted(real_fallbacks(messages)):
        found = entries.get(msgid)
        if not found:
            text = "used by the edition but not in the catalog; run `explainer i18n update`"
            problems.append(
                Problem(str(path), f"msgid {msgid!r}: {text}", warning=True, code=UNTRANSLATED)
            )
        elif all(is_translated(m) for m in found):
            text = "the translation cannot be used (a broken placeholder?); English is shown"
            problems.append(Problem(str(path), f"msgid {msgid!r}: {text}", found[0].lineno))
    return problems


def untranslated_count(problems: Iterable[Problem], path: Path) -> int:
    """Return how many strings of the catalog at `path` are shown in English."""
    return sum(1 for p in problems if p.code == UNTRANSLATED and p.file == str(path))


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
