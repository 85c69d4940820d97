"""Turn the model into the template context of one edition.

All locale formatting happens here, through Babel only: numbers, money and
dates are formatted for the edition's locale, every English text goes through
the edition's catalog, and the result is a typed, fully-localized context that
the templates only have to lay out.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypedDict

from explainer.facts.model import (
    Dispute,
    Explainer,
    Fact,
    Figure,
    PartialDate,
    Quote,
    Source,
    Statement,
)
from explainer.i18n.catalogs import Messages, babel_locale
from explainer.i18n.format import N_, Formatter, figure_value
from explainer.project import source_anchor

# NOTE: Title of the explainer: the main heading, the browser tab, the cards' kicker and the
# PDF's title.
TITLE = N_("OK OCE explained")
# NOTE: Summary for search engines, link previews and the PDF's metadata; not shown on the page.
# {method} is the name of the method, kept in Indonesian, e.g. “7 PAS”.
DESCRIPTION = N_(
    "What OK OCE is, the {method} steps, the reported results and the disputed claims, "
    "with sources."
)


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


class LanguageCtx(TypedDict):
    lang: str
    name: str


class Context(TypedDict):
    """Everything a template of one edition may use."""

    lang: str
    locale_name: str
    title: str
    description: str
    method: str
    keywords: list[str]
    editions: list[LanguageCtx]
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
    translators: list[str]


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
            refs.append(SourceRef(number=number, anchor=source_anchor(number), marker=marker))
        return refs

    def quote(self, quote: Quote) -> QuoteCtx:
        number = self.model.source(quote.source).number
        translation = None if quote.lang == self.fmt.messages.locale else quote.translation
        cite = SourceRef(number=number, anchor=source_anchor(number), marker="")
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
        return self.fmt.translate(N_("{name}, {role}"), name=name, role=self.fmt.text(actor.role))

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
        for topic in self.model.result_topics:
            figures = [self.figure(f) for f in self.model.figures if f.topic == topic.id]
            if figures:
                title = self.fmt.text(topic.title)
                groups.append(ResultGroupCtx(id=topic.id, title=title, figures=figures))
        return groups

    def source(self, source: Source) -> SourceCtx:
        published = self.fmt.date_with(source.published, source.published_qualifier)
        if source.time:
            published = f"{published}, {source.time}"
        return SourceCtx(
            number=source.number,
            id=source.id,
            anchor=source_anchor(source.number),
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
        title=fmt.translate(TITLE),
        description=fmt.translate(DESCRIPTION, method=model.imprint.method),
        method=model.imprint.method,
        keywords=list(model.imprint.keywords),
        editions=[
            LanguageCtx(lang=e, name=babel_locale(e).get_display_name(babel_locale(e)) or e)
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
        translators=translators(messages),
    )


# What `pybabel init` and `msginit` write until a translator fills the header in.
_UNSET = ("FULL NAME", "LANGUAGE", "")


def translators(messages: Messages) -> list[str]:
    """Return who translated an edition, from the catalog's Last-Translator and Language-Team.

    E-mail addresses are left out (the page is public); so are the placeholders
    of a fresh catalog and a team named only after the language.
    """
    catalog = messages.catalog
    if catalog is None:
        return []
    language = babel_locale(messages.locale)
    plain = {language.get_display_name("en"), language.get_display_name(language)}
    names = []
    for value in (catalog.last_translator, catalog.language_team):
        name = re.sub(r"\s*<[^>]*>", "", value or "").strip()
        if name not in _UNSET and name not in plain and name not in names:
            names.append(name)
    return names
