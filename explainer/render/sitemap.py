"""sitemap.xml with each page's translations (hreflang), and robots.txt pointing at it.

Both need the site's address (`--base-url`): a sitemap lists absolute addresses.
Crawlers read robots.txt only at the root of a host, so it counts only when the
site is published there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from explainer.project import ROBOTS, SITEMAP
from explainer.render.files import OutputFile

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITE_LOCALE = "mul"


@dataclass(frozen=True)
class SitePage:
    """A page to list: its path in the output, its hreflang, and what it translates.

    Pages with the same `group` are translations of each other; the page that picks
    one of them for the reader (dist/index.html) has the hreflang "x-default".
    """

    path: str
    hreflang: str
    group: str


def sitemap_text(base_url: str, pages: Iterable[SitePage], lastmod: str) -> str:
    """Return sitemap.xml listing `pages`, each with every translation (itself too)."""
    pages = sorted(pages, key=lambda p: p.path)
    groups: dict[str, list[SitePage]] = {}
    for page in pages:
        groups.setdefault(page.group, []).append(page)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for page in pages:
        lines += ["<url>", f"  <loc>{escape(base_url + page.path)}</loc>"]
        lines.append(f"  <lastmod>{lastmod}</lastmod>")
        group = groups[page.group]
        if len(group) > 1:
            lines += [_alternate(p.hreflang, base_url + p.path) for p in group]
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_text(base_url: str) -> str:
    """Return robots.txt: everything may be crawled; the sitemap is here."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}{SITEMAP}\n"


def site_files(base_url: str, pages: Iterable[SitePage], lastmod: str) -> list[OutputFile]:
    """Return sitemap.xml and robots.txt for a site published at `base_url`."""
    return [
        OutputFile(SITEMAP, SITE_LOCALE, "sitemap", sitemap_text(base_url, pages, lastmod)),
        OutputFile(ROBOTS, SITE_LOCALE, "robots", robots_text(base_url)),
    ]


def _alternate(lang: str, href: str) -> str:
    return f'  <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(href)}/>'
