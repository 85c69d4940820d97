"""Pasted fragments against an outlet's theme, in headless Chromium.

The same styled fragment is pasted twice into a host page, served from another origin
than the site, whose theme sets what themes set, aggressively. Inside the fragment every
computed style we sample equals that of the fragment on a plain page; the page has no
duplicate id; nothing scrolls sideways at 360 px; axe finds nothing inside the
fragments; and the host's theme class chooses the colours, whatever the OS prefers.
The CMS-safe fragment, on the same page, fits and passes axe too; and on a phone the
page and the cards keep every figure whole.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from explainer.project import cms_fragment_path, fragment_path
from explainer.render.cards import FRAGMENT_ROOT_CLASS
from tests.browser.support import (
    ALL_RULES,
    BROWSER_MARKS,
    COLOUR_RULES,
    OPEN_DETAILS,
    axe,
    emulate_scheme,
    report,
)

pytestmark = BROWSER_MARKS

HOSTILE_CSS = """
* { line-height: 3; font-size: 22px; letter-spacing: 2px; }
p { margin: 3em; text-transform: uppercase; }
a { color: red !important; text-decoration: none !important; }
table { width: 200%; border: 5px solid red; }
blockquote { border-left: 10px solid red; font-style: italic; }
h2, h3 { text-transform: uppercase; }
body { background: #111; color: #eee; }
"""
ROOT = f".{FRAGMENT_ROOT_CLASS}"
# The CMS-safe fragment's root (it has no class: a post's classes do nothing).
CMS_ROOT = "main > div[lang]"
# One of each kind of element a fragment shows, found inside a fragment's root.
SAMPLES = {
    "kicker": ".okx-kicker",
    "heading": "h2",
    "subheading": "h3",
    "paragraph": "p",
    "link": ".okx-kicker a",
    "citation": "a.okx-cite",
    "table cell": ".okx-comparison td",
    "figure in a table": ".okx-comparison td.okx-num",
    "quote": "blockquote",
    "quote text": "blockquote p",
    "list item": "li",
    "figure number": ".okx-figure-value strong",
    "summary": "summary",
}
PROPERTIES = [
    "color",
    "background-color",
    "font-size",
    "line-height",
    "font-family",
    "font-style",
    "font-weight",
    "text-transform",
    "letter-spacing",
    "text-decoration-line",
    "white-space",
    "overflow-wrap",
    "font-variant-numeric",
    *(f"margin-{side}" for side in ("top", "right", "bottom", "left")),
    *(f"padding-{side}" for side in ("top", "right", "bottom", "left")),
    *(f"border-{side}-width" for side in ("top", "right", "bottom", "left")),
]
# Returns, for every fragment root on the page, the sampled styles of its elements.
STYLES_JS = """
const [root, samples, properties] = arguments;
return [...document.querySelectorAll(root)].map(fragment => {
  const found = {};
  for (const [name, selector] of Object.entries(samples)) {
    const element = fragment.querySelector(selector);
    if (!element) { found[name] = null; continue; }
    const style = getComputedStyle(element);
    found[name] = Object.fromEntries(properties.map(p => [p, style.getPropertyValue(p)]));
  }
  return found;
});
"""

# Returns the figures whose text runs over more than one line.
# The figures with a line break inside an amount: a figure may wrap at a space ("IDR 724.5 /
# million"), but not inside "724.500.000" nor between a currency and its amount (joined by
# a no-break space). Each part between spaces must sit on one line.
BROKEN_FIGURES_JS = """
const figures = `${arguments[0]} :is(.okx-num, .okx-key-value, .okx-figure-value strong)`;
return [...document.querySelectorAll(figures)].filter(figure => {
  const node = figure.firstChild, text = node.textContent;
  let start = 0;
  return text.split(" ").some(part => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + part.length);
    start += part.length + 1;
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
  });
}).map(figure => figure.firstChild.textContent);
"""


def page(title: str, css: str, fragments: list[str]) -> str:
    """Return an outlet's article page with `fragments` pasted between its paragraphs."""
    body = "\n<p>More of the article.</p>\n".join(fragments)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head>\n"
        f"<body><main><h1>{html.escape(title)}</h1><p>The article's text.</p>\n"
        f"{body}\n<p>The end of the article.</p></main></body></html>\n"
    )


@pytest.fixture(scope="module")
def fragment(dist: Path) -> str:
    """The English results fragment: headings, figures, a table, quotes, a list."""
    return (dist / "en" / fragment_path("results")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cms_fragment(dist: Path) -> str:
    """The Indonesian disputes card, CMS-safe: claims, responses, quotes."""
    return (dist / "id" / cms_fragment_path("disputes")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def host_urls(hosts: tuple[Path, str], fragment: str, cms_fragment: str) -> dict[str, str]:
    """Host pages on another origin than the site, each with the fragment twice."""
    folder, base = hosts
    dark = fragment.replace(
        f'class="{FRAGMENT_ROOT_CLASS} ', f'class="{FRAGMENT_ROOT_CLASS} okx-theme-dark ', 1
    )
    light = fragment.replace(
        f'class="{FRAGMENT_ROOT_CLASS} ', f'class="{FRAGMENT_ROOT_CLASS} okx-theme-light ', 1
    )
    assert dark != fragment and light != fragment
    pages = {
        "plain": page("A plain page", "", [fragment, fragment]),
        "hostile": page("A page with an aggressive theme", HOSTILE_CSS, [fragment, fragment]),
        "themes": page("A page with both themes", HOSTILE_CSS, [light, dark]),
        "cms": page("A post with the CMS-safe fragment", HOSTILE_CSS, [cms_fragment] * 2),
    }
    urls = {}
    for name, text in pages.items():
        (folder / f"fragment-{name}.html").write_text(text, encoding="utf-8")
        urls[name] = f"{base}fragment-{name}.html"
    return urls


def sampled_styles(browser: Any, url: str) -> list[dict[str, Any]]:
    browser.get(url)
    browser.execute_script(OPEN_DETAILS)
    styles: list[dict[str, Any]] = browser.execute_script(STYLES_JS, ROOT, SAMPLES, PROPERTIES)
    return styles


@pytest.fixture
def light(browser: Any) -> Any:
    """The light scheme, and no transitions; the browser's default afterwards."""
    emulate_scheme(browser, "light")
    yield browser
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_a_hostile_theme_changes_nothing_inside_the_fragment(
    light: Any, host_urls: dict[str, str]
) -> None:
    (plain, plain_again) = sampled_styles(light, host_urls["plain"])
    assert plain == plain_again
    assert all(plain.values()), [name for name, style in plain.items() if not style]
    pasted = sampled_styles(light, host_urls["hostile"])
    assert len(pasted) == 2, "the fragment is on the page twice"
    differences = [
        f"{name} {prop}: {style[prop]!r} on a plain page, {copy[name][prop]!r} here"
        for copy in pasted
        for name, style in plain.items()
        for prop in PROPERTIES
        if copy[name][prop] != style[prop]
    ]
    assert not differences, "\n".join(differences)
    # What the theme would have done, had it reached in.
    assert plain["paragraph"]["text-transform"] == "none"
    assert plain["link"]["color"] != "rgb(255, 0, 0)"
    assert plain["link"]["text-decoration-line"] == "underline"
    assert plain["table cell"]["border-left-width"] == "0px"
    assert plain["figure in a table"]["font-variant-numeric"] == "tabular-nums"


def test_a_fragment_pasted_twice_repeats_no_id(light: Any, host_urls: dict[str, str]) -> None:
    light.get(host_urls["hostile"])
    ids = light.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert light.execute_script(f"return document.querySelectorAll('{ROOT}').length") == 2


@pytest.mark.parametrize("width", [360, 1280])
def test_nothing_scrolls_sideways(light: Any, host_urls: dict[str, str], width: int) -> None:
    light.set_window_size(width, 900)
    try:
        light.get(host_urls["hostile"])
        light.execute_script(OPEN_DETAILS)
        scroll, client = light.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
        )
        broken = light.execute_script(BROKEN_FIGURES_JS, ROOT)
    finally:
        light.set_window_size(1280, 900)
    assert scroll <= client, f"{scroll} px wide in a {client} px viewport"
    assert not broken, f"figures broken over lines: {broken}"


def test_axe_finds_nothing_inside_the_fragments(light: Any, host_urls: dict[str, str]) -> None:
    failures = []
    light.get(host_urls["hostile"])
    for scheme, rules in (("light", ALL_RULES), ("dark", COLOUR_RULES)):
        emulate_scheme(light, scheme)
        violations = axe(light, rules, ROOT)
        if violations:
            failures.append(report(f"the pasted fragments ({scheme})", violations))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_theme_class_chooses_the_colours_whatever_the_os_prefers(
    browser: Any, host_urls: dict[str, str], scheme: str
) -> None:
    emulate_scheme(browser, scheme)
    try:
        light_copy, dark_copy = sampled_styles(browser, host_urls["themes"])
        for name in ("paragraph", "link", "heading"):
            assert light_copy[name]["color"] != dark_copy[name]["color"], name
        background = browser.execute_script(
            f"return [...document.querySelectorAll('{ROOT}')]"
            ".map(e => getComputedStyle(e).backgroundColor)"
        )
        assert background == ["rgb(255, 255, 255)", "rgb(21, 24, 27)"], background
        violations = axe(browser, COLOUR_RULES, ROOT)
        assert not violations, report(f"the themed fragments ({scheme} OS)", violations)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


@pytest.mark.parametrize("width", [360, 1280])
def test_the_cms_safe_fragment_fits_and_passes_axe_in_a_hostile_page(
    light: Any, host_urls: dict[str, str], width: int
) -> None:
    light.set_window_size(width, 900)
    try:
        light.get(host_urls["cms"])
        assert light.execute_script(f"return document.querySelectorAll('{CMS_ROOT}').length") == 2
        light.execute_script(OPEN_DETAILS)
        scroll, client = light.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
        )
        violations = axe(light, ALL_RULES, CMS_ROOT)
    finally:
        light.set_window_size(1280, 900)
    assert scroll <= client, f"{scroll} px wide in a {client} px viewport"
    assert not violations, report(f"the CMS-safe fragments at {width} px", violations)


@pytest.mark.parametrize("path", ["en/index.html", "id/index.html", "id/embed/results.html"])
def test_figures_stay_whole_on_a_phone_in_the_page_and_the_cards(
    light: Any, site: str, path: str
) -> None:
    light.set_window_size(360, 900)
    try:
        light.get(site + path)
        light.execute_script(OPEN_DETAILS)
        broken = light.execute_script(BROKEN_FIGURES_JS, ".okoce-explainer")
        scroll, client = light.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
        )
    finally:
        light.set_window_size(1280, 900)
    assert not broken, f"{path}: figures broken over lines: {broken}"
    assert scroll <= client, f"{path}: {scroll} px wide in a {client} px viewport"
