"""Screenshots for docs/embeds.md: each embed code in an outlet's article page.

    make screenshots, or PYTHONPATH=. .venv/bin/python scripts/embed_screenshots.py [OUT_DIR]
    (default: docs/img)

Builds the HTML (no PDF) with a site address on 127.0.0.1, serves it, and serves the
outlet's pages from localhost (another origin), with a theme whose CSS would leak into
anything unprotected. Takes each page in headless Chromium at 360 and 1280 px wide.
The WordPress page is the card's oEmbed answer as WordPress 6 inserts it for a site it
discovers (sandboxed iframe with a secret) and a stand-in for wp-embed.js; the AMP page
has a stand-in for the AMP runtime, which cannot be loaded here.
"""

from __future__ import annotations

import html
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from explainer.build import build
from explainer.project import Project
from tests.browser.support import CHROMEDRIVER, CHROMIUM, WP_HOST_SCRIPT, serving

ROOT = Path(__file__).resolve().parent.parent
LOCALE, CARD = "en", "results"
WIDTHS = (360, 1280)
# An outlet's theme: its own fonts, sizes, link colour and table and quote rules.
THEME_CSS = """
body { margin: 0; background: #fbf8f3; color: #222; font: 19px/1.8 "DejaVu Serif", serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font: bold 2rem/1.2 "DejaVu Sans", sans-serif; }
h2, h3 { text-transform: uppercase; letter-spacing: 2px; color: #900; }
p { margin: 1.4em 0; }
a { color: #c00 !important; text-decoration: none !important; font-weight: bold; }
table { width: 100%; border: 3px solid #c00; }
td, th { border: 1px dotted #c00; padding: 12px; }
blockquote { border-left: 8px solid #c00; font-style: italic; margin: 2em; }
ul { list-style: square; }
"""


# Stands in for the AMP runtime, which cannot be loaded here: it turns each <amp-iframe>
# into the <iframe> AMP would make (same address, sandbox, title, initial height) and
# resizes it on the card's embed-size message. (AMP itself resizes only a frame out of
# view and otherwise shows the overflow button; the stand-in always resizes.)
AMP_STAND_IN = """<style>
amp-iframe { display: block; }
amp-iframe [overflow] { display: none; }
</style>
<script>
document.querySelectorAll("amp-iframe").forEach(function (amp) {
  var f = document.createElement("iframe");
  ["src", "sandbox", "title"].forEach(function (a) { f.setAttribute(a, amp.getAttribute(a)); });
  f.style.cssText = "display:block;width:100%;border:0;height:" + amp.getAttribute("height") + "px";
  amp.appendChild(f);
  addEventListener("message", function (e) {
    var d = e.data;
    if (e.source === f.contentWindow && d && d.sentinel === "amp" && d.type === "embed-size")
      f.style.height = d.height + "px";
  });
});
</script>"""


def article(title: str, body: str, extra: str = "") -> str:
    """Return an outlet's article page with `body` in the middle of its text."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{THEME_CSS}</style></head><body><main>"
        f"<h1>{html.escape(title)}</h1><p>The outlet's own report, before the explainer.</p>"
        f"\n{body}\n<p>The outlet's report goes on after it.</p></main>{extra}</body></html>\n"
    )


def wordpress_embed(oembed_html: str, secret: str = "Sc7kW2xQ") -> str:
    """Return an oEmbed answer's html as WordPress inserts it for a discovered provider."""
    frame = re.search(r"<iframe\b[^>]*></iframe>", oembed_html)
    quote = re.search(r"<blockquote\b.*?</blockquote>", oembed_html, re.S)
    assert frame and quote, "the oEmbed html has an iframe and a blockquote"
    src = re.search(r'src="([^"]*)"', frame.group()).group(1)  # type: ignore[union-attr]
    title = re.search(r'title="([^"]*)"', frame.group()).group(1)  # type: ignore[union-attr]
    height = re.search(r'height="(\d+)"', frame.group()).group(1)  # type: ignore[union-attr]
    link = re.search(r"<a\b.*?</a>", quote.group(), re.S).group()  # type: ignore[union-attr]
    return (
        # WordPress's block markup and the rule its block library has for embedded frames.
        "<style>.wp-block-embed iframe { max-width: 100%; }</style>"
        '<figure class="wp-block-embed is-type-wp-embed"><div class="wp-block-embed__wrapper">'
        f'<blockquote class="wp-embedded-content" data-secret="{secret}">{link}</blockquote>'
        f'<iframe sandbox="allow-scripts" security="restricted"'
        ' style="position: absolute; clip: rect(1px, 1px, 1px, 1px);"'
        f' src="{src}#?secret={secret}" data-secret="{secret}" width="600" height="{height}"'
        f' title="{title}" frameborder="0" marginwidth="0" marginheight="0" scrolling="no"'
        ' class="wp-embedded-content"></iframe></div></figure>'
    )


def host_pages(dist: Path, site: str) -> dict[str, str]:
    """Return the outlet's pages (name → HTML), one per embed code."""
    embed = dist / LOCALE / "embed"
    page = (dist / LOCALE / "index.html").read_text(encoding="utf-8")
    codes = re.findall(
        rf'<code data-okx-src="{re.escape(site)}[^"]*/{CARD}\.html">(.*?)</code>', page, re.S
    )
    assert len(codes) == 2, "the page shows the card's iframe and AMP codes with full addresses"
    iframe_code, amp_code = (html.unescape(c) for c in codes)
    oembed = json.loads((embed / f"{CARD}.oembed.json").read_text(encoding="utf-8"))

    def read(name: str) -> str:
        return (embed / name).read_text(encoding="utf-8")

    return {
        "iframe": article("An outlet's article: the iframe code", iframe_code),
        "amp": article("An AMP article: the AMP code", amp_code, AMP_STAND_IN),
        "wordpress": article(
            "A WordPress post: the card's address, embedded by oEmbed",
            wordpress_embed(oembed["html"]),
            WP_HOST_SCRIPT,
        ),
        "fragment": article(
            "An outlet's article: the styled fragment", read(f"{CARD}.fragment.html")
        ),
        "fragment-dark": article(
            "An outlet's article: the styled fragment, okx-theme-dark",
            read(f"{CARD}.fragment.html").replace("okx-fragment", "okx-fragment okx-theme-dark", 1),
        ),
        "cms": article("A WordPress post: the CMS-safe fragment", read(f"{CARD}.cms.html")),
    }


def main(argv: list[str]) -> int:
    """Build, serve, and take the screenshots into argv[0] (default docs/img)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    out = Path(argv[0]) if argv else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    with tempfile.TemporaryDirectory() as tmp:
        dist, hosts = Path(tmp) / "dist", Path(tmp) / "hosts"
        hosts.mkdir()
        # The site is served before it is built: the build needs its address.
        with serving(dist) as site, serving(hosts, "localhost") as host:
            build(Project(ROOT), dist, pdf=False, base_url=site, log=lambda _: None)
            pages = host_pages(dist, site)
            for name, text in pages.items():
                (hosts / f"{name}.html").write_text(text, encoding="utf-8")
            driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
            try:
                for name in pages:
                    for width in WIDTHS:
                        driver.set_window_size(width, 1400)
                        driver.get(f"{host}{name}.html")
                        time.sleep(1.5)  # let the frames load and report their height
                        target = out / f"embed-{name}-{width}.png"
                        driver.save_screenshot(str(target))
                        print(f"wrote {target}")
            finally:
                driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
