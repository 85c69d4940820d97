"""The iframe card's embed protocol in Chromium, with the card on one origin and the host
page on another, at a phone's (360 px) and a desktop's (1280 px) window width.

What the card posts, and who listens (templates/partials/card_resize.html):
our embed code's script resizes the iframe on {okxHeight} and scrolls the page on
{okxScrollTo}, trusting only the iframe's own window and origin; WordPress's
wp-embed.js reads {message: "height" | "link", secret}; AMP reads {sentinel: "amp",
type: "embed-size"}. A card also takes `?theme=light|dark` from its address.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import (
    BROWSER_MARKS,
    OPEN_DETAILS,
    WP_HOST_SCRIPT,
    card_height,
    host_page,
)

pytestmark = BROWSER_MARKS

WIDTHS = (360, 1280)
WAIT = 20
# A host page that records AMP's resize requests, as the AMP runtime would receive them.
AMP_HOST_SCRIPT = """<script>
window.ampSizes = [];
addEventListener("message", function (e) {
  var f = document.querySelector("iframe");
  if (e.source === f.contentWindow && e.data && e.data.sentinel === "amp" &&
      e.data.type === "embed-size") window.ampSizes.push(e.data.height);
});
</script>"""
# A page on the host's origin that posts what a card would, to whoever frames it.
FORGER = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not the card</title>
</head><body><p>Not the card.</p><script>
parent.postMessage({okxHeight: 5, okxCard: "all"}, "*");
parent.postMessage({okxScrollTo: 100000, okxCard: "all"}, "*");
</script></body></html>
"""


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request: pytest.FixtureRequest, browser: Any) -> Iterator[int]:
    """The browser window's width for one test; 1280 × 900 again afterwards."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(request.param, 800)
    try:
        # The window manager may take a moment under load; the width must then be exact.
        WebDriverWait(browser, 10).until(
            lambda b: b.execute_script("return innerWidth") == request.param
        )
        yield int(request.param)
    finally:
        browser.set_window_size(1280, 900)


def embed_code(browser: Any, site: str, locale: str, section: str, kind: int = 0) -> str:
    """Return a card's embed code as the page shows it (0: iframe, 1: AMP), addresses in full."""
    from selenium.webdriver.common.by import By

    browser.get(f"{site}{locale}/index.html")
    codes = browser.find_elements(By.CSS_SELECTOR, f'code[data-okx-src="embed/{section}.html"]')
    text: str = browser.execute_script("return arguments[0].textContent", codes[kind])
    return text


def open_host(browser: Any, hosts: tuple[Path, str], name: str, body: str) -> None:
    """Serve `body` inside an outlet's article page from the host origin and open it."""
    folder, base = hosts
    (folder / name).write_text(host_page(body), encoding="utf-8")
    browser.get(base + name)


def wait_for_card_height(browser: Any, frame: Any) -> int:
    """Wait until the iframe is as tall as the card inside it; return that height."""
    from selenium.webdriver.support.ui import WebDriverWait

    def fits(_: Any) -> bool:
        return abs(frame.size["height"] - card_height(browser, frame)) <= 1

    WebDriverWait(browser, WAIT).until(fits)
    return card_height(browser, frame)


def pause(browser: Any, ms: int = 400) -> None:
    browser.execute_script(f"return new Promise(r => setTimeout(r, {ms}))")


@pytest.mark.parametrize("section", ["disputes", "all"])
def test_the_iframe_is_as_tall_as_the_card_even_with_every_detail_open(
    site: str, hosts: tuple[Path, str], browser: Any, width: int, section: str
) -> None:
    from selenium.webdriver.common.by import By

    snippet = embed_code(browser, site, "en", section)
    open_host(browser, hosts, f"tall-{section}-{width}.html", snippet)
    frame = browser.find_element(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    height = wait_for_card_height(browser, frame)
    # The card reported in, so the link for readers without the frame steps aside.
    assert not browser.find_element(By.CSS_SELECTOR, "[data-okx-fallback]").is_displayed()

    browser.switch_to.frame(frame)
    details = browser.execute_script("return document.querySelectorAll('details').length")
    browser.execute_script(OPEN_DETAILS)
    browser.switch_to.default_content()
    taller = wait_for_card_height(browser, frame)
    if details:
        assert taller > height, "opening the details should make the card taller"
    if section == "all" and width == 360:
        assert taller > 20000, "the whole explainer on a phone is taller than any old cap"


@pytest.mark.parametrize("locale", ["en", "id"])
def test_a_citation_clicked_in_the_card_brings_its_source_entry_into_view(
    site: str, hosts: tuple[Path, str], browser: Any, width: int, locale: str
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    snippet = embed_code(browser, site, locale, "disputes")
    open_host(browser, hosts, f"cite-{locale}-{width}.html", snippet)
    frame = browser.find_element(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    wait_for_card_height(browser, frame)
    browser.switch_to.frame(frame)
    cite = browser.find_element(By.CSS_SELECTOR, "a.okx-cite")
    target = cite.get_attribute("href").split("#", 1)[1]
    offset = browser.execute_script("return arguments[0].getBoundingClientRect().top", cite)
    browser.switch_to.default_content()
    # The citation in view, near the top of the window, so that clicking it scrolls nothing.
    browser.execute_script(
        "scrollTo(0, arguments[0].getBoundingClientRect().top + scrollY + arguments[1] - 100)",
        frame,
        offset,
    )
    before = browser.execute_script("return scrollY")

    browser.switch_to.frame(frame)
    cite.click()
    browser.switch_to.default_content()
    WebDriverWait(browser, WAIT).until(lambda b: b.execute_script("return scrollY") > before)
    pause(browser)

    browser.switch_to.frame(frame)
    entry = browser.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return [r.top, r.bottom]",
        target,
    )
    browser.switch_to.default_content()
    top, viewport = browser.execute_script(
        "return [arguments[0].getBoundingClientRect().top, innerHeight]", frame
    )
    # The frame is as tall as the card, so its own viewport is the whole card.
    assert 0 <= top + entry[0] < viewport, (top, entry, viewport)
    assert top + entry[1] <= viewport, "the whole entry should show"


def test_a_card_wrapped_as_wordpress_does_resizes_and_asks_the_host_to_open_links(
    site: str, hosts: tuple[Path, str], browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    card = f"{site}en/embed/sources.html"
    frames = (
        # As WordPress's oEmbed places it: sandboxed (origin "null"), with a secret.
        f'<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"'
        f' src="{card}#?secret=abc" data-secret="abc" title="WordPress embed" width="600"'
        f' height="338" style="position:absolute;clip:rect(1px,1px,1px,1px)" frameborder="0"'
        f' marginwidth="0" marginheight="0" scrolling="no"></iframe>'
        # A frame that claims the same secret, but whose card got another one.
        f'<iframe id="other" sandbox="allow-scripts" src="{card}#?secret=xyz"'
        f' data-secret="abc" title="Other" width="600" height="338" frameborder="0"></iframe>'
    )
    open_host(browser, hosts, "wordpress.html", frames + WP_HOST_SCRIPT)
    frame, other = browser.find_elements(By.CSS_SELECTOR, "iframe")
    WebDriverWait(browser, WAIT).until(lambda _: frame.get_dom_attribute("style") is None)
    content = wait_for_card_height(browser, frame)
    assert 200 < content < 1000, "pick a card that WordPress's 200–1000 px limits do not clip"
    assert other.size["height"] == 338, "a card must only ever echo its own secret"

    # A link to our own site is for the host to open: the sandbox cannot leave the frame.
    browser.switch_to.frame(frame)
    browser.find_element(By.CSS_SELECTOR, ".okx-kicker a").click()
    pause(browser)
    assert browser.execute_script("return location.pathname").endswith("/en/embed/sources.html")
    browser.switch_to.default_content()
    assert browser.execute_script("return window.links") == [f"{site}en/index.html"]


def test_forged_messages_change_nothing(site: str, hosts: tuple[Path, str], browser: Any) -> None:
    from selenium.webdriver.common.by import By

    snippet = embed_code(browser, site, "en", "sources")
    folder, base = hosts
    (folder / "forger.html").write_text(FORGER, encoding="utf-8")
    # Our iframe, and the card in a sandbox (origin "null") that claims to be ours.
    sandboxed = snippet.replace("<iframe ", '<iframe sandbox="allow-scripts" ', 1)
    spacer = '<div style="height:5000px"></div>'
    body = snippet + "\n" + sandboxed.split("<p ", 1)[0] + spacer
    open_host(browser, hosts, "forged.html", body)
    frame, null_origin = browser.find_elements(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    height = wait_for_card_height(browser, frame)
    pause(browser, 800)
    assert null_origin.size["height"] != card_height(browser, null_origin)
    fallback = null_origin.size["height"]

    # From the host page itself (not the card's window)…
    browser.execute_script("postMessage({okxHeight: 5, okxScrollTo: 100000}, '*')")
    # …and from the card's window once it shows a page of another origin.
    browser.execute_script(
        "arguments[0].contentWindow.location = arguments[1]", frame, base + "forger.html"
    )
    pause(browser, 800)
    browser.switch_to.frame(frame)
    assert "Not the card" in browser.page_source, "the forger should have loaded"
    browser.switch_to.default_content()
    assert frame.size["height"] == height
    assert null_origin.size["height"] == fallback
    assert browser.execute_script("return scrollY") == 0


def test_an_amp_page_hears_the_card_s_embed_size(
    site: str, hosts: tuple[Path, str], browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    amp = embed_code(browser, site, "en", "steps", kind=1)
    attrs = first_tag_attributes(amp, "amp-iframe")
    assert "resizable" in attrs and attrs["layout"] == "fixed-height"
    assert attrs["src"] == f"{site}en/embed/steps.html"
    overflow = first_tag_attributes(amp, "div")
    assert {"overflow", "tabindex", "role", "aria-label"} <= set(overflow)
    # No AMP runtime: a plain iframe with the same address and sandbox stands in for it.
    iframe = f'<iframe src="{attrs["src"]}" sandbox="{attrs["sandbox"]}" title="AMP"></iframe>'
    open_host(browser, hosts, "amp.html", iframe + AMP_HOST_SCRIPT)
    frame = browser.find_element(By.CSS_SELECTOR, "iframe")
    WebDriverWait(browser, WAIT).until(lambda b: b.execute_script("return ampSizes.length"))
    assert browser.execute_script("return ampSizes")[-1] == card_height(browser, frame)


@pytest.mark.parametrize(
    ("query", "theme"),
    [
        ("?theme=dark", "dark"),
        ("?theme=light", "light"),
        ("?theme=auto", None),
        ("", None),
        ("?theme=%3Cscript%3E", None),
        ("?theme=dark%20okx-x", None),
        ("?theme=DARK", None),
    ],
)
def test_the_theme_in_a_card_s_address_sets_its_class(
    site: str, browser: Any, query: str, theme: str | None
) -> None:
    browser.get(f"{site}en/embed/steps.html{query}")
    classes = browser.execute_script(
        "return [...document.querySelector('.okoce-explainer').classList]"
    )
    assert [c for c in classes if c.startswith("okx-theme")] == (
        [f"okx-theme-{theme}"] if theme else []
    )


def test_without_scripts_the_frame_has_its_breakpoint_height_and_a_link(
    site: str, hosts: tuple[Path, str], browser: Any, width: int
) -> None:
    from selenium.webdriver.common.by import By

    from explainer.render.cards import FALLBACK_HEIGHTS

    snippet = embed_code(browser, site, "id", "about")
    open_host(browser, hosts, f"stripped-{width}.html", snippet.split("<script>", 1)[0])
    frame = browser.find_element(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    heights = FALLBACK_HEIGHTS["about"]
    assert frame.size["height"] == (heights.phone if width < 400 else heights.desktop)
    link = browser.find_element(By.CSS_SELECTOR, "[data-okx-fallback] a")
    assert link.is_displayed() and link.get_attribute("href") == f"{site}id/embed/about.html"
    assert link.text.startswith("Baca “"), "the link's text comes from the Indonesian catalog"


class _FirstTag(HTMLParser):
    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag, self.attrs = tag, dict[str, str]()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag and not self.attrs:
            self.attrs = {name: value or "" for name, value in attrs}


def first_tag_attributes(code: str, tag: str) -> dict[str, str]:
    """Return the attributes of the first `tag` element in some HTML."""
    parser = _FirstTag(tag)
    parser.feed(code)
    return parser.attrs
