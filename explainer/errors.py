"""Errors meant for people: every one names the file and the place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    key: str = ""
    warning: bool = False
    # A short name of the kind of problem, for counting (e.g. "untranslated").
    code: str = ""

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        kind = "warning" if self.warning else "error"
        where = f" {self.key}:" if self.key else ""
        return f"{place}: {kind}:{where} {self.message}"


class ExplainerError(Exception):
    """Base of every error the command line reports without a traceback."""

    exit_code = 1


class UsageError(ExplainerError):
    """The command was called wrongly (exit status 2)."""

    exit_code = 2


class InputError(ExplainerError):
    """One or more problems in the data, catalogs or templates."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def in_file(self, file: str) -> InputError:
        """Return the same problems as found in `file` (for a text parsed without its path)."""
        return InputError(replace(p, file=file) for p in self.problems)


def raise_if_errors(problems: Iterable[Problem], *, strict: bool = False) -> None:
    """Raise InputError if any problem is an error (or, when strict, a warning)."""
    problems = list(problems)
    if any(strict or not p.warning for p in problems):
        raise InputError(problems)
