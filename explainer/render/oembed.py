"""oEmbed: a static JSON per card, so a CMS that is given a card's address embeds it.

`<locale>/embed/<section>.oembed.json` (kind "oembed") answers what an oEmbed
endpoint would for the card (type "rich", an <iframe> as `html`); each card names
its JSON in a `<link rel="alternate" type="application/json+oembed">`. oEmbed
needs absolute addresses, so these exist only with the site's address.
WordPress puts such an <iframe> in a sandbox and adds `#?secret=…`; the card
answers WordPress's embed protocol (see templates/partials/card_resize.html).
"""

from __future__ import annotations

import json

from explainer.project import oembed_path
from explainer.render.files import OutputFile

VERSION = "1.0"
# The width an oEmbed consumer is told; the card itself fills any width.
WIDTH = 600
CACHE_AGE = 86400


def oembed_json(
    *,
    html: str,
    title: str,
    height: int,
    provider: str,
    provider_url: str,
    thumbnail: tuple[str, int, int] | None = None,
) -> str:
    """Return the oEmbed answer of one card; `thumbnail` is (url, width, height)."""
    answer: dict[str, object] = {
        "version": VERSION,
        "type": "rich",
        "title": title,
        "provider_name": provider,
        "provider_url": provider_url,
        "html": html,
        "width": WIDTH,
        "height": height,
        "cache_age": CACHE_AGE,
    }
    if thumbnail:
        url, width, height = thumbnail
        answer |= {"thumbnail_url": url, "thumbnail_width": width, "thumbnail_height": height}
    return json.dumps(answer, ensure_ascii=False, indent=1) + "\n"


def oembed_file(locale: str, section: str, text: str, path: str | None = None) -> OutputFile:
    """Return a card's oEmbed JSON as an output file (at `path`, default embed/<section>)."""
    path = path or f"{locale}/{oembed_path(section)}"
    return OutputFile(path, locale, "oembed", text, section)
