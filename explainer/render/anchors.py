"""Ids, and links to them, as the templates write them.

Every macro that writes an id takes an `id_prefix`: a string put before each id and
each `#` link (the page uses "", the bilingual edition one per language), or
`Elsewhere(page)` for markup that must carry no id at all. A fragment is pasted as
it is, possibly twice on one page, and a static file cannot rename its ids; so a
fragment has none, and its links to an anchor lead to the full page instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Elsewhere:
    """The `id_prefix` of markup without ids: its anchors are on `page`."""

    page: str


IdPrefix = str | Elsewhere


def id_attr(prefix: IdPrefix, name: str) -> Markup:
    """Return ` id="<prefix><name>"`, or nothing in markup without ids."""
    if isinstance(prefix, Elsewhere):
        return Markup("")
    return Markup(' id="{}"').format(prefix + name)


def anchor_href(prefix: IdPrefix, name: str) -> str:
    """Return the address of the anchor `name`: on this page, or on the full page."""
    if isinstance(prefix, Elsewhere):
        return f"{prefix.page}#{name}"
    return f"#{prefix}{name}"


def labelled_by(prefix: IdPrefix, name: str) -> Markup:
    """Return ` aria-labelledby=…` naming the element `name`; nothing in markup without ids.

    Without ids, a region keeps its heading inside it, and a chart's <svg> its <title>.
    """
    return _refers("aria-labelledby", prefix, name)


def described_by(prefix: IdPrefix, name: str) -> Markup:
    """Return ` aria-describedby=…` naming the element `name`; nothing in markup without ids."""
    return _refers("aria-describedby", prefix, name)


def _refers(attribute: str, prefix: IdPrefix, name: str) -> Markup:
    if isinstance(prefix, Elsewhere):
        return Markup("")
    return Markup(' {}="{}"').format(Markup(attribute), prefix + name)
