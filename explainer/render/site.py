"""The static site around the editions: page metadata, cite-and-reuse, dist/index.html.

Every link is relative, so `dist/` works as it is on any static host. The one
absolute address is the licence's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from explainer.context.localize import TITLE, Context
from explainer.facts.model import Actor, Explainer, Source, Statement
from explainer.i18n.catalogs import SOURCE_LOCALE, Messages, babel_locale
from explainer.i18n.format import N_, translate
from explainer.project import ROOT_INDEX
from explainer.render.cards import embed_codes
from explainer.render.environment import render
from explainer.render.files import OutputFile

# The verdict every ClaimReview carries: the explainer shows both sides, it does
# not rate claims true or false.
# NOTE: The verdict in the structured data (schema.org ClaimReview) search engines read
# for each disputed claim; not shown on the page.
VERDICT = N_("Disputed; see both sides")
ROOT_LOCALE = "mul"
ROOT_TEMPLATE = "pages/root.html"
# NOTE: Link on the site's front page (dist/index.html) to one edition, written in that
# edition's language. {language} is the language's own name, e.g. “Indonesia”.
READ = N_("Read the explainer in {language}")
# NOTE: Link on the site's front page (dist/index.html) to the PDF that sets the
# Indonesian and English editions side by side; shown once in each language.
BOTH = N_("Both languages side by side (PDF)")


def page_extras(
    model: Explainer,
    messages: Messages,
    context: Context,
    pdf_name: Callable[[str], str],
    pdfs: Collection[str] | None = None,
) -> dict[str, Any]:
    """Return what the page and the cards need besides the edition's context.

    `pdfs` are the locales whose PDFs exist (None: all of them).
    """
    return {
        "other_pdfs": other_pdfs(context, pdf_name, pdfs),
        "embed_codes": embed_codes(context, messages),
        "json_ld": json_ld(model, messages, context),
        "citation": citation(model, messages, context),
        "licence_url": model.imprint.licence_url,
        "og_locale": str(babel_locale(context["lang"])),
        "full_page_href": "index.html",
        "card": False,
    }


def other_pdfs(
    context: Context, pdf_name: Callable[[str], str], pdfs: Collection[str] | None = None
) -> list[dict[str, str]]:
    """Return the other editions' PDFs that exist, each named in this edition's language."""
    here = babel_locale(context["lang"])
    return [
        {
            "lang": e["lang"],
            "href": f"../{e['lang']}/{pdf_name(e['lang'])}",
            "language": babel_locale(e["lang"]).get_display_name(here) or e["lang"],
        }
        for e in context["editions"]
        if e["lang"] != context["lang"] and (pdfs is None or e["lang"] in pdfs)
    ]


def citation(model: Explainer, messages: Messages, context: Context) -> str:
    """Return how to cite the edition, in its language."""
    # NOTE: Suggested citation. {publisher} is the publisher's name, {title} the explainer's
    # title, {language} this edition's language (e.g. “Indonesia”), {date} the edition date.
    pattern = N_("{publisher}. “{title}”, {language} edition of {date}.")
    return translate(
        messages,
        pattern,
        publisher=model.imprint.publisher,
        title=context["title"],
        language=context["locale_name"],
        date=context["edition_date"],
    )


def json_ld(model: Explainer, messages: Messages, context: Context) -> Markup:
    """Return the schema.org JSON-LD of a page: an Article and a ClaimReview per dispute."""
    publisher = {"@type": "Organization", "name": model.imprint.publisher}
    article: dict[str, Any] = {
        "@type": "Article",
        "@id": "#article",
        "headline": context["title"],
        "description": context["description"],
        "inLanguage": context["lang"],
        "datePublished": context["edition_date_iso"],
        "author": publisher,
        "publisher": publisher,
        "citation": [_news_article(s) for s in model.sources],
    }
    if model.imprint.licence_url:
        article["license"] = model.imprint.licence_url
    reviews = [
        _claim_review(model, messages, context, d.id, d.claim, c["claim"]["text"], publisher)
        for d, c in zip(model.disputes, context["disputes"], strict=True)
        if not d.claim.silence
    ]
    data = {"@context": "https://schema.org", "@graph": [article, *reviews]}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Nothing in the data may end the <script> element early.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _claim_review(
    model: Explainer,
    messages: Messages,
    context: Context,
    dispute_id: str,
    claim: Statement,
    claim_text: str,
    publisher: dict[str, str],
) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.by and claim.by in model.actors:  # not for a claim by no one named
        item["author"] = _author(model, messages, model.actors[claim.by])
    if claim.on:
        item["datePublished"] = claim.on.iso
    item["appearance"] = [_news_article(model.source(s)) for s in claim.sources]
    return {
        "@type": "ClaimReview",
        "@id": f"#dispute-{dispute_id}",
        "claimReviewed": claim_text,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": messages.gettext(VERDICT)},
        "author": publisher,
        "datePublished": context["edition_date_iso"],
        "inLanguage": context["lang"],
        "isPartOf": {"@id": "#article"},
    }


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
    return article


@dataclass(frozen=True)
class Choice:
    """One edition as dist/index.html offers it."""

    lang: str
    name: str
    title: str
    read: str
    pdf: str | None
    title_lang: str
    read_lang: str
    both: str
    both_lang: str


def root_file(
    templates_dir: Path,
    editions: list[tuple[str, Messages, Context]],
    pdfs: dict[str, str],
) -> OutputFile:
    """Render dist/index.html offering every edition."""
    choices = [
        Choice(
            lang=lang,
            name=context["locale_name"],
            title=context["title"],
            read=translate(messages, READ, language=context["locale_name"]),
            pdf=pdfs.get(lang),
            title_lang=_text_lang(messages, TITLE),
            read_lang=_text_lang(messages, READ),
            both=messages.gettext(BOTH),
            both_lang=_text_lang(messages, BOTH),
        )
        for lang, messages, context in editions
    ]
    # A PDF of several editions side by side, such as "id+en".
    both = next((path for locale, path in sorted(pdfs.items()) if "+" in locale), None)
    _, messages, context = editions[0]
    html = render(
        templates_dir, ROOT_TEMPLATE, context, messages, choices=choices, bilingual_pdf=both
    )
    return OutputFile(ROOT_INDEX, ROOT_LOCALE, "index", html)


def _text_lang(messages: Messages, msgid: str) -> str:
    """Return the language a message is shown in: English where it is not translated."""
    return messages.locale if messages.translated(msgid) else SOURCE_LOCALE
