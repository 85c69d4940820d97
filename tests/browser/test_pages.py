"""Every page and card in headless Chromium: axe-core finds no WCAG 2.2 AA violation,
and the embed code shown on the page resizes its iframe on a host page.

`dist` is served from 127.0.0.1; the host page from a second server, so the
card is cross-origin as it is on an outlet's site. Skipped only when Chromium
or chromedriver is not installed (`make test` installs both).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import (
    BROWSER_MARKS,
    OPEN_DETAILS,
    OVERFLOWS_JS,
    axe_in_every_document,
    card_height,
    check_both_schemes,
    fallback_height,
    host_page,
)
from tests.support import manifest

pytestmark = BROWSER_MARKS


def _html_outputs(dist: Path) -> list[str]:
    return [e["path"] for e in manifest(dist) if e["kind"] in ("page", "embed", "index", "claim")]


@dataclass
class Visit:
    """What one visit to a page or card found: axe's report, its width at 320 px, and the
    boxes whose content runs out of them, by window width."""

    axe_failure: str | None
    width_at_320: tuple[int, int]  # the document's scroll width, the viewport's width
    overflows: dict[int, list[str]]


@pytest.fixture(scope="module")
def visits(dist: Path, site: str, browser: Any) -> dict[str, Visit]:
    """Visit every page and card once: axe-core in both schemes, then the same page at
    1280, 360 and 320 px."""
    found = {}
    with axe_in_every_document(browser):
        for path in _html_outputs(dist):
            found[path] = _visit(browser, site, path)
    return found


def _visit(browser: Any, site: str, path: str) -> Visit:
    """Run axe-core on `path` in both schemes, then measure it at 1280, 360 and 320 px."""
    # "#editions" keeps dist/index.html from moving on to an edition.
    url = site + path + ("#editions" if path == "index.html" else "")
    failure = None
    try:
        check_both_schemes(browser, url, path)  # opens every <details>
    except AssertionError as error:
        failure = str(error)
    overflows = {1280: browser.execute_script(OVERFLOWS_JS)}
    try:
        browser.set_window_size(360, 900)
        overflows[360] = browser.execute_script(OVERFLOWS_JS)
        browser.set_window_size(320, 900)
        overflows[320] = browser.execute_script(OVERFLOWS_JS)
        width = browser.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
        )
    finally:
        browser.set_window_size(1280, 900)
    return Visit(failure, tuple(width), overflows)


def test_every_page_and_card_passes_axe(visits: dict[str, Visit]) -> None:
    failures = [v.axe_failure for v in visits.values() if v.axe_failure]
    assert not failures, "\n".join(failures)


def test_every_page_and_card_fits_a_320_px_screen(visits: dict[str, Visit]) -> None:
    """WCAG 1.4.10 (reflow): nothing scrolls sideways at 320 CSS pixels, details open."""
    wide = [
        f"{path}: {visit.width_at_320[0]} px wide in a {visit.width_at_320[1]} px viewport"
        for path, visit in visits.items()
        if visit.width_at_320[0] > visit.width_at_320[1]
    ]
    assert len(visits) > 30
    assert not wide, "\n".join(wide)


def test_no_text_runs_out_of_its_box(visits: dict[str, Visit]) -> None:
    """At 1280, 360 and 320 px, details open: a figure too long for its column wraps
    instead of running into the next one ("IDR 724.5 million" over "20,000")."""
    found = [
        f"{path} at {width} px: {box}"
        for path, visit in visits.items()
        for width, boxes in visit.overflows.items()
        for box in boxes
    ]
    assert not found, "\n".join(found)


def test_every_fragment_passes_axe_inside_ahost_page(
    dist: Path, hosts: tuple[Path, str], browser: Any
) -> None:
    """All of an edition's fragments on one outlet's page, as a CMS might place several."""
    folder, base = hosts
    fragments: dict[str, list[str]] = {}
    for entry in manifest(dist):
        if entry["kind"] == "fragment":
            text = (dist / entry["path"]).read_text(encoding="utf-8")
            fragments.setdefault(entry["locale"], []).append(text)
    assert fragments
    failures = []
    for locale, texts in sorted(fragments.items()):
        name = f"fragments-{locale}.html"
        (folder / name).write_text(host_page("\n".join(texts)), encoding="utf-8")
        try:
            check_both_schemes(browser, base + name, f"the {locale} fragments")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("locale", "section"), [("en", "steps"), ("id", "disputes")])
def test_the_embed_code_resizes_its_iframe(
    site: str, hosts: tuple[Path, str], browser: Any, locale: str, section: str
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site}{locale}/index.html")
    code = browser.find_element(By.CSS_SELECTOR, f'code[data-okx-src="embed/{section}.html"]')
    snippet = browser.execute_script("return arguments[0].textContent", code)
    card = f"{site}{locale}/embed/{section}.html"
    assert f'src="{card}"' in snippet, "the page should show the card's full address"
    fallback = fallback_height(snippet)

    folder, base = hosts
    (folder / f"host-{locale}-{section}.html").write_text(host_page(snippet), encoding="utf-8")
    browser.get(f"{base}host-{locale}-{section}.html")
    frame = browser.find_element(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    assert frame.get_attribute("loading") == "lazy"
    assert frame.get_attribute("title")
    WebDriverWait(browser, 15).until(lambda _: frame.size["height"] != fallback)
    content = card_height(browser, frame)
    assert abs(frame.size["height"] - content) <= 1, (frame.size["height"], content)

    # Opening the quotes makes the card taller, and the frame follows.
    browser.switch_to.frame(frame)
    browser.execute_script(OPEN_DETAILS)
    browser.switch_to.default_content()
    WebDriverWait(browser, 15).until(lambda _: frame.size["height"] > content)
    taller = card_height(browser, frame)
    WebDriverWait(browser, 15).until(lambda _: abs(frame.size["height"] - taller) <= 1)

    # A message from anywhere but the card's own window changes nothing.
    browser.execute_script("window.postMessage({okxHeight: 5}, '*')")
    browser.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert abs(frame.size["height"] - taller) <= 1


def test_without_the_script_the_iframe_keeps_its_fixed_height(
    site: str, hosts: tuple[Path, str], browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}en/index.html")
    code = browser.find_element(By.CSS_SELECTOR, 'code[data-okx-src="embed/results.html"]')
    snippet = browser.execute_script("return arguments[0].textContent", code)
    stripped = snippet.split("<script>", 1)[0]
    folder, base = hosts
    (folder / "host-stripped.html").write_text(host_page(stripped), encoding="utf-8")
    browser.get(f"{base}host-stripped.html")
    frame = browser.find_element(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    browser.switch_to.frame(frame)
    browser.execute_script("return new Promise(r => setTimeout(r, 500))")
    assert browser.find_element(By.CSS_SELECTOR, "h2").text, "the card shows"
    browser.switch_to.default_content()
    assert frame.size["height"] == fallback_height(snippet)
