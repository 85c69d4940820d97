"""Turn the model into the template context of one edition.

All locale formatting happens here, through Babel only: numbers, money and
dates are formatted for the edition's locale, every English text goes through
the edition's catalog, and the result is a typed, fully-localized context that
the templates only have to lay out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import TypedDict

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_symbol,
)

from explainer.catalogs import Messages, babel_locale
from explainer.model import (
    Arg,
    DateArg,
    Dispute,
    Explainer,
    Fact,
    Figure,
    Money,
    Number,
    PartialDate,
    Period,
    Quote,
    Source,
    Statement,
    Text,
)


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is used."""
    return message


TOPIC_TITLES = {
    # NOTE: Sub-heading in “Reported results” over figures about who took part.
    "participants": N_("Participants and registrations"),
    # NOTE: Sub-heading in “Reported results” over figures about training.
    "training": N_("Training"),
    # NOTE: Sub-heading in “Reported results” over figures about mentoring.
    "mentoring": N_("Mentoring"),
    # NOTE: Sub-heading in “Reported results” over figures about business licences (permits).
    "licences": N_("Business licences"),
    # NOTE: Sub-heading in “Reported results” over figures about jobs created.
    "jobs": N_("Jobs"),
    # NOTE: Sub-heading in “Reported results” over budget figures (money).
    "budget": N_("Budgets"),
    # NOTE: Sub-heading in “Reported results” over the programme's targets.
    "target": N_("Targets"),
    # NOTE: Sub-heading in “Reported results” over membership figures.
    "membership": N_("Membership"),
}


class SourceRef(TypedDict):
    number: int
    anchor: str
    marker: str


class QuoteCtx(TypedDict):
    text: str
    lang: str
    translation: str | None
    cite: SourceRef


class FactCtx(TypedDict):
    id: str
    text: str
    cites: list[SourceRef]
    quotes: list[QuoteCtx]


class TopicCtx(TypedDict):
    id: str
    title: str
    facts: list[FactCtx]


class StepCtx(TypedDict):
    number: str
    name: str
    gloss: str


class FigureCtx(TypedDict):
    id: str
    label: str
    value: str
    period: str
    reporter: str
    reported_on: str
    note: str | None
    cites: list[SourceRef]
    quotes: list[QuoteCtx]


class ResultGroupCtx(TypedDict):
    id: str
    title: str
    figures: list[FigureCtx]


class ComparisonCtx(TypedDict):
    id: str
    title: str
    note: str
    rows: list[FigureCtx]


class StatementCtx(TypedDict):
    silent: bool
    text: str
    who: str
    when: str
    cites: list[SourceRef]
    quotes: list[QuoteCtx]


class DisputeCtx(TypedDict):
    id: str
    title: str
    claim: StatementCtx
    response: StatementCtx
    established: str
    not_established: str


class SourceCtx(TypedDict):
    number: int
    id: str
    anchor: str
    outlet: str
    headline: str | None
    byline: str | None
    published: str
    url: str | None
    note: str | None
    backlinks: list[str]


class EditionCtx(TypedDict):
    lang: str
    name: str


class Context(TypedDict):
    """Everything a template of one edition may use."""

    lang: str
    locale_name: str
    editions: list[EditionCtx]
    edition_date: str
    edition_date_iso: str
    about: list[TopicCtx]
    steps_intro: FactCtx
    steps: list[StepCtx]
    results: list[ResultGroupCtx]
    comparisons: list[ComparisonCtx]
    disputes: list[DisputeCtx]
    sources: list[SourceCtx]
    fallbacks: list[str]


class Formatter:
    """Format values and texts for one locale, through Babel and the catalog."""

    def __init__(self, messages: Messages) -> None:
        self.messages = messages
        self.locale: Locale = babel_locale(messages.locale)
        self._ = messages.gettext

    def number(self, value: float) -> str:
        """Return a number with the locale's separators (65.414 / 65,414)."""
        return format_decimal(value, locale=self.locale)

    def money(self, amount: float, currency: str) -> str:
        """Return money in the short form readers use: Rp724,5 juta / IDR 724.5 million."""
        symbol = get_currency_symbol(currency, locale=self.locale)
        gap = "\u00a0" if symbol == currency else ""
        if amount < 1_000_000:
            text = format_currency(
                amount, currency, format="¤#,##0", locale=self.locale, currency_digits=False
            )
            return text.replace(symbol, symbol + gap, 1)
        exponent = 3 * int(math.log10(amount) // 3)
        scaled = amount / 10**exponent
        digits = next(d for d in range(3) if round(scaled, d) == round(scaled, 2))
        compact = format_compact_decimal(
            amount, format_type="long", locale=self.locale, fraction_digits=digits
        )
        return f"{symbol}{gap}{compact}"

    def date(self, value: PartialDate) -> str:
        """Return a date as precise as it is known: 17 Maret 2019, September 2018, 2018."""
        day = value.first_day()
        if value.day is not None:
            return format_date(day, "long", locale=self.locale)
        skeleton = "yMMMM" if value.month is not None else "y"
        return format_skeleton(skeleton, day, locale=self.locale)

    def date_with(self, value: PartialDate | None, qualifier: str | None) -> str:
        """Return a date with its qualifier ("on or after …"), or say it is not stated."""
        if value is None:
            # NOTE: Shown where a statement's date is not known, e.g. after a speaker's name.
            return self._("date not stated")
        text = self.date(value)
        if qualifier == "on_or_after":
            # NOTE: The date of a statement known only roughly. {date} is a date formatted for your
            # language, e.g. “17 March 2019”.
            return self._("on or after {date}").format(date=text)
        if qualifier == "before":
            # NOTE: The date of a statement, or the period of a figure, known only as an upper
            # bound. {date} is a date formatted for your language, e.g. “March 2019”.
            return self._("before {date}").format(date=text)
        return text

    def period(self, period: Period) -> str:
        """Return the period a figure covers, in words."""
        if period.kind == "start" and period.start and period.end:
            return self._interval(period.start, period.end)
        patterns = {
            # NOTE: The period a figure covers. {date} is a date formatted for your language, e.g.
            # “March 2019”.
            "as_of": N_("as of {date}"),
            # NOTE: The period a figure covers: everything up to a date. {date} is a date formatted
            # for your language, e.g. “2018”.
            "by": N_("by {date}"),
            "before": N_("before {date}"),
        }
        if period.kind in patterns and period.start:
            return self._(patterns[period.kind]).format(date=self.date(period.start))
        # NOTE: After the label “Period” under a figure whose period the sources do not give.
        return self._("not stated")

    def _interval(self, start: PartialDate, end: PartialDate) -> str:
        same_precision = (start.month is None) == (end.month is None) and (start.day is None) == (
            end.day is None
        )
        if not same_precision:
            return f"{self.date(start)}\u2009–\u2009{self.date(end)}"
        first, last = start.first_day(), end.first_day()
        if first == last:
            return self.date(start)
        if start.day is not None:
            # CLDR has no interval pattern with full month names: join two dates.
            same_year = first.year == last.year
            left = format_skeleton("MMMMd", first, locale=self.locale) if same_year else None
            return f"{left or self.date(start)}\u2009–\u2009{self.date(end)}"
        skeleton = "yMMMM" if start.month is not None else "y"
        return format_interval(first, last, skeleton, locale=self.locale)

    def arg(self, value: Arg) -> str:
        """Return a placeholder value formatted for the locale."""
        if isinstance(value, Number):
            return self.number(value.value)
        if isinstance(value, Money):
            return self.money(value.amount, value.currency)
        if isinstance(value, DateArg):
            return self.date(value.date)
        return value.text

    def text(self, text: Text) -> str:
        """Return a Text translated, with its placeholders filled in."""
        values = {name: self.arg(value) for name, value in text.args.items()}
        translated = self._(text.msgid)
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            # A broken translation never breaks the edition: `explainer check`
            # reports it, and the reader gets the English.
            self.messages.fallbacks.add(text.msgid)
            return text.msgid.format(**values)


def figure_value(fmt: Formatter, figure: Figure) -> str:
    """Return a figure's value as readers see it: 65.414, 50–70, more than 27,000."""
    currency = figure.currency
    one: Callable[[float], str] = (lambda v: fmt.money(v, currency)) if currency else fmt.number
    value = one(figure.value)
    if figure.value_max is not None:
        value = f"{value}–{one(figure.value_max)}"
    if figure.qualifier == "more_than":
        # NOTE: A reported figure given as a lower bound. {value} is a number formatted for your
        # language, e.g. “27,000”.
        return fmt._("more than {value}").format(value=value)
    if figure.qualifier == "about":
        # NOTE: A reported figure given as an approximation. {value} is a number formatted for your
        # language, e.g. “65,000”.
        return fmt._("about {value}").format(value=value)
    return value


class _Builder:
    """Build the context of one edition, numbering citation markers as it goes."""

    def __init__(self, model: Explainer, fmt: Formatter) -> None:
        self.model = model
        self.fmt = fmt
        self.backlinks: dict[str, list[str]] = {s.id: [] for s in model.sources}

    def cites(self, owner: str, sources: tuple[str, ...]) -> list[SourceRef]:
        refs = []
        for source_id in sorted(sources, key=lambda s: self.model.source(s).number):
            number = self.model.source(source_id).number
            marker = f"cite-{owner}-{number}"
            self.backlinks[source_id].append(marker)
            refs.append(SourceRef(number=number, anchor=f"source-{number}", marker=marker))
        return refs

    def quote(self, quote: Quote) -> QuoteCtx:
        number = self.model.source(quote.source).number
        translation = None if quote.lang == self.fmt.messages.locale else quote.translation
        cite = SourceRef(number=number, anchor=f"source-{number}", marker="")
        return QuoteCtx(text=quote.text, lang=quote.lang, translation=translation, cite=cite)

    def fact(self, fact: Fact) -> FactCtx:
        return FactCtx(
            id=fact.id,
            text=self.fmt.text(fact.text),
            cites=self.cites(fact.id, fact.sources),
            quotes=[self.quote(q) for q in fact.quotes],
        )

    def who(self, actor_id: str) -> str:
        actor = self.model.actors[actor_id]
        name = actor.name or (self.fmt.text(actor.description) if actor.description else "")
        if actor.role is None:
            return name
        # NOTE: Who made a statement. {name} is a person's name, e.g. “Sandiaga Uno”; {role} is
        # their role, translated elsewhere, e.g. “Deputy Governor of Jakarta”.
        return self.fmt._("{name}, {role}").format(name=name, role=self.fmt.text(actor.role))

    def figure(self, figure: Figure, owner: str | None = None) -> FigureCtx:
        return FigureCtx(
            id=figure.id,
            label=self.fmt.text(figure.label),
            value=figure_value(self.fmt, figure),
            period=self.fmt.period(figure.period),
            reporter=self.who(figure.reported_by),
            reported_on=self.fmt.date_with(figure.reported_on, figure.reported_on_qualifier),
            note=self.fmt.text(figure.note) if figure.note else None,
            cites=self.cites(owner or figure.id, figure.sources),
            quotes=[self.quote(q) for q in figure.quotes],
        )

    def statement(self, owner: str, statement: Statement) -> StatementCtx:
        return StatementCtx(
            silent=statement.silence,
            text=self.fmt.text(statement.text),
            who=self.who(statement.by) if statement.by else "",
            when=self.fmt.date_with(statement.on, statement.on_qualifier) if statement.on else "",
            cites=self.cites(owner, statement.sources),
            quotes=[self.quote(q) for q in statement.quotes],
        )

    def dispute(self, dispute: Dispute) -> DisputeCtx:
        return DisputeCtx(
            id=dispute.id,
            title=self.fmt.text(dispute.title),
            claim=self.statement(f"{dispute.id}-claim", dispute.claim),
            response=self.statement(f"{dispute.id}-response", dispute.response),
            established=self.fmt.text(dispute.established),
            not_established=self.fmt.text(dispute.not_established),
        )

    def results(self) -> list[ResultGroupCtx]:
        groups = []
        for topic, title in TOPIC_TITLES.items():
            figures = [self.figure(f) for f in self.model.figures if f.topic == topic]
            if figures:
                groups.append(ResultGroupCtx(id=topic, title=self.fmt._(title), figures=figures))
        return groups

    def source(self, source: Source) -> SourceCtx:
        published = self.fmt.date_with(source.published, source.published_qualifier)
        if source.time:
            published = f"{published}, {source.time}"
        return SourceCtx(
            number=source.number,
            id=source.id,
            anchor=f"source-{source.number}",
            outlet=source.outlet,
            headline=source.headline,
            byline=source.byline,
            published=published,
            url=source.url,
            note=self.fmt.text(source.note) if source.note else None,
            backlinks=self.backlinks[source.id],
        )


def build_context(
    model: Explainer, messages: Messages, editions: list[str], edition_date: dt.date
) -> Context:
    """Return the fully localized template context of one edition."""
    fmt = Formatter(messages)
    b = _Builder(model, fmt)
    about = [
        TopicCtx(id=t.id, title=fmt.text(t.title), facts=[b.fact(f) for f in t.facts])
        for t in model.about
    ]
    steps_intro = b.fact(model.steps.intro)
    steps = [
        StepCtx(number=fmt.number(i), name=s.name, gloss=fmt.text(s.gloss))
        for i, s in enumerate(model.steps.steps, start=1)
    ]
    results = b.results()
    comparisons = [
        ComparisonCtx(
            id=c.id,
            title=fmt.text(c.title),
            note=fmt.text(c.note),
            rows=[b.figure(model.figure(f), owner=f"{c.id}-{f}") for f in c.figures],
        )
        for c in model.comparisons
    ]
    disputes = [b.dispute(d) for d in model.disputes]
    return Context(
        lang=messages.locale,
        locale_name=fmt.locale.get_display_name(fmt.locale) or messages.locale,
        editions=[
            EditionCtx(lang=e, name=babel_locale(e).get_display_name(babel_locale(e)) or e)
            for e in editions
        ],
        edition_date=fmt.date(PartialDate(edition_date.year, edition_date.month, edition_date.day)),
        edition_date_iso=edition_date.isoformat(),
        about=about,
        steps_intro=steps_intro,
        steps=steps,
        results=results,
        comparisons=comparisons,
        disputes=disputes,
        sources=[b.source(s) for s in model.sources],
        fallbacks=sorted(messages.fallbacks),
    )
