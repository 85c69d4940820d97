"""The quotes' catalog entries in the catalog of each quote's own language.

Every quote is a catalog entry: its English (our translation, or the quote
itself when it is in English) in a context of its own. In the catalog of the
language the quote was said in, that entry's translation is the original
words: the edition in that language shows the original only, and the catalog
stays complete. `explainer i18n update` and `init` write them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Message

from explainer.facts.model import QUOTE_CONTEXT, Quote
from explainer.i18n.catalogs import babel_locale, read_catalog, write_catalog


def fill_originals(path: Path, locale: str, quotes: Iterable[Quote]) -> int:
    """Give the quotes said in `locale`'s language their original words; return how many."""
    language = babel_locale(locale).language
    catalog = read_catalog(path, locale)
    changed = 0
    for quote in quotes:
        if quote.lang != language:
            continue
        message = catalog.get(quote.english, context=quote.context)
        if message is None or (message.string == quote.text and not message.fuzzy):
            continue
        message.string = quote.text
        message.flags.discard("fuzzy")
        message.previous_id = []
        changed += 1
    if changed:
        write_catalog(path, catalog)
    return changed


def is_original(message: Message) -> bool:
    """Return whether an entry holds a quote's original words (its note quotes them).

    In the catalog of the language a quote was said in, the quote's entry holds
    the original: it may have numbers or names its English does not.
    """
    if not (message.context or "").startswith(QUOTE_CONTEXT):
        return False
    string = message.string if isinstance(message.string, str) else ""
    note = " ".join(" ".join(message.auto_comments).split())
    return bool(string) and f"“{' '.join(string.split())}”" in note
