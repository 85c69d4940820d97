"""Turn the parsed data files into the validated model, collecting every problem."""

from __future__ import annotations

import datetime as dt
from typing import Any

from explainer.errors import Problem, raise_if_errors
from explainer.facts.load import DataFile, KeyPath
from explainer.facts.model import (
    AFFILIATIONS,
    DATE_QUALIFIERS,
    QUALIFIERS,
    TENSES,
    UNNAMED,
    WEEKDAYS,
    Actor,
    Arg,
    Comparison,
    DateArg,
    Dispute,
    Event,
    Explainer,
    Fact,
    Figure,
    Finding,
    Front,
    FunnelBar,
    Imprint,
    Money,
    PartialDate,
    Period,
    Quote,
    ResultTopic,
    Source,
    Statement,
    Step,
    Steps,
    Term,
    Text,
    Topic,
)
from explainer.facts.reader import Reader
from explainer.urls import base_url_problem, web_url_problem

# The keys each kind of entry may have (also the source of data/schema.json).
EDITION_KEYS = (
    "date",
    "publisher",
    "licence",
    "licence_url",
    "method",
    "keywords",
    "base_url",
)
SOURCE_KEYS = (
    "id",
    "outlet",
    "headline",
    "byline",
    "published",
    "published_qualifier",
    "weekday",
    "time",
    "url",
    "capture",
    "note",
    "args",
)
ACTOR_KEYS = ("id", "name", "description", "affiliation", "role", "as_of", "sources")
QUOTE_KEYS = (
    "source",
    "text",
    "translation",
    "said_by",
    "said_on",
    "said_on_qualifier",
    "weekday",
    "lang",
)
FACT_KEYS = ("id", "text", "args", "tense", "as_of", "sources", "quotes")
TOPIC_KEYS = ("id", "title", "facts")
STEPS_KEYS = ("intro", "list")
STEP_KEYS = ("id", "name", "gloss")
PERIOD_KEYS = ("start", "end", "as_of", "by", "before", "unstated")
RESULT_TOPIC_KEYS = ("id", "title")
BAR_KEYS = ("figure", "label")
FIGURE_KEYS = (
    "id",
    "topic",
    "label",
    "value",
    "value_max",
    "qualifier",
    "currency",
    "period",
    "reported_by",
    "reported_on",
    "reported_on_qualifier",
    "sources",
    "quotes",
    "note",
    "args",
)
COMPARISON_KEYS = ("id", "title", "figures", "note", "args")
STATEMENT_KEYS = (
    "by",
    "on",
    "on_qualifier",
    "answers_earlier_reports",
    "text",
    "args",
    "sources",
    "quotes",
)
FINDING_KEYS = ("text", "args", "reported_by", "sources")
DISPUTE_KEYS = (
    "id",
    "title",
    "parties",
    "claim",
    "response",
    "established",
    "not_established",
    "args",
)
FRONT_KEYS = ("lead", "in_short", "key_numbers", "unknowns")
LEAD_KEYS = ("text", "args", "sources")
# The lead is read whole: long enough to say what OK OCE is and why it is
# disputed, short enough to be read (counted in English words).
LEAD_WORDS = (60, 80)
FRONT_ITEMS = (3, 5)
EVENT_KEYS = ("id", "date", "end", "text", "args", "sources", "quotes")


def validate(
    files: dict[str, DataFile], *, strict: bool = False
) -> tuple[Explainer, list[Problem]]:
    """Return the model and its warnings; raise InputError listing every error."""
    problems: list[Problem] = []
    ids: set[str] = set()
    edition = _edition(Reader(files["edition"], problems))
    sources = _sources(Reader(files["sources"], problems), ids)
    known = _Known(sources)
    actors = _actors(Reader(files["actors"], problems), ids, known)
    known.actors = {a.id: a for a in actors.values()}
    about = _about(Reader(files["about"], problems), ids, known)
    steps = _steps(Reader(files["steps"], problems), ids, known)
    topics, figures, comparisons = _results(Reader(files["results"], problems), ids, known)
    funnel, aside = _funnel(Reader(files["charts"], problems), {f.id for f in figures})
    disputes = _disputes(Reader(files["disputes"], problems), ids, known)
    timeline = _timeline(Reader(files["timeline"], problems), ids, known)
    front = _front(Reader(files["lead"], problems), ids, known, {f.id for f in figures})
    _uncited(Reader(files["sources"], problems), sources, known.cited)
    raise_if_errors(problems, strict=strict)
    model = Explainer(
        edition,
        sources,
        actors,
        about,
        steps,
        figures,
        comparisons,
        disputes,
        timeline,
        result_topics=topics,
        funnel=funnel,
        funnel_aside=aside,
        front=front,
    )
    return model, [p for p in problems if p.warning]


class _Known:
    """The ids facts may refer to, and which sources were cited."""

    def __init__(self, sources: tuple[Source, ...]) -> None:
        self.sources = {s.id for s in sources}
        self.actors: dict[str, Actor] = {}
        self.cited: set[str] = set()


def _top(r: Reader, name: str) -> Any:
    content = r.mapping(r.data.content, (), (name,))
    return content.get(name)


def _edition(r: Reader) -> Imprint:
    key: KeyPath = ("edition",)
    obj = r.mapping(_top(r, "edition"), key, EDITION_KEYS)
    date = r.date(obj, "date", key)
    if date and date.day is None:
        r.fail((*key, "date"), f"the edition date needs a day: YYYY-MM-DD, not {date.iso!r}")
    return Imprint(
        date=date.first_day() if date else dt.date(1970, 1, 1),
        publisher=r.string(obj, "publisher", key),
        licence=r.string(obj, "licence", key),
        licence_url=_web_url(r, obj, "licence_url", key),
        method=r.string(obj, "method", key),
        keywords=_keywords(r, obj, key),
        base_url=_base_url(r, obj, key),
    )


def _base_url(r: Reader, obj: dict[str, Any], key: KeyPath) -> str | None:
    """Return the site's address if it is one the output can be published at."""
    url = r.string(obj, "base_url", key, required=False) or None
    problem = base_url_problem(url) if url else None
    if problem:
        r.fail((*key, "base_url"), problem)
        return None
    return url


def _keywords(r: Reader, obj: dict[str, Any], key: KeyPath) -> tuple[str, ...]:
    items = r.items(obj.get("keywords"), (*key, "keywords"))
    words = []
    for i, item in enumerate(items):
        if isinstance(item, str) and item.strip() and "," not in item:
            words.append(item.strip())
        else:
            r.fail((*key, "keywords", i), f"expected a keyword without commas, not {item!r}")
    return tuple(words)


def _web_url(r: Reader, obj: dict[str, Any], name: str, key: KeyPath) -> str | None:
    """Return obj[name] if it is a web address a reader may follow (see `urls`)."""
    url = r.string(obj, name, key, required=False) or None
    problem = web_url_problem(url) if url else None
    if problem:
        r.fail((*key, name), problem)
        return None
    return url


def _sources(r: Reader, ids: set[str]) -> tuple[Source, ...]:
    result = []
    for i, raw in enumerate(r.items(_top(r, "sources"), ("sources",))):
        key: KeyPath = ("sources", i)
        obj = r.mapping(raw, key, SOURCE_KEYS)
        url = _web_url(r, obj, "url", key)
        source = Source(
            id=r.ident(obj, key, ids),
            number=i + 1,
            outlet=r.string(obj, "outlet", key),
            published=r.date(obj, "published", key),  # type: ignore[arg-type]
            headline=r.string(obj, "headline", key, required=False) or None,
            byline=r.string(obj, "byline", key, required=False) or None,
            published_qualifier=r.choice(obj, "published_qualifier", key, DATE_QUALIFIERS),
            weekday=r.string(obj, "weekday", key, required=False) or None,
            time=r.string(obj, "time", key, required=False) or None,
            url=url,
            capture=r.string(obj, "capture", key, required=False) or None,
            note=r.text(obj, "note", key, r.args(obj, key), required=False),
        )
        _weekday(r, (*key, "weekday"), source.weekday, source.published, source.id)
        result.append(source)
    return tuple(result)


def _weekday(
    r: Reader, key: KeyPath, weekday: str | None, date: PartialDate | None, source: str
) -> None:
    """Warn when a weekday the source gives does not fall on the date it gives."""
    if weekday is None:
        return
    names = [n.lower() for lang in WEEKDAYS for n in lang]
    if weekday.lower() not in names:
        r.fail(key, f"{weekday!r} is not a weekday; expected one of: {', '.join(WEEKDAYS[0])}")
        return
    if date is None or date.day is None:
        r.fail(key, "a weekday needs a full date (YYYY-MM-DD) beside it")
        return
    actual = date.first_day().weekday()
    if names.index(weekday.lower()) % 7 != actual:
        r.fail(
            key,
            f"the source {source!r} gives the weekday {weekday!r} with {date.iso},"
            f" which was a {WEEKDAYS[1][actual]} ({WEEKDAYS[0][actual]})",
            warning=True,
        )


def _actors(r: Reader, ids: set[str], known: _Known) -> dict[str, Actor]:
    result: dict[str, Actor] = {}
    for i, raw in enumerate(r.items(_top(r, "actors"), ("actors",))):
        key: KeyPath = ("actors", i)
        obj = r.mapping(raw, key, ACTOR_KEYS)
        role = r.text(obj, "role", key, {}, required=False)
        description = r.text(obj, "description", key, {}, required=False)
        affiliation = r.choice(obj, "affiliation", key, AFFILIATIONS) or ""
        # A role, or the description of someone unnamed, gives its sources; an outlet
        # lists its own articles, where it narrates.
        cites = role is not None or description is not None or affiliation == "outlet"
        actor = Actor(
            id=r.ident(obj, key, ids),
            name=r.string(obj, "name", key, required=False) or None,
            description=description,
            affiliation=affiliation,
            role=role,
            as_of=r.date(obj, "as_of", key, required=role is not None),
            sources=_cited(r, obj, key, known) if cites else (),
        )
        if "affiliation" not in obj:
            r.fail(
                (*key, "affiliation"),
                f"'affiliation' is missing; expected one of: {', '.join(AFFILIATIONS)}",
            )
        if actor.id == UNNAMED:
            r.fail((*key, "id"), f"the id {UNNAMED!r} is kept for claims by no one named")
        if (actor.name is None) == (actor.description is None):
            r.fail(key, "give either a 'name' or, for someone unnamed, a 'description'")
        result[actor.id] = actor
    return result


def _speaker(r: Reader, obj: dict[str, Any], name: str, key: KeyPath, known: _Known) -> str:
    """Return obj[name]: an actor id, or UNNAMED for {unnamed: true}."""
    value = obj.get(name)
    if isinstance(value, dict):
        if r.mapping(value, (*key, name), ("unnamed",)).get("unnamed") is not True:
            r.fail((*key, name), f"expected an actor id or {{unnamed: true}}, but found {value!r}")
        return UNNAMED
    return r.ref(obj, name, key, set(known.actors), "actor")


def _quotes(
    r: Reader,
    obj: dict[str, Any],
    key: KeyPath,
    cited: tuple[str, ...],
    known: _Known,
    *,
    required: bool = True,
) -> tuple[Quote, ...]:
    result = []
    raw_quotes = obj.get("quotes")
    if raw_quotes is None and not required:
        return ()
    for i, raw in enumerate(r.items(raw_quotes, (*key, "quotes"))):
        qkey = (*key, "quotes", i)
        q = r.mapping(raw, qkey, QUOTE_KEYS)
        source = r.string(q, "source", qkey)
        if source and source not in cited:
            r.fail(
                (*qkey, "source"),
                f"the quote's source {source!r} is not among the sources cited: {list(cited)}",
            )
        if "said_by" not in q:
            r.fail(
                (*qkey, "said_by"),
                "the quote names no speaker; give 'said_by': the id of the actor who said it,"
                " the outlet's actor id for its own narration, or {unnamed: true} for a claim"
                ' the source attributes to no one ("diklaim", "dinilai")',
            )
        quote = Quote(
            text=r.string(q, "text", qkey),
            source=source,
            translation=r.string(q, "translation", qkey),
            said_by=_speaker(r, q, "said_by", qkey, known) if "said_by" in q else "",
            said_on=r.date(q, "said_on", qkey, required=False),
            said_on_qualifier=r.choice(q, "said_on_qualifier", qkey, DATE_QUALIFIERS),
            weekday=r.string(q, "weekday", qkey, required=False) or None,
            lang=r.string(q, "lang", qkey, required=False) or "id",
        )
        _outlet_speaks(r, (*qkey, "said_by"), quote, known)
        _weekday(r, (*qkey, "weekday"), quote.weekday, quote.said_on, source)
        result.append(quote)
    return tuple(result)


def _outlet_speaks(r: Reader, key: KeyPath, quote: Quote, known: _Known) -> None:
    """An outlet narrates only in its own articles (the sources listed under it)."""
    actor = known.actors.get(quote.said_by)
    if actor and actor.affiliation == "outlet" and quote.source not in actor.sources:
        r.fail(
            key,
            f"{quote.said_by!r} is the outlet {actor.name!r}, which narrates only in its own"
            f" articles {list(actor.sources)}, not in {quote.source!r}; name who said it there",
        )


def _others_dated(r: Reader, key: KeyPath, quotes: tuple[Quote, ...], actor: str | None) -> None:
    """A quote by someone other than the item's actor carries its own date."""
    for i, quote in enumerate(quotes):
        if actor and quote.said_by and quote.said_by != actor and quote.said_on is None:
            r.fail(
                (*key, "quotes", i, "said_on"),
                f"the quote is said by {quote.said_by!r}, not by {actor!r}: give its own"
                " 'said_on' (with said_on_qualifier when only a bound is known)",
            )


def _cited(r: Reader, obj: dict[str, Any], key: KeyPath, known: _Known) -> tuple[str, ...]:
    sources = r.refs(obj, "sources", key, known.sources, "source")
    known.cited.update(sources)
    return sources


def _fact(
    r: Reader, raw: Any, key: KeyPath, ids: set[str], known: _Known, *, quotes: bool = True
) -> Fact:
    obj = r.mapping(raw, key, FACT_KEYS)
    sources = _cited(r, obj, key, known)
    tense = r.choice(obj, "tense", key, TENSES)
    if "tense" not in obj:
        r.fail(
            (*key, "tense"),
            "'tense' is missing: present (true at one time: give 'as_of' and write {as_of}"
            " in the text), past or timeless",
        )
    as_of = r.date(obj, "as_of", key, required=tense == "present")
    args = r.args(obj, key)
    if as_of is not None:
        args["as_of"] = DateArg(as_of)
    text = r.text(obj, "text", key, args) or Text("")
    if tense == "present" and as_of is not None and "{as_of}" not in text.msgid:
        r.fail(
            (*key, "text"),
            "a present-tense statement says when it was true: write {as_of} in the text,"
            f" e.g. 'In {{as_of}}, …'; found {text.msgid!r}",
        )
    return Fact(
        id=r.ident(obj, key, ids),
        text=text,
        sources=sources,
        quotes=_quotes(r, obj, key, sources, known, required=quotes),
        tense=tense or "past",
        as_of=as_of,
    )


def _about(r: Reader, ids: set[str], known: _Known) -> tuple[Topic, ...]:
    topics = []
    for i, raw in enumerate(r.items(_top(r, "about"), ("about",))):
        key: KeyPath = ("about", i)
        obj = r.mapping(raw, key, TOPIC_KEYS)
        facts = r.items(obj.get("facts"), (*key, "facts"))
        topics.append(
            Topic(
                id=r.ident(obj, key, ids),
                title=r.text(obj, "title", key, {}) or Text(""),
                facts=tuple(
                    _fact(r, f, (*key, "facts", j), ids, known) for j, f in enumerate(facts)
                ),
            )
        )
    return tuple(topics)


def _steps(r: Reader, ids: set[str], known: _Known) -> Steps:
    obj = r.mapping(_top(r, "steps"), ("steps",), STEPS_KEYS)
    intro = _fact(r, obj.get("intro"), ("steps", "intro"), ids, known)
    steps = []
    for i, raw in enumerate(r.items(obj.get("list"), ("steps", "list"))):
        key: KeyPath = ("steps", "list", i)
        step = r.mapping(raw, key, STEP_KEYS)
        steps.append(
            Step(
                r.ident(step, key, ids),
                r.string(step, "name", key),
                r.text(step, "gloss", key, {}) or Text(""),
            )
        )
    return Steps(intro, tuple(steps))


def _period(r: Reader, raw: Any, key: KeyPath) -> Period:
    obj = r.mapping(raw, key, PERIOD_KEYS)
    if "start" in obj or "end" in obj:
        start, end = r.date(obj, "start", key), r.date(obj, "end", key)
        if start and end and end.first_day() < start.first_day():
            r.fail((*key, "end"), f"the period ends ({end.iso}) before it starts ({start.iso})")
        return Period("start", start, end)
    for kind in ("as_of", "by", "before"):
        if kind in obj:
            return Period(kind, r.date(obj, kind, key))
    if obj.get("unstated") is True:
        return Period("unstated")
    r.fail(key, "expected a period: {start, end}, {as_of}, {by}, {before} or {unstated: true}")
    return Period("unstated")


def _figure(
    r: Reader, raw: Any, key: KeyPath, ids: set[str], known: _Known, topics: tuple[str, ...]
) -> Figure:
    obj = r.mapping(raw, key, FIGURE_KEYS)
    args = r.args(obj, key)
    sources = _cited(r, obj, key, known)
    topic = r.choice(obj, "topic", key, topics)
    if "topic" not in obj:
        r.fail((*key, "topic"), "'topic' is missing")
    value = r.amount(obj, "value", key) or 0
    value_max = r.amount(obj, "value_max", key, required=False)
    if value_max is not None and value_max < value:
        r.fail((*key, "value_max"), f"the range ends ({value_max}) below its start ({value})")
    reported_by = _speaker(r, obj, "reported_by", key, known)
    quotes = _quotes(r, obj, key, sources, known)
    speakers = [q.said_by for q in quotes if q.said_by]
    if reported_by and speakers and reported_by not in speakers:
        r.fail(
            (*key, "reported_by"),
            f"the figure is reported by {reported_by!r}, but its quotes are said by"
            f" {sorted(set(speakers))}; name who gives the figure",
        )
    return Figure(
        id=r.ident(obj, key, ids),
        topic=topic or "",
        label=r.text(obj, "label", key, args) or Text(""),
        value=value,
        value_max=value_max,
        qualifier=r.choice(obj, "qualifier", key, QUALIFIERS),
        currency=r.currency(obj, key),
        period=_period(r, obj.get("period"), (*key, "period")),
        reported_by=reported_by,
        reported_on=r.date(obj, "reported_on", key, required=False),
        reported_on_qualifier=r.choice(obj, "reported_on_qualifier", key, DATE_QUALIFIERS),
        sources=sources,
        quotes=quotes,
        note=r.text(obj, "note", key, args, required=False),
    )


def _results(
    r: Reader, ids: set[str], known: _Known
) -> tuple[tuple[ResultTopic, ...], tuple[Figure, ...], tuple[Comparison, ...]]:
    content = r.mapping(r.data.content, (), ("topics", "figures", "comparisons"))
    topics = _result_topics(r, content.get("topics"))
    topic_ids = tuple(t.id for t in topics)
    raw_figures = r.items(content.get("figures"), ("figures",))
    figures = tuple(
        _figure(r, f, ("figures", i), ids, known, topic_ids) for i, f in enumerate(raw_figures)
    )
    figure_ids = {f.id for f in figures}
    comparisons = []
    for i, raw in enumerate(content.get("comparisons") or []):
        key: KeyPath = ("comparisons", i)
        obj = r.mapping(raw, key, COMPARISON_KEYS)
        args = r.args(obj, key)
        comparisons.append(
            Comparison(
                id=r.ident(obj, key, ids),
                title=r.text(obj, "title", key, args) or Text(""),
                figures=r.refs(obj, "figures", key, figure_ids, "figure"),
                note=r.text(obj, "note", key, args) or Text(""),
            )
        )
    return topics, figures, tuple(comparisons)


def _result_topics(r: Reader, raw: Any) -> tuple[ResultTopic, ...]:
    topics, seen = [], set[str]()
    for i, item in enumerate(r.items(raw, ("topics",))):
        key: KeyPath = ("topics", i)
        obj = r.mapping(item, key, RESULT_TOPIC_KEYS)
        topic_id = r.ident(obj, key, seen)
        topics.append(ResultTopic(topic_id, r.text(obj, "title", key, {}) or Text("")))
    return tuple(topics)


def _funnel(r: Reader, figure_ids: set[str]) -> tuple[tuple[FunnelBar, ...], str]:
    content = r.mapping(r.data.content, (), ("funnel", "funnel_aside"))
    bars = []
    for i, item in enumerate(r.items(content.get("funnel"), ("funnel",))):
        key: KeyPath = ("funnel", i)
        obj = r.mapping(item, key, BAR_KEYS)
        figure = r.ref(obj, "figure", key, figure_ids, "figure")
        bars.append(FunnelBar(figure, r.text(obj, "label", key, {}) or Text("")))
    aside = r.ref(content, "funnel_aside", (), figure_ids, "figure")
    return tuple(bars), aside


def _statement(r: Reader, raw: Any, key: KeyPath, known: _Known) -> Statement:
    if isinstance(raw, dict) and "none" in raw:
        obj = r.mapping(raw, key, ("none",))
        return Statement(text=r.text(obj, "none", key, {}) or Text(""), silence=True)
    obj = r.mapping(raw, key, STATEMENT_KEYS)
    sources = _cited(r, obj, key, known)
    by = _speaker(r, obj, "by", key, known)
    quotes = _quotes(r, obj, key, sources, known)
    _others_dated(r, key, quotes, by)
    earlier = obj.get("answers_earlier_reports", False)
    if not isinstance(earlier, bool):
        r.fail((*key, "answers_earlier_reports"), f"expected true or false, not {earlier!r}")
    return Statement(
        text=r.text(obj, "text", key, r.args(obj, key)) or Text(""),
        by=by,
        on=r.date(obj, "on", key),
        on_qualifier=r.choice(obj, "on_qualifier", key, DATE_QUALIFIERS),
        sources=sources,
        quotes=quotes,
        answers_earlier_reports=earlier is True,
    )


def _disputes(r: Reader, ids: set[str], known: _Known) -> tuple[Dispute, ...]:
    result = []
    for i, raw in enumerate(r.items(_top(r, "disputes"), ("disputes",))):
        key: KeyPath = ("disputes", i)
        obj = r.mapping(raw, key, DISPUTE_KEYS)
        args = r.args(obj, key)
        parties = _parties(r, obj, key)
        dispute = Dispute(
            id=r.ident(obj, key, ids),
            title=r.text(obj, "title", key, args) or Text(""),
            parties=parties,
            claim=_statement(r, obj.get("claim"), (*key, "claim"), known),
            response=_statement(r, obj.get("response"), (*key, "response"), known),
            established=_findings(r, obj, key, known, parties),
            not_established=r.text(obj, "not_established", key, args) or Text(""),
        )
        _in_order(r, key, dispute)
        result.append(dispute)
    return tuple(result)


def _parties(r: Reader, obj: dict[str, Any], key: KeyPath) -> tuple[str, ...]:
    """Return the affiliations that have a stake in the dispute."""
    values = r.items(obj.get("parties"), (*key, "parties"))
    for j, value in enumerate(values):
        if value not in AFFILIATIONS:
            r.fail(
                (*key, "parties", j),
                f"expected one of: {', '.join(AFFILIATIONS)}, but found {value!r}",
            )
    return tuple(str(v) for v in values)


def _findings(
    r: Reader, obj: dict[str, Any], key: KeyPath, known: _Known, parties: tuple[str, ...]
) -> tuple[Finding, ...]:
    """Return what the sources establish: only what someone outside the dispute reports."""
    raw = obj.get("established")
    if not isinstance(raw, list):
        r.fail(
            (*key, "established"),
            "expected a list of findings, each with text, reported_by and sources"
            " (an empty list [] when the sources establish nothing)",
        )
        return ()
    findings = []
    for j, item in enumerate(raw):
        fkey = (*key, "established", j)
        f = r.mapping(item, fkey, FINDING_KEYS)
        reporters = r.refs(f, "reported_by", fkey, set(known.actors), "actor")
        sides = {known.actors[a].affiliation for a in reporters}
        if reporters and sides <= set(parties):
            who = ", ".join(f"{a} ({known.actors[a].affiliation})" for a in reporters)
            r.fail(
                (*fkey, "reported_by"),
                f"reported only by a party to the dispute: {who}; what one side reports is"
                " not established: show it as that side's claim, attributed",
            )
        findings.append(
            Finding(
                text=r.text(f, "text", fkey, r.args(f, fkey)) or Text(""),
                reported_by=reporters,
                sources=_cited(r, f, fkey, known),
            )
        )
    return tuple(findings)


def _in_order(r: Reader, key: KeyPath, dispute: Dispute) -> None:
    """A response is not dated before the claim it answers, unless it answers earlier reports."""
    claim, response = dispute.claim, dispute.response
    if claim.on is None or response.on is None or response.answers_earlier_reports:
        return
    # Compare the latest day the response can be with the earliest the claim can be.
    response_latest = response.on.last_day()
    if response.on_qualifier == "on_or_after":
        return
    claim_earliest = claim.on.first_day() if claim.on_qualifier != "before" else None
    if claim_earliest is not None and response_latest < claim_earliest:
        r.fail(
            (*key, "response", "on"),
            f"the response by {response.by!r} ({response.on.iso}) is dated before the claim"
            f" it answers, by {claim.by!r} ({claim.on.iso}) in {dispute.id!r}; fix a date, or"
            " say 'answers_earlier_reports: true' if it answers reports made before",
        )


def _timeline(r: Reader, ids: set[str], known: _Known) -> tuple[Event, ...]:
    events = []
    for i, raw in enumerate(r.items(_top(r, "timeline"), ("timeline",))):
        key: KeyPath = ("timeline", i)
        obj = r.mapping(raw, key, EVENT_KEYS)
        sources = _cited(r, obj, key, known)
        date, end = r.date(obj, "date", key), r.date(obj, "end", key, required=False)
        if date and end and end.first_day() < date.first_day():
            r.fail((*key, "end"), f"the event ends ({end.iso}) before it starts ({date.iso})")
        events.append(
            Event(
                id=r.ident(obj, key, ids),
                date=date or PartialDate(1970),
                end=end,
                text=r.text(obj, "text", key, r.args(obj, key)) or Text(""),
                sources=sources,
                quotes=_quotes(r, obj, key, sources, known),
            )
        )
    return tuple(events)


def _front(r: Reader, ids: set[str], known: _Known, figures: set[str]) -> Front:
    """Return the lead, "In short", the key numbers and the open questions."""
    content = r.mapping(r.data.content, (), FRONT_KEYS)
    lead = r.mapping(content.get("lead"), ("lead",), LEAD_KEYS)
    args = r.args(lead, ("lead",))
    text = r.text(lead, "text", ("lead",), args) or Text("")
    words = len(_english(text).split())
    low, high = LEAD_WORDS
    if text.msgid and not low <= words <= high:
        r.fail(("lead", "text"), f"the lead has {words} words in English; write {low} to {high}")
    lists = {}
    for name in ("in_short", "unknowns"):
        raw = r.items(content.get(name), (name,))
        lists[name] = tuple(
            _fact(r, item, (name, i), ids, known, quotes=False) for i, item in enumerate(raw)
        )
    numbers = r.refs(content, "key_numbers", (), figures, "figure")
    for name, count in (("in_short", len(lists["in_short"])), ("key_numbers", len(numbers))):
        if not FRONT_ITEMS[0] <= count <= FRONT_ITEMS[1]:
            r.fail(
                (name,), f"{name} has {count} entries; give {FRONT_ITEMS[0]} to {FRONT_ITEMS[1]}"
            )
    return Front(
        lead=text,
        lead_sources=_cited(r, lead, ("lead",), known),
        in_short=lists["in_short"],
        key_numbers=numbers,
        unknowns=lists["unknowns"],
    )


def _english(text: Text) -> str:
    """Return the English text with each placeholder as many words as its English value."""
    values = {name: " ".join(["x"] * _words(arg)) for name, arg in text.args.items()}
    try:
        return text.msgid.format(**values)
    except (KeyError, ValueError, IndexError):
        return text.msgid


def _words(arg: Arg) -> int:
    """Return how many words a placeholder's value takes in English."""
    if isinstance(arg, Money):
        return 3  # IDR 724.5 million
    if isinstance(arg, DateArg):
        return 1 + (arg.date.month is not None) + (arg.date.day is not None)
    if isinstance(arg, Term):
        return len(arg.text.split())
    return 1


def _uncited(r: Reader, sources: tuple[Source, ...], cited: set[str]) -> None:
    for i, source in enumerate(sources):
        if source.id and source.id not in cited:
            r.fail(("sources", i, "id"), f"no fact cites the source {source.id!r}", warning=True)
