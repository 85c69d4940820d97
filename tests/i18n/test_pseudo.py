"""A pseudo-locale proves that everything a reader sees comes from a catalog.

`explainer i18n init ms` then `explainer i18n pseudo ms` (in the variant
project, built once per run: `support.make_variant`) gives a complete catalog
in which every msgstr is its msgid accented, lengthened and wrapped in ⟦…⟧.
Built in that locale, no page, card, fragment or PDF may show a word of plain
(unaccented) English. What may stay as written is
taken from the data, not from the page:

- proper names: actors' names, the glossary's do-not-translate terms, the
  publisher, the licence, the PDF's keywords, `{term}` arguments, the
  translators named in the catalog header;
- the sources as published: outlet, headline, byline, web address;
- originals: the quotes' own words and the Indonesian step names;
- what Babel writes for the locale from CLDR: numbers, dates (Malay month
  and day names), money (the currency's code, "IDR", where the locale has no
  symbol) and compact numbers ("juta"), the editions' language names (each in
  its own language: "English", "Bahasa Indonesia"; and in Malay, where the
  page offers the other editions' PDFs: "Inggeris");
- code shown for copying (the embed code in <pre>, <code> and <textarea>), and
  the letters "PDF", a format's name the same in every language.

Anything else that is still plain ASCII letters is an English leak.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale

from explainer.build import load_model
from explainer.context.localize import language_name
from explainer.facts.model import Explainer, Money, Term
from explainer.facts.quotes import all_quotes
from explainer.i18n.catalogs import available_locales, po_path, read_catalog
from explainer.i18n.glossary import read_glossary
from explainer.i18n.pseudo import CLOSE, OPEN, pseudo
from explainer.project import Project
from tests.support import PSEUDO_LOCALE, Variant, copy_project, run_main

LOCALE = PSEUDO_LOCALE
# Text nodes inside these are code for copying or not shown at all.
CODE = {"script", "style", "code", "pre", "textarea", "title"}
# Attributes a reader meets: tooltips, image descriptions, screen-reader names.
READ_ATTRIBUTES = {"title", "alt", "aria-label", "aria-description", "placeholder"}
# Format names that every language writes the same way.
FORMATS = ["PDF"]


@pytest.fixture(scope="module")
def pseudo_project(variant: Variant) -> Project:
    """The variant project: `explainer i18n init ms`, then `explainer i18n pseudo ms`."""
    return variant.project


@pytest.fixture(scope="module")
def built(variant: Variant) -> Path:
    """The variant's build, the `ms` edition among the others."""
    return variant.out


@pytest.fixture(scope="module")
def allowed(pseudo_project: Project) -> list[str]:
    """Return the strings that may appear as written, longest first."""
    project = pseudo_project
    model = load_model(project)[0]
    editions = available_locales(project.locales_dir)
    found = [*data_names(model), *cldr_words(LOCALE, editions), *FORMATS]
    found += [t.source for t in read_glossary(project.locales_dir) if t.keep]
    catalog = read_catalog(po_path(project.locales_dir, LOCALE), LOCALE)
    found += [catalog.last_translator or "", catalog.language_team or ""]
    return sorted({" ".join(s.split()) for s in found if s and s.strip()}, key=len, reverse=True)


def data_names(model: Explainer) -> Iterator[str]:
    """Yield the names, published titles and originals the data hold."""
    imprint = model.imprint
    yield from (imprint.publisher, imprint.licence, imprint.licence_url or "", imprint.method)
    yield from imprint.keywords
    for actor in model.actors.values():
        yield actor.name or ""
    for source in model.sources:
        yield from (source.outlet, source.headline or "", source.byline or "", source.url or "")
        # The time as the outlet printed it, and its time zone on its own ("WIB").
        yield from [source.time or "", *(source.time or "").split()]
    for _, quote in all_quotes(model):
        yield quote.text
    for step in model.steps.steps:
        yield step.name
    for text in model.texts():
        yield from (arg.text for arg in text.args.values() if isinstance(arg, Term))
        # A currency Babel has no symbol for in the locale is written as its code.
        yield from (arg.currency for arg in text.args.values() if isinstance(arg, Money))
    yield from (figure.currency or "" for figure in model.figures)


def cldr_words(locale: str, editions: list[str]) -> Iterator[str]:
    """Yield the words Babel writes for `locale`: months, days, day periods, numbers, languages.

    The languages are the `editions`': each named in its own language, and in `locale`.
    """
    data = Locale.parse(locale)
    for names in (data.months, data.days, data.day_periods):
        for context in names.values():
            for width in context.values():
                yield from width.values()
    for patterns in data.compact_decimal_formats.values():
        for forms in patterns.values():
            for pattern in forms.values():
                yield from re.findall(r"[^\W\d_]+", str(pattern.pattern))
    yield from data.currency_symbols.values()
    yield from data.eras["abbreviated"].values()
    for code in editions:
        other = Locale.parse(code)
        yield other.get_display_name(other) or ""
        yield language_name(code)  # as the language list names it: "Bahasa Indonesia"
        yield other.get_display_name(data) or ""  # the other PDFs, named in `locale`


class TextNodes(HTMLParser):
    """Collect every text node and read attribute outside code, with its tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.found: list[tuple[str, str]] = []
        self.svg_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            self.stack.append(tag)
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.found.append((f"{tag}[{name}]", value))
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.found.append(("meta[description]", dict(attrs).get("content") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if tag == "text" and self.svg_text:
            # An SVG label is wrapped into lines (<tspan>s): read it whole.
            self.found.append(("svg text", " ".join(self.svg_text)))
            self.svg_text = []

    def handle_data(self, data: str) -> None:
        if not data.strip() or CODE & set(self.stack):
            return
        if "text" in self.stack:
            self.svg_text.append(data)
        else:
            self.found.append(("/".join(self.stack[-2:]), data))


def leaks(text: str, allowed: list[str]) -> str:
    """Return the words of `text` in plain Latin letters once allowed strings are removed.

    Allowed strings are removed only as whole words, so a short one ("RM", "Mac")
    never hides part of an English word.
    """
    rest = " ".join(text.split())
    for item in allowed:
        if item in rest:
            rest = re.sub(rf"(?<!\w){re.escape(item)}(?!\w)", " ", rest)
    return " ".join(re.findall(r"[A-Za-z]{2,}", rest))


def html_leaks(path: Path, allowed: list[str]) -> list[str]:
    parser = TextNodes()
    parser.feed(path.read_text("utf-8"))
    return [
        f"{path.name}: <{where}> {text.strip()[:90]!r} leaks {found!r}"
        for where, text in parser.found
        if (found := leaks(text, allowed))
    ]


def test_pseudo_keeps_placeholders_and_names_and_lengthens() -> None:
    text = "In {year}, %(count)s OK OCE shops closed {{literally}}."
    result = pseudo(text, ["OK OCE"])
    assert result.startswith(OPEN) and result.endswith(CLOSE)
    assert "{year}" in result and "%(count)s" in result and "OK OCE" in result
    assert "{{" in result and "}}" in result
    rest = re.sub(r"OK OCE|\{year\}|%\(count\)s", "", result)
    assert not re.search(r"[a-z]{2,}", rest), rest
    sentence = "The sources report the results of the programme in every district."
    assert 1.2 <= len(pseudo(sentence)) / len(sentence) <= 1.6


def test_a_new_pseudo_translated_language_is_complete(
    pseudo_project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The project with the pseudo catalog added (the variant's other changes left out).
    root = copy_project(tmp_path / "project")
    catalog = po_path(root / "locales", LOCALE)
    catalog.parent.mkdir(parents=True)
    shutil.copyfile(po_path(pseudo_project.locales_dir, LOCALE), catalog)
    stats = run_main(["--project", str(root), "i18n", "stats"], capsys)
    assert re.search(rf"^{LOCALE}\s+\d+\s+0\s+\(0\)\s+100\.0%$", stats.out, re.M), stats.out
    check = run_main(["--project", str(root), "check", "--strict"], capsys)
    assert check.code == 0, check.output
    assert f"{LOCALE}: 0 untranslated" in check.output


def test_the_pseudo_edition_has_no_fallback_note(built: Path) -> None:
    page = (built / LOCALE / "index.html").read_text("utf-8")
    assert 'class="okx-partial"' not in page
    assert f'lang="{LOCALE}"' in page


def test_no_english_on_the_page_cards_or_fragments(built: Path, allowed: list[str]) -> None:
    files = sorted((built / LOCALE).rglob("*.html"))
    assert len(files) > 10, files
    found = [leak for path in files for leak in html_leaks(path, allowed)]
    assert found == [], "\n".join(found)


def test_the_check_finds_english(allowed: list[str], tmp_path: Path) -> None:
    """The check itself: an English word among pseudo text and names is found."""
    page = tmp_path / "page.html"
    page.write_text(
        f"<p>{pseudo('Sources')} Sandiaga Uno</p><p>Cited in: {pseudo('Back')}</p>"
        '<pre>&lt;iframe src="x"&gt;</pre><svg><text><tspan>OK</tspan><tspan>OCE</tspan></text>'
        '</svg><a aria-label="Source 3">[3]</a>',
        "utf-8",
    )
    found = html_leaks(page, allowed)
    assert [f.rsplit(" leaks ", 1)[1] for f in found] == ["'Cited in'", "'Source'"], found


def test_the_quotes_are_translated_from_the_catalog(built: Path) -> None:
    page = (built / LOCALE / "index.html").read_text("utf-8")
    translated = re.findall(rf'<span lang="{LOCALE}">({OPEN}[^<]*{CLOSE})</span>', page)
    assert len(translated) > 30, "each quote's translation comes from the catalog"


# Lines of a page's text that hold no words of the edition's body: a list's numbers, and
# a line that is one pseudo-translated string or more (running heads, page labels).
FURNITURE = re.compile(r"\d+\.|⟦[^⟦⟧]*⟧(\s*⟦[^⟦⟧]*⟧)*")


def test_no_english_in_the_pdf_text(built: Path, allowed: list[str]) -> None:
    """The pseudo edition's PDF text has no English.

    The pages are read as one text, their running heads, page labels and list numbers
    left out, so that a note the page break cuts ("… lainnya terma- | suk fintech.")
    is read whole and matched against the quotes it may hold.
    """
    from pypdf import PdfReader

    [pdf] = (built / LOCALE).glob("*.pdf")
    pages = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    assert len(pages) > 5
    lines = [line for page in pages for line in page.splitlines()]
    body = [line for line in lines if not FURNITURE.fullmatch(line.strip())]
    assert len(lines) - len(body) > len(pages), "every page has a running head and label"
    assert pdf_leaks("\n".join(body), allowed) == ""


def pdf_leaks(text: str, allowed: list[str]) -> str:
    """Return the English left in a PDF's text, read as one paragraph.

    A word hyphenated at the end of a line (U+2010) is joined again; a hyphen of
    the text ("lain-lain") is kept; headings set in capitals are compared
    without regard to case.
    """
    text = re.sub(r"(\w)\u2010\n(\w)", r"\1\2", text)
    text = re.sub(r"(\w)-\n(\w)", r"\1-\2", text)
    rest = " ".join(text.split())
    for item in allowed:
        rest = re.sub(rf"(?<!\w){re.escape(item)}(?!\w)", " ", rest, flags=re.IGNORECASE)
    return " ".join(re.findall(r"[A-Za-z]{2,}", rest))
