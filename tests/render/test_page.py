"""The rendered HTML of both editions, parsed: language, figures, citations, quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.build import build, load_model, prepare
from explainer.project import Project
from explainer.render.page import render_page
from tests.support import (
    SEVEN_STEPS,
    copy_project,
    own_catalogs,
    page_renderings,
    parse_file,
    parse_html,
    translate,
    write_po,
)

EXPECTED = {
    "id": [
        "65.414",
        "55.732",
        "33.214",
        "16.734",
        "29.346",
        "Rp724,5 juta",
        "Rp3,9 miliar",
        "17 Maret 2019",
        "10 Agustus\u2009–\u20097 September 2018",
    ],
    "en": [
        "65,414",
        "55,732",
        "33,214",
        "16,734",
        "29,346",
        "IDR\u00a0724.5 million",
        "IDR\u00a03.9 billion",
        "17 March 2019",
        "10 August\u2009–\u20097 September 2018",
    ],
}


TITLES = {"id": "Memahami OK OCE", "en": "OK OCE explained"}


@pytest.mark.parametrize("locale", ["id", "en"])
def test_edition_language_and_title(dist: Path, locale: str) -> None:
    page = parse_file(dist / locale / "index.html")
    assert page.lang == locale
    assert [e.text for e in page.select("title") if e.inside("head")] == [TITLES[locale]]
    (heading,) = page.select("h1")
    assert " ".join(heading.text.split()).startswith(TITLES[locale])


@pytest.mark.parametrize("locale", ["id", "en"])
def test_figures_and_dates_are_formatted_for_the_locale(dist: Path, locale: str) -> None:
    text = parse_file(dist / locale / "index.html").text
    for expected in EXPECTED[locale]:
        assert expected in text, expected


@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_citation_links_to_a_source_entry(dist: Path, locale: str) -> None:
    page = parse_file(dist / locale / "index.html")
    targets = page.local_targets()
    assert targets <= set(page.ids())
    cited = {t for t in targets if t.startswith("source-")}
    assert cited == {f"source-{n}" for n in range(1, 6)}
    assert len(page.ids()) == len(set(page.ids())), "duplicate ids"


@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_section_is_there(dist: Path, locale: str) -> None:
    ids = set(parse_file(dist / locale / "index.html").ids())
    assert {"about", "steps", "results", "disputes", "sources"} <= ids
    assert {"in-short", "key-numbers", "whos-who", "unknowns"} <= ids


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_page_opens_with_the_lead_in_short_and_key_numbers(dist: Path, locale: str) -> None:
    html = (dist / locale / "index.html").read_text(encoding="utf-8")
    order = [
        'class="okx-lead"',
        'id="in-short"',
        'id="key-numbers"',
        'id="about"',
        'id="steps"',
        'id="results"',
        'id="disputes"',
        'id="unknowns"',
        'id="sources"',
    ]
    assert [html.index(marker) for marker in order] == sorted(html.index(m) for m in order)
    assert 'class="okx-toc"' not in html, "the web page opens with the lead, not contents"
    in_short = html[html.index('id="in-short"') : html.index('id="key-numbers"')]
    key_numbers = html[html.index('id="key-numbers"') : html.index('id="about"')]
    assert 3 <= in_short.count("<li") <= 5
    assert in_short.count("<li") == in_short.count('class="okx-cites"')
    assert key_numbers.count("<li") == key_numbers.count('class="okx-key-value"') >= 3
    assert key_numbers.count("<li") == key_numbers.count('class="okx-key-source"')
    assert key_numbers.count("<li") == key_numbers.count('class="okx-cites"')


def test_figures_name_their_reporter_and_whos_who_gives_the_roles(dist: Path) -> None:
    html = (dist / "en" / "index.html").read_text(encoding="utf-8")
    results = html[html.index('id="results"') : html.index('id="disputes"')]
    reporters = re.findall(r"<dt>Reported by:</dt> <dd>(.*?)</dd>", results)
    assert "Iim Rusyamsi" in reporters
    assert reporters and not [r for r in reporters if "(as of" in r]
    whos_who = html[html.index('id="whos-who"') : html.index('id="results"')]
    assert "Governor of Jakarta (as of 19 September 2018)" in whos_who


def test_house_style(dist: Path) -> None:
    id_ = parse_file(dist / "id" / "index.html").text
    en = parse_file(dist / "en" / "index.html").text
    assert "pukul 07.59 WIB" in id_ and "3 February 2017, 07:59 WIB" in en
    assert "tujuh langkah" in id_ and "seven steps" in en
    assert "Bahasa Indonesia" in id_ and "Bahasa Indonesia" in en
    assert "February 3, 2017" not in en


def test_a_source_note_does_not_repeat_a_missing_byline(dist: Path) -> None:
    text = parse_file(dist / "en" / "index.html").text
    assert "No byline in the capture." in text
    assert "The capture names no author" not in text


def test_two_figures_from_one_passage_show_it_once(dist: Path) -> None:
    html = (dist / "en" / "index.html").read_text(encoding="utf-8")
    assert html.count("Total peserta sebanyak 2.430 orang dengan 106 narasumber.") == 1
    assert 'href="#figure-training-2017-participants"' in html


def test_quotes_stay_indonesian_and_english_adds_a_marked_translation(dist: Path) -> None:
    for locale in ("id", "en"):
        quote_langs = [
            q.attrs.get("lang")
            for q in parse_file(dist / locale / "index.html").select("blockquote")
        ]
        assert quote_langs and set(quote_langs) == {"id"}
    english = (dist / "en" / "index.html").read_text(encoding="utf-8")
    indonesian = (dist / "id" / "index.html").read_text(encoding="utf-8")
    quote = "Tadi ketika debat berlangsung, kita dapat laporan jika 500 server Oke Oce down"
    assert quote in english and quote in indonesian
    assert english.count("Our translation:") == english.count("<blockquote")
    assert "Earlier, while the debate was going on" in english
    assert "Earlier, while the debate was going on" not in indonesian


@pytest.mark.parametrize("locale", ["en", "id"])
def test_a_side_s_heading_names_everyone_it_quotes(dist: Path, locale: str) -> None:
    """A side quoting several people names them all above its summary, each with the date
    of their words: the Kalibata response is not the founder's alone ("Anies Baswedan,
    4 September 2018" and "Faransyah Jaya, 9 September 2018" come after him)."""
    page = parse_file(dist / locale / "index.html")
    attributions = page.select("p", "okx-said-by")  # who said each quote, when
    quoting = 0
    for side in page.select("div", "okx-side"):
        inside = [e for e in side.children if e.tag in ("p", "ul")]
        who = next((e for e in inside if "okx-who" in e.classes), None)
        if who is None:  # a side the sources do not report
            continue
        when = next(e.text for e in who.children if "okx-when" in e.classes)
        speaker = who.text.removesuffix(when).strip()  # a name, then maybe roles after commas
        name = speaker.split(",")[0]
        named = [li.text.strip() for e in inside if "okx-also" in e.classes for li in e.children]
        said_by = [e.text.strip() for e in attributions if any(p is side for p in e.parents)]
        quoting += bool(said_by)
        unnamed = [s for s in said_by if s.split(",")[0] != name and s not in named]
        assert not unnamed, f"{speaker}: {unnamed} quoted but not named above the summary"
        assert set(named) <= set(said_by), f"{speaker}: {named} named but not quoted"
    assert quoting >= 8
    kalibata = parse_file(dist / "en" / "index.html").text
    assert "Anies Baswedan, 4 September 2018" in kalibata


def test_both_sides_of_every_dispute_are_shown(dist: Path) -> None:
    html = (dist / "en" / "index.html").read_text(encoding="utf-8")
    for dispute in re.findall(r'<article class="okx-dispute".*?</article>', html, re.S):
        assert dispute.count('class="okx-side"') == 2
        assert "What the sources establish" in dispute
        assert "What they do not establish" in dispute


def test_the_seven_steps_in_order(dist: Path) -> None:
    html = (dist / "en" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<strong lang="id">([^<]+)</strong>', html)
    assert names == SEVEN_STEPS


def test_the_indonesian_edition_is_fully_translated(dist: Path) -> None:
    html = (dist / "id" / "index.html").read_text(encoding="utf-8")
    for english in (
        "Reported results",
        "Disputed claims",
        "What the source says",
        "Participants and registrations",
        "people registered",
    ):
        assert english not in html


def test_page_numbers_keep_the_spaces_of_the_translation() -> None:
    from explainer.render.environment import page_counter_css

    css = page_counter_css("Halaman {page} dari {pages}")
    assert css == '"Halaman " counter(page) " dari " counter(pages)'
    assert page_counter_css('Page {page}</style>"') == '"Page " counter(page) "\\3c /style>\\""'


def test_a_source_address_is_a_link_in_both_media(project_copy: Project) -> None:
    """A source with a `url` links to it on the page and in the print HTML the PDF is made of.

    (That WeasyPrint turns such a link into a PDF link is tested in pdf/test_weasy.py.)
    """
    url = "https://example.org/okoce-article"
    sources = project_copy.data_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert 'time: "07:59 WIB"\n' in text
    sources.write_text(text.replace('time: "07:59 WIB"\n', f'time: "07:59 WIB"\n    url: {url}\n'))
    model, _ = load_model(project_copy)
    (edition,) = prepare(project_copy, model, ["en"])
    for medium in ("screen", "print"):
        html = render_page(project_copy.templates_dir, edition, model, medium)
        links = [a for a in parse_html(html).select("a") if a.attrs.get("href") == url]
        assert len(links) == 1, medium
        assert links[0].inside("li"), medium


def test_a_page_is_rendered_again_only_when_what_it_is_made_from_changed(
    project: Project, project_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = page_renderings(monkeypatch)
    model = load_model(project)[0]
    # A complete translation: the pages learning the fallbacks are the ones returned.
    [edition] = prepare(project, model, ["id"])
    assert rendered == ["id/screen", "id/print"]
    first = render_page(project.templates_dir, edition, model, "screen")
    assert render_page(project.templates_dir, edition, model, "screen") == first
    assert rendered == ["id/screen", "id/print"]
    # Other variables (no PDF to link to): rendered again, without the link.
    edition.pdfs = frozenset()
    assert render_page(project.templates_dir, edition, model, "screen") != first
    assert rendered == ["id/screen", "id/print", "id/screen"]

    # A partial translation: rendered again once the fallbacks are known, with the note.
    write_po(own_catalogs(project_copy), "", locale="jv")
    rendered.clear()
    [partial] = prepare(project_copy, model, ["jv"])
    screen = render_page(project_copy.templates_dir, partial, model, "screen")
    assert rendered == ["jv/screen", "jv/print", "jv/screen"]
    assert "This edition is a partial translation" in screen


# The catalog's punctuation translated with other signs, in one build of a copy.
SIGN = " ⁂ "
PUNCTUATION = {
    "{first} · {second}": "{first}" + SIGN + "{second}",
    "{part} · {explainer}": "{part}" + SIGN + "{explainer}",
    "{explainer}: {section}": "{explainer}" + SIGN + "{section}",
    "{text} ({detail})": "{text} ［{detail}］",
    "{items}; {item}": "{items} ‡ {item}",
    "{label}:": "{label} ::",
}


@pytest.fixture(scope="module")
def punctuated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Indonesian edition (HTML) of a copy whose catalog punctuates as PUNCTUATION."""
    project = Project(copy_project(tmp_path_factory.mktemp("punctuated")))
    translate(project, "id", PUNCTUATION)
    out = project.root / "dist"
    build(project, out, locales=["id"], pdf=False, log=lambda _: None)
    return out


def test_the_signs_that_join_parts_of_a_line_come_from_the_catalog(punctuated: Path) -> None:
    """A language that joins "Explainer · English" with another sign gets it everywhere:
    kickers, the edition line, titles, a figure's period and reporter (CMS), download links."""
    pages = sorted((punctuated / "id").rglob("*.html"))
    assert len(pages) >= 30
    for path in pages:
        document = parse_file(path)
        shown = " ".join(
            e.text for e in document.elements if e.tag in ("title", "p", "h1") and e.text
        )
        where = path.relative_to(punctuated)
        assert "·" not in shown, f"{where}: a middle dot not from the catalog"
        assert SIGN in shown, f"{where}: the catalog's sign is missing"


@pytest.mark.parametrize("locale", ["en", "id"])
def test_every_entry_of_who_s_who_cites_a_source(dist: Path, locale: str) -> None:
    """A role, and the description of someone the sources do not name ("the founder of OK
    OCE Mart Kalibata"), each come from a source, and the entry cites it."""
    people = parse_file(dist / locale / "index.html").select("dl", "okx-people")
    assert len(people) == 1
    entries = [e for e in people[0].children if e.tag == "div"]
    assert len(entries) >= 10
    uncited = [
        entry.text.strip()[:60]
        for entry in entries
        if not any(
            "okx-cite" in a.classes
            for dd in entry.children
            for sup in dd.children
            for a in sup.children
        )
    ]
    assert not uncited, f"Who's who entries without a source: {uncited}"


def test_brackets_lists_and_labels_come_from_the_catalog(punctuated: Path) -> None:
    """A language that brackets a detail, joins a list or ends a label with other signs
    gets them in the key numbers, tables, charts (their drawings and descriptions too),
    the CMS fragments and Who's who."""
    page = parse_file(punctuated / "id" / "index.html")
    key_labels = [e.text for e in page.select("span", "okx-key-label")]
    assert key_labels and all(t.strip().endswith("］") for t in key_labels), key_labels
    chart_sources = [e.text for e in page.select("p", "okx-chart-source")]
    assert any("‡" in t for t in chart_sources) and not any(";" in t for t in chart_sources)
    labels = [
        e.text
        for e in page.select("dt")
        if e.inside("dl", "okx-meta") or e.inside("dl", "okx-people")
    ]
    assert labels and not [t for t in labels if not t.endswith(" ::")], labels
    drawn = " ".join(e.text for e in page.select("text") + page.select("desc"))
    assert "［" in drawn and "‡" in drawn
    cms = (punctuated / "id" / "embed" / "all.cms.html").read_text(encoding="utf-8")
    assert "［" in cms and "‡" in cms and " ::" in cms
