"""Every HTML output, parsed: nothing loads from another host, links stay relative,
fragments cannot leak styles and carry no ids, cards carry their citations, and the
manifest lists every card of every edition."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import tinycss2

from explainer.project import CMS_FRAGMENT_KIND, EMBED_KIND, FRAGMENT_KIND, Project
from explainer.render.cards import CARDS, FRAGMENT_ROOT_CLASS, ROOT_CLASS
from tests.support import Element, Html, manifest, parse_file

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
# Attributes that make the browser fetch something.
RESOURCES = {
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "input": ("src",),
}
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "data", "poster", "cite", "content"}


def html_outputs(dist: Path) -> list[dict[str, Any]]:
    return [e for e in manifest(dist) if e["path"].endswith(".html")]


def locales(dist: Path) -> list[str]:
    return sorted({e["locale"] for e in manifest(dist) if e["kind"] == "page"})


def is_absolute(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc)


def test_the_site_has_every_expected_html_file(dist: Path) -> None:
    paths = {e["path"] for e in html_outputs(dist)}
    assert "index.html" in paths
    assert set(locales(dist)) >= {"en", "id"}
    found = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*.html"))
    assert found == sorted(paths), "every HTML file is in the manifest, and only those"


def test_nothing_is_loaded_from_another_host(dist: Path) -> None:
    for entry in html_outputs(dist):
        doc = parse_file(dist / entry["path"])
        for tag, attrs in doc.tags:
            for name in RESOURCES.get(tag, ()):
                value = attrs.get(name, "")
                if tag == "link" and attrs.get("rel") in ("alternate", "canonical"):
                    continue  # a link to a page, not something the browser loads
                assert not is_absolute(value), f"{entry['path']}: <{tag} {name}={value!r}>"
        for sheet in doc.styles:
            for url in css_urls(sheet):
                assert not is_absolute(url), f"{entry['path']}: CSS loads {url!r}"
            assert "@import" not in sheet, entry["path"]
        for attrs, _ in doc.scripts:
            assert "src" not in attrs, f"{entry['path']}: external script {attrs['src']!r}"


def test_every_address_is_relative_except_the_licence(dist: Path) -> None:
    for entry in html_outputs(dist):
        for tag, attrs in parse_file(dist / entry["path"]).tags:
            for name, value in attrs.items():
                if name not in URL_ATTRS or (name == "content" and tag != "meta"):
                    continue
                if name == "content" and not re.match(r"^[a-z][a-z0-9+.-]*://", value):
                    continue  # meta content is text unless it is written as a URL
                if tag == "a" and value == LICENCE and attrs.get("rel") == "license":
                    continue
                assert not is_absolute(value), f"{entry['path']}: <{tag} {name}={value!r}>"


def test_every_local_link_resolves(dist: Path) -> None:
    for entry in html_outputs(dist):
        path = dist / entry["path"]
        doc = parse_file(path)
        assert doc.local_targets() <= set(doc.ids()), entry["path"]
        assert len(doc.ids()) == len(set(doc.ids())), f"{entry['path']}: duplicate ids"
        for tag, attrs in doc.tags:
            href = attrs.get("href", "")
            if tag != "a" or not href or href.startswith("#") or is_absolute(href):
                continue
            target = (path.parent / href.split("#")[0]).resolve()
            assert target.is_file(), f"{entry['path']}: {href!r} leads nowhere"


def test_the_manifest_lists_every_card_of_every_locale(dist: Path) -> None:
    entries = manifest(dist)
    for locale in locales(dist):
        for kind, suffix in (
            (EMBED_KIND, ".html"),
            (FRAGMENT_KIND, ".fragment.html"),
            (CMS_FRAGMENT_KIND, ".cms.html"),
        ):
            cards = {e["section"]: e for e in entries if (e["kind"], e["locale"]) == (kind, locale)}
            assert set(cards) >= set(CARDS), (locale, kind)
            for section in CARDS:
                entry = cards[section]
                assert entry["path"] == f"{locale}/embed/{section}{suffix}"
    for entry in entries:
        data = (dist / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def fragments(dist: Path, kind: str = FRAGMENT_KIND) -> Iterator[tuple[dict[str, Any], Html]]:
    for entry in manifest(dist):
        if entry["kind"] == kind:
            yield entry, parse_file(dist / entry["path"])


@pytest.mark.parametrize("kind", [FRAGMENT_KIND, CMS_FRAGMENT_KIND])
def test_fragments_have_no_script_and_no_ids(dist: Path, kind: str) -> None:
    """Pasted twice, a fragment must not repeat an id: it has none, and links to the page."""
    for entry, doc in fragments(dist, kind):
        assert not doc.scripts, entry["path"]
        assert not any(k.startswith("on") for _, a in doc.tags for k in a), entry["path"]
        assert not doc.ids() and not doc.local_targets(), entry["path"]
        for _, attrs in doc.tags:
            for name in ("aria-labelledby", "aria-describedby", "for", "headers"):
                assert name not in attrs, (entry["path"], name)
        cites = [a["href"] for t, a in doc.tags if t == "a" and "#source-" in a.get("href", "")]
        assert all(c.startswith("../index.html#source-") for c in cites), entry["path"]
        assert cites or entry["section"] == "sources", entry["path"]


def test_a_fragment_root_carries_the_style_version(dist: Path) -> None:
    for entry, doc in fragments(dist):
        tag, attrs = doc.tags[0]
        classes = attrs["class"].split()
        assert tag == "div" and FRAGMENT_ROOT_CLASS in classes, entry["path"]
        # An earlier edition's rules, under .okoce-explainer, cannot reach it.
        assert ROOT_CLASS not in classes, entry["path"]


def test_every_fragment_selector_is_under_the_versioned_root(dist: Path) -> None:
    for entry, doc in fragments(dist):
        assert doc.styles, entry["path"]
        for sheet in doc.styles:
            # The host's root font size is not ours: no rem.
            assert not re.search(r"[\d.]rem\b", sheet), f"{entry['path']}: rem"
            for selector in selectors(sheet):
                assert scoped(selector, FRAGMENT_ROOT_CLASS), (
                    f"{entry['path']}: selector {selector!r} is not scoped"
                )


def test_scoped_tells_scoped_selectors_from_leaky_ones() -> None:
    sheet = (
        ".okoce-explainer a, .okoce-explainer.okx-card > p, .okoce-explainer :is(p, li) {}"
        " @media (min-width: 40rem) { .okoce-explainer .x {} }"
    )
    assert all(scoped(s) for s in selectors(sheet))
    for leaky in (
        "body {}",
        "* {}",
        "html .okoce-explainer {}",
        ".okoce-explainer-x a {}",
        "a {}",
        ":is(.okoce-explainer, p) {}",
        ".okoce-explainer a, p {}",
    ):
        assert not all(scoped(s) for s in selectors(leaky)), leaky
    with pytest.raises(AssertionError):
        selectors("@font-face { font-family: x; }")


def selectors(sheet: str) -> list[str]:
    """Return every selector in a style sheet, looking inside @media and @supports."""
    found: list[str] = []
    rules = tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        assert rule.type != "error", rule.message
        if rule.type == "at-rule":
            assert rule.lower_at_keyword in ("media", "supports"), f"@{rule.at_keyword}"
            found += selectors(tinycss2.serialize(rule.content or []))
        else:
            found += top_level_selectors(rule.prelude)
    return found


def top_level_selectors(prelude: list[Any]) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :is() and the like)."""
    parts: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(part).strip() for part in parts]


def scoped(selector: str, root_class: str = ROOT_CLASS) -> bool:
    """Return whether a selector starts with the root class and nothing else."""
    tokens = [t for t in tinycss2.parse_component_value_list(selector) if t.type != "comment"]
    return (
        len(tokens) >= 2
        and tokens[0].type == "literal"
        and tokens[0].value == "."
        and tokens[1].type == "ident"
        and tokens[1].value == root_class
    )


def css_urls(sheet: str) -> list[str]:
    """Return every url(...) in a style sheet."""
    urls: list[str] = []

    def walk(tokens: Any) -> None:
        for token in tokens or []:
            if token.type == "url":
                urls.append(token.value)
            elif token.type == "function" and token.lower_name == "url":
                urls.extend(t.value for t in token.arguments if t.type == "string")
            for name in ("prelude", "content", "arguments"):
                inner = getattr(token, name, None)
                if isinstance(inner, list):
                    walk(inner)

    walk(tinycss2.parse_stylesheet(sheet))
    return urls


def source_numbers(doc: Html) -> tuple[set[int], set[int]]:
    """Return the sources a card cites and the sources it lists."""
    cited = {int(t.split("-")[-1]) for t in doc.local_targets() if re.match(r"source-\d+$", t)}
    listed = {int(i.split("-")[-1]) for i in doc.ids() if re.match(r"source-\d+$", i)}
    return cited, listed


@pytest.mark.parametrize("section", [c for c in CARDS if c != "sources"])
def test_a_card_lists_exactly_the_sources_it_cites(dist: Path, section: str) -> None:
    for locale in locales(dist):
        card = parse_file(dist / locale / "embed" / f"{section}.html")
        cited, listed = source_numbers(card)
        assert cited, (locale, section)
        assert listed == cited, (locale, section)


def test_cards_number_sources_as_the_page_does(dist: Path) -> None:
    for locale in locales(dist):
        entries = outlets_by_id(parse_file(dist / locale / "index.html"))
        assert len(entries) > 1
        for section in CARDS:
            card = outlets_by_id(parse_file(dist / locale / "embed" / f"{section}.html"))
            assert card, (locale, section)
            for anchor, outlet in card.items():
                assert entries[anchor] == outlet, (locale, section, anchor)


def outlets_by_id(doc: Html) -> dict[str, str]:
    """Return the outlet each entry of the document's lists of sources names, by the entry's id."""
    return {
        item.attrs["id"]: next(c.text for c in item.children if c.tag == "strong")
        for items in source_lists(doc)
        for item in items
        if "id" in item.attrs
    }


def source_lists(doc: Html) -> list[list[Element]]:
    """Return the entries of each list of sources: `ol.okx-sources`, or in a CMS-safe
    fragment (which has no classes) the list whose every entry states its number."""
    lists = []
    for ol in doc.select("ol"):
        entries = [c for c in ol.children if c.tag == "li"]
        if "okx-sources" in ol.classes or (entries and all("value" in e.attrs for e in entries)):
            lists.append(entries)
    return lists


def test_every_source_entry_shows_the_number_it_is_cited_by(dist: Path) -> None:
    """A card or claim page lists some sources; each keeps its number from the page,
    so "[4]" in the text is entry 4 in the list, not the list's first."""
    everything = set(range(1, len(source_lists(parse_file(dist / "en" / "index.html"))[0]) + 1))
    for entry in html_outputs(dist):
        doc = parse_file(dist / entry["path"])
        cited = {
            int(m.group(1))
            for e in doc.select("a")
            if (m := re.search(r"#(?:[\w-]+-)?source-(\d+)$", e.attrs.get("href", "")))
        }
        for items in source_lists(doc):
            shown = [int(e.attrs.get("value", n)) for n, e in enumerate(items, start=1)]
            assert set(shown) == (cited or everything), entry["path"]
            for number, item in zip(shown, items, strict=True):
                if "id" in item.attrs:
                    assert item.attrs["id"].endswith(f"source-{number}"), entry["path"]


# Blocks of running text, where a translated pattern and its argument meet.
TEXT_BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "figcaption", "summary"}


def test_no_word_is_written_twice_in_a_row(dist: Path) -> None:
    """A translation's own word before an argument that holds it again reads "dalam bahasa
    Bahasa Indonesia"; quotes are left as their speakers said them ("cuap cuap")."""
    doubled = []
    for entry in html_outputs(dist):
        for element in parse_file(dist / entry["path"]).elements:
            if element.tag in TEXT_BLOCKS and not element.inside("blockquote"):
                for match in re.finditer(r"(?i)\b(\w{2,})\s+\1\b", element.text):
                    doubled.append(f"{entry['path']}: {match.group(0)!r} in {element.text!r}")
    assert not doubled, "\n".join(doubled)


def test_a_name_that_opens_a_line_opens_it_with_a_capital(dist: Path) -> None:
    """ "the founder of OK OCE Mart Kalibata, not named in the source" is written lower case
    in the data, for the middle of a sentence; heading an entry, a side or a quote it is
    "The founder …"."""
    found = []
    for locale in locales(dist):
        doc = parse_file(dist / locale / "index.html")
        openers = [
            e
            for e in doc.elements
            if (e.tag == "dt" and e.inside("dl") and e.inside("section") and not e.classes)
            or (e.tag == "p" and {"okx-who", "okx-said-by"} & e.classes)
        ]
        assert len(openers) > 20, locale
        found += [f"{locale}: {e.text[:50]!r}" for e in openers if e.text[:1].islower()]
    assert not found, "\n".join(found)


def test_the_sources_card_lists_every_source(dist: Path) -> None:
    for locale in locales(dist):
        page = parse_file(dist / locale / "index.html")
        card = parse_file(dist / locale / "embed" / "sources.html")
        assert source_numbers(card)[1] == source_numbers(page)[1]


def test_cards_post_their_height_and_carry_cite_and_reuse(dist: Path) -> None:
    for locale in locales(dist):
        for section in CARDS:
            path = dist / locale / "embed" / f"{section}.html"
            doc = parse_file(path)
            html = path.read_text(encoding="utf-8")
            assert doc.find("html", lang=locale), path
            assert any("postMessage" in text for _, text in doc.scripts), path
            assert doc.find("a", href="../index.html", target="_top"), path
            assert doc.find("a", rel="license", href=LICENCE), path
            assert 'class="okx-reuse"' in html, path
            style = " ".join(doc.styles)
            assert ".okoce-explainer" in style and "okx-card" in style, path


def test_the_page_has_alternates_and_social_metadata(dist: Path) -> None:
    editions = locales(dist)
    for locale in editions:
        doc = parse_file(dist / locale / "index.html")
        assert doc.find("html", lang=locale)
        alternates = {a["hreflang"]: a["href"] for a in doc.find("link", rel="alternate")}
        assert alternates == {
            **{e: "index.html" if e == locale else f"../{e}/index.html" for e in editions},
            "x-default": "../index.html",
        }
        assert doc.find("link", rel="canonical", href="index.html")
        assert not doc.find("meta", property="og:url"), "og:url must be absolute"
        og_locale = {"en": "en_US", "id": "id_ID"}[locale]
        assert doc.find("meta", property="og:locale", content=og_locale)
        for prop in ("og:title", "og:description", "og:type", "og:locale"):
            assert doc.find("meta", property=prop), prop
        for name in ("twitter:card", "twitter:title", "twitter:description"):
            assert doc.find("meta", name=name), name
        switcher = {a["hreflang"] for a in doc.find("a") if "hreflang" in a}
        assert switcher >= set(editions) - {locale}
        assert doc.find("a", href=f"ok-oce-explainer-{locale}.pdf", type="application/pdf")


def _json_ld(path: Path) -> list[dict[str, Any]]:
    doc = parse_file(path)
    return [json.loads(t) for a, t in doc.scripts if a.get("type") == "application/ld+json"]


def test_the_page_is_a_news_article_and_each_claim_has_a_page_with_one_claim_review(
    dist: Path,
) -> None:
    """Google reads one ClaimReview per page: the page has none, each claim's page one."""
    for locale in locales(dist):
        (article,) = _json_ld(dist / locale / "index.html")
        assert article["@type"] == "NewsArticle" and article["inLanguage"] == locale
        assert article["datePublished"] and article["dateModified"]
        assert article["author"]["name"] and article["publisher"]["name"]
        doc = parse_file(dist / locale / "index.html")
        disputes = [a["id"] for t, a in doc.tags if t == "article" and "id" in a]
        claims = sorted(
            e["path"] for e in manifest(dist) if e["kind"] == "claim" and e["locale"] == locale
        )
        # Every dispute but a claim no one made (a silence) has its page.
        assert 0 < len(claims) <= len(disputes)
        for path in claims:
            (review,) = _json_ld(dist / path)
            assert review["@type"] == "ClaimReview"
            assert review["url"] == Path(path).name, "relative without a base URL"
            assert f"dispute-{Path(path).stem}" in disputes
            assert review["claimReviewed"]
            assert review["itemReviewed"]["author"]["name"]
            assert re.match(r"^\d{4}(-\d{2}){0,2}$", review["itemReviewed"]["datePublished"])
            assert review["reviewRating"]["alternateName"]


def test_the_page_has_one_embed_panel_with_every_cards_code(dist: Path) -> None:
    for locale in locales(dist):
        html = (dist / locale / "index.html").read_text(encoding="utf-8")
        assert html.count('class="okx-embed-panel"') == 1, locale
        panel = html[
            html.index('class="okx-embed-panel"') : html.index('<footer class="okx-footer"')
        ]
        assert html.count('<details class="okx-embed"') == len(CARDS) == panel.count("<details")
        assert html.index('id="sources"') < html.index('class="okx-embed-panel"')
        assert 'class="okx-reuse"' in panel and "okx-reuse-title" not in html
        for section in CARDS:
            assert f'<code data-okx-src="embed/{section}.html">' in html, (locale, section)
        codes = re.findall(r"<code data-okx-src[^>]*>(.*?)</code>", html, re.S)
        iframes = [code for code in codes if code.startswith("&lt;iframe ")]
        amps = [code for code in codes if code.startswith("&lt;amp-iframe ")]
        assert len(iframes) == len(amps) == len(CARDS) and len(codes) == 2 * len(CARDS)
        for code in iframes:
            assert "loading=&#34;lazy&#34;" in code
            assert "title=&#34;" in code and "height:" in code
            assert "e.origin" in code
        for code in amps:
            assert " resizable " in code and "title=&#34;" in code and "height=&#34;" in code


def test_the_root_offers_every_edition(dist: Path) -> None:
    doc = parse_file(dist / "index.html")
    links = {a["href"] for a in doc.find("a")}
    for locale in locales(dist):
        assert f"{locale}/index.html" in links
        assert f"{locale}/ok-oce-explainer-{locale}.pdf" in links
    assert any("navigator.language" in text for _, text in doc.scripts)
    both = [e["path"] for e in manifest(dist) if e["kind"] == "pdf" and "+" in e["locale"]]
    assert all(path in links for path in both)


def test_the_whole_explainer_card_leaves_the_quotes_to_the_section_cards(dist: Path) -> None:
    for locale in locales(dist):
        whole = (dist / locale / "embed" / "all.html").read_text(encoding="utf-8")
        about = (dist / locale / "embed" / "about.html").read_text(encoding="utf-8")
        assert 'class="okx-quotes"' not in whole
        assert 'class="okx-quotes"' in about
        assert 'id="results"' in whole and 'id="disputes"' in whole


def test_every_iframe_card_posts_its_height(dist: Path) -> None:
    """Chart cards too: the same embed code resizes any card."""
    for entry in manifest(dist):
        if entry["kind"] == "embed":
            doc = parse_file(dist / entry["path"])
            scripts = [text for _, text in doc.scripts]
            assert any("postMessage" in text for text in scripts), entry["path"]
            card = f'var card = "{entry["section"]}";'
            assert any(card in text and "okxCard: card" in text for text in scripts)


def test_no_style_sheet_writes_words_or_punctuation(project: Project) -> None:
    """Everything a reader sees comes from a catalog: a style sheet's `content` writes no
    text on the page ("Period" + ": " or "— registration" were made in CSS), only spaces,
    leaders and the page's margin boxes in print (which read the catalog's strings)."""
    found = []
    for path in sorted((project.templates_dir / "styles").glob("*.css")):
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", path.read_text("utf-8"))  # Jinja
        text = re.sub(r"@page[^{]*\{(?:[^{}]|\{[^{}]*\})*\}", "", text)
        for match in re.finditer(r"content:\s*([^;}]*)", text):
            value = re.sub(r"leader\([^)]*\)", "", match.group(1))  # dots up to a page number
            strings = re.findall(r"\"([^\"]*)\"|'([^']*)'", value)
            written = [a or b for a, b in strings if (a or b).strip()]
            if written:
                found.append(f"{path.name}: content: {match.group(1).strip()}")
    assert not found, "\n".join(found)
