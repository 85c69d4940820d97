"""The CMS-safe fragment: a card that WordPress keeps as pasted, for authors without
the unfiltered_html capability.

WordPress runs what such an author saves through wp_kses_post, which drops <style>,
<svg>, <script> and <iframe> (keeping their text), every attribute it does not know,
and every inline CSS property outside safecss_filter_attr's list. The template
(pages/fragment-cms.html, partials/cms.html) writes only what survives; this module
renders it and writes its character references the way KSES normalises them, so that
the saved post is byte for byte the file (tests/render/test_cms.py checks this with
WordPress's own kses.php).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from explainer.context.localize import Context
from explainer.i18n.catalogs import Messages
from explainer.render.environment import render

CMS_FRAGMENT_TEMPLATE = "pages/fragment-cms.html"

# markupsafe's references for quotes, and KSES's three-digit form of the same characters.
_KSES_REFERENCES = {"&#34;": "&#034;", "&#39;": "&#039;"}


def render_cms_fragment(
    templates_dir: Path, context: Context, messages: Messages, **card_vars: Any
) -> str:
    """Render a card's CMS-safe fragment."""
    return kses_references(
        render(templates_dir, CMS_FRAGMENT_TEMPLATE, context, messages, **card_vars)
    )


def kses_references(html: str) -> str:
    """Return `html` with the quotes' character references as KSES writes them."""
    for ours, theirs in _KSES_REFERENCES.items():
        html = html.replace(ours, theirs)
    return html
