"""Pseudo-translation: fill a catalog so that every translated string is visible as such.

In the manner of Android's and Windows' pseudo-locales, each msgstr is its
msgid with every Latin letter accented, vowels doubled (about 30 % longer,
so a layout too tight for longer languages shows it) and the whole wrapped in
⟦…⟧. Placeholders (`{name}`, `%(name)s`) and the glossary's do-not-translate
names are kept exactly as written, as a translator keeps them. A page built
from such a catalog shows at a glance any text that did not come from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from explainer.i18n.catalogs import read_catalog, write_catalog

OPEN, CLOSE = "⟦", "⟧"
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_TABLE = str.maketrans(_PLAIN, _ACCENTED)
_VOWELS = frozenset("åéîöûÅÉÎÖÛ")
# What is never changed: brace and percent placeholders, and escaped braces.
_KEEP = r"\{\{|\}\}|\{[^{}]*\}|%\([^)]*\)[a-z]|%%"


def pseudo(text: str, keep: Iterable[str] = ()) -> str:
    """Return the pseudo-translation of `text`, leaving placeholders and `keep` as written."""
    names = sorted((re.escape(k) for k in keep if k), key=len, reverse=True)
    pattern = re.compile("|".join([_KEEP, *(rf"\b{n}\b" for n in names)]))
    out, start = [], 0
    for match in pattern.finditer(text):
        out += [_accent(text[start : match.start()]), match.group()]
        start = match.end()
    out.append(_accent(text[start:]))
    return f"{OPEN}{''.join(out)}{CLOSE}"


def _accent(text: str) -> str:
    return "".join(c + c if c in _VOWELS else c for c in text.translate(_TABLE))


def pseudo_fill(path: Path, locale: str, keep: Iterable[str] = ()) -> int:
    """Fill every entry of the catalog at `path` with its pseudo-translation; return how many."""
    catalog = read_catalog(path, locale)
    kept = list(keep)
    count = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            message.string = pseudo(message.id, kept)
        else:
            singular, plural = message.id[0], message.id[1]
            forms = catalog.num_plurals
            message.string = tuple(
                pseudo(singular if i == 0 and forms > 1 else plural, kept) for i in range(forms)
            )
        message.flags.discard("fuzzy")
        count += 1
    write_catalog(path, catalog)
    return count
