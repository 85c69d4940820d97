"""The PDF editions, tested by feature: language, metadata, navigation, fonts, tags, bytes.

Every test runs for every locale the session build wrote, and compares the PDF
with the print HTML it was rendered from, so that a new section, citation or
catalog needs no change here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import socket
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pyphen
import pytest
from pdfcheck import (
    annotations,
    collapse,
    font_problems,
    link_targets,
    outline_titles,
    struct_types,
    xmp,
)
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from explainer.build import build, edition_date, load_model, prepare
from explainer.context.edition import Edition
from explainer.i18n.catalogs import available_locales
from explainer.pdf.weasy import PDF_OPTIONS, PrintOptions, asset_path, write_pdf
from explainer.project import ASSETS, Project, pdf_name
from explainer.render.page import render_page

ROOT = Path(__file__).resolve().parent.parent
LOCALES = available_locales(ROOT / "locales")
MAX_BYTES = 400_000
A4 = (595.276, 841.89)
LETTER = (612.0, 792.0)


# Containers that print.css (or a stylesheet it includes) leaves out of the PDF.
HIDDEN_IN_PRINT = {"okx-chart-data"}


class PrintPage(HTMLParser):
    """What the print HTML promises the PDF: sections, citation markers, backlinks."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.markers: list[str] = []
        self.backlinks: list[str] = []
        self._in_h2 = False
        self._in_backlinks = 0
        self._hidden: tuple[str, int] | None = None  # the hidden tag, and how deep in it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        classes = (attr.get("class") or "").split()
        if self._hidden is not None:
            if tag == self._hidden[0]:
                self._hidden = (tag, self._hidden[1] + 1)
            return
        if HIDDEN_IN_PRINT & set(classes):
            self._hidden = (tag, 1)
        elif tag == "h2":
            self._in_h2 = True
            self.sections.append("")
        elif tag == "span" and "okx-backlinks" in classes:
            self._in_backlinks += 1
        elif tag == "a" and "okx-cite" in classes:
            self.markers.append((attr.get("href") or "").removeprefix("#"))
        elif tag == "a" and self._in_backlinks:
            self.backlinks.append((attr.get("href") or "").removeprefix("#"))

    def handle_endtag(self, tag: str) -> None:
        if self._hidden is not None:
            if tag == self._hidden[0]:
                depth = self._hidden[1] - 1
                self._hidden = (tag, depth) if depth else None
            return
        if tag == "h2":
            self._in_h2 = False
        elif tag == "span" and self._in_backlinks:
            self._in_backlinks -= 1

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.sections[-1] += data


@dataclass
class Built:
    """One edition: its PDF, read, and the print HTML it came from."""

    edition: Edition
    path: Path
    reader: PdfReader
    page: PrintPage = field(default_factory=PrintPage)

    @property
    def root(self) -> DictionaryObject:
        return self.reader.trailer["/Root"]  # type: ignore[no-any-return]

    def gettext(self, message: str) -> str:
        return self.edition.messages.gettext(message)


@pytest.fixture(scope="module")
def editions(project: Project, dist: Path) -> dict[str, Built]:
    """Every built edition, keyed by locale."""
    model, _ = load_model(project)
    built = {}
    for edition in prepare(project, model, LOCALES):
        path = dist / edition.locale / pdf_name(edition.locale)
        item = Built(edition, path, PdfReader(path))
        item.page.feed(render_page(project.templates_dir, edition, model, "print"))
        built[edition.locale] = item
    return built


@pytest.fixture(params=LOCALES)
def pdf(request: pytest.FixtureRequest, editions: dict[str, Built]) -> Built:
    """One built edition (the test runs once per locale)."""
    return editions[request.param]


def test_lang_is_the_edition_locale(pdf: Built) -> None:
    assert pdf.root["/Lang"] == pdf.edition.locale


def test_title_is_the_localized_title_and_displayed(pdf: Built) -> None:
    assert pdf.reader.metadata is not None
    assert pdf.reader.metadata.title == pdf.gettext("OK OCE explained")
    assert bool(pdf.root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_metadata_names_publisher_subject_keywords_and_date(pdf: Built, project: Project) -> None:
    model, _ = load_model(project)
    info = pdf.reader.metadata
    assert info is not None
    assert info.author == model.imprint.publisher
    assert info.subject and "OK OCE" in info.subject
    assert "OK OCE" in (info.get("/Keywords") or "").split(", ")
    date = dt.date.fromisoformat(pdf.edition.context["edition_date_iso"])
    assert info.creation_date is not None
    assert info.creation_date.date() == date


def test_a_bookmark_for_every_section(pdf: Built) -> None:
    sections = [collapse(s) for s in pdf.page.sections]
    assert sections, "the print HTML has no sections"
    assert outline_titles(pdf.reader) == sections


def test_bookmarks_lead_to_increasing_pages(pdf: Built) -> None:
    pages = [
        pdf.reader.get_destination_page_number(item)
        for item in pdf.reader.outline
        if not isinstance(item, list)
    ]
    assert pages == sorted(pages)
    assert pages[0] == 0, "“In short” opens the first page"
    assert pages[-1] < len(pdf.reader.pages)


def test_every_citation_marker_links_to_its_source(pdf: Built) -> None:
    links = Counter(link_targets(pdf.reader))
    markers = Counter(pdf.page.markers)
    assert markers, "the print HTML has no citation markers"
    missing = {anchor: n for anchor, n in markers.items() if links[anchor] < n}
    assert not missing, f"citation markers without a link annotation: {missing}"
    for anchor in markers:
        assert anchor in pdf.reader.named_destinations, f"no destination {anchor!r}"


def test_every_source_entry_links_back(pdf: Built) -> None:
    links = set(link_targets(pdf.reader))
    assert pdf.page.backlinks, "the source list has no backlinks"
    assert set(pdf.page.backlinks) <= links
    assert set(pdf.page.backlinks) <= set(pdf.reader.named_destinations)


def test_link_areas_can_be_clicked(pdf: Built) -> None:
    for annot in annotations(pdf.reader):
        x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
        assert abs(x2 - x1) > 1 and abs(y2 - y1) > 1, f"empty link area {annot!r}"


def test_every_font_is_embedded_and_bundled(pdf: Built) -> None:
    assert font_problems(pdf.reader) == []


def test_tagged_with_a_structure_tree(pdf: Built) -> None:
    assert bool(pdf.root["/MarkInfo"]["/Marked"])
    types = Counter(struct_types(pdf.reader))
    assert types["/H1"] == 1
    assert types["/H2"] == len(pdf.page.sections)
    assert types["/Link"] >= len(pdf.page.markers)
    assert types["/P"] > 0


def test_headings_are_tagged_in_order(pdf: Built) -> None:
    levels = [int(t[2:]) for t in struct_types(pdf.reader) if re.fullmatch(r"/H[1-6]", t)]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"H{before} is followed by H{after}"


def test_localized_page_labels_in_the_text(pdf: Built) -> None:
    pages = len(pdf.reader.pages)
    label = pdf.gettext("Page {page} of {pages}")
    for number in range(2, pages + 1):
        text = collapse(pdf.reader.pages[number - 1].extract_text())
        assert label.format(page=number, pages=pages) in text, f"page {number}"


def test_the_first_page_opens_with_lead_in_short_and_key_numbers(pdf: Built) -> None:
    text = collapse(pdf.reader.pages[0].extract_text())
    context = pdf.edition.context
    assert pdf.gettext("OK OCE explained") in text
    assert context["locale_name"].casefold() in text.casefold()
    assert context["edition_date"] in text
    assert pdf.gettext("Page {page} of {pages}").split("{")[0].strip() not in text
    lead = collapse(context["lead"]["text"])
    assert lead[:60] in text
    in_short, key_numbers = pdf.gettext("In short"), pdf.gettext("Key numbers")
    assert text.index(lead[:60]) < text.casefold().index(in_short.casefold())
    assert text.casefold().index(in_short.casefold()) < text.casefold().index(
        key_numbers.casefold()
    )
    for number in context["key_numbers"]:
        assert collapse(number["value"]) in text


# Five short articles: the editions stay short (A4, without losing anything).
MAX_PAGES = {"en": 16, "id": 15}


def test_the_pdf_is_short(pdf: Built) -> None:
    pages = len(pdf.reader.pages)
    assert pages <= MAX_PAGES.get(pdf.edition.locale, 16), pages


def test_each_quote_is_printed_once_as_a_numbered_note(pdf: Built) -> None:
    text = collapse(" ".join(page.extract_text() for page in pdf.reader.pages))
    notes = pdf.edition.context["notes"]
    assert notes and [q["note"] for q in notes] == list(range(1, len(notes) + 1))
    passage = collapse(notes[0]["text"])[:40]
    assert text.count(passage) == 1


def test_a4_by_default(pdf: Built) -> None:
    for page in pdf.reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4)


def test_accessible_variant_by_default(pdf: Built) -> None:
    assert b'pdfuaid:part="1"' in xmp(pdf.reader)


def test_under_the_size_limit(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    pdfs = [a for a in manifest["artifacts"] if a["kind"] == "pdf"]
    assert pdfs
    for artifact in pdfs:
        assert artifact["bytes"] < MAX_BYTES, artifact["path"]
        assert (dist / artifact["path"]).stat().st_size == artifact["bytes"]


def test_letter_paper_and_archival_variant(project: Project, tmp_path: Path) -> None:
    locale = LOCALES[0]
    options = PrintOptions(paper="letter", variant="pdf/a-3b")
    build(project, tmp_path, locales=[locale], log=lambda _: None, print_options=options)
    reader = PdfReader(tmp_path / locale / pdf_name(locale))
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(LETTER)
    assert b'pdfaid:part="3"' in xmp(reader)


def test_a_second_build_is_byte_identical(
    project: Project, dist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rebuild with SOURCE_DATE_EPOCH at the session build's edition date; compare bytes."""
    date = edition_date(load_model(project)[0])
    epoch = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))
    again = tmp_path / "dist"
    build(project, again, log=lambda _: None)
    files = sorted(p.relative_to(dist) for p in dist.rglob("*") if p.is_file())
    assert any(p.suffix == ".pdf" for p in files)
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (dist / name).read_bytes() == (again / name).read_bytes(), name


def _hostile_html(outside: Path, port: int) -> str:
    """Return HTML that tries every way of reading a local file or the network."""
    return f"""<!DOCTYPE html>
<html lang="en"><head>
<link rel="attachment" href="file:///etc/passwd">
<link rel="stylesheet" href="{outside.as_uri()}">
<style>
@font-face {{ font-family: Stolen; src: url("{outside.as_uri()}"); }}
body {{ font-family: Stolen; background: url("../{"../" * 12}etc/hostname"); }}
p {{ background-image: url("http://127.0.0.1:{port}/x.png"); }}
</style>
</head><body>
<p>Hostile page.</p>
<img src="file:///etc/hostname" alt="hostname">
<img src="http://127.0.0.1:{port}/x.png" alt="remote">
<img src="{(ASSETS / ".." / "pdf.py").as_uri()}" alt="traversal">
<a rel="attachment" href="file:///etc/passwd">passwd</a>
<object data="file:///etc/passwd"></object>
<iframe src="file:///etc/passwd"></iframe>
</body></html>"""


def test_hostile_html_reads_and_fetches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "explainer-secret-" + "x" * 20
    outside = tmp_path / "outside.css"
    outside.write_text(f"/* {secret} */ body {{ color: red; }}", encoding="utf-8")
    monkeypatch.setitem(PDF_OPTIONS, "uncompressed_pdf", True)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        target = tmp_path / "hostile.pdf"
        refused = write_pdf(_hostile_html(outside, port), target)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody knocked: nothing was fetched
    data = target.read_bytes()
    for path in (Path("/etc/passwd"), Path("/etc/hostname")):
        if path.is_file() and path.read_text().strip():
            assert path.read_text().strip().encode() not in data, path
    assert secret.encode() not in data
    assert b"/EmbeddedFile" not in data and b"/FileAttachment" not in data
    assert b"/Subtype /Image" not in data
    assert "file:///etc/passwd" in refused
    assert "file:///etc/hostname" in refused
    assert outside.as_uri() in refused
    assert f"http://127.0.0.1:{port}/x.png" in refused
    assert any("only the explainer's own assets" in r.getMessage() for r in caplog.records)


def test_asset_path_allows_only_real_files_inside_the_assets(tmp_path: Path) -> None:
    fonts = ASSETS / "fonts" / "fonts.css"
    assert asset_path(fonts.as_uri()) == fonts.resolve()
    assert asset_path((ASSETS / "fonts" / ".." / ".." / "pdf.py").as_uri()) is None
    assert asset_path((ASSETS / "missing.css").as_uri()) is None
    assert asset_path("http://127.0.0.1/x.png") is None
    link = tmp_path / "link.css"
    link.symlink_to(fonts)
    assert asset_path(link.as_uri()) == fonts.resolve()
    escape = tmp_path / "passwd"
    escape.symlink_to("/etc/passwd")
    assert asset_path(escape.as_uri()) is None


def _hyphenated(lang: str, words: str, folder: Path) -> list[tuple[str, str]]:
    """Render `words` in a narrow column; return each (line end, next line start) split."""
    html = f"""<!DOCTYPE html><html lang="{lang}"><head>
<link rel="stylesheet" href="fonts/fonts.css">
<style>p {{ width: 40mm; font-family: "Explainer Serif"; font-size: 10pt; hyphens: auto; }}</style>
</head><body><p>{words}</p></body></html>"""
    target = folder / f"hyphens-{lang}.pdf"
    assert write_pdf(html, target) == []
    lines = PdfReader(target).pages[0].extract_text().splitlines()
    return [
        (a.split()[-1], b.split()[0])
        for a, b in itertools.pairwise(lines)
        if a.endswith(HYPHENS) and a.split() and b.split()
    ]


HYPHENS = ("-", "\u2010")
INDONESIAN = "kewirausahaan pemberdayaan perekonomian pendampingan pengembangan permodalan"


def test_indonesian_is_hyphenated_with_indonesian_patterns(tmp_path: Path) -> None:
    splits = _hyphenated("id", INDONESIAN, tmp_path)
    assert splits, "no Indonesian word was hyphenated"
    patterns = pyphen.Pyphen(lang="id")
    for head, tail in splits:
        word = head.rstrip("".join(HYPHENS)) + tail
        assert len(head.rstrip("".join(HYPHENS))) in patterns.positions(word), (head, tail)


def test_english_is_hyphenated_with_other_patterns(tmp_path: Path) -> None:
    english = _hyphenated("en", INDONESIAN, tmp_path)
    assert english, "no word was hyphenated"
    assert english != _hyphenated("id", INDONESIAN, tmp_path)


def test_no_language_no_hyphenation(tmp_path: Path) -> None:
    assert _hyphenated("", INDONESIAN, tmp_path) == []


def test_a_source_address_is_a_link(project_copy: Project, tmp_path: Path) -> None:
    url = "https://example.org/okoce-article"
    sources = project_copy.data_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace('time: "07:59 WIB"\n', f'time: "07:59 WIB"\n    url: {url}\n'))
    out = tmp_path / "dist"
    build(project_copy, out, locales=["en"], log=lambda _: None)
    reader = PdfReader(out / "en" / pdf_name("en"))
    uris = [a["/A"]["/URI"] for a in annotations(reader) if "/A" in a]
    assert url in uris
