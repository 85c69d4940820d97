"""Typed reads of one data file's values, each mistake recorded with its place.

A `Reader` never raises on bad data: it records a Problem (file, line, column,
key path and the bad value) and returns None or an empty value, so validation
goes on and every mistake is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from explainer import placeholders
from explainer.errors import Problem
from explainer.facts.load import DataFile, KeyPath
from explainer.facts.model import (
    CURRENCIES,
    ID_PATTERN,
    Arg,
    DateArg,
    Money,
    Number,
    PartialDate,
    Term,
    Text,
    parse_partial_date,
)
from explainer.numbers import number_problem


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
        if value and not ID_PATTERN.match(value):
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
            fields = placeholders.names(msgid)
            bare = placeholders.literal(msgid)
        except placeholders.PlaceholderError as error:
            self.fail((*key, name), f"broken placeholder: {error}")
            return None
        for missing in sorted(fields - set(args)):
            self.fail((*key, name), f"placeholder {{{missing}}} has no value under 'args'")
        if re.search(r"\d", bare):
            self.fail(
                (*key, name),
                f"{msgid!r} has a number in it;"
                " write it as a {placeholder} with its value under 'args'",
            )
        line, _ = self.data.place((*key, name))
        return Text(
            msgid, {k: v for k, v in args.items() if k in fields}, f"{self.data.path}:{line}"
        )
