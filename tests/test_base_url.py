"""Published at a real address (`--base-url`): every address the web reads elsewhere is
absolute, and the site gets sitemap.xml, robots.txt and oEmbed.

One HTML-only build with a base URL serves these tests (PDFs do not carry these
addresses); `dist` (no base URL) shows the same outputs stay relative.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import xmlschema

from explainer.build import build
from explainer.errors import UsageError
from explainer.project import Project
from tests.support import ROOT, clean_environment, manifest, parse_file, shared_folder

BASE = "https://news.example/okoce/"
# The sitemaps.org schema as the npm package `sitemap` ships it (make node); the xhtml:link
# alternates it admits from another namespace are checked by our small schema of them.
SITEMAP_XSD = ROOT / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
XHTML_LINK_XSD = Path(__file__).parent / "data" / "xhtml-link.xsd"
# Where a web address must be absolute: these keys anywhere in JSON-LD or oEmbed JSON.
URL_KEYS = {"url", "@id", "provider_url", "thumbnail_url"}
_SRC_OR_HREF = re.compile(r"""\b(?:src|href)=["']([^"']*)["']""")


def _build_with_base(out: Path) -> None:
    with clean_environment():
        build(Project(ROOT), out, pdf=False, base_url=BASE, log=lambda _: None)


@pytest.fixture(scope="session")
def dist_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An HTML-only build published at BASE."""
    return shared_folder(tmp_path_factory, "dist-base", _build_with_base)


@pytest.fixture(scope="module")
def sitemap_schema() -> xmlschema.XMLSchema:
    """The sitemaps.org schema, with the xhtml:link alternates' own."""
    if not SITEMAP_XSD.exists():
        pytest.fail(f"{SITEMAP_XSD} is missing: run `make node`")
    return xmlschema.XMLSchema(
        SITEMAP_XSD, locations=[("http://www.w3.org/1999/xhtml", str(XHTML_LINK_XSD))]
    )


def _entries(dist: Path, *kinds: str) -> list[dict[str, Any]]:
    return [e for e in manifest(dist) if e["kind"] in kinds]


def _json_urls(data: Any) -> Iterator[str]:
    """Yield every value of a URL key (and every src/href in an oEmbed `html`)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in URL_KEYS and isinstance(value, str):
                yield value
            elif key == "html" and isinstance(value, str):
                yield from _SRC_OR_HREF.findall(value)
            else:
                yield from _json_urls(value)
        if "mainEntityOfPage" in data and isinstance(data["mainEntityOfPage"], str):
            yield data["mainEntityOfPage"]
    elif isinstance(data, list):
        for item in data:
            yield from _json_urls(item)


def _addresses(path: Path, kind: str) -> Iterator[tuple[str, str]]:
    """Yield (where, address) for every address of an HTML output that must be absolute."""
    doc = parse_file(path)
    for attrs in doc.find("link"):
        if attrs.get("rel") in ("canonical", "alternate"):
            yield f"link rel={attrs['rel']}", attrs["href"]
    for attrs in doc.find("meta"):
        prop = attrs.get("property", attrs.get("name", ""))
        if prop in ("og:url", "og:image", "twitter:image"):
            yield prop, attrs["content"]
    for attrs, text in doc.scripts:
        if attrs.get("type") == "application/ld+json":
            yield from (("JSON-LD", url) for url in _json_urls(json.loads(text)))
    for element in doc.select("code"):
        if "data-okx-src" in element.attrs:
            yield "embed code", element.attrs["data-okx-src"]
            for url in _SRC_OR_HREF.findall(html.unescape(element.text)):
                yield "embed code", url
    if kind == "fragment":
        for attrs in doc.find("a"):
            if not attrs.get("href", "#").startswith("#"):
                yield "fragment link", attrs["href"]


def test_no_relative_address_remains_where_the_web_expects_an_absolute_one(
    dist_base: Path,
) -> None:
    checked, relative = 0, []
    for entry in _entries(dist_base, "page", "embed", "fragment", "claim", "index"):
        for where, url in _addresses(dist_base / entry["path"], entry["kind"]):
            checked += 1
            if not url.startswith(BASE) and not url.startswith("https://creativecommons.org/"):
                relative.append(f"{entry['path']}: {where}: {url!r}")
    for entry in _entries(dist_base, "oembed"):
        answer = json.loads((dist_base / entry["path"]).read_text(encoding="utf-8"))
        for url in _json_urls(answer):
            checked += 1
            if not url.startswith(BASE):
                relative.append(f"{entry['path']}: {url!r}")
    assert checked > 150, checked  # the test looked at something
    assert not relative, "\n".join(relative)


def test_without_a_base_url_the_same_addresses_stay_relative(dist: Path) -> None:
    for entry in _entries(dist, "page", "embed", "fragment", "claim"):
        for where, url in _addresses(dist / entry["path"], entry["kind"]):
            assert not url.startswith("http") or "creativecommons" in url, (entry["path"], where)
    assert not _entries(dist, "oembed", "sitemap", "robots")


def test_each_card_and_the_page_name_themselves_and_each_other(dist_base: Path) -> None:
    page = parse_file(dist_base / "id" / "index.html")
    assert page.find("link", rel="canonical", href=f"{BASE}id/index.html")
    assert page.find("meta", property="og:url", content=f"{BASE}id/index.html")
    hreflang = {a["hreflang"]: a["href"] for a in page.find("link", rel="alternate")}
    assert hreflang == {
        "id": f"{BASE}id/index.html",
        "en": f"{BASE}en/index.html",
        "x-default": f"{BASE}index.html",
    }
    card = parse_file(dist_base / "en" / "embed" / "steps.html")
    assert card.find("link", rel="canonical", href=f"{BASE}en/embed/steps.html")
    (discovery,) = card.find("link", type="application/json+oembed")
    assert discovery["href"] == f"{BASE}en/embed/steps.oembed.json"
    fragment = parse_file(dist_base / "en" / "embed" / "steps.fragment.html")
    assert {"href": f"{BASE}en/index.html"}.items() <= fragment.find("a")[0].items()


def test_every_artefact_has_its_url_in_the_manifest(dist_base: Path) -> None:
    entries = manifest(dist_base)
    assert entries and all(e["url"] == BASE + e["path"] for e in entries)


def test_the_sitemap_validates_and_lists_every_page_with_its_translations(
    dist_base: Path, sitemap_schema: xmlschema.XMLSchema
) -> None:
    sitemap = dist_base / "sitemap.xml"
    sitemap_schema.validate(sitemap)
    pages = {BASE + e["path"] for e in _entries(dist_base, "page", "index", "claim")}
    loc = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    locs = {e.text for e in ElementTree.parse(sitemap).iter(loc)}
    assert locs == pages
    text = sitemap.read_text(encoding="utf-8")
    page = text[text.index(f"<loc>{BASE}en/index.html</loc>") :].split("</url>")[0]
    for lang, path in (
        ("id", "id/index.html"),
        ("en", "en/index.html"),
        ("x-default", "index.html"),
    ):
        assert f'hreflang="{lang}" href="{BASE}{path}"' in page
    robots = (dist_base / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def test_the_sitemap_schemas_can_fail(dist_base: Path, sitemap_schema: xmlschema.XMLSchema) -> None:
    text = (dist_base / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap_schema.is_valid(text)
    for old, new in (
        ("<lastmod>", "<lastmod>on "),  # not a W3C date
        ('hreflang="en"', 'hreflang="English"'),  # not a language tag
        ("<url>", "<url><priority>2</priority>"),  # out of range, and out of order
    ):
        assert not sitemap_schema.is_valid(text.replace(old, new, 1)), new


def test_oembed_answers_are_rich_iframes_with_their_size(dist_base: Path) -> None:
    cards = _entries(dist_base, "oembed")
    sections = {e["section"] for e in cards}
    assert sections >= {"about", "steps", "results", "disputes", "all", "chart-funnel"}
    assert any(s.startswith("claim-") for s in sections)
    for entry in cards:
        answer = json.loads((dist_base / entry["path"]).read_text(encoding="utf-8"))
        assert answer["version"] == "1.0" and answer["type"] == "rich"
        assert answer["title"] and answer["provider_name"]
        assert isinstance(answer["width"], int) and isinstance(answer["height"], int)
        (card,) = [
            e["path"]
            for e in manifest(dist_base)
            if e["kind"] in ("embed", "claim")
            and e.get("section") == entry["section"]
            and e["locale"] == entry["locale"]
        ]
        src = BASE + card
        # The card names its answer.
        discovery = parse_file(dist_base / card).find("link", type="application/json+oembed")
        assert [d["href"] for d in discovery] == [BASE + entry["path"]]
        # An iframe WordPress keeps (with the class its embed protocol looks for), then a
        # link for where frames do not load.
        assert answer["html"].startswith(f'<iframe class="wp-embedded-content" src="{src}"')
        assert (
            f'<blockquote class="wp-embedded-content" data-okx-fallback><a href="{src}">'
            in (answer["html"])
        )
        assert f'height="{answer["height"]}"' in answer["html"]


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/ ok/",
        "https://news.example/okoce",
        "https://x/?a=1/",
        "ftp://x/",
        "/okoce/",
    ],
)
def test_a_base_url_that_is_not_a_folder_address_is_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--base-url"):
        build(Project(ROOT), tmp_path / "out", pdf=False, base_url=url, log=lambda _: None)
    assert not (tmp_path / "out").exists()
