"""Translator notes (`#.`), one line each, so that no update can cut one short.

Babel keeps a note as the lines its source comment had, and a message's lines
without repeats: where two notes share a line (a string used in the code and in a
template, or a line "program." ending two notes), one of them lost that line,
mid-sentence. Babel also rewraps notes at 76 columns whenever it writes a
catalog. So the template's notes are joined into one line each after `pybabel
extract` (the tag "NOTE:" left out), and every writer is given `catalogs.NO_WRAP`,
a width that wraps nothing: the strings are then wrapped as msgcat wraps them
(powrap.py), the notes left as they are, as msgcat leaves them.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from explainer.i18n.catalogs import write_catalog

TAG = "NOTE:"
# How a line that ends a note ends (a line that ends otherwise goes on on the next).
ENDINGS = (".", ":", "?", "!", "”", ")", "’", "…")


def join_notes(lines: list[str]) -> list[str]:
    """Return a message's note lines as whole notes: a line that does not end a
    sentence goes on on the next, and the tag is left out wherever it was written."""
    notes: list[str] = []
    for line in lines:
        text = line.strip().removeprefix(TAG).strip()
        if not text:
            continue
        if notes and not notes[-1].endswith(ENDINGS):
            notes[-1] += " " + text
        else:
            notes.append(text)
    return list(dict.fromkeys(notes))


def tidy_notes(path: Path) -> None:
    """Rewrite the template at `path` with each message's notes joined, one line each."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        message.auto_comments = join_notes(message.auto_comments)
    write_catalog(path, catalog)
