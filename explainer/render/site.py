"""The static site around the editions: page metadata, cite-and-reuse, dist/index.html.

Every link is relative, so `dist/` works as it is on any static host. The one
absolute address is the licence's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.core import Locale, get_global

from explainer.context.edition import Edition
from explainer.context.localize import TITLE, Context
from explainer.facts.model import Explainer
from explainer.i18n.catalogs import SOURCE_LOCALE, Messages, babel_locale
from explainer.i18n.format import N_, translate
from explainer.project import ROOT_INDEX, page_path
from explainer.render.cards import embed_codes
from explainer.render.downloads import share_image
from explainer.render.environment import render
from explainer.render.files import OutputFile
from explainer.render.structured import article_ld
from explainer.urls import site_link

ROOT_LOCALE = "mul"
ROOT_TEMPLATE = "pages/root.html"
# NOTE: Link on the site's front page (dist/index.html) to one edition, written in that
# edition's language. {language} is the language's own name, as a whole: “Bahasa Indonesia”,
# “English” (so the Indonesian reads “dalam {language}”, not “dalam bahasa {language}”).
READ = N_("Read the explainer in {language}")
# NOTE: Link on the site's front page (dist/index.html) to the PDF that sets the
# Indonesian and English editions side by side; shown once in each language.
BOTH = N_("Both languages side by side (PDF)")


def page_extras(
    model: Explainer, edition: Edition, pdf_name: Callable[[str], str]
) -> dict[str, Any]:
    """Return what the page and the cards need besides the edition's context."""
    context, messages, base = edition.context, edition.messages, edition.base_url
    here = page_path(context["lang"])
    return {
        "other_pdfs": other_pdfs(context, pdf_name, edition.pdfs, base),
        "embed_codes": embed_codes(context, messages, base),
        "json_ld": article_ld(model, context, base, _share_image(edition)),
        "citation": citation(model, messages, context),
        "licence_url": model.imprint.licence_url,
        "og_locale": og_locale(context["lang"]),
        "og_locale_alternates": [
            og_locale(e["lang"]) for e in context["editions"] if e["lang"] != context["lang"]
        ],
        "full_page_href": site_link(base, here, here),
        "card": False,
    }


def _share_image(edition: Edition) -> str | None:
    """Return the address of the edition's share image from its page, if the build makes it."""
    image = share_image(edition)
    here = page_path(edition.locale)
    return site_link(edition.base_url, here, image) if image else None


def og_locale(lang: str) -> str:
    """Return Open Graph's language_TERRITORY for a locale: id_ID, en_US."""
    locale = babel_locale(lang)
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language))
    return f"{locale.language}_{likely.territory}" if likely.territory else locale.language


def other_pdfs(
    context: Context,
    pdf_name: Callable[[str], str],
    pdfs: Collection[str] | None = None,
    base_url: str | None = None,
) -> list[dict[str, str]]:
    """Return the other editions' PDFs that exist, each named in this edition's language."""
    here = babel_locale(context["lang"])
    page = page_path(context["lang"])
    return [
        {
            "lang": e["lang"],
            "href": site_link(base_url, page, f"{e['lang']}/{pdf_name(e['lang'])}"),
            "language": babel_locale(e["lang"]).get_display_name(here) or e["lang"],
        }
        for e in context["editions"]
        if e["lang"] != context["lang"] and (pdfs is None or e["lang"] in pdfs)
    ]


def citation(model: Explainer, messages: Messages, context: Context) -> str:
    """Return how to cite the edition, in its language."""
    # NOTE: Suggested citation. {publisher} is the publisher's name, {title} the explainer's
    # title, {language} this edition's own name for its language, as a whole (“Bahasa
    # Indonesia”, “English”), {date} the edition date.
    pattern = N_("{publisher}. “{title}”, {language} edition of {date}.")
    return translate(
        messages,
        pattern,
        publisher=model.imprint.publisher,
        title=context["title"],
        language=context["locale_name"],
        date=context["edition_date"],
    )


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
    base_url: str | None = None,
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
        templates_dir,
        ROOT_TEMPLATE,
        context,
        messages,
        choices=choices,
        bilingual_pdf=both,
        here=ROOT_INDEX,
        base_url=base_url,
    )
    return OutputFile(ROOT_INDEX, ROOT_LOCALE, "index", html)


def _text_lang(messages: Messages, msgid: str) -> str:
    """Return the language a message is shown in: English where it is not translated."""
    return messages.locale if messages.translated(msgid) else SOURCE_LOCALE
