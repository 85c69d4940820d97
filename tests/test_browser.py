"""Every page and card in headless Chromium: axe-core finds no WCAG 2.2 AA violation,
and the embed code shown on the page resizes its iframe on a host page.

`dist` is served from 127.0.0.1; the host page from a second server, so the
card is cross-origin as it is on an outlet's site. Skipped only when Chromium
or chromedriver is not installed (`make test` installs both).
"""

from __future__ import annotations

import functools
import html
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT, manifest

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
OPEN_DETAILS = "document.querySelectorAll('details').forEach(d => d.open = true)"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Every rule runs in the light scheme; in the dark scheme, only the rules whose outcome
# depends on colours (the scheme changes colours, not the document or its roles).
ALL_RULES = {"runOnly": {"type": "tag", "values": TAGS}}
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
]

pytestmark = [
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
        reason="Chromium and chromedriver are not installed (make system-test installs them)",
    ),
    # One worker runs them all, so one browser starts (pytest -n … --dist loadgroup).
    pytest.mark.xdist_group("browser"),
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site(dist: Path) -> Iterator[str]:
    """The built site, served over HTTP from 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(dist))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()
        thread.join()


@pytest.fixture(scope="session")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder for host pages and its server (another origin than the site)."""
    folder = tmp_path_factory.mktemp("hosts")
    handler = functools.partial(_Quiet, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()
        thread.join()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium, with a throwaway profile and no background networking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@functools.cache
def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make node`")
    return AXE.read_text(encoding="utf-8")


def _axe(driver: Any, options: dict[str, Any]) -> list[dict[str, Any]]:
    """Open every <details>, run axe-core's rules on the page, return its violations."""
    driver.execute_script(OPEN_DETAILS)
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(_axe_source())
    result: dict[str, Any] = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, arguments[0])
          .then(r => done({violations: r.violations.map(v => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))}))
          .catch(e => done({error: String(e)}));
        """,
        options,
    )
    assert "error" not in result, result.get("error")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def _report(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {where}:"]
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"][:10])
    return "\n".join(lines)


def _scheme(driver: Any, scheme: str) -> None:
    """Emulate a colour scheme; no transitions, so colours change at once."""
    features = [
        {"name": "prefers-color-scheme", "value": scheme},
        {"name": "prefers-reduced-motion", "value": "reduce"},
    ]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})
    query = f"return matchMedia('(prefers-color-scheme: {scheme})').matches"
    assert driver.execute_script(query), f"the {scheme} scheme is not in effect"


def _check_both_schemes(driver: Any, url: str, where: str) -> None:
    """Run axe-core on `url` in the light and then (without reloading) the dark scheme."""
    failures = []
    _scheme(driver, "light")
    driver.get(url)
    for scheme, rules in (("light", ALL_RULES), ("dark", COLOUR_RULES)):
        _scheme(driver, scheme)
        violations = _axe(driver, rules)
        if violations:
            failures.append(_report(f"{where} ({scheme})", violations))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert not failures, "\n".join(failures)


def _html_outputs(dist: Path) -> list[str]:
    return [e["path"] for e in manifest(dist) if e["kind"] in ("page", "embed", "index")]


def test_every_page_and_card_passes_axe(dist: Path, site: str, browser: Any) -> None:
    failures = []
    for path in _html_outputs(dist):
        # "#editions" keeps dist/index.html from moving on to an edition.
        url = site + path + ("#editions" if path == "index.html" else "")
        try:
            _check_both_schemes(browser, url, path)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


def test_every_page_and_card_fits_a_320_px_screen(dist: Path, site: str, browser: Any) -> None:
    """WCAG 1.4.10 (reflow): nothing scrolls sideways at 320 CSS pixels."""
    browser.set_window_size(320, 900)
    try:
        wide = []
        for path in _html_outputs(dist):
            browser.get(site + path + ("#editions" if path == "index.html" else ""))
            browser.execute_script(OPEN_DETAILS)
            scroll, client = browser.execute_script(
                "const e = document.documentElement; return [e.scrollWidth, e.clientWidth]"
            )
            if scroll > client:
                wide.append(f"{path}: {scroll} px wide in a {client} px viewport")
    finally:
        browser.set_window_size(1280, 900)
    assert not wide, "\n".join(wide)


def test_every_fragment_passes_axe_inside_a_host_page(
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
        (folder / name).write_text(_host_page("\n".join(texts)), encoding="utf-8")
        try:
            _check_both_schemes(browser, base + name, f"the {locale} fragments")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


# An outlet's own element rules, pale enough to fail contrast if they reached the card.
HOST_CSS = "p, li, span, h2, h3, h4, td, th, dt, dd, strong, cite, figcaption { color: #aaa; }"


def _host_page(body: str) -> str:
    """Return an outlet's article page with `body` in the middle of its text."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>An outlet's article</title><style>{HOST_CSS}</style></head>\n"
        "<body><main><h1>An outlet's article</h1>"
        '<p style="color: #222">Text of the article around the explainer.</p>\n'
        f'{body}\n<p style="color: #222">More of the article.</p></main></body></html>\n'
    )


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
    fallback = _fallback_height(snippet)

    folder, base = hosts
    (folder / f"host-{locale}-{section}.html").write_text(_host_page(snippet), encoding="utf-8")
    browser.get(f"{base}host-{locale}-{section}.html")
    frame = browser.find_element(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    assert frame.get_attribute("loading") == "lazy"
    assert frame.get_attribute("title")
    WebDriverWait(browser, 15).until(lambda _: frame.size["height"] != fallback)
    content = _card_height(browser, frame)
    assert abs(frame.size["height"] - content) <= 1, (frame.size["height"], content)

    # Opening the quotes makes the card taller, and the frame follows.
    browser.switch_to.frame(frame)
    browser.execute_script(OPEN_DETAILS)
    browser.switch_to.default_content()
    WebDriverWait(browser, 15).until(lambda _: frame.size["height"] > content)
    taller = _card_height(browser, frame)
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
    (folder / "host-stripped.html").write_text(_host_page(stripped), encoding="utf-8")
    browser.get(f"{base}host-stripped.html")
    frame = browser.find_element(By.CSS_SELECTOR, "iframe[data-okx-embed]")
    browser.switch_to.frame(frame)
    browser.execute_script("return new Promise(r => setTimeout(r, 500))")
    assert browser.find_element(By.CSS_SELECTOR, "h2").text, "the card shows"
    browser.switch_to.default_content()
    assert frame.size["height"] == _fallback_height(snippet)


def _card_height(browser: Any, frame: Any) -> int:
    """Return the height of the card inside `frame`."""
    browser.switch_to.frame(frame)
    height: int = browser.execute_script(
        "return Math.ceil(document.querySelector('.okoce-explainer')"
        ".getBoundingClientRect().height)"
    )
    browser.switch_to.default_content()
    return height


def _fallback_height(snippet: str) -> int:
    style = html.unescape(snippet).split('style="', 1)[1].split('"', 1)[0]
    height = next(p for p in style.split(";") if p.startswith("height:"))
    return int(height.removeprefix("height:").removesuffix("px"))
