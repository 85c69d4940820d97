"""Load the gettext catalogs: which locales exist and what each one translates.

English is the source language and needs no catalog. Every other locale is a
folder `locales/<locale>/LC_MESSAGES/` holding `messages.po`; adding one is all
it takes to get a new edition. Catalogs are compiled in memory, so no `.mo`
file is ever stale. Fuzzy entries are never used.
"""

from __future__ import annotations

import functools
import gettext
import io
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from explainer.errors import InputError, Problem, UsageError
from explainer.i18n.polint import lint_po

SOURCE_LOCALE = "en"
DOMAIN = "messages"


def po_path(locales_dir: Path, locale: str) -> Path:
    """Return where the catalog of `locale` lives."""
    return locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_locales(locales_dir: Path) -> list[str]:
    """Return English plus every locale with a catalog, sorted after English."""
    found = sorted(p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE_LOCALE, *(loc for loc in found if loc != SOURCE_LOCALE)]


def babel_locale(locale: str) -> Locale:
    """Return Babel's Locale for a locale code, or fail with a usage error."""
    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"unknown locale {locale!r}: Babel has no data for it") from None


def choose_locales(locales_dir: Path, wanted: list[str] | None) -> list[str]:
    """Return the locales to build: those asked for, each of which must exist."""
    available = available_locales(locales_dir)
    if not wanted:
        return available
    for locale in wanted:
        babel_locale(locale)
        if locale not in available:
            known = ", ".join(available)
            raise UsageError(f"no catalog for locale {locale!r}; available: {known}")
    return list(dict.fromkeys(wanted))


def read_catalog(path: Path, locale: str) -> Catalog:
    """Parse a PO file, naming the file and line of every syntax error.

    The file is first read as strictly as GNU `msgfmt --check` reads it (see
    polint.py): Babel alone would forgive a string with no closing quote by
    dropping its last character, and keep only the last of two equal msgids.
    A text parsed before in this process is not parsed again (a build reads each
    catalog twice, and the tests and `serve` build many times); every caller gets a
    Catalog of its own.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(str(path), f"cannot be read: {error}")]) from None
    try:
        catalog: Catalog = pickle.loads(_parsed(data, locale))
    except InputError as error:
        raise error.in_file(str(path)) from None
    return catalog


# Keyed by the file's bytes and the locale; the problems of a text that fails are
# found again each time and given the path they were read from.
@functools.lru_cache(maxsize=8)
def _parsed(data: bytes, locale: str) -> bytes:
    try:
        problems = encoding_problems(data)
        problems = problems or lint_po(data.decode("utf-8"), "")
        if problems:
            raise InputError(problems)
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
        return pickle.dumps(restore_previous(catalog))
    except PoFileError as error:
        # Babel counts lines from 0 and appends " on <line>" to its message.
        line = getattr(error, "lineno", None)
        line = line + 1 if isinstance(line, int) else None
        message = re.sub(r" on \d+$", "", str(error))
        raise InputError([Problem("", f"not a valid PO file: {message}", line)]) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise InputError([Problem("", f"cannot be read: {error}")]) from None


# The charset a PO header declares, in its Content-Type line.
_CHARSET = re.compile(rb"Content-Type:[^\"\n]*?charset=([A-Za-z0-9_.:-]+)", re.I)


def encoding_problems(data: bytes) -> list[Problem]:
    """Return why a catalog's bytes are not a UTF-8 catalog, or nothing.

    Every catalog is read as UTF-8 (Poedit's, Weblate's and pybabel's default). A file
    in another encoding would fail at its first other byte; a UTF-8 file whose header
    declares another charset would be misread by msgfmt and Poedit: both are said at
    their line, with what to do.
    """
    match = _CHARSET.search(data)
    declared = match.group(1).decode("ascii") if match else None
    name = (declared or "").lower().replace("-", "").replace("_", "")
    if name in ("", "charset", "utf8"):  # none, a template's placeholder, or UTF-8
        declared = None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        said = f", as its header says: charset={declared}" if declared else ""
        return [
            Problem(
                "",
                f"not UTF-8: byte 0x{byte:02x} on this line cannot be read as UTF-8 (the file "
                f"is in another encoding{said}); save it as UTF-8 with charset=UTF-8 in its "
                "header (Poedit: Translation › Properties)",
                line,
            )
        ]
    if declared and match:
        line = data.count(b"\n", 0, match.start()) + 1
        return [
            Problem(
                "",
                f"the header declares charset={declared}, but the file is UTF-8, as every "
                "catalog is read: write charset=UTF-8 (msgfmt and Poedit would read the "
                f"file as {declared} and garble every non-ASCII character)",
                line,
            )
        ]
    return []


# A line width for Babel's writers that wraps neither strings nor translator notes (see
# notes.py); the strings are then wrapped as msgcat wraps them (powrap.py).
NO_WRAP = 100_000


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a catalog with its previous msgids (`#|`), wrapping nothing."""
    with path.open("wb") as handle:
        write_po(handle, catalog, include_previous=True, width=NO_WRAP)


# A line of a previous msgid (`#| msgid "…"`, `#| "…"`) as Babel 2.18 reads it: as a
# translator's comment starting with "|".
_PREVIOUS = re.compile(r'\|\s*(?P<keyword>msgctxt|msgid_plural|msgid)?\s*"(?P<body>.*)"\s*$')


def restore_previous(catalog: Catalog) -> Catalog:
    """Give back the previous msgids (`#|`) that Babel reads as translator's comments.

    Babel's reader keeps `#| msgid "…"` as a comment "| msgid …", which its writer
    then writes as `# | msgid …`: a comment the translator never wrote, kept for good.
    Here they become the entry's previous msgid again (written back as `#|`).
    """
    for message in catalog:
        previous: dict[str, str] = {}
        keyword, comments = "", []
        for comment in message.user_comments:
            match = _PREVIOUS.fullmatch(comment)
            if match is None:
                comments.append(comment)
                continue
            keyword = match["keyword"] or keyword
            previous[keyword] = previous.get(keyword, "") + unescape(f'"{match["body"]}"')
        if previous:
            message.user_comments = comments
            message.previous_id = [previous[k] for k in ("msgid", "msgid_plural") if k in previous]
    return catalog


@dataclass
class Messages:
    """The translations of one edition, remembering which strings fell back to English."""

    locale: str
    translations: gettext.NullTranslations
    catalog: Catalog | None = None
    fallbacks: set[str] = field(default_factory=set)

    def translated(self, msgid: str, context: str | None = None) -> bool:
        """Return whether the catalog has a usable (non-empty, non-fuzzy) translation."""
        if self.catalog is None:
            return True
        message = self.catalog.get(msgid, context=context)
        return bool(message and message.string and not message.fuzzy)

    def _note(self, msgid: str, context: str | None = None) -> None:
        if msgid and not self.translated(msgid, context):
            self.fallbacks.add(msgid)

    def gettext(self, msgid: str) -> str:
        """Return the translation of `msgid`, or `msgid` itself (and note it)."""
        self._note(msgid)
        return self.translations.gettext(msgid)

    def pgettext(self, context: str, msgid: str) -> str:
        """Return the translation of `msgid` in `context`."""
        self._note(msgid, context)
        return self.translations.pgettext(context, msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Return the singular or plural translation for `n`."""
        self._note(singular)
        return self.translations.ngettext(singular, plural, n)


def load_messages(locales_dir: Path, locale: str) -> Messages:
    """Return the Messages of `locale` (English needs no catalog)."""
    if locale == SOURCE_LOCALE:
        return Messages(locale, gettext.NullTranslations())
    catalog = read_catalog(po_path(locales_dir, locale), locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Messages(locale, gettext.GNUTranslations(buffer), catalog)
