"""Read a PO file as strictly as GNU `msgfmt --check` does, before Babel parses it.

Babel's reader forgives what GNU gettext refuses: a string with no closing
quote loses its last character (`msgstr "Daftar isi` becomes "Daftar is"), a
keyword with no string is skipped, a repeated msgid silently replaces the
first. This lexer refuses each of them with the file and line, in pure Python,
so the check works where GNU gettext is not installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from explainer.errors import Problem

# msgctxt, msgid, msgid_plural, msgstr and msgstr[N], then the rest of the line.
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=\s|\"|$)\s*(.*)$")
# The escapes GNU gettext's PO lexer accepts.
_SIMPLE_ESCAPES = set('ntbrfva\\"')
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"x[0-9A-Fa-f]+")


@dataclass
class _Entry:
    """The keywords of the entry being read, with the line of its msgid."""

    keywords: list[str]
    context: str | None = None
    msgid: str | None = None
    line: int = 0
    obsolete: bool = False


class _Problems(list[Problem]):
    """The problems of one file, each said as a PO syntax error."""

    def add(self, file: str, message: str, line: int) -> None:
        self.append(Problem(file, f"not a valid PO file: {message}", line))


def lint_po(text: str, file: str) -> list[Problem]:
    """Return every syntax error of a PO file's text, each with its line."""
    problems = _Problems()
    seen: dict[tuple[str | None, str], int] = {}
    entry = _Entry([])
    last_string: str | None = None  # the keyword a continuation line would extend

    def finish() -> None:
        if entry.msgid is None or entry.obsolete:
            return
        key = (entry.context, entry.msgid)
        if key in seen:
            name = f"msgid {entry.msgid!r}" + (
                f" in msgctxt {entry.context!r}" if entry.context is not None else ""
            )
            problems.add(file, f"duplicate {name}; first defined on line {seen[key]}", entry.line)
        else:
            seen[key] = entry.line
        if "msgstr" not in " ".join(entry.keywords):
            problems.add(file, f"msgid {entry.msgid!r} has no msgstr", entry.line)

    for number, raw in enumerate(text.splitlines(), start=1):
        line, obsolete = _strip_obsolete(raw)
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        keyword = _KEYWORD.match(stripped)
        if keyword:
            name, rest = keyword.groups()
            if name in ("msgctxt", "msgid") and entry.keywords and _has_msgstr(entry):
                finish()
                entry = _Entry([], obsolete=obsolete)
            elif not entry.keywords:
                entry.obsolete = obsolete
            problem = _order_problem(entry.keywords, name)
            if problem:
                problems.add(file, problem, number)
            entry.keywords.append(name)
            value = _string(rest, name, file, number, problems)
            if name == "msgctxt":
                entry.context = value or ""
            elif name == "msgid":
                entry.msgid, entry.line = value or "", number
            last_string = name
            continue
        if stripped.startswith('"') or stripped.endswith('"'):
            if last_string is None:
                problems.add(file, f"a string outside any entry: {stripped!r}", number)
                continue
            value = _string(stripped, last_string, file, number, problems)
            if value is not None and last_string == "msgid" and entry.msgid is not None:
                entry.msgid += value
            elif value is not None and last_string == "msgctxt" and entry.context is not None:
                entry.context += value
            continue
        word = stripped.split()[0]
        problems.add(
            file,
            f"{word!r} is not a PO keyword; expected msgctxt, msgid, msgid_plural, "
            f"msgstr, a quoted string or a # comment (line {stripped!r})",
            number,
        )
        last_string = None
    finish()
    return list(problems)


def _strip_obsolete(raw: str) -> tuple[str, bool]:
    """Return a line without its `#~` mark, and whether it had one."""
    if raw.startswith("#~"):
        rest = raw[2:].lstrip()
        if rest.startswith("|"):
            return "#", True  # a previous msgid of an obsolete entry: a comment
        return rest, True
    return raw, False


def _has_msgstr(entry: _Entry) -> bool:
    return any(k.startswith("msgstr") for k in entry.keywords)


def _order_problem(keywords: list[str], name: str) -> str | None:
    """Return what is wrong with `name` coming after `keywords` in one entry."""
    before = keywords[-1] if keywords else None
    allowed: dict[str, set[str | None]] = {
        "msgctxt": {None},
        "msgid": {None, "msgctxt"},
        "msgid_plural": {"msgid"},
        "msgstr": {"msgid"},
    }
    if name.startswith("msgstr["):
        ok = before is not None and (before == "msgid_plural" or before.startswith("msgstr["))
    else:
        ok = before in allowed[name]
    if ok:
        return None
    after = f"after {before}" if before else "at the start of an entry"
    return f"{name} cannot come {after}"


def _string(rest: str, keyword: str, file: str, line: int, problems: _Problems) -> str | None:
    """Return the value of one quoted string, or None after adding its problems."""
    rest = rest.strip()
    if not rest:
        problems.add(file, f'{keyword} has no quoted string after it; write {keyword} "…"', line)
        return None
    if not rest.startswith('"'):
        problems.add(file, f"the {keyword} string has no opening quote: {rest!r}", line)
        return None
    value, end, errors = _unescape(rest)
    for error in errors:
        problems.add(
            file, f"the {keyword} string has an {error}: {rest!r}; write \\\\ for a backslash", line
        )
    if end is None:
        problems.add(file, f"the {keyword} string has no closing quote: {rest!r}", line)
        return None
    trailing = rest[end + 1 :].strip()
    if trailing:
        problems.add(file, f"unexpected text after the {keyword} string: {trailing!r}", line)
        return None
    return None if errors else value


def _unescape(quoted: str) -> tuple[str, int | None, list[str]]:
    """Return the value of the string opening `quoted`, the index of its closing quote
    (None if it has none) and the invalid escapes in it."""
    end = quoted.find('"', 1)
    head = quoted if end < 0 else quoted[:end]
    if "\\" not in head:  # most strings: nothing to decode
        return head[1:], (None if end < 0 else end), []
    out: list[str] = []
    errors: list[str] = []
    for token, at in _tokens(quoted):
        if token == '"':
            return "".join(out), at, errors
        if token.startswith("\\"):
            decoded = _escape(token[1:])
            if decoded is None:
                errors.append(f"invalid escape {token!r}")
            else:
                out.append(decoded)
        else:
            out.append(token)
    return "".join(out), None, errors


def _tokens(quoted: str) -> Iterator[tuple[str, int]]:
    """Yield the characters and escape sequences after the opening quote."""
    i = 1
    while i < len(quoted):
        char = quoted[i]
        if char != "\\":
            yield char, i
            i += 1
            continue
        rest = quoted[i + 1 :]
        match = _OCTAL.match(rest) or _HEX.match(rest)
        length = len(match.group()) if match else min(1, len(rest))
        yield quoted[i : i + 1 + length], i
        i += 1 + length


def _escape(sequence: str) -> str | None:
    """Return the character an escape stands for, or None if it is not one."""
    if sequence in _SIMPLE_ESCAPES:
        return {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}.get(
            sequence, sequence
        )
    if _OCTAL.fullmatch(sequence):
        return chr(int(sequence, 8))
    if _HEX.fullmatch(sequence):
        return chr(int(sequence[1:], 16))
    return None
