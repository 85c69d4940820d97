"""Turn the parsed data files into the validated model, collecting every problem."""

from __future__ import annotations

import datetime as dt
from typing import Any

from explainer.errors import Problem, raise_if_errors
from explainer.facts.load import DataFile, KeyPath
from explainer.facts.model import (
    DATE_QUALIFIERS,
    QUALIFIERS,
    Actor,
    Comparison,
    Dispute,
    Event,
    Explainer,
    Fact,
    Figure,
    FunnelBar,
    Imprint,
    PartialDate,
    Period,
    Quote,
    ResultTopic,
    Source,
    Statement,
    Step,
    Steps,
    Text,
    Topic,
)
from explainer.facts.reader import Reader
from explainer.urls import web_url_problem

# The keys each kind of entry may have (also the source of data/schema.json).
EDITION_KEYS = ("date", "publisher", "licence", "licence_url", "method", "keywords")
SOURCE_KEYS = (
    "id",
    "outlet",
    "headline",
    "byline",
    "published",
    "published_qualifier",
    "time",
    "url",
    "capture",
    "note",
    "args",
)
ACTOR_KEYS = ("id", "name", "description", "role")
QUOTE_KEYS = ("source", "text", "translation", "lang")
FACT_KEYS = ("id", "text", "args", "sources", "quotes")
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
STATEMENT_KEYS = ("by", "on", "on_qualifier", "text", "args", "sources", "quotes")
DISPUTE_KEYS = ("id", "title", "claim", "response", "established", "not_established", "args")
EVENT_KEYS = ("id", "date", "end", "text", "args", "sources", "quotes")


def validate(
    files: dict[str, DataFile], *, strict: bool = False
) -> tuple[Explainer, list[Problem]]:
    """Return the model and its warnings; raise InputError listing every error."""
    problems: list[Problem] = []
    ids: set[str] = set()
    edition = _edition(Reader(files["edition"], problems))
    sources = _sources(Reader(files["sources"], problems), ids)
    source_ids = {s.id for s in sources}
    actors = _actors(Reader(files["actors"], problems), ids)
    known = _Known(source_ids, set(actors))
    about = _about(Reader(files["about"], problems), ids, known)
    steps = _steps(Reader(files["steps"], problems), ids, known)
    topics, figures, comparisons = _results(Reader(files["results"], problems), ids, known)
    funnel = _funnel(Reader(files["charts"], problems), {f.id for f in figures})
    disputes = _disputes(Reader(files["disputes"], problems), ids, known)
    timeline = _timeline(Reader(files["timeline"], problems), ids, known)
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
    )
    return model, [p for p in problems if p.warning]


class _Known:
    """The ids facts may refer to, and which sources were cited."""

    def __init__(self, sources: set[str], actors: set[str]) -> None:
        self.sources = sources
        self.actors = actors
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
    )


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
        result.append(
            Source(
                id=r.ident(obj, key, ids),
                number=i + 1,
                outlet=r.string(obj, "outlet", key),
                published=r.date(obj, "published", key),  # type: ignore[arg-type]
                headline=r.string(obj, "headline", key, required=False) or None,
                byline=r.string(obj, "byline", key, required=False) or None,
                published_qualifier=r.choice(obj, "published_qualifier", key, DATE_QUALIFIERS),
                time=r.string(obj, "time", key, required=False) or None,
                url=url,
                capture=r.string(obj, "capture", key, required=False) or None,
                note=r.text(obj, "note", key, r.args(obj, key), required=False),
            )
        )
    return tuple(result)


def _actors(r: Reader, ids: set[str]) -> dict[str, Actor]:
    result: dict[str, Actor] = {}
    for i, raw in enumerate(r.items(_top(r, "actors"), ("actors",))):
        key: KeyPath = ("actors", i)
        obj = r.mapping(raw, key, ACTOR_KEYS)
        actor = Actor(
            id=r.ident(obj, key, ids),
            name=r.string(obj, "name", key, required=False) or None,
            description=r.text(obj, "description", key, {}, required=False),
            role=r.text(obj, "role", key, {}, required=False),
        )
        if (actor.name is None) == (actor.description is None):
            r.fail(key, "give either a 'name' or, for someone unnamed, a 'description'")
        result[actor.id] = actor
    return result


def _quotes(
    r: Reader, obj: dict[str, Any], key: KeyPath, cited: tuple[str, ...]
) -> tuple[Quote, ...]:
    result = []
    for i, raw in enumerate(r.items(obj.get("quotes"), (*key, "quotes"))):
        qkey = (*key, "quotes", i)
        q = r.mapping(raw, qkey, QUOTE_KEYS)
        source = r.string(q, "source", qkey)
        if source and source not in cited:
            r.fail(
                (*qkey, "source"),
                f"the quote's source {source!r} is not among the sources cited: {list(cited)}",
            )
        result.append(
            Quote(
                text=r.string(q, "text", qkey),
                source=source,
                translation=r.string(q, "translation", qkey),
                lang=r.string(q, "lang", qkey, required=False) or "id",
            )
        )
    return tuple(result)


def _cited(r: Reader, obj: dict[str, Any], key: KeyPath, known: _Known) -> tuple[str, ...]:
    sources = r.refs(obj, "sources", key, known.sources, "source")
    known.cited.update(sources)
    return sources


def _fact(r: Reader, raw: Any, key: KeyPath, ids: set[str], known: _Known) -> Fact:
    obj = r.mapping(raw, key, FACT_KEYS)
    sources = _cited(r, obj, key, known)
    return Fact(
        id=r.ident(obj, key, ids),
        text=r.text(obj, "text", key, r.args(obj, key)) or Text(""),
        sources=sources,
        quotes=_quotes(r, obj, key, sources),
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
    return Figure(
        id=r.ident(obj, key, ids),
        topic=topic or "",
        label=r.text(obj, "label", key, args) or Text(""),
        value=value,
        value_max=value_max,
        qualifier=r.choice(obj, "qualifier", key, QUALIFIERS),
        currency=r.currency(obj, key),
        period=_period(r, obj.get("period"), (*key, "period")),
        reported_by=r.ref(obj, "reported_by", key, known.actors, "actor"),
        reported_on=r.date(obj, "reported_on", key, required=False),
        reported_on_qualifier=r.choice(obj, "reported_on_qualifier", key, DATE_QUALIFIERS),
        sources=sources,
        quotes=_quotes(r, obj, key, sources),
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


def _funnel(r: Reader, figure_ids: set[str]) -> tuple[FunnelBar, ...]:
    content = r.mapping(r.data.content, (), ("funnel",))
    bars = []
    for i, item in enumerate(r.items(content.get("funnel"), ("funnel",))):
        key: KeyPath = ("funnel", i)
        obj = r.mapping(item, key, BAR_KEYS)
        figure = r.ref(obj, "figure", key, figure_ids, "figure")
        bars.append(FunnelBar(figure, r.text(obj, "label", key, {}) or Text("")))
    return tuple(bars)


def _statement(r: Reader, raw: Any, key: KeyPath, known: _Known) -> Statement:
    if isinstance(raw, dict) and "none" in raw:
        obj = r.mapping(raw, key, ("none",))
        return Statement(text=r.text(obj, "none", key, {}) or Text(""), silence=True)
    obj = r.mapping(raw, key, STATEMENT_KEYS)
    sources = _cited(r, obj, key, known)
    return Statement(
        text=r.text(obj, "text", key, r.args(obj, key)) or Text(""),
        by=r.ref(obj, "by", key, known.actors, "actor"),
        on=r.date(obj, "on", key),
        on_qualifier=r.choice(obj, "on_qualifier", key, DATE_QUALIFIERS),
        sources=sources,
        quotes=_quotes(r, obj, key, sources),
    )


def _disputes(r: Reader, ids: set[str], known: _Known) -> tuple[Dispute, ...]:
    result = []
    for i, raw in enumerate(r.items(_top(r, "disputes"), ("disputes",))):
        key: KeyPath = ("disputes", i)
        obj = r.mapping(raw, key, DISPUTE_KEYS)
        args = r.args(obj, key)
        result.append(
            Dispute(
                id=r.ident(obj, key, ids),
                title=r.text(obj, "title", key, args) or Text(""),
                claim=_statement(r, obj.get("claim"), (*key, "claim"), known),
                response=_statement(r, obj.get("response"), (*key, "response"), known),
                established=r.text(obj, "established", key, args) or Text(""),
                not_established=r.text(obj, "not_established", key, args) or Text(""),
            )
        )
    return tuple(result)


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
                quotes=_quotes(r, obj, key, sources),
            )
        )
    return tuple(events)


def _uncited(r: Reader, sources: tuple[Source, ...], cited: set[str]) -> None:
    for i, source in enumerate(sources):
        if source.id and source.id not in cited:
            r.fail(("sources", i, "id"), f"no fact cites the source {source.id!r}", warning=True)
