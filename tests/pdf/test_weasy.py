"""WeasyPrint as the explainer drives it, on small documents: paper, variants, links,
what the fetcher refuses, and hyphenation per language.

These need PDFs the session build does not make; each renders a page or two.
"""

from __future__ import annotations

import itertools
import socket
from pathlib import Path

import pyphen
import pytest
from pypdf import PdfReader

from explainer.pdf.weasy import PDF_OPTIONS, PrintOptions, asset_path, write_pdf
from explainer.project import ASSETS
from tests.pdf.pdfcheck import annotations, xmp

LETTER = (612.0, 792.0)
SMALL = """<!DOCTYPE html><html lang="en"><head><title>Small</title>
<link rel="stylesheet" href="fonts/fonts.css">
<style>body {{ font-family: "Explainer Serif"; }}</style></head>
<body><h1>Small</h1><p>{body}</p></body></html>"""


def test_letter_paper_and_archival_variant(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    options = PrintOptions(paper="letter", variant="pdf/a-3b")
    assert write_pdf(SMALL.format(body="One page."), target, options) == []
    reader = PdfReader(target)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(LETTER)
    assert b'pdfaid:part="3"' in xmp(reader)
    assert b"pdfuaid" not in xmp(reader)


def test_a_web_address_is_a_link(tmp_path: Path) -> None:
    url = "https://example.org/okoce-article"
    target = tmp_path / "link.pdf"
    assert write_pdf(SMALL.format(body=f'<a href="{url}">{url}</a>'), target) == []
    uris = [a["/A"]["/URI"] for a in annotations(PdfReader(target)) if "/A" in a]
    assert uris == [url]


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
<img src="{(ASSETS / ".." / "project.py").as_uri()}" alt="traversal">
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
    outside = ASSETS / "fonts" / ".." / ".." / "project.py"
    assert outside.is_file(), "the traversal must lead to a real file to prove anything"
    assert asset_path(fonts.as_uri()) == fonts.resolve()
    assert asset_path(outside.as_uri()) is None
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


@pytest.fixture(scope="module")
def hyphenated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    """The splits of the Indonesian words with lang="id", "en" and none, each rendered once."""
    folder = tmp_path_factory.mktemp("hyphens")
    return {lang: _hyphenated(lang, INDONESIAN, folder) for lang in ("id", "en", "")}


def test_indonesian_is_hyphenated_with_indonesian_patterns(
    hyphenated: dict[str, list[tuple[str, str]]],
) -> None:
    splits = hyphenated["id"]
    assert splits, "no Indonesian word was hyphenated"
    patterns = pyphen.Pyphen(lang="id")
    for head, tail in splits:
        word = head.rstrip("".join(HYPHENS)) + tail
        assert len(head.rstrip("".join(HYPHENS))) in patterns.positions(word), (head, tail)


def test_english_is_hyphenated_with_other_patterns(
    hyphenated: dict[str, list[tuple[str, str]]],
) -> None:
    assert hyphenated["en"], "no word was hyphenated"
    assert hyphenated["en"] != hyphenated["id"]


def test_no_language_no_hyphenation(hyphenated: dict[str, list[tuple[str, str]]]) -> None:
    assert hyphenated[""] == []
