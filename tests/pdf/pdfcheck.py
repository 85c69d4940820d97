"""Read features out of a PDF with pypdf: links, bookmarks, fonts, structure, text."""

from __future__ import annotations

import functools
import html
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def collapse(value: str) -> str:
    """Return `value` with its white space collapsed."""
    return " ".join(value.split())


def page_text(path: Path, index: int) -> str:
    """Return the extracted text of a page of the PDF at `path`."""
    return page_texts(path)[index]


@functools.cache
def page_texts(path: Path) -> tuple[str, ...]:
    """Return the text of each page of the PDF at `path`, as poppler's pdftotext reads it
    (once per process; some twenty times as fast as pypdf).

    test_pseudo.py keeps pypdf: it reads a page as one paragraph and relies on
    pypdf's reading order, which pdftotext gives otherwise where quotes sit in boxes.
    """
    command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    text = subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")
    return tuple(text.split("\f")[:-1])  # a form feed ends every page


def split_list(path: Path, items: list[str]) -> str | None:
    """Say where a list printed as `items` (each as the text has it, in order) is cut
    across pages of the PDF at `path`, or that it is missing; None when one page holds it."""
    texts = [collapse(text) for text in page_texts(path)]
    first = next((i for i, text in enumerate(texts) if items[0] in text), None)
    if first is None:
        return f"{items[0]!r} is on no page"
    at = 0
    for item in items:
        at = texts[first].find(item, at)
        if at < 0:
            return f"page {first + 1} holds {items[0]!r} but not {item!r} after it"
        at += len(item)
    return None


_WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')


@dataclass(frozen=True)
class Word:
    """A word of a PDF page and its box, in points from the page's top left."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@functools.cache
def page_words(path: Path) -> tuple[tuple[Word, ...], ...]:
    """Return the words of each page of the PDF at `path` (poppler's `pdftotext -bbox`)."""
    command = ["pdftotext", "-bbox", str(path), "-"]
    text = subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")
    return tuple(
        tuple(
            Word(float(x0), float(y0), float(x1), float(y1), html.unescape(word))
            for x0, y0, x1, y1, word in _WORD.findall(page)
        )
        for page in text.split("<page ")[1:]
    )


def lone_markers(path: Path) -> list[str]:
    """Return the citation markers ("[3]") that open a line of the PDF at `path`: no word
    ends just before one on its line."""
    found = []
    for number, words in enumerate(page_words(path), start=1):
        for word in words:
            middle = (word.y0 + word.y1) / 2
            if re.fullmatch(r"\[\d+\]", word.text) and not any(
                o.x1 <= word.x0 + 0.5 and word.x0 - o.x1 < 8 and o.y0 - 3 < middle < o.y1 + 3
                for o in words
                if o.text != word.text
            ):
                found.append(f"page {number}: {word.text}")
    return found


def annotations(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Yield every annotation on every page."""
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            yield annot.get_object()


def link_targets(reader: PdfReader) -> list[str]:
    """Return the named destination of every internal link, one per annotation."""
    return [str(a["/Dest"]) for a in annotations(reader) if "/Dest" in a]


def outline_titles(reader: PdfReader) -> list[str]:
    """Return the titles of the top level of the outline (the bookmarks)."""
    return [collapse(item.title) for item in reader.outline if not isinstance(item, list)]


def _fonts(resources: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    resources = resources.get_object() if resources is not None else {}
    for font in resources.get("/Font", {}).values():
        yield font.get_object()
    for xobject in resources.get("/XObject", {}).values():
        ref = xobject.idnum if isinstance(xobject, IndirectObject) else id(xobject)
        if ref not in seen:
            seen.add(ref)
            yield from _fonts(xobject.get_object().get("/Resources"), seen)


def font_problems(reader: PdfReader) -> list[str]:
    """Return why any font the pages use is not an embedded, bundled font."""
    problems = []
    fonts = [f for page in reader.pages for f in _fonts(page.get("/Resources"), set())]
    if not fonts:
        problems.append("no fonts at all")
    for font in fonts:
        if font["/Subtype"] == "/Type3":
            problems.append("a Type 3 font is not a real embedded font")
            continue
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        # A subset's name is "ABCDEF+Family-Style"; the bundled families are "Explainer …".
        name = str(font["/BaseFont"]).split("+")[-1]
        descriptor = font["/FontDescriptor"].get_object()
        if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
            problems.append(f"{name} is not embedded")
        if not name.startswith("Explainer"):
            problems.append(f"{name} is not a bundled font")
    return problems


def struct_types(reader: PdfReader) -> list[str]:
    """Return the type of every element of the structure tree, in document order."""
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    return list(_struct_types(root["/K"]))


def _struct_types(node: Any) -> Iterator[str]:
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for kid in node:
            yield from _struct_types(kid)
    elif isinstance(node, DictionaryObject) and "/S" in node:
        yield str(node["/S"])
        if "/K" in node:
            yield from _struct_types(node["/K"])


def xmp(reader: PdfReader) -> bytes:
    """Return the XMP metadata packet."""
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data()  # type: ignore[no-any-return]
