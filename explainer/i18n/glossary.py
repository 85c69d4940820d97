"""The glossary: terms kept as they are in every language, and preferred renderings.

`locales/glossary.csv` is in the CSV form Weblate imports as a glossary (and
Poedit, Lokalize or a spreadsheet can read): the columns `source`, `target`,
`context`, `developer_comments` and `flags`. A term flagged `read-only` is
never translated; `explainer check` warns where a translation drops one that
its English has.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from explainer.errors import InputError, Problem
from explainer.i18n.originals import is_original

GLOSSARY = "glossary.csv"
COLUMNS = ("source", "target", "context", "developer_comments", "flags")


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    source: str
    target: str
    note: str
    keep: bool  # flagged read-only: never translated

    def found_in(self, text: str) -> bool:
        """Return whether the term occurs in `text` as a whole word or phrase."""
        return re.search(rf"(?<!\w){re.escape(self.source)}(?!\w)", text) is not None


def read_glossary(locales_dir: Path) -> list[Term]:
    """Return the glossary's terms (none if there is no glossary)."""
    path = locales_dir / GLOSSARY
    if not path.exists():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else set()
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError([Problem(str(path), f"cannot be read: {error}")]) from None
    if "source" not in header:
        raise InputError([Problem(str(path), f"the first line must name the columns {COLUMNS}", 1)])
    return [
        Term(
            source=row["source"].strip(),
            target=(row.get("target") or "").strip(),
            note=(row.get("developer_comments") or "").strip(),
            keep="read-only" in (row.get("flags") or "").split(","),
        )
        for row in rows
        if (row.get("source") or "").strip()
    ]


def glossary_problems(path: Path, catalog: Catalog, terms: Iterable[Term]) -> list[Problem]:
    """Return a warning per translation that drops a do-not-translate term of its msgid."""
    keep = [t for t in terms if t.keep]
    problems = []
    for message in catalog:
        msgid = message.id if isinstance(message.id, str) else message.id[0] if message.id else ""
        value = message.string
        strings = [value] if isinstance(value, str) else list(value or [])
        if not msgid or message.fuzzy or not all(strings) or is_original(message):
            continue
        for term in keep:
            if term.found_in(msgid) and not all(term.found_in(s) for s in strings):
                problems.append(
                    Problem(
                        str(path),
                        f"msgid {msgid!r}: msgstr drops {term.source!r}, which the glossary "
                        "says is never translated; keep it as written",
                        message.lineno,
                        warning=True,
                        code="glossary",
                    )
                )
    return problems
