"""Generate the JSON Schema of the data files from the model and the validator.

The keys each entry may have come from `validate` (the same tuples it checks
against), the allowed values from `model` (topics, currencies, qualifiers),
and the words here describe them. An editor that knows JSON Schema (VS Code
with the YAML extension, JetBrains IDEs) then completes and checks the data
files as they are typed. `explainer schema` writes `data/schema.json`; a test
keeps the committed file equal to what this module generates.
"""

from __future__ import annotations

import json
from typing import Any

from explainer import placeholders
from explainer.facts import model, validate

Schema = dict[str, Any]

SCHEMA_ID = "https://explainer.invalid/ok-oce/data.schema.json"


def ref(name: str) -> Schema:
    """Return a reference to a definition."""
    return {"$ref": f"#/$defs/{name}"}


def text(description: str) -> Schema:
    """An English text translated through the catalogs."""
    return {
        "type": "string",
        "minLength": 1,
        "pattern": placeholders.NO_LITERAL_DIGITS,
        "description": description + " Numbers and dates only as {placeholders} with their"
        " values under `args`.",
    }


def plain(description: str) -> Schema:
    """Text kept as it is (names, quotes)."""
    return {"type": "string", "minLength": 1, "description": description}


def choice(options: tuple[str, ...] | frozenset[str], description: str) -> Schema:
    """One of a fixed set of values."""
    return {"enum": sorted(options), "description": description}


def described(schema: Schema, description: str) -> Schema:
    """Return `schema` with a description."""
    return {**schema, "description": description}


SOURCES = described(ref("ids"), "The ids of the sources (data/sources.yaml) it rests on.")
QUOTES = {
    "type": "array",
    "minItems": 1,
    "items": ref("quote"),
    "description": "The verbatim passages it rests on, each from one of its sources.",
}
ARGS = described(ref("args"), "The values of the {placeholders} in its texts.")
AMOUNT = {"type": "number", "minimum": 0}


def _items(kind: str, least: int, most: int | None) -> Schema:
    schema: Schema = {"type": "array", "minItems": least, "items": ref(kind)}
    if most is not None:
        schema["maxItems"] = most
    return schema


# For each kind of entry: the schema of every key the validator accepts.
PROPERTIES: dict[str, dict[str, Schema]] = {
    "edition": {
        "date": described(ref("date"), "The edition's date, YYYY-MM-DD."),
        "publisher": plain("Who publishes the explainer."),
        "licence": plain("The licence's short name, e.g. CC BY 4.0."),
        "licence_url": {"type": "string", "format": "uri", "description": "The licence's text."},
        "method": plain("The name of the method the explainer describes, e.g. 7 PAS."),
        "base_url": {
            "type": "string",
            "format": "uri",
            "pattern": "^https?://[^?#\\s]+/$",
            "description": "The address the output is published at, ending in /; "
            "`explainer build --base-url` overrides it.",
        },
        "keywords": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "minLength": 1, "pattern": "^[^,]+$"},
            "description": "Keywords for the page's and the PDFs' metadata.",
        },
    },
    "source": {
        "id": described(ref("id"), "Short, unique name that facts use to cite the source."),
        "outlet": plain("Who published it."),
        "headline": plain("As published; leave out when the capture did not keep it."),
        "byline": plain("As published; leave out when none is stated."),
        "published": described(ref("date"), "YYYY, YYYY-MM or YYYY-MM-DD."),
        "published_qualifier": choice(
            model.DATE_QUALIFIERS, "When only a bound of the publication date is known."
        ),
        "weekday": plain(
            "The weekday the article prints with its date (Rabu); checked against `published`."
        ),
        "time": plain("Time of day as printed by the outlet."),
        "url": {
            "type": "string",
            "pattern": "^https?://",
            "description": "The web address, only if known; never guess one.",
        },
        "capture": plain("File name of the captured text (explainer check --sources DIR)."),
        "note": text("A note for readers."),
        "args": ARGS,
    },
    "actor": {
        "id": described(ref("id"), "Short, unique name that figures and disputes refer to."),
        "name": plain("The name, as in the sources (or give a description)."),
        "description": text("Who it is, for someone the sources do not name."),
        "affiliation": choice(
            model.AFFILIATIONS, "Which side it speaks for; disputes name their parties by it."
        ),
        "role": text("The role when a source gave it, e.g. Governor of Jakarta."),
        "as_of": described(ref("date"), "When a source gave the role (required with a role)."),
        "sources": described(
            ref("ids"),
            "The sources that give the role or the description; for an outlet, its own articles.",
        ),
    },
    "quote": {
        "source": described(ref("id"), "The id of the source quoted; one the entry cites."),
        "text": plain("The passage, verbatim, in its original language."),
        "translation": plain("An English translation of the passage."),
        "said_by": described(
            ref("speaker"),
            "Who said it: an actor id (an outlet's id for its own narration), or"
            " {unnamed: true} for a claim the source attributes to no one.",
        ),
        "said_on": described(ref("date"), "When it was said, if the source says."),
        "said_on_qualifier": choice(
            model.DATE_QUALIFIERS, "When only a bound of that date is known."
        ),
        "weekday": plain("The weekday the source gives with `said_on` (Rabu); checked."),
        "lang": plain("The language of the passage (default: id)."),
    },
    "fact": {
        "id": ref("id"),
        "text": text("One English sentence or two; {as_of} in it for a present-tense fact."),
        "args": ARGS,
        "tense": choice(model.TENSES, "present (true at one time: give as_of), past or timeless."),
        "as_of": described(ref("date"), "When a source said it; shown as {as_of}."),
        "sources": SOURCES,
        "quotes": QUOTES,
    },
    "topic": {
        "id": ref("id"),
        "title": text("The topic's heading."),
        "facts": {"type": "array", "minItems": 1, "items": ref("fact")},
    },
    "steps": {
        "intro": ref("fact"),
        "list": {"type": "array", "minItems": 1, "items": ref("step")},
    },
    "step": {
        "id": ref("id"),
        "name": plain("The Indonesian term, never translated."),
        "gloss": text("What the step is, in English."),
    },
    "period": {
        "start": ref("date"),
        "end": ref("date"),
        "as_of": ref("date"),
        "by": described(ref("date"), "A target's deadline."),
        "before": ref("date"),
        "unstated": {"const": True},
    },
    "result_topic": {
        "id": ref("id"),
        "title": text("A sub-heading of the reported results."),
    },
    "bar": {
        "figure": described(ref("id"), "The id of a figure (data/results.yaml)."),
        "label": text("What the bar counts, e.g. Registered."),
    },
    "figure": {
        "id": ref("id"),
        "topic": described(ref("id"), "What the figure counts: the id of one of the `topics`."),
        "label": text("What the number counts, e.g. people registered."),
        "value": described(AMOUNT, "A number, never formatted text."),
        "value_max": described(AMOUNT, "The upper end of a range (50–70)."),
        "qualifier": choice(model.QUALIFIERS, "When the source says more than, or about."),
        "currency": choice(model.CURRENCIES, "ISO 4217 code, when the value is money."),
        "period": ref("period"),
        "reported_by": described(
            ref("speaker"), "An actor id (data/actors.yaml), or {unnamed: true}."
        ),
        "reported_on": ref("date"),
        "reported_on_qualifier": choice(
            model.DATE_QUALIFIERS, "When only a bound of the reporting date is known."
        ),
        "sources": SOURCES,
        "quotes": QUOTES,
        "note": text("A note for readers."),
        "args": ARGS,
    },
    "comparison": {
        "id": ref("id"),
        "title": text("What the figures side by side seem to count."),
        "figures": described(ref("ids"), "The ids of the figures compared."),
        "note": text("How they differ."),
        "args": ARGS,
    },
    "statement": {
        "by": described(ref("speaker"), "The id of the actor who said it, or {unnamed: true}."),
        "on": ref("date"),
        "on_qualifier": choice(model.DATE_QUALIFIERS, "When only a bound of the date is known."),
        "answers_earlier_reports": {
            "type": "boolean",
            "description": "A response that answers reports made before the claim shown.",
        },
        "text": text("What was said, in English."),
        "args": ARGS,
        "sources": SOURCES,
        "quotes": QUOTES,
    },
    "event": {
        "id": ref("id"),
        "date": described(ref("date"), "When it happened, only as precise as the source is."),
        "end": described(ref("date"), "When it ended, if it spans a period."),
        "text": text("What happened."),
        "args": ARGS,
        "sources": SOURCES,
        "quotes": QUOTES,
    },
    "finding": {
        "text": text("What the sources establish."),
        "args": ARGS,
        "reported_by": described(
            ref("ids"), "The actors who report it; not only parties to the dispute."
        ),
        "sources": SOURCES,
    },
    "dispute": {
        "id": ref("id"),
        "title": text("The question in dispute."),
        "parties": {
            "type": "array",
            "minItems": 1,
            "items": choice(model.AFFILIATIONS, "An affiliation with a stake in it."),
            "description": "The affiliations with a stake in the dispute.",
        },
        "claim": ref("side"),
        "response": ref("side"),
        "established": {
            "type": "array",
            "items": ref("finding"),
            "description": "What no side disputes, each with who reports it ([] for nothing).",
        },
        "not_established": text("What no source establishes."),
        "args": ARGS,
    },
    "lead": {
        "text": text("What OK OCE is and why it is disputed, in 60 to 80 words."),
        "args": ARGS,
        "sources": SOURCES,
    },
    "front": {
        "lead": ref("lead"),
        "in_short": described(_items("fact", 3, 5), "The page in three to five points."),
        "key_numbers": {
            **ref("ids"),
            "description": "Three to five figure ids (data/results.yaml) shown up top.",
        },
        "unknowns": described(_items("fact", 1, None), "What the sources leave open."),
    },
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "edition": ("date", "publisher", "licence", "method", "keywords"),
    "source": ("id", "outlet", "published"),
    "actor": ("id", "affiliation"),
    "quote": ("source", "text", "translation", "said_by"),
    "fact": ("id", "text", "tense", "sources"),
    "topic": ("id", "title", "facts"),
    "steps": ("intro", "list"),
    "step": ("id", "name", "gloss"),
    "period": (),
    "result_topic": ("id", "title"),
    "bar": ("figure", "label"),
    "figure": ("id", "topic", "label", "value", "period", "reported_by", "sources", "quotes"),
    "comparison": ("id", "title", "figures", "note"),
    "statement": ("by", "on", "text", "sources", "quotes"),
    "finding": ("text", "reported_by", "sources"),
    "dispute": (
        "id",
        "title",
        "parties",
        "claim",
        "response",
        "established",
        "not_established",
    ),
    "lead": ("text", "sources"),
    "front": ("lead", "in_short", "key_numbers", "unknowns"),
    "event": ("id", "date", "text", "sources", "quotes"),
}

# The validator's key tuples, by kind: the schema has exactly these keys.
KEYS: dict[str, tuple[str, ...]] = {
    "edition": validate.EDITION_KEYS,
    "source": validate.SOURCE_KEYS,
    "actor": validate.ACTOR_KEYS,
    "quote": validate.QUOTE_KEYS,
    "fact": validate.FACT_KEYS,
    "topic": validate.TOPIC_KEYS,
    "steps": validate.STEPS_KEYS,
    "step": validate.STEP_KEYS,
    "period": validate.PERIOD_KEYS,
    "result_topic": validate.RESULT_TOPIC_KEYS,
    "bar": validate.BAR_KEYS,
    "figure": validate.FIGURE_KEYS,
    "comparison": validate.COMPARISON_KEYS,
    "statement": validate.STATEMENT_KEYS,
    "finding": validate.FINDING_KEYS,
    "dispute": validate.DISPUTE_KEYS,
    "lead": validate.LEAD_KEYS,
    "front": validate.FRONT_KEYS,
    "event": validate.EVENT_KEYS,
}


def entry(kind: str) -> Schema:
    """Return the schema of one kind of entry, with exactly the keys the validator accepts."""
    properties = PROPERTIES[kind]
    if set(properties) != set(KEYS[kind]):
        raise ValueError(f"schema of {kind!r} has keys {sorted(properties)}, not {KEYS[kind]}")
    schema: Schema = {
        "type": "object",
        "properties": {key: properties[key] for key in KEYS[kind]},
        "additionalProperties": False,
    }
    if REQUIRED[kind]:
        schema["required"] = list(REQUIRED[kind])
    return schema


def basics() -> dict[str, Schema]:
    """Return the shared definitions: ids, dates, placeholder values."""
    date_pattern = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"
    return {
        "id": {"type": "string", "pattern": model.ID_PATTERN.pattern},
        "ids": {"type": "array", "minItems": 1, "items": ref("id")},
        "date": {
            "anyOf": [
                {"type": "string", "pattern": date_pattern},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD (write it in quotes).",
        },
        "arg": {
            "oneOf": [
                described(AMOUNT, "A number."),
                _closed({"date": ref("date")}, "A date."),
                _closed(
                    {"money": AMOUNT, "currency": choice(model.CURRENCIES, "ISO 4217 code.")},
                    "An amount of money.",
                ),
                _closed({"term": plain("A name kept as it is.")}, "A name kept as it is."),
            ]
        },
        "args": {"type": "object", "additionalProperties": ref("arg")},
        "speaker": {
            "oneOf": [
                ref("id"),
                _closed({"unnamed": {"const": True}}, "A claimant the source does not name."),
            ]
        },
        "side": {
            "oneOf": [
                ref("statement"),
                _closed({"none": text("What the sources do not report.")}, "A silence."),
            ]
        },
    }


def _closed(properties: dict[str, Schema], description: str) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "description": description,
    }


def _list(item: str, description: str) -> Schema:
    return {"type": "array", "minItems": 1, "items": ref(item), "description": description}


def build_schema() -> Schema:
    """Return the JSON Schema that every data file (data/*.yaml) follows."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "OK OCE explainer data file",
        "description": "One of data/*.yaml; each file holds one or two of these keys.",
        "type": "object",
        "properties": {
            "edition": ref("edition"),
            "sources": _list("source", "The news articles the explainer rests on."),
            "actors": _list("actor", "The people and bodies the facts name."),
            "about": _list("topic", "What OK OCE is, topic by topic."),
            "steps": ref("steps"),
            "topics": _list("result_topic", "The sub-headings of the reported results."),
            "figures": _list("figure", "Every reported figure, as a number."),
            "comparisons": {"type": "array", "items": ref("comparison")},
            "disputes": _list("dispute", "Claims and responses the sources report."),
            "timeline": _list("event", "The dated events of the sources, in the order shown."),
            "funnel": _list("bar", "The bars of the results funnel, widest first."),
            "funnel_aside": described(ref("id"), "The figure shown beside the funnel."),
            **{
                key: described(value, f"The page's opening (data/lead.yaml): {key}.")
                for key, value in entry("front")["properties"].items()
            },
        },
        "additionalProperties": False,
        "minProperties": 1,
        "$defs": {
            **basics(),
            **{kind: entry(kind) for kind in PROPERTIES if kind != "front"},
        },
    }


def schema_text() -> str:
    """Return the schema as the JSON text committed in data/schema.json."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
