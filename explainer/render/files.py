"""What the render stage hands on: the text of each file and where it goes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    """One rendered file, its path relative to the output folder, as the manifest lists it."""

    path: str
    locale: str
    kind: str
    text: str
    section: str | None = None
