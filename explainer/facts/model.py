"""The domain: what the explainer says, as frozen dataclasses indexed by id.

`explainer.facts.validate` builds it from the data files; what it holds is
safe to render: ids resolve, dates exist, numbers are numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CURRENCIES = frozenset({"IDR", "USD"})
QUALIFIERS = ("more_than", "about")
DATE_QUALIFIERS = ("on_or_after", "before")
PERIOD_KINDS = ("start", "as_of", "by", "before", "unstated")
# Which side an actor speaks for; a dispute names the affiliations that are its parties.
AFFILIATIONS = ("campaign", "government", "association", "parliament", "business", "outlet")
# present: true at one time, so it needs `as_of` (and says it as {as_of});
# past: dated by its own words; timeless: true whenever read (what a name means).
TENSES = ("present", "past", "timeless")
# Indonesian and English weekday names, Monday first (date.weekday()).
WEEKDAYS = (
    ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
)
# `said_by` / `reported_by` / `by` of a claim the source attributes to no one
# ("diklaim", "dinilai"): written {unnamed: true} in the data.
UNNAMED = "unnamed"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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

    def last_day(self) -> dt.date:
        """Return the last day the partial date covers."""
        if self.day is not None:
            return self.first_day()
        if self.month is None or self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)


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
    """A verbatim passage and who said it: an actor id, or UNNAMED.

    An outlet's actor id (affiliation "outlet") says the passage is the
    outlet's own narration. `said_on` is the date the words were said, when
    the source gives one; `weekday` the weekday the source gives with it.
    """

    text: str
    source: str
    translation: str
    said_by: str
    lang: str = "id"
    said_on: PartialDate | None = None
    said_on_qualifier: str | None = None
    weekday: str | None = None

    @property
    def english(self) -> str:
        """Return the quote in English: the msgid of its catalog entry."""
        return self.text if self.lang == "en" else self.translation

    @property
    def context(self) -> str:
        """Return the msgctxt of its catalog entry (see quote_context)."""
        return quote_context(self.source, self.text)


def quote_context(source: str, text: str) -> str:
    """Return a quote's msgctxt: its source and a digest of its original words.

    It does not change when quotes are reordered or moved, and two quotes with
    the same English translation never share a catalog entry.
    """
    words = " ".join(unicodedata.normalize("NFC", text).split())
    return f"{QUOTE_CONTEXT}{source}:{hashlib.sha256(words.encode()).hexdigest()[:10]}"


# The start of every quote's msgctxt.
QUOTE_CONTEXT = "quote:"


@dataclass(frozen=True)
class Fact:
    """A statement about the programme; `as_of` says when a source said it."""

    id: str
    text: Text
    sources: tuple[str, ...]
    quotes: tuple[Quote, ...]
    tense: str = "past"
    as_of: PartialDate | None = None


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
    reported_by: str  # an actor id, or UNNAMED
    sources: tuple[str, ...]
    quotes: tuple[Quote, ...]
    value_max: int | float | None = None
    qualifier: str | None = None
    currency: str | None = None
    reported_on: PartialDate | None = None
    reported_on_qualifier: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class ResultTopic:
    """A sub-heading of the reported results; each figure names one."""

    id: str
    title: Text


@dataclass(frozen=True)
class FunnelBar:
    """A bar of the results funnel: a figure and what the bar says it counts."""

    figure: str
    label: Text


@dataclass(frozen=True)
class Comparison:
    id: str
    title: Text
    figures: tuple[str, ...]
    note: Text


@dataclass(frozen=True)
class Statement:
    """One side of a dispute; `silence` says a side the sources do not report.

    `answers_earlier_reports`: a response that answers reports made before
    the claim shown (so it may be dated before it).
    """

    text: Text
    by: str | None = None
    on: PartialDate | None = None
    on_qualifier: str | None = None
    sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    silence: bool = False
    answers_earlier_reports: bool = False


@dataclass(frozen=True)
class Finding:
    """What the sources establish about a dispute, and who reports it."""

    text: Text
    reported_by: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Dispute:
    id: str
    title: Text
    claim: Statement
    response: Statement
    established: tuple[Finding, ...]
    not_established: Text
    parties: tuple[str, ...] = ()


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
    weekday: str | None = None
    time: str | None = None
    url: str | None = None
    capture: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class Actor:
    """Someone the sources quote; a role says when a source gave it (`as_of`)."""

    id: str
    affiliation: str
    name: str | None = None
    description: Text | None = None
    role: Text | None = None
    as_of: PartialDate | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Front:
    """What the page opens with: a lead, "In short", key numbers, open questions."""

    lead: Text
    lead_sources: tuple[str, ...]
    in_short: tuple[Fact, ...]
    key_numbers: tuple[str, ...]
    unknowns: tuple[Fact, ...]


@dataclass(frozen=True)
class Imprint:
    """Who publishes the explainer, when, and under what licence."""

    date: dt.date
    publisher: str
    licence: str
    licence_url: str | None = None
    method: str = ""
    keywords: tuple[str, ...] = ()
    # The address the output is published at (a folder, ending in "/"), if known.
    base_url: str | None = None


@dataclass(frozen=True)
class Explainer:
    """Everything the explainer says, validated."""

    imprint: Imprint
    sources: tuple[Source, ...]
    actors: Mapping[str, Actor]
    about: tuple[Topic, ...]
    steps: Steps
    figures: tuple[Figure, ...]
    comparisons: tuple[Comparison, ...]
    disputes: tuple[Dispute, ...]
    timeline: tuple[Event, ...] = ()
    result_topics: tuple[ResultTopic, ...] = ()
    funnel: tuple[FunnelBar, ...] = ()
    funnel_aside: str = ""
    front: Front | None = None

    _sources: Mapping[str, Source] = field(init=False, repr=False, compare=False)
    _figures: Mapping[str, Figure] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen: the indexes are set once, here, from the tuples they index.
        object.__setattr__(self, "_sources", {s.id: s for s in self.sources})
        object.__setattr__(self, "_figures", {f.id: f for f in self.figures})

    def source(self, source_id: str) -> Source:
        """Return the source with this id (validation made sure it exists)."""
        return self._sources[source_id]

    def figure(self, figure_id: str) -> Figure:
        """Return the figure with this id (validation made sure it exists)."""
        return self._figures[figure_id]

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
