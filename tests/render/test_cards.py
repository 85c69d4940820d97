"""Cards and the site around them, piece by piece: id scoping, sources, embed code,
CSS minifying, structured data, and partial rebuilds that keep the other editions."""

from __future__ import annotations

import gettext
import hashlib
import json
import re

import pytest

from explainer.build import check, load_model, prepare
from explainer.errors import InputError
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import translate
from explainer.project import Project
from explainer.render.cards import (
    CARDS,
    FALLBACK_HEIGHTS,
    FRAGMENT_ROOT_CLASS,
    STYLE_VERSION,
    Card,
    Heights,
    amp_snippet,
    cited_sources,
    embed_codes,
    height_style,
    snippet,
)
from explainer.render.environment import minify_css
from explainer.render.fragment_css import fragment_css
from explainer.render.page import edition_cards
from explainer.render.structured import script_json


def english() -> Messages:
    return Messages("en", gettext.NullTranslations())


@pytest.fixture(scope="module")
def cards(project: Project) -> dict[str, Card]:
    """The English edition's cards, by section."""
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["en"])
    return {card.section: card for card in edition_cards(project.templates_dir, edition, model)}


def _numbers(pattern: str, html: str) -> set[int]:
    return {int(n) for n in re.findall(pattern, html)}


def test_a_card_lists_exactly_the_sources_its_content_cites(
    project: Project, cards: dict[str, Card]
) -> None:
    model, _ = load_model(project)
    for section, card in cards.items():
        listed = _numbers(r'<li id="source-(\d+)"', card.page)
        cited = _numbers(r'href="#source-(\d+)"', card.page)
        if section == "sources":
            assert listed == {s.number for s in model.sources}
        else:
            assert listed == cited, section
        assert 'id="cite-' not in card.page and 'class="okx-backlinks"' not in card.page


def test_the_sources_card_lists_every_source(project: Project) -> None:
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["en"])
    charts = edition.charts["screen"]
    numbers = [s["number"] for s in cited_sources(edition.context, charts, "sources")]
    assert numbers == sorted(s.number for s in model.sources)


def test_only_the_whole_explainer_card_leaves_out_the_quotes(cards: dict[str, Card]) -> None:
    assert 'class="okx-quotes"' not in cards["all"].page
    assert 'class="okx-quotes"' in cards["about"].page


def test_fragments_have_no_ids_and_cite_the_full_page(cards: dict[str, Card]) -> None:
    """The page and the iframe card keep their ids; a fragment, pasted maybe twice, has none."""
    for section, card in cards.items():
        assert 'id="' in card.page, section
        for fragment in (card.fragment, card.cms):
            assert not re.search(r"\s(id|aria-labelledby|aria-describedby|for|headers)=", fragment)
            assert 'href="#' not in fragment, section
            assert 'href="../index.html"' in fragment and "<script" not in fragment
        if section != "sources":
            assert 'href="../index.html#source-' in card.fragment, section
            assert 'href="../index.html#source-' in card.cms, section


def test_the_fragment_root_class_carries_the_style_version(cards: dict[str, Card]) -> None:
    assert f"okx-v{STYLE_VERSION}" == FRAGMENT_ROOT_CLASS
    for card in cards.values():
        assert card.fragment.startswith(f'<div class="{FRAGMENT_ROOT_CLASS} okx-card okx-fragment"')


# The sha256 of a fragment's <style> under each style version. A fragment's <style> stays
# on the outlet's page with every fragment pasted later, all under one root class per
# version: CSS that changes under the same version restyles the fragments pasted before.
STYLE_SHA256 = {
    2: "c03382eb67330c86030bc32013d282193171b9c7833ed89731e20561fefc609a",
    3: "0c5d30e47882a3434ff861425988b9827c133eebe0716523a3fc248dab3eb24a",
    4: "3e0f94c536dff610e65eb35bcd7fab275a74168f4e7b420800fa5080de412eb5",
    5: "ad0df6601a576f9ab6c8a6de20138a5a7c13117d9861442b2d40156af8395f29",
    6: "78a08e96ca67e9dee1e8dddb77c0e58bcb12d2cce7a3d81f61d7b8ac1218974a",
    7: "dca777dc2730b216480077562f8adc70e4cde04424070435067978f260309062",
}


def test_the_fragment_css_changes_only_with_the_style_version(cards: dict[str, Card]) -> None:
    styles = {_style_sheet(card.fragment) for card in cards.values()}
    assert len(styles) == 1, "every fragment carries the same style sheet"
    sha = hashlib.sha256(styles.pop().encode()).hexdigest()
    recorded = STYLE_SHA256.get(STYLE_VERSION)
    version = STYLE_VERSION + 1 if recorded else STYLE_VERSION
    assert sha == recorded, (
        "The fragments' CSS changed: "
        + ("raise STYLE_VERSION in explainer/render/cards.py and " if recorded else "")
        + f"record STYLE_SHA256[{version}] = {sha!r} in this file."
    )


def _style_sheet(fragment: str) -> str:
    match = re.search(r"<style>(.*?)</style>", fragment, re.S)
    assert match, "a fragment carries its style sheet"
    return match[1]


def test_fragment_css_puts_every_rule_under_the_versioned_root_and_rem_in_px() -> None:
    css = minify_css(
        ".okoce-explainer { font-size: 1.0625rem; }"
        ' .okoce-explainer.okx-card > p::after { content: ".okoce-explainer 2rem"; }'
        " .okoce-explainer-x { margin: 0.5em; }"
        " @media (max-width: 36rem) { .okoce-explainer :is(td) { padding: .25rem; } }"
    )
    assert fragment_css(css, "okx-v9") == (
        ".okx-v9.okx-fragment{font-size:17px}"
        '.okx-v9.okx-fragment.okx-card>p::after{content:".okoce-explainer 2rem"}'
        ".okoce-explainer-x{margin:0.5em}"
        "@media (max-width:576px){.okx-v9.okx-fragment :is(td){padding:4px}}"
    )


def test_embed_code_has_title_lazy_loading_fallback_height_and_origin_check(
    project: Project,
) -> None:
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["en"])
    codes = embed_codes(edition.context, edition.messages)
    assert set(codes) == set(CARDS)
    steps = codes["steps"]
    assert steps.src == "embed/steps.html"
    assert steps.fragment == "embed/steps.fragment.html"
    assert 'title="OK OCE explained: How it works: the 7 PAS steps"' in steps.snippet
    assert steps.section_title == "How it works: the 7 PAS steps"
    assert 'loading="lazy"' in steps.snippet
    assert height_style(FALLBACK_HEIGHTS["steps"]) in steps.snippet
    assert "e.origin !== new URL(f.src).origin" in steps.snippet
    assert "e.source !== f.contentWindow" in steps.snippet
    # No cap: the whole explainer is taller than 20,000 px on a phone.
    assert "Math.min" not in steps.snippet and "20000" not in steps.snippet
    link = '<p data-okx-fallback><a href="embed/steps.html">Read “OK OCE explained: How'
    assert link in steps.snippet


def test_the_fallback_height_goes_from_phone_to_desktop() -> None:
    style = height_style(Heights(600, 900))
    # A plain height first, for browsers that do not know clamp().
    assert style.startswith("height:900px;height:clamp(600px, calc(600px + (100vw - 400px)")
    assert style.endswith("* 300 / 624), 900px)")
    assert height_style(Heights(700, 700)) == "height:700px"
    # clamp(MIN, …, MAX) with MIN above MAX is always MIN: phones must not get more.
    assert all(h.phone <= h.desktop for h in FALLBACK_HEIGHTS.values())


def test_the_amp_code_is_a_resizable_amp_iframe_with_an_overflow_button(
    project: Project,
) -> None:
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["id"])
    amp = embed_codes(edition.context, edition.messages)["sources"].amp
    assert amp.startswith('<amp-iframe src="embed/sources.html" title="Memahami OK OCE: Sumber"')
    assert 'layout="fixed-height"' in amp and 'width="auto"' in amp and " resizable " in amp
    sandbox = amp.split('sandbox="', 1)[1].split('"', 1)[0].split()
    assert {"allow-scripts", "allow-same-origin", "allow-popups"} <= set(sandbox)
    assert "allow-top-navigation" not in sandbox, "only on a reader's click"
    button = '<div overflow tabindex="0" role="button" aria-label="Tampilkan seluruh kartu">'
    assert button + "Tampilkan seluruh kartu</div>" in amp


def test_embed_codes_escape_their_addresses_and_titles() -> None:
    src, title = 'embed/a.html?x="1"&y=<2>', 'A "title" & <more>'
    for code in (
        snippet(src, title, Heights(1, 2), title),
        amp_snippet(src, title, Heights(1, 2), title),
    ):
        assert 'src="embed/a.html?x=&quot;1&quot;&amp;y=&lt;2&gt;"' in code
        assert "A &quot;title&quot; &amp; &lt;more&gt;" in code
        assert '"title"' not in code and "<more>" not in code


def test_minify_css_keeps_strings_and_drops_comments() -> None:
    css = '/* it\'s a note */\n.a .b::after {\n  content: ": ";\n  color: red;\n}\n'
    assert minify_css(css) == '.a .b::after{content:": ";color:red}'
    assert minify_css("@media (min-width: 40rem) { .a > .b, .c { x: y; } }") == (
        "@media (min-width:40rem){.a>.b,.c{x:y}}"
    )


def test_json_ld_cannot_end_its_script_element() -> None:
    data = {"claimReviewed": "</script><script>alert(1)</script><!-- & -->"}
    text = str(script_json(data))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_check_renders_the_cards(project_copy: Project) -> None:
    card = project_copy.templates_dir / "partials" / "card.html"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("card_sources", "card_sourcez"), encoding="utf-8")
    with pytest.raises(InputError, match="'card_sourcez' is undefined"):
        check(project_copy)


BROKEN = {
    "Read the explainer in {language}": "Baca dalam {bahasa}",
    "The {method} steps": "{metode}",
}


class BrokenTranslations(gettext.NullTranslations):
    """A catalog whose translations name placeholders the code does not fill."""

    def gettext(self, message: str) -> str:
        return BROKEN.get(message, message)


def test_fill_falls_back_to_english_when_a_translation_breaks_its_placeholders() -> None:
    messages = Messages("jv", BrokenTranslations())
    read = translate(messages, "Read the explainer in {language}", language="X")
    assert read == "Read the explainer in X"
    assert translate(messages, "The {method} steps", method="7 PAS") == "The 7 PAS steps"
    assert translate(english(), "The {method} steps", method="7 PAS") == "The 7 PAS steps"
