"""The share images and the charts' downloads (PNG, SVG, CSV) of the session's build.

The numbers in each chart's CSV are compared with the YAML data files read here
with PyYAML, not with the model the build made them from. That a later build
gives the same PNG bytes is pinned by the golden manifest (test_golden.py) and,
for one share image, checked here by rendering it again.
"""

from __future__ import annotations

import csv
import io
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from explainer.build import build, load_model, prepare
from explainer.errors import InputError
from explainer.pdf.jobs import PdfJob, PdfResult
from explainer.pdf.raster import ImageSpec, write_png
from explainer.printing import SHARE_SPEC, edition_images
from explainer.project import Project
from tests.support import ROOT, clean_environment, manifest, parse_file

SVG = "{http://www.w3.org/2000/svg}svg"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LOCALES = ("id", "en")


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Return the (type, data) chunks of a PNG, checking the signature and each CRC."""
    assert data[:8] == PNG_SIGNATURE
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        offset += 12 + length
    return chunks


def png_size(data: bytes) -> tuple[int, int]:
    """Return a PNG's width and height, from its IHDR chunk."""
    kind, body = png_chunks(data)[0]
    assert kind == b"IHDR"
    width, height = struct.unpack(">II", body[:8])
    return width, height


def data_file(name: str) -> Any:
    """Return a data file as PyYAML reads it."""
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def bar_charts() -> dict[str, list[str]]:
    """Return the figure ids of each bar chart, by chart file name, from the data files."""
    charts = {"funnel": [bar["figure"] for bar in data_file("charts.yaml")["funnel"]]}
    for comparison in data_file("results.yaml")["comparisons"]:
        charts[f"compare-{comparison['id']}"] = list(comparison["figures"])
    return charts


def chart_names() -> list[str]:
    return ["timeline", *bar_charts()]


def rows(path: Path) -> list[list[str]]:
    """Return the rows of a CSV file, read as UTF-8."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_share_image_is_a_1200_by_630_png_with_no_metadata(dist: Path, locale: str) -> None:
    data = (dist / locale / "share.png").read_bytes()
    assert png_size(data) == (1200, 630)
    kinds = {kind for kind, _ in png_chunks(data)}
    assert kinds <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}  # no tIME, tEXt, pHYs …
    entries = [a for a in manifest(dist) if a["kind"] == "share-image" and a["locale"] == locale]
    assert [a["path"] for a in entries] == [f"{locale}/share.png"]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_page_offers_the_share_image_to_link_previews(dist: Path, locale: str) -> None:
    page = parse_file(dist / locale / "index.html")
    meta = {
        m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content")
        for m in page.select("meta")
    }
    image = meta["og:image"]
    assert (dist / locale / image).resolve() == (dist / locale / "share.png").resolve()
    assert meta["twitter:image"] == image
    assert meta["twitter:card"] == "summary_large_image"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:type"] == "image/png"
    title = {"id": "Memahami OK OCE", "en": "OK OCE explained"}[locale]
    alt = meta["og:image:alt"]
    assert title in alt
    assert alt.startswith({"id": "Judul", "en": "The title"}[locale])


def test_a_share_image_rendered_again_has_the_same_bytes(dist: Path, tmp_path: Path) -> None:
    project = Project(ROOT)
    with clean_environment():
        model, _ = load_model(project)
        (edition,) = prepare(project, model, ["en"])
        edition.pdfs = frozenset(["en", "id"])
        share = edition_images(project, model, edition)[0]
    assert share.path == "en/share.png" and share.spec == SHARE_SPEC
    assert write_png(share.html, tmp_path / "share.png", share.spec).fits
    assert (tmp_path / "share.png").read_bytes() == (dist / "en" / "share.png").read_bytes()


@pytest.mark.parametrize("locale", LOCALES)
def test_each_chart_has_a_png_an_svg_and_a_csv_in_the_manifest(dist: Path, locale: str) -> None:
    listed = {a["path"]: a for a in manifest(dist)}
    for name in chart_names():
        for extension in ("png", "svg", "csv"):
            path = f"{locale}/charts/{name}.{extension}"
            assert path in listed, path
            assert listed[path]["kind"] == f"chart-{extension}"
            assert listed[path]["section"] == f"chart-{name}"
            assert (dist / path).is_file()
        png = (dist / locale / "charts" / f"{name}.png").read_bytes()
        width, height = png_size(png)
        assert width >= 1200 and 200 < height < 4000, (name, width, height)
        root = ET.fromstring((dist / locale / "charts" / f"{name}.svg").read_bytes())
        assert root.tag == SVG
        assert float(root.attrib["width"]) > 0 and float(root.attrib["height"]) > 0


@pytest.mark.parametrize("locale", LOCALES)
def test_the_csv_figures_are_the_data_files_numbers(dist: Path, locale: str) -> None:
    figures = {f["id"]: f for f in data_file("results.yaml")["figures"]}
    english = rows(dist / "en" / "charts" / "funnel.csv")[0]
    value, up_to = english.index("Value"), english.index("Up to")
    sources = english.index("Sources")
    for name, ids in bar_charts().items():
        heading, *body = rows(dist / locale / "charts" / f"{name}.csv")
        assert len(heading) == len(english)
        assert [float(row[value]) for row in body] == [figures[i]["value"] for i in ids], name
        assert [row[up_to] for row in body] == [str(figures[i].get("value_max", "")) for i in ids]
        assert all(row[sources].startswith("[") for row in body)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_timeline_csv_dates_are_the_data_files_dates(dist: Path, locale: str) -> None:
    events = data_file("timeline.yaml")["timeline"]
    heading, *body = rows(dist / locale / "charts" / "timeline.csv")
    assert heading[0] == {"id": "Tanggal (ISO 8601)", "en": "Date (ISO 8601)"}[locale]
    assert [row[0] for row in body] == [str(e["date"]) for e in events]
    assert [row[1] for row in body] == [str(e.get("end", "")) for e in events]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_page_and_the_chart_cards_link_to_the_downloads(dist: Path, locale: str) -> None:
    page = parse_file(dist / locale / "index.html")
    links = {a.attrs.get("href") for a in page.select("a")}
    for name in chart_names():
        card = parse_file(dist / locale / "embed" / f"chart-{name}.html")
        from_card = {a.attrs.get("href") for a in card.select("a")}
        for extension in ("png", "svg", "csv"):
            assert f"charts/{name}.{extension}" in links
            assert f"../charts/{name}.{extension}" in from_card
    line = page.select("p", "okx-chart-downloads")[0]
    assert (
        " ".join(line.text.split())
        == {
            "id": "Unduh: PNG · SVG · data (CSV)",
            "en": "Download: PNG · SVG · data (CSV)",
        }[locale]
    )


TOO_LONG = """<!DOCTYPE html><html lang="en"><head><style>
@page { size: 300px 100px; margin: 0; } #okx-limit { position: absolute; bottom: 0; }
</style></head><body><p>Line</p><p>Line</p><p>Line</p><div id="okx-end"></div>
<p id="okx-limit">Footer</p></body></html>"""


def test_an_image_whose_text_runs_into_its_footer_is_not_written(tmp_path: Path) -> None:
    raster = write_png(TOO_LONG, tmp_path / "image.png", ImageSpec())
    assert raster.fits is False
    assert not (tmp_path / "image.png").exists()
    fitting = TOO_LONG.replace("<p>Line</p>", "", 2)
    assert write_png(fitting, tmp_path / "image.png", ImageSpec()).fits
    assert png_size((tmp_path / "image.png").read_bytes()) == (300, 100)


def test_a_share_image_that_does_not_fit_stops_the_build_naming_its_template(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_render_all(todo: list[PdfJob], stage: Path, *_: object) -> list[PdfResult]:
        return [PdfResult(job.path, [], 0.0, fits=job.path != "id/share.png") for job in todo]

    monkeypatch.setattr("explainer.pdf.jobs.render_all", fake_render_all)
    with pytest.raises(InputError) as error:
        build(project, tmp_path / "dist", log=lambda _: None)
    message = str(error.value)
    assert "templates/pages/share.html" in message
    assert "id/share.png does not fit its image" in message
    assert not (tmp_path / "dist").exists()
