"""Check the captured sources: every quote word for word, every weekday beside its date."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import unicodedata
from pathlib import Path

from explainer.errors import Problem
from explainer.facts.model import WEEKDAYS, Explainer, Quote

_MONTHS = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
]
_DAY = "|".join(WEEKDAYS[0])
# "Rabu (10/1)", "Selasa (4/9/2018)", "Rabu, 21 Desember 2017", "Senin, 3 September 2018".
_NUMERIC = re.compile(rf"\b({_DAY}),? \((\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))?\)")
_WORDS = re.compile(rf"\b({_DAY}),? (\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}})", re.IGNORECASE)

# A captured article is text of some kilobytes; anything far larger is not one.
MAX_CAPTURE_BYTES = 20_000_000


def normalize(text: str) -> str:
    """Return text with Unicode normalized and runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def all_quotes(model: Explainer) -> list[tuple[str, Quote]]:
    """Return (owner id, quote) for every quote in the model."""
    found: list[tuple[str, Quote]] = []
    for topic in model.about:
        found += [(f.id, q) for f in topic.facts for q in f.quotes]
    found += [(model.steps.intro.id, q) for q in model.steps.intro.quotes]
    found += [(f.id, q) for f in model.figures for q in f.quotes]
    found += [(e.id, q) for e in model.timeline for q in e.quotes]
    for dispute in model.disputes:
        for side in (dispute.claim, dispute.response):
            found += [(dispute.id, q) for q in side.quotes]
    if model.front is not None:
        for fact in (*model.front.in_short, *model.front.unknowns):
            found += [(fact.id, q) for q in fact.quotes]
    return found


def check_weekdays(model: Explainer, folder: Path) -> list[Problem]:
    """Return a warning for each weekday in a capture that its date does not fall on."""
    problems: list[Problem] = []
    for source in model.sources:
        if source.capture is None:
            continue
        path = folder / source.capture
        try:
            text = normalize(read_capture(folder, source.capture))
        except CaptureError:
            continue  # check_quotes reports it
        for weekday, date in _dated_weekdays(text, source.published.year):
            actual = date.weekday()
            if WEEKDAYS[0].index(weekday) != actual:
                problems.append(
                    Problem(
                        str(path),
                        f"the source {source.id!r} ({source.outlet}) gives the weekday"
                        f" {weekday!r} with {date.isoformat()}, which was a"
                        f" {WEEKDAYS[1][actual]} ({WEEKDAYS[0][actual]})",
                        warning=True,
                    )
                )
    return problems


def _dated_weekdays(text: str, year: int) -> list[tuple[str, dt.date]]:
    """Return (weekday, date) for each weekday written with a date; a missing year is `year`."""
    found = []
    for m in _NUMERIC.finditer(text):
        found.append((m[1], (int(m[4] or year), int(m[3]), int(m[2]))))
    for m in _WORDS.finditer(text):
        found.append((m[1], (int(m[4]), _MONTHS.index(m[3].lower()) + 1, int(m[2]))))
    result = []
    for weekday, (y, month, day) in found:
        try:
            result.append((weekday, dt.date(y, month, day)))
        except ValueError:
            continue
    return result


def check_quotes(model: Explainer, folder: Path) -> list[Problem]:
    """Return a problem for each quote not found verbatim in its source's capture."""
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for source in model.sources:
        if source.capture is None:
            continue
        path = folder / source.capture
        try:
            texts[source.id] = normalize(read_capture(folder, source.capture))
        except CaptureError as error:
            problems.append(
                Problem(str(path), f"cannot read the capture of {source.id!r}: {error}")
            )
    for owner, quote in all_quotes(model):
        text = texts.get(quote.source)
        if text is not None and normalize(quote.text) not in text:
            hint = _closest(normalize(quote.text), text)
            problems.append(
                Problem(
                    str(folder / (model.source(quote.source).capture or "")),
                    f"the quote in {owner!r} is not in this source word for word:"
                    f" {quote.text!r}{hint}",
                )
            )
    return problems


class CaptureError(Exception):
    """Why a capture cannot be read."""


def read_capture(folder: Path, name: str) -> str:
    """Return the text of a capture: a regular UTF-8 file of at most MAX_CAPTURE_BYTES in `folder`.

    The path may not lead out of `folder` (by `..`, an absolute path or a
    symbolic link), and FIFOs and devices are refused without blocking on them.
    """
    path = Path(os.path.realpath(folder / name))
    if not path.is_relative_to(os.path.realpath(folder)):
        raise CaptureError(f"the path {name!r} leads outside {str(folder)!r}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        raise CaptureError(error.strerror) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise CaptureError("not a regular file (a folder, FIFO or device)")
        if info.st_size > MAX_CAPTURE_BYTES:
            raise CaptureError(f"{info.st_size:,} bytes; at most {MAX_CAPTURE_BYTES:,} are read")
        data = handle.read(MAX_CAPTURE_BYTES + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CaptureError(
            f"not UTF-8 text (byte {data[error.start]:#04x} at {error.start})"
        ) from None


def _closest(quote: str, text: str) -> str:
    """Return a hint showing where the quote stops matching the source."""
    words = quote.split(" ")
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        if head in text:
            rest = " ".join(words[n : n + 6])
            return f" (it matches up to {head[-40:]!r}, then differs at {rest!r})"
    return ""
