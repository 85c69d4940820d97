"""The validated model: frozen dataclasses built from the data files.

`validate()` checks everything an editor can get wrong and reports every
problem at once, each with the file, line and key path. What it returns is
safe to render: ids resolve, dates exist, numbers are numbers.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from explainer.errors import Problem
from explainer.facts import DataFile, KeyPath
from explainer.numbers import number_problem

CURRENCIES = frozenset({"IDR", "USD"})
TOPICS = (
    "participants",
    "training",
    "mentoring",
    "licences",
    "jobs",
    "budget",
    "target",
    "membership",
)
QUALIFIERS = ("more_than", "about")
DATE_QUALIFIERS = ("on_or_after", "before")
PERIOD_KINDS = ("start", "as_of", "by", "before", "unstated")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """Return YYYY, YYYY-MM or YYYY-MM-DD."""
        parts = [f"{self.year:04d}"]
        parts += [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    def first_day(self) -> dt.date:
        """Return the first day the partial date covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True)
class Number:
    value: int | float


@dataclass(frozen=True)
class Money:
    amount: int | float
    currency: str


@dataclass(frozen=True)
class DateArg:
    date: PartialDate


@dataclass(frozen=True)
class Term:
    """A name kept as it is in every language (e.g. "7 PAS")."""

    text: str


Arg = Number | Money | DateArg | Term


@dataclass(frozen=True)
class Text:
    """An English message (a gettext msgid) and the values of its placeholders."""

    msgid: str
    args: Mapping[str, Arg] = field(default_factory=dict)
    where: str = ""


@dataclass(frozen=True)
class Quote:
    text: str
    source: str
    translation: str
    lang: str = "id"


@dataclass(frozen=True)
class Fact:
    id: str
    text: Text
    sources: tuple[str, ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Topic:
    id: str
    title: Text
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    gloss: Text


@dataclass(frozen=True)
class Steps:
    intro: Fact
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Period:
    kind: str
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class Figure:
    id: str
    topic: str
    label: Text
    value: int | float
    period: Period
    reported_by: str
    sources: tuple[str, ...]
    quotes: tuple[Quote, ...]
    value_max: int | float | None = None
    qualifier: str | None = None
    currency: str | None = None
    reported_on: PartialDate | None = None
    reported_on_qualifier: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Comparison:
    id: str
    title: Text
    figures: tuple[str, ...]
    note: Text


@dataclass(frozen=True)
class Statement:
    """One side of a dispute; `silence` says a side the sources do not report."""

    text: Text
    by: str | None = None
    on: PartialDate | None = None
    on_qualifier: str | None = None
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    silence: bool = False


@dataclass(frozen=True)
class Dispute:
    id: str
    title: Text
    claim: Statement
    response: Statement
    established: Text
    not_established: Text


@dataclass(frozen=True)
class Event:
    """A dated event of the timeline; `end` when it spans a period."""

    id: str
    date: PartialDate
    text: Text
    sources: tuple[str, ...]
    quotes: tuple[Quote, ...]
    end: PartialDate | None = None


@dataclass(frozen=True)
class Source:
    id: str
    number: int
    outlet: str
    published: PartialDate
    headline: str | None = None
    byline: str | None = None
    published_qualifier: str | None = None
    time: str | None = None
    url: str | None = None
    capture: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str | None = None
    description: Text | None = None
    role: Text | None = None


@dataclass(frozen=True)
class Edition:
    date: dt.date
    publisher: str
    licence: str
    licence_url: str | None = None


@dataclass(frozen=True)
class Explainer:
    """Everything the explainer says, validated."""

    edition: Edition
    sources: tuple[Source, ...]
    actors: Mapping[str, Actor]
    about: tuple[Topic, ...]
    steps: Steps
    figures: tuple[Figure, ...]
    comparisons: tuple[Comparison, ...]
    disputes: tuple[Dispute, ...]
    timeline: tuple[Event, ...] = ()

    def source(self, source_id: str) -> Source:
        """Return the source with this id."""
        return next(s for s in self.sources if s.id == source_id)

    def figure(self, figure_id: str) -> Figure:
        """Return the figure with this id."""
        return next(f for f in self.figures if f.id == figure_id)

    def texts(self) -> list[Text]:
        """Return every translatable text, in reading order."""
        return list(_walk_texts(self))


def _walk_texts(value: Any) -> Any:
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _walk_texts(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _walk_texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _walk_texts(getattr(value, name))


def parse_partial_date(value: Any) -> PartialDate | None:
    """Return the PartialDate written as YYYY, YYYY-MM or YYYY-MM-DD, or None."""
    match = _DATE.match(str(value)) if isinstance(value, str | int) else None
    if not match:
        return None
    year, month, day = (int(p) if p else None for p in match.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


class Reader:
    """Read typed values out of one data file, collecting problems as it goes."""

    def __init__(self, data: DataFile, problems: list[Problem]) -> None:
        self.data = data
        self.problems = problems

    def fail(self, key: KeyPath, message: str, *, warning: bool = False) -> None:
        """Record a problem at `key`."""
        self.problems.append(self.data.problem(key, message, warning=warning))

    def mapping(self, value: Any, key: KeyPath, known: tuple[str, ...]) -> dict[str, Any]:
        """Return `value` as a mapping, flagging keys that are not in `known`."""
        if not isinstance(value, dict):
            self.fail(key, f"expected a mapping (key: value lines), but found {value!r}")
            return {}
        for name in value:
            if name not in known:
                expected = ", ".join(known)
                self.fail((*key, name), f"unknown key {name!r}; expected one of: {expected}")
        return value

    def items(self, value: Any, key: KeyPath) -> list[Any]:
        """Return `value` as a non-empty list."""
        if value is None and key and isinstance(key[-1], str):
            self.fail(key, f"{key[-1]!r} is missing; expected a non-empty list")
            return []
        if not isinstance(value, list) or not value:
            self.fail(key, f"expected a non-empty list, but found {value!r}")
            return []
        return value

    def string(self, obj: dict[str, Any], name: str, key: KeyPath, *, required: bool = True) -> str:
        """Return obj[name] as non-blank text ("" if absent and optional)."""
        value = obj.get(name)
        if value is None:
            if required:
                self.fail((*key, name), f"{name!r} is missing")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail((*key, name), f"expected text, but found {value!r}")
            return ""
        return " ".join(value.split())

    def ident(self, obj: dict[str, Any], key: KeyPath, seen: set[str]) -> str:
        """Return obj["id"], checking its form and that it is unique."""
        value = self.string(obj, "id", key)
        if value and not _ID.match(value):
            self.fail((*key, "id"), f"id {value!r} must be lower-case words joined by '-'")
        elif value in seen:
            self.fail((*key, "id"), f"duplicate id {value!r}")
        seen.add(value)
        return value

    def date(
        self, obj: dict[str, Any], name: str, key: KeyPath, *, required: bool = True
    ) -> PartialDate | None:
        """Return obj[name] as a PartialDate."""
        value = obj.get(name)
        if value is None:
            if required:
                self.fail((*key, name), f"{name!r} is missing")
            return None
        parsed = parse_partial_date(value)
        if parsed is None:
            self.fail(
                (*key, name),
                f"{value!r} is not a real date; expected YYYY, YYYY-MM or YYYY-MM-DD",
            )
        return parsed

    def choice(
        self, obj: dict[str, Any], name: str, key: KeyPath, options: tuple[str, ...]
    ) -> str | None:
        """Return obj[name] if it is one of `options` (None if absent)."""
        value = obj.get(name)
        if value is None:
            return None
        if value not in options:
            self.fail((*key, name), f"expected one of: {', '.join(options)}, but found {value!r}")
            return None
        return str(value)

    def amount(
        self, obj: dict[str, Any], name: str, key: KeyPath, *, required: bool = True
    ) -> int | float | None:
        """Return obj[name] as a number of zero or more."""
        value = obj.get(name)
        if value is None:
            if required:
                self.fail((*key, name), f"{name!r} is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(
                (*key, name), f"expected a number (no thousands separators), but found {value!r}"
            )
            return None
        if value < 0 or value != value or value in (float("inf"), float("-inf")):
            self.fail((*key, name), f"expected a number of zero or more, but found {value!r}")
            return None
        problem = number_problem(value)
        if problem:
            self.fail((*key, name), problem)
            return None
        return value

    def refs(
        self, obj: dict[str, Any], name: str, key: KeyPath, known: set[str], what: str
    ) -> tuple[str, ...]:
        """Return obj[name] as a non-empty list of ids that exist in `known`."""
        values = self.items(obj.get(name), (*key, name))
        found: list[str] = []
        for i, value in enumerate(values):
            if value not in known:
                self.fail((*key, name, i), f"no {what} has the id {value!r}")
            else:
                found.append(str(value))
        return tuple(found)

    def ref(self, obj: dict[str, Any], name: str, key: KeyPath, known: set[str], what: str) -> str:
        """Return obj[name] as one id that exists in `known`."""
        value = self.string(obj, name, key)
        if value and value not in known:
            self.fail((*key, name), f"no {what} has the id {value!r}")
        return value

    def args(self, obj: dict[str, Any], key: KeyPath) -> dict[str, Arg]:
        """Return the placeholder values under obj["args"]."""
        raw = obj.get("args") or {}
        result: dict[str, Arg] = {}
        for name, value in self.mapping(
            raw, (*key, "args"), tuple(raw) if isinstance(raw, dict) else ()
        ).items():
            arg = self._arg(value, (*key, "args", name))
            if arg is not None:
                result[name] = arg
        return result

    def _arg(self, value: Any, key: KeyPath) -> Arg | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Number(value) if self.amount({"v": value}, "v", key) is not None else None
        if isinstance(value, dict) and "date" in value:
            date = self.date(self.mapping(value, key, ("date",)), "date", key)
            return DateArg(date) if date else None
        if isinstance(value, dict) and "money" in value:
            money = self.mapping(value, key, ("money", "currency"))
            amount = self.amount(money, "money", key)
            currency = self.currency(money, key, required=True)
            return Money(amount, currency) if amount is not None and currency else None
        if isinstance(value, dict) and "term" in value:
            return Term(self.string(self.mapping(value, key, ("term",)), "term", key))
        self.fail(
            key,
            "expected a number, {date: ...}, {money: ..., currency: ...} or {term: ...},"
            f" but found {value!r}",
        )
        return None

    def currency(self, obj: dict[str, Any], key: KeyPath, *, required: bool = False) -> str | None:
        """Return obj["currency"] if it is a known ISO 4217 code."""
        value = obj.get("currency")
        if value is None:
            if required:
                self.fail((*key, "currency"), "'currency' is missing")
            return None
        if value not in CURRENCIES:
            known = ", ".join(sorted(CURRENCIES))
            self.fail((*key, "currency"), f"unknown currency {value!r}; expected one of: {known}")
            return None
        return str(value)

    def text(
        self,
        obj: dict[str, Any],
        name: str,
        key: KeyPath,
        args: Mapping[str, Arg],
        *,
        required: bool = True,
    ) -> Text | None:
        """Return obj[name] as a translatable Text whose placeholders all have values."""
        msgid = self.string(obj, name, key, required=required)
        if not msgid:
            return None
        try:
            parsed = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(msgid)]
        except ValueError as error:
            self.fail((*key, name), f"broken placeholder in {msgid!r}: {error}")
            return None
        fields = {f for f, _, _ in parsed if f is not None}
        for field_name, spec, conv in parsed:
            if field_name is not None and (spec or conv or not field_name.isidentifier()):
                self.fail(
                    (*key, name),
                    f"placeholder {{{field_name}{'!' + conv if conv else ''}"
                    f"{':' + spec if spec else ''}}} in {msgid!r} must be a plain name such as"
                    " {count}; each value is formatted for the locale",
                )
                return None
        for missing in sorted(fields - set(args)):
            self.fail((*key, name), f"placeholder {{{missing}}} has no value under 'args'")
        if re.search(r"\d", re.sub(r"\{[^}]*\}", "", msgid)):
            self.fail(
                (*key, name),
                f"{msgid!r} has a number in it;"
                " write it as a {placeholder} with its value under 'args'",
            )
        line, _ = self.data.place((*key, name))
        return Text(
            msgid, {k: v for k, v in args.items() if k in fields}, f"{self.data.path}:{line}"
        )
