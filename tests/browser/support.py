"""What the browser tests share: Chromium's settings, axe-core, colour schemes, host pages.

Browser tests live in this folder and share one headless Chromium per pytest worker
(see conftest.py). Each module marks itself with `BROWSER_MARKS`.
"""

from __future__ import annotations

import functools
import html
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Chromium's headless shell (Debian's chromium-headless-shell): the same Blink and V8 as
# the browser, without its user interface; the visits take about a sixth less CPU. The
# full browser when the shell is not installed.
CHROMIUM = (
    shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
OPEN_DETAILS = "document.querySelectorAll('details').forEach(d => d.open = true)"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Every rule runs in the light scheme; in the dark scheme, only the rules whose outcome
# depends on colours (the scheme changes colours, not the document or its roles).
ALL_RULES = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
COLOUR_RULES = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}
# The boxes (blocks, list items, cells) whose content is wider than they are, innermost
# only; boxes that scroll on purpose (overflow other than visible), drawings and
# hidden data tables aside. Each as "tag.classes scroll width>width: its text".
OVERFLOWS_JS = """
const boxes = ["block", "list-item", "table-cell", "flex", "grid", "inline-block", "flow-root"];
const isBox = e => boxes.includes(getComputedStyle(e).display);
const overflows = e => e.scrollWidth > e.clientWidth + 1;
return [...document.querySelectorAll("body *")].filter(e => {
  if (e.closest("svg, script, style") || e.clientWidth <= 1) return false;
  if (!isBox(e) || getComputedStyle(e).overflowX !== "visible" || !overflows(e)) return false;
  return ![...e.children].some(c => isBox(c) && overflows(c));
}).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} `
  + `${e.scrollWidth}>${e.clientWidth}: ${e.textContent.trim().slice(0, 40)}`);
"""
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
    # A phone's scroll bars lie over the page: at 360 px the page has all 360 px.
    "--hide-scrollbars",
]

BROWSER_MARKS = [
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
        reason="Chromium and chromedriver are not installed (make system-test installs them)",
    ),
    # One worker runs them all, so one browser starts (pytest -n … --dist loadgroup).
    pytest.mark.xdist_group("browser"),
]


@functools.cache
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make node`")
    return AXE.read_text(encoding="utf-8")


@contextmanager
def axe_in_every_document(driver: Any) -> Iterator[None]:
    """Have Chromium add axe-core to every document it opens until the block ends.

    For a run of visits: handing Chromium the 650 KB script once costs less than
    sending it through WebDriver into each document (about a tenth of the visits' CPU).
    """
    added = driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": axe_source()}
    )
    try:
        yield
    finally:
        driver.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )


def axe(driver: Any, options: dict[str, Any], within: str = "") -> list[dict[str, Any]]:
    """Open every <details>, run axe-core's rules on the page (or only on the elements
    the CSS selector `within` matches), return its violations."""
    driver.execute_script(OPEN_DETAILS)
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(axe_source())
    result: dict[str, Any] = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const within = arguments[1] ? {include: [[arguments[1]]]} : document;
        axe.run(within, arguments[0])
          .then(r => done({violations: r.violations.map(v => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))}))
          .catch(e => done({error: String(e)}));
        """,
        options,
        within,
    )
    assert "error" not in result, result.get("error")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def report(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {where}:"]
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"][:10])
    return "\n".join(lines)


def emulate_scheme(driver: Any, scheme: str) -> None:
    """Emulate a colour scheme; no transitions, so colours change at once."""
    features = [
        {"name": "prefers-color-scheme", "value": scheme},
        {"name": "prefers-reduced-motion", "value": "reduce"},
    ]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})
    query = f"return matchMedia('(prefers-color-scheme: {scheme})').matches"
    assert driver.execute_script(query), f"the {scheme} scheme is not in effect"


def check_both_schemes(driver: Any, url: str, where: str) -> None:
    """Run axe-core on `url` in the light and then (without reloading) the dark scheme."""
    failures = []
    emulate_scheme(driver, "light")
    driver.get(url)
    for scheme, rules in (("light", ALL_RULES), ("dark", COLOUR_RULES)):
        emulate_scheme(driver, scheme)
        violations = axe(driver, rules)
        if violations:
            failures.append(report(f"{where} ({scheme})", violations))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert not failures, "\n".join(failures)


# An outlet's own element rules, pale enough to fail contrast if they reached the card.
HOST_CSS = "p, li, span, h2, h3, h4, td, th, dt, dd, strong, cite, figcaption { color: #aaa; }"


def host_page(body: str) -> str:
    """Return an outlet's article page with `body` in the middle of its text."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>An outlet's article</title><style>{HOST_CSS}</style></head>\n"
        "<body><main><h1>An outlet's article</h1>"
        '<p style="color: #222">Text of the article around the explainer.</p>\n'
        f'{body}\n<p style="color: #222">More of the article.</p></main></body></html>\n'
    )


def card_height(browser: Any, frame: Any) -> int:
    """Return the height of the card inside `frame`."""
    browser.switch_to.frame(frame)
    height: int = browser.execute_script(
        "return Math.ceil(document.querySelector('.okoce-explainer')"
        ".getBoundingClientRect().height)"
    )
    browser.switch_to.default_content()
    return height


def fallback_height(snippet: str) -> int:
    style = html.unescape(snippet).split('style="', 1)[1].split('"', 1)[0]
    height = next(p for p in style.split(";") if p.startswith("height:"))
    return int(height.removeprefix("height:").removesuffix("px"))


# Stands in for WordPress's wp-embed.js on a host page: it trusts a message whose secret
# is a WordPress secret and whose source is the window of the iframe with that
# data-secret; it shows the frame, hides the fallback blockquote, keeps heights within
# 200..1000 px as WordPress does, and records the links it was asked to open.
WP_HOST_SCRIPT = """<script>
window.links = [];
addEventListener("message", function (e) {
  var d = e.data;
  if (!d || !d.secret || /[^a-zA-Z0-9]/.test(d.secret)) return;
  document.querySelectorAll('iframe[data-secret="' + d.secret + '"]').forEach(function (f) {
    if (e.source !== f.contentWindow) return;
    f.removeAttribute("style");
    document.querySelectorAll('blockquote[data-secret="' + d.secret + '"]')
      .forEach(function (b) { b.style.display = "none"; });
    if (d.message === "height") f.height = Math.min(Math.max(parseInt(d.value, 10), 200), 1000);
    if (d.message === "link") window.links.push(d.value);
  });
});
</script>"""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `folder` over HTTP on a free port of `host`; yield its address.

    The folder is read at each request, so it may be filled after the server starts
    (a build that needs its own address first).
    """
    handler = functools.partial(QuietHandler, directory=str(folder))
    with ThreadingHTTPServer((host, 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://{host}:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()
