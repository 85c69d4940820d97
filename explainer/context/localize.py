"""Turn the model into the template context of one edition.

All locale formatting happens here, through Babel only: numbers, money and
dates are formatted for the edition's locale, every English text goes through
the edition's catalog, and the result is a typed, fully-localized context that
the templates only have to lay out.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NotRequired, TypedDict

from explainer.facts.model import (
    UNNAMED,
    Actor,
    Dispute,
    Explainer,
    Fact,
    Figure,
    PartialDate,
    Period,
    Quote,
    Source,
    Statement,
)
from explainer.facts.quotes import all_quotes
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


AFFILIATION_NAMES = {
    # NOTE: Who's who: the side someone speaks for; here an election campaign team.
    "campaign": N_("election campaign"),
    # NOTE: Who's who: the side someone speaks for; here the Jakarta provincial government.
    "government": N_("Jakarta provincial government"),
    # NOTE: Who's who: the side someone speaks for; here the Perkumpulan Gerakan OK OCE.
    "association": N_("OK OCE association (Perkumpulan Gerakan OK OCE)"),
    # NOTE: Who's who: the side someone speaks for; here the Jakarta regional parliament.
    "parliament": N_("Jakarta regional parliament (DPRD)"),
    # NOTE: Who's who: the side someone speaks for; here a shop or other business.
    "business": N_("business"),
    # NOTE: Who's who: the side someone speaks for; here a news outlet.
    "outlet": N_("news outlet"),
}


class SourceRef(TypedDict):
    number: int
    anchor: str
    marker: str


class QuoteCtx(TypedDict):
    text: str
    lang: str
    translation: str | None
    translation_lang: str
    cite: SourceRef
    speaker: str
    said_on: str
    attribution: str
    # The quote's number among the print edition's notes (number_notes sets it).
    note: NotRequired[int]


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
    # On screen, the quotes not already shown for a figure above (share_passages),
    # and those figures.
    own_quotes: list[QuoteCtx]
    same_passage: list[PassageRefCtx]


class PassageRefCtx(TypedDict):
    figure_id: str
    label: str


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
    # The other speakers the side quotes, each "who, when" (the side's `who` speaks first).
    also: list[str]
    cites: list[SourceRef]
    quotes: list[QuoteCtx]


class FindingCtx(TypedDict):
    text: str
    cites: list[SourceRef]


class DisputeCtx(TypedDict):
    id: str
    title: str
    claim: StatementCtx
    response: StatementCtx
    established: str
    established_items: list[FindingCtx]
    not_established: str


class LeadCtx(TypedDict):
    text: str
    cites: list[SourceRef]


class KeyNumberCtx(TypedDict):
    id: str
    value: str
    label: str
    period: str
    reporter: str
    reported_on: str
    cites: list[SourceRef]


class PersonCtx(TypedDict):
    id: str
    name: str
    role: str | None
    as_of: str | None
    affiliation: str
    cites: list[SourceRef]


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
    coverage: str
    lead: LeadCtx
    in_short: list[FactCtx]
    key_numbers: list[KeyNumberCtx]
    unknowns: list[FactCtx]
    whos_who: list[PersonCtx]
    notes: list[QuoteCtx]


class _Builder:
    """Build the context of one edition, numbering citation markers as it goes."""

    def __init__(self, model: Explainer, fmt: Formatter) -> None:
        self.model = model
        self.fmt = fmt
        self.backlinks: dict[str, list[str]] = {s.id: [] for s in model.sources}

    def cites(
        self, owner: str, sources: tuple[str, ...], *, backlink: bool = True
    ) -> list[SourceRef]:
        """Return citation markers; with `backlink`, the Sources list links back to them.

        The page's opening parts (lead, "In short", key numbers, what we don't
        know, who's who) and the findings under a dispute are cited without
        backlinks until the templates lay them out with their marker ids.
        """
        refs = []
        for source_id in sorted(sources, key=lambda s: self.model.source(s).number):
            number = self.model.source(source_id).number
            marker = f"cite-{owner}-{number}" if backlink else ""
            if backlink:
                self.backlinks[source_id].append(marker)
            refs.append(SourceRef(number=number, anchor=source_anchor(number), marker=marker))
        return refs

    def quote(self, quote: Quote, item_date: str = "") -> QuoteCtx:
        """Return a quote under its own speaker and a date: the day the words were said, or
        else its item's when the same; failing both, the day the source was published."""
        source = self.model.source(quote.source)
        number = source.number
        # The original only, in its own language's edition; elsewhere the catalog's
        # rendering of its English (the English edition shows the English itself).
        original = quote.lang == self.fmt.locale.language
        messages = self.fmt.messages
        translation = None if original else messages.pgettext(quote.context, quote.english)
        translated = messages.translated(quote.english, quote.context)
        cite = SourceRef(number=number, anchor=source_anchor(number), marker="")
        speaker = self.speaker(quote.said_by)
        said_on = (
            self.fmt.date_with(quote.said_on, quote.said_on_qualifier)
            if quote.said_on
            else item_date
        )
        attribution = (
            # NOTE: Under a quote: who said it and when. {speaker} is a name, e.g. “Anies
            # Baswedan”; {date} a date formatted for your language, e.g. “4 September 2018”.
            self.fmt.translate(N_("{speaker}, {date}"), speaker=speaker, date=said_on)
            if said_on
            else self.undated_attribution(quote, source, speaker)
        )
        return QuoteCtx(
            text=quote.text,
            lang=quote.lang,
            translation=translation,
            translation_lang=messages.locale if translated else "en",
            cite=cite,
            speaker=speaker,
            said_on=said_on,
            attribution=attribution,
        )

    def undated_attribution(self, quote: Quote, source: Source, speaker: str) -> str:
        """Return who said words the source does not date, dated by the source's publication.

        An outlet's own narration was written when it was published; anyone else's words
        were said by then, and are shown as quoted in a report of that date.
        """
        published = self.fmt.date_with(source.published, source.published_qualifier)
        actor = self.model.actors.get(quote.said_by)
        if actor is not None and actor.affiliation == "outlet" and source.id in actor.sources:
            return self.fmt.translate(N_("{speaker}, {date}"), speaker=speaker, date=published)
        # NOTE: Under a quote whose source does not say when the words were said. {speaker} is
        # a name, e.g. “Iim Rusyamsi”; {date} the day the article was published, e.g. “2019”
        # or “on or after 17 March 2019”.
        pattern = N_("{speaker}, quoted in a report published {date}")
        return self.fmt.translate(pattern, speaker=speaker, date=published)

    def fact(self, fact: Fact, *, backlink: bool = True) -> FactCtx:
        return FactCtx(
            id=fact.id,
            text=self.fmt.text(fact.text),
            cites=self.cites(fact.id, fact.sources, backlink=backlink),
            quotes=[self.quote(q) for q in fact.quotes],
        )

    def name(self, actor: Actor) -> str:
        """Return an actor's name, or the description standing in for it."""
        return actor.name or (self.fmt.text(actor.description) if actor.description else "")

    def speaker(self, actor_id: str) -> str:
        """Return who said a quote: a name, an outlet's own words, or an unnamed claimant."""
        if actor_id == UNNAMED or not actor_id:
            # NOTE: Shown as the speaker of a claim the article makes in the passive voice
            # (“diklaim”, “dinilai”) without naming who claims or judges.
            return self.fmt._("Not named (the article does not say by whom)")
        actor = self.model.actors[actor_id]
        if actor.affiliation == "outlet":
            # NOTE: Shown as the speaker of a passage that is the news outlet's own narration.
            # {name} is the outlet, e.g. “Kompas.com”.
            return self.fmt.translate(N_("{name}, in its own reporting"), name=self.name(actor))
        return self.name(actor)

    def who(self, actor_id: str) -> str:
        """Return who made a statement or reported a figure, with their role and its date."""
        if actor_id == UNNAMED or self.model.actors[actor_id].role is None:
            return self.speaker(actor_id)
        actor = self.model.actors[actor_id]
        assert actor.role is not None
        pattern = (
            # NOTE: Who made a statement. {name} is a person's name, e.g. “Sandiaga Uno”; {role}
            # is their role, translated elsewhere, e.g. “Governor of Jakarta”; {date} is when a
            # source gave that role, e.g. “September 2018”.
            N_("{name}, {role} (as of {date})")
        )
        return self.fmt.translate(
            pattern,
            name=self.name(actor),
            role=self.fmt.text(actor.role),
            date=self.fmt.date(actor.as_of) if actor.as_of else "",
        )

    def figure(self, figure: Figure, owner: str | None = None) -> FigureCtx:
        quotes = [self.quote(q, self.reported_on(figure, q)) for q in figure.quotes]
        return FigureCtx(
            id=figure.id,
            label=self.fmt.text(figure.label),
            value=figure_value(self.fmt, figure),
            period=self.fmt.period(figure.period),
            reporter=self.speaker(figure.reported_by),
            reported_on=self.fmt.date_with(figure.reported_on, figure.reported_on_qualifier),
            note=self.fmt.text(figure.note) if figure.note else None,
            cites=self.cites(owner or figure.id, figure.sources),
            quotes=quotes,
            own_quotes=list(quotes),
            same_passage=[],
        )

    def reported_on(self, figure: Figure, quote: Quote) -> str:
        """Return the figure's date for a quote by its reporter, else nothing."""
        if quote.said_by != figure.reported_by or figure.reported_on is None:
            return ""
        return self.fmt.date_with(figure.reported_on, figure.reported_on_qualifier)

    def key_number(self, figure: Figure) -> KeyNumberCtx:
        return KeyNumberCtx(
            id=figure.id,
            value=figure_value(self.fmt, figure),
            label=self.fmt.text(figure.label),
            period=self.fmt.period(figure.period),
            reporter=self.speaker(figure.reported_by),
            reported_on=self.fmt.date_with(figure.reported_on, figure.reported_on_qualifier),
            cites=self.cites(f"key-{figure.id}", figure.sources, backlink=False),
        )

    def person(self, actor: Actor) -> PersonCtx:
        return PersonCtx(
            id=actor.id,
            name=self.name(actor),
            role=self.fmt.text(actor.role) if actor.role else None,
            as_of=self.fmt.date(actor.as_of) if actor.as_of else None,
            affiliation=self.fmt._(AFFILIATION_NAMES[actor.affiliation]),
            cites=self.cites(f"who-{actor.id}", actor.sources, backlink=False),
        )

    def statement(self, owner: str, statement: Statement) -> StatementCtx:
        """Return a side of a dispute: its speaker and date, then every other speaker its
        summary draws on, each with the date of their words, so the side's heading never
        credits one speaker with what others said."""
        when = self.fmt.date_with(statement.on, statement.on_qualifier) if statement.on else ""
        quotes, others = [], []
        for quote in statement.quotes:
            own = quote.said_by == statement.by
            quotes.append(self.quote(quote, when if own else ""))
            if not own:
                others.append(quotes[-1]["attribution"])
        return StatementCtx(
            silent=statement.silence,
            text=self.fmt.text(statement.text),
            who=self.who(statement.by) if statement.by else "",
            when=when,
            also=list(dict.fromkeys(others)),
            cites=self.cites(owner, statement.sources),
            quotes=quotes,
        )

    def dispute(self, dispute: Dispute) -> DisputeCtx:
        items = [
            FindingCtx(
                text=self.fmt.text(f.text),
                cites=self.cites(f"{dispute.id}-established-{i}", f.sources, backlink=False),
            )
            for i, f in enumerate(dispute.established, start=1)
        ]
        # NOTE: After “What the sources establish” when no side's account is confirmed by
        # anyone outside the dispute.
        nothing = self.fmt._("Nothing beyond what each side says.")
        return DisputeCtx(
            id=dispute.id,
            title=self.fmt.text(dispute.title),
            claim=self.statement(f"{dispute.id}-claim", dispute.claim),
            response=self.statement(f"{dispute.id}-response", dispute.response),
            established=" ".join(item["text"] for item in items) or nothing,
            established_items=items,
            not_established=self.fmt.text(dispute.not_established),
        )

    def coverage(self) -> str:
        """Return the sentence stating the period the sources cover."""
        first, last = coverage(self.model)
        pattern = (
            # NOTE: Near the top of the page: the period the explainer covers, from the earliest
            # to the latest dated event in the sources. {period} is e.g. “2 February 2017 – 17
            # March 2019”.
            N_("This explainer covers what the sources report from {period}.")
        )
        return self.fmt.translate(pattern, period=self.fmt.period(Period("start", first, last)))

    def results(self) -> list[ResultGroupCtx]:
        groups = []
        for topic in self.model.result_topics:
            figures = [self.figure(f) for f in self.model.figures if f.topic == topic.id]
            share_passages(figures)
            if figures:
                title = self.fmt.text(topic.title)
                groups.append(ResultGroupCtx(id=topic.id, title=title, figures=figures))
        return groups

    def source(self, source: Source) -> SourceCtx:
        published = self.fmt.date_with(source.published, source.published_qualifier)
        if source.time:
            published = f"{published}, {self.fmt.time(source.time)}"
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


def share_passages(figures: list[FigureCtx]) -> None:
    """Show a passage once: a figure whose quote a figure above shows refers to that one.

    Only the web page's fold-out quotes change (`own_quotes`); the print notes number
    a passage once anyway.
    """
    shown: dict[str, FigureCtx] = {}
    for figure in figures:
        kept = []
        for q in figure["quotes"]:
            first = shown.get(q["text"])
            if first is None:
                shown[q["text"]] = figure
                kept.append(q)
            elif all(ref["figure_id"] != first["id"] for ref in figure["same_passage"]):
                figure["same_passage"].append(
                    PassageRefCtx(figure_id=first["id"], label=first["label"])
                )
        figure["own_quotes"] = kept


def page_quotes(context: Context) -> list[QuoteCtx]:
    """Return every quote the page shows, in the page's order."""
    facts = [
        *context["in_short"],
        *(f for topic in context["about"] for f in topic["facts"]),
        context["steps_intro"],
    ]
    figures = [f for group in context["results"] for f in group["figures"]]
    sides = [s for d in context["disputes"] for s in (d["claim"], d["response"])]
    return [
        *(q for f in facts for q in f["quotes"]),
        *(q for f in figures for q in f["quotes"]),
        *(q for s in sides for q in s["quotes"]),
        *(q for f in context["unknowns"] for q in f["quotes"]),
    ]


def number_notes(context: Context) -> list[QuoteCtx]:
    """Number the quotes as the print edition's notes, a passage quoted twice once."""
    notes: dict[tuple[str, str], QuoteCtx] = {}
    for q in page_quotes(context):
        first = notes.setdefault((q["text"], q["attribution"]), q)
        q["note"] = first["note"] if "note" in first else len(notes)
    return list(notes.values())


def who(model: Explainer, fmt: Formatter, actor_id: str) -> str:
    """Return who reported a figure or made a statement, with their dated role."""
    return _Builder(model, fmt).who(actor_id)


def speaker(model: Explainer, fmt: Formatter, actor_id: str) -> str:
    """Return who reported a figure or said a quote, as the key numbers name them."""
    return _Builder(model, fmt).speaker(actor_id)


def coverage(model: Explainer) -> tuple[PartialDate, PartialDate]:
    """Return the earliest and the latest dated event in the sources."""
    dates: list[PartialDate] = []
    for event in model.timeline:
        dates += [event.date, *([event.end] if event.end else [])]
    for dispute in model.disputes:
        dates += [s.on for s in (dispute.claim, dispute.response) if s.on]
    dates += [f.reported_on for f in model.figures if f.reported_on]
    dates += [q.said_on for _, q in all_quotes(model) if q.said_on]
    return (
        min(dates, key=lambda d: (d.first_day(), d.last_day())),
        max(dates, key=lambda d: (d.first_day(), -d.last_day().toordinal())),
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
    front = model.front
    assert front is not None
    lead = LeadCtx(
        text=fmt.text(front.lead), cites=b.cites("lead", front.lead_sources, backlink=False)
    )
    in_short = [b.fact(f, backlink=False) for f in front.in_short]
    key_numbers = [b.key_number(model.figure(f)) for f in front.key_numbers]
    unknowns = [b.fact(f, backlink=False) for f in front.unknowns]
    whos_who = [b.person(a) for a in model.actors.values() if a.affiliation != "outlet" or a.role]
    cover = b.coverage()
    context = Context(
        lang=messages.locale,
        locale_name=language_name(messages.locale),
        title=fmt.translate(TITLE),
        description=fmt.translate(DESCRIPTION, method=model.imprint.method),
        method=model.imprint.method,
        keywords=list(model.imprint.keywords),
        editions=[LanguageCtx(lang=e, name=language_name(e)) for e in editions],
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
        coverage=cover,
        lead=lead,
        in_short=in_short,
        key_numbers=key_numbers,
        unknowns=unknowns,
        whos_who=whos_who,
        notes=[],
    )
    context["notes"] = number_notes(context)
    return context


# A language's name in itself where Babel's differs from what its readers call it.
LANGUAGE_NAMES = {"id": "Bahasa Indonesia"}


def language_name(locale: str) -> str:
    """Return a language's name in that language: Bahasa Indonesia, English."""
    language = babel_locale(locale)
    return LANGUAGE_NAMES.get(locale) or language.get_display_name(language) or locale


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
    # `pybabel init` names the team after the locale code ("ms <LL@li.org>").
    plain = {
        messages.locale,
        str(language),
        language.get_display_name("en"),
        language.get_display_name(language),
    }
    names = []
    for value in (catalog.last_translator, catalog.language_team):
        name = re.sub(r"\s*<[^>]*>", "", value or "").strip()
        if name not in _UNSET and name not in plain and name not in names:
            names.append(name)
    return names
