"""A page per disputed claim: `<locale>/claims/<id>.html` (kind "claim").

Google reads one ClaimReview per page, so each claim the explainer reports gets a
small page of its own with both sides, the sources they cite and that claim's
ClaimReview (see `structured`). It is a standalone card too: it tells an iframe
host its height like the other cards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from explainer.context.localize import Context
from explainer.facts.model import Explainer
from explainer.i18n.catalogs import Messages
from explainer.project import claim_oembed_path, claim_path, page_path
from explainer.render.cards import (
    Heights,
    card_oembed,
    dispute_refs,
    sources_of,
    standalone_title,
)
from explainer.render.environment import render
from explainer.render.files import OutputFile
from explainer.render.oembed import oembed_file
from explainer.render.structured import claim_review_ld
from explainer.urls import site_link

TEMPLATE = "pages/claim.html"
# A claim page's frame before it reports its height (see cards.FALLBACK_HEIGHTS).
HEIGHTS = Heights(600, 900)


def claim_files(
    templates_dir: Path,
    model: Explainer,
    context: Context,
    messages: Messages,
    extras: dict[str, Any],
) -> list[OutputFile]:
    """Render the page of every disputed claim of an edition (not of a claim no one made)."""
    locale, base = context["lang"], extras["base_url"]
    files = []
    for fact, shown in zip(model.disputes, context["disputes"], strict=True):
        if fact.claim.silence:
            continue
        here = f"{locale}/{claim_path(fact.id)}"
        page = page_path(locale) + f"#dispute-{fact.id}"
        section, oembed_href = f"claim-{fact.id}", None
        title = standalone_title(context, messages, shown["title"])
        if base:
            oembed_path = f"{locale}/{claim_oembed_path(fact.id)}"
            provider = (base, extras["imprint"].publisher)
            answer = card_oembed(messages, site_link(base, here, here), title, HEIGHTS, provider)
            files.append(oembed_file(locale, section, answer, oembed_path))
            oembed_href = site_link(base, here, oembed_path)
        html = render(
            templates_dir,
            TEMPLATE,
            context,
            messages,
            **{
                **extras,
                "card": True,
                "here": here,
                "page_title": title,
                "dispute": shown,
                "card_sources": sources_of(context, dispute_refs(shown, with_quotes=True)),
                "full_page_href": site_link(base, here, page),
                "alternates": [
                    (e["lang"], site_link(base, here, f"{e['lang']}/{claim_path(fact.id)}"))
                    for e in context["editions"]
                ],
                "claim_ld": claim_review_ld(model, messages, context, (fact, shown), base, here),
                "oembed_href": oembed_href,
            },
        )
        files.append(OutputFile(here, locale, "claim", html, section))
    return files
