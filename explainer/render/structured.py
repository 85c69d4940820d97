"""Structured data (schema.org JSON-LD) that search engines and fact-check tools read.

An edition's page describes itself as a `NewsArticle`. Google reads one `ClaimReview`
per page, so each disputed claim has a page of its own (`<locale>/claims/<id>.html`,
see `claims`) holding that claim's one `ClaimReview`; the edition's page holds none.
With the site's address (`--base-url`) every `url` and `@id` is absolute.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from explainer.context.localize import Context, DisputeCtx
from explainer.facts.model import Actor, Dispute, Explainer, Source
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import N_
from explainer.project import page_path
from explainer.urls import site_link

SCHEMA = "https://schema.org"
# The verdict every ClaimReview carries: the explainer shows both sides, it does
# not rate claims true or false.
# NOTE: The verdict in the structured data (schema.org ClaimReview) search engines read
# for each disputed claim; not shown on the page.
VERDICT = N_("Disputed; see both sides")


def article_ld(
    model: Explainer, context: Context, base_url: str | None, image: str | None = None
) -> Markup:
    """Return the JSON-LD of an edition's page: a NewsArticle."""
    here = page_path(context["lang"])
    url = site_link(base_url, here, here)
    publisher = _publisher(model)
    article: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": context["title"],
        "description": context["description"],
        "inLanguage": context["lang"],
        "datePublished": context["edition_date_iso"],
        "dateModified": context["edition_date_iso"],
        "author": publisher,
        "publisher": publisher,
        "keywords": list(model.imprint.keywords),
        "citation": [_news_article(s) for s in model.sources],
    }
    if image:
        article["image"] = image
    if model.imprint.licence_url:
        article["license"] = model.imprint.licence_url
    return script_json(article)


def claim_review_ld(
    model: Explainer,
    messages: Messages,
    context: Context,
    dispute: tuple[Dispute, DisputeCtx],
    base_url: str | None,
    here: str,
) -> Markup:
    """Return the JSON-LD of a claim's page: its one ClaimReview."""
    fact, shown = dispute
    claim = fact.claim
    url = site_link(base_url, here, here)
    page = site_link(base_url, here, page_path(context["lang"]))
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.by and claim.by in model.actors:  # not for a claim by no one named
        item["author"] = _author(model, messages, model.actors[claim.by])
    if claim.on:
        item["datePublished"] = claim.on.iso
    item["appearance"] = [_news_article(model.source(s)) for s in claim.sources]
    review = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "@id": f"{url}#review",
        "url": url,
        "claimReviewed": shown["claim"]["text"],
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": messages.gettext(VERDICT)},
        "author": _publisher(model),
        "datePublished": context["edition_date_iso"],
        "inLanguage": context["lang"],
        "isPartOf": {"@id": f"{page}#article"},
    }
    return script_json(review)


def script_json(data: dict[str, Any]) -> Markup:
    """Return `data` as JSON that cannot end the <script> element holding it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _publisher(model: Explainer) -> dict[str, str]:
    return {"@type": "Organization", "name": model.imprint.publisher}


def _author(model: Explainer, messages: Messages, actor: Actor) -> dict[str, str]:
    """Return a claim's author; outlets writing in their own name are organisations."""
    outlets = {s.outlet for s in model.sources}
    if actor.name is None:
        description = messages.gettext(actor.description.msgid) if actor.description else ""
        return {"@type": "Person", "description": description}
    kind = "Organization" if actor.name in outlets else "Person"
    return {"@type": kind, "name": actor.name}


def _news_article(source: Source) -> dict[str, Any]:
    article: dict[str, Any] = {
        "@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": source.outlet},
        "datePublished": source.published.iso,
    }
    if source.headline:
        article["headline"] = source.headline
        article["inLanguage"] = "id"
    if source.byline:
        article["author"] = {"@type": "Person", "name": source.byline}
    if source.url:
        article["url"] = source.url
    return article
