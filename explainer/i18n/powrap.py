"""Wrap the strings of a PO file as GNU gettext (`msgcat`) and Poedit do: 79 columns.

Babel wraps differently (76 columns, and a space may start a line), so a
catalog saved by Poedit after `pybabel update` changed hundreds of lines. The
catalogs are rewrapped here, in pure Python, after every update: a string that
fits stays on its keyword's line; a longer one starts with `""` and breaks
after spaces, each line at most 79 columns with its quotes; a line ends after
every `\\n`; a hyphen inside a word may end a line. References (`#:`) fill lines of
at most 79 columns; other comments are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

WIDTH = 79

# A keyword line: an optional `#~ ` or `#| ` prefix, the keyword, its string.
_START = re.compile(
    r'^(?P<prefix>#[~|] ?|#~ #\| ?)?(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "'
    r'(?P<body>.*)"\s*$'
)
_MORE = re.compile(r'^(?P<prefix>#[~|] ?|#~ #\| ?)?"(?P<body>.*)"\s*$')
# Escapes stay whole, so a line never breaks inside one.
_QUOTES = set("\"'“”‘’«»") | {'\\"'}
_OPENERS = set("([{")
_TOKEN = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.)|.", re.S)


def wrap_references(references: list[str], width: int = WIDTH) -> list[str]:
    """Return `#:` lines holding the references, as many on a line as fit `width`."""
    lines: list[str] = []
    for reference in references:
        if lines and len(lines[-1]) + 1 + len(reference) <= width:
            lines[-1] += " " + reference
        else:
            lines.append(f"#: {reference}")
    return lines


def wrap_po(text: str, width: int = WIDTH) -> str:
    """Return the text of a PO file with every string and reference wrapped as msgcat
    wraps them (translator notes stay one line each, as msgcat leaves them)."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("#: "):
            references = []
            while i < len(lines) and lines[i].startswith("#: "):
                references += lines[i][3:].split()
                i += 1
            out += wrap_references(references, width)
            continue
        start = _START.match(lines[i])
        if not start:
            out.append(lines[i])
            i += 1
            continue
        prefix, keyword, body = start["prefix"] or "", start["keyword"], start["body"]
        i += 1
        while i < len(lines):
            more = _MORE.match(lines[i])
            if not more or (more["prefix"] or "") != prefix:
                break
            body += more["body"]
            i += 1
        out += wrap_string(prefix, keyword, body, width)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def wrap_string(prefix: str, keyword: str, body: str, width: int = WIDTH) -> list[str]:
    """Return the lines of one keyword and its (escaped) string."""
    head = f"{prefix}{keyword} "
    segments = list(_segments(body))
    if len(segments) <= 1 and _width(head) + _width(body) + 2 <= width:
        return [f'{head}"{body}"']
    lines = [f'{head}""']
    for segment in segments:
        lines += [f'{prefix}"{part}"' for part in _fill(segment, width - 2 - _width(prefix))]
    return lines


def _segments(body: str) -> Iterator[str]:
    """Yield the pieces of a string, each ending after a `\\n` (the last may not)."""
    piece = ""
    for token in _TOKEN.findall(body):
        piece += token
        if token == "\\n":
            yield piece
            piece = ""
    if piece:
        yield piece


def _fill(segment: str, room: int) -> list[str]:
    """Break a segment after spaces into parts of at most `room` columns where possible."""
    words: list[str] = []
    word = ""
    tokens = _TOKEN.findall(segment)
    for at, token in enumerate(tokens):
        word += token
        after = tokens[at + 1] if at + 1 < len(tokens) else ""
        # Unicode line breaking (UAX #14), as gettext uses it: after a space, and
        # after a hyphen inside a word ("OK-" / "OCE") unless a digit follows.
        # Not between a quotation mark and an opening bracket (”_( stays together).
        hyphen = token == "-" and len(word) > 1 and after.isalpha()
        # An en dash (line-break class BA) allows a break after it, as in "Baswedan–".
        dash = token == "\u2013" and len(word) > 1 and after.isalpha()
        quoted = token == " " and after in _OPENERS and word.rstrip(" ")[-1:] in _QUOTES
        if (token == " " and not quoted) or hyphen or dash:
            words.append(word)
            word = ""
    if word:
        words.append(word)
    parts: list[str] = []
    line, width = "", 0
    for word in words:
        columns = _width(word)
        if line and width + columns > room:
            parts.append(line)
            line, width = "", 0
        line += word
        width += columns
    if line:
        parts.append(line)
    return parts


def _width(text: str) -> int:
    """Return the columns `text` takes in a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
