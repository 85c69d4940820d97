"""Cards and the site around them, piece by piece: id scoping, sources, embed code,
CSS minifying, structured data, and partial rebuilds that keep the other editions."""

from __future__ import annotations

import gettext
import json

import pytest

from explainer.build import check, load_model, prepare
from explainer.errors import InputError
from explainer.i18n.catalogs import Messages
from explainer.project import Project
from explainer.render.cards import (
    CARDS,
    FALLBACK_HEIGHTS,
    cited_sources,
    embed_codes,
    fill,
    scope_ids,
)
from explainer.render.environment import minify_css
from explainer.render.site import json_ld


def english() -> Messages:
    return Messages("en", gettext.NullTranslations())


def test_scope_ids_prefixes_ids_and_references_only() -> None:
    html = (
        '<section id="about" aria-labelledby="about-title x"><h2 id="about-title">A</h2>'
        '<a href="#source-1">[1]</a> <a href="../index.html">back</a>'
        '<p class="id">id="not-an-attribute"</p></section>'
    )
    scoped = scope_ids(html, "okx-en-about-")
    assert 'id="okx-en-about-about"' in scoped
    assert 'aria-labelledby="okx-en-about-about-title okx-en-about-x"' in scoped
    assert 'href="#okx-en-about-source-1"' in scoped
    assert 'href="../index.html"' in scoped
    assert 'class="id"' in scoped and '>id="not-an-attribute"<' in scoped


def test_cited_sources_keeps_only_what_the_html_cites(project: Project) -> None:
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["en"])
    html = '<a class="okx-cite" href="#source-3">[3]</a><a href="#source-1">[1]</a>'
    sources = cited_sources(edition.context, html)
    assert [s["number"] for s in sources] == [1, 3]
    assert all(s["backlinks"] == [] for s in sources)
    assert len(cited_sources(edition.context, None)) == len(model.sources)


def test_embed_code_has_title_lazy_loading_fallback_height_and_origin_check() -> None:
    codes = embed_codes(english())
    assert set(codes) == set(CARDS)
    steps = codes["steps"]
    assert steps.src == "embed/steps.html"
    assert steps.fragment == "embed/steps.fragment.html"
    assert 'title="OK OCE explained: The 7 PAS steps"' in steps.snippet
    assert 'loading="lazy"' in steps.snippet
    assert f"height:{FALLBACK_HEIGHTS['steps']}px" in steps.snippet
    assert "e.origin === new URL(f.src).origin" in steps.snippet
    assert "e.source === f.contentWindow" in steps.snippet


def test_minify_css_keeps_strings_and_drops_comments() -> None:
    css = '/* it\'s a note */\n.a .b::after {\n  content: ": ";\n  color: red;\n}\n'
    assert minify_css(css) == '.a .b::after{content:": ";color:red}'
    assert minify_css("@media (min-width: 40rem) { .a > .b, .c { x: y; } }") == (
        "@media (min-width:40rem){.a>.b,.c{x:y}}"
    )


def test_json_ld_cannot_end_its_script_element(project: Project) -> None:
    model, _ = load_model(project)
    (edition,) = prepare(project, model, ["en"])
    text = str(json_ld(model, edition.messages, edition.context))
    assert "<" not in text and ">" not in text
    graph = json.loads(text)["@graph"]
    assert graph[0]["@type"] == "Article"
    assert sum(n["@type"] == "ClaimReview" for n in graph) == len(model.disputes)


def test_check_renders_the_cards(project_copy: Project) -> None:
    page = project_copy.templates_dir / "page.html"
    text = page.read_text(encoding="utf-8")
    start = text.index("{% block sources %}")
    end = text.index("{% endblock %}", start)
    page.write_text(text[:start] + text[start + 19 : end] + text[end + 14 :], encoding="utf-8")
    with pytest.raises(InputError, match="no block 'sources'"):
        check(project_copy)


BROKEN = {
    "Read the explainer in {language}": "Baca dalam {bahasa}",
    "The %(method)s steps": "%(metode)s",
}


class BrokenTranslations(gettext.NullTranslations):
    """A catalog whose translations name placeholders the code does not fill."""

    def gettext(self, message: str) -> str:
        return BROKEN.get(message, message)


def test_fill_falls_back_to_english_when_a_translation_breaks_its_placeholders() -> None:
    messages = Messages("jv", BrokenTranslations())
    read = fill(messages, "Read the explainer in {language}", language="X")
    assert read == "Read the explainer in X"
    assert fill(messages, "The %(method)s steps", method="7 PAS") == "The 7 PAS steps"
    assert fill(english(), "The %(method)s steps", method="7 PAS") == "The 7 PAS steps"
