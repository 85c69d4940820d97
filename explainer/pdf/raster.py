"""Turn an HTML page into a PNG: WeasyPrint lays it out as a one-page PDF, PDFium paints it.

The share images and the charts' PNGs are drawn from our own templates, with
the fonts in explainer/assets, by the same renderer as the PDFs; pypdfium2
(PDFium, shipped in its wheel) rasterizes that page. Pillow reduces it to 256
colours (text and flat colours: no visible loss, a third of the bytes) and
writes the PNG with no metadata chunk (no time, no software, no resolution),
so the same page gives the same bytes. Both libraries are imported inside the functions, like
WeasyPrint: a build without images never loads them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explainer.pdf.weasy import load_html, make_fetcher, scratch_beside

if TYPE_CHECKING:
    from PIL.Image import Image

# Where a template marks the end of its content, and the top of a footer that
# content must not run into (see templates/pages/share.html).
END_ANCHOR = "okx-end"
LIMIT_ANCHOR = "okx-limit"
# CSS px per PDF point: WeasyPrint lays out 96 px to the inch, PDF counts 72 points.
PX_PER_PT = 96 / 72
# The rendering options of the intermediate PDF: nothing a raster keeps needs tags.
IMAGE_OPTIONS: dict[str, Any] = {"pdf_tags": False, "uncompressed_pdf": False}
# The libraries that shape a PNG besides WeasyPrint: a new version may change its bytes.
RASTER_PACKAGES = ("pypdfium2", "pillow")


@dataclass(frozen=True)
class ImageSpec:
    """How a PNG is cut from its page.

    `scale` is the number of pixels per CSS px. With `fit`, the page (taller
    than needed) is cut just below the END_ANCHOR; without it, the page's own
    size is the image's, and the content must end above LIMIT_ANCHOR.
    """

    scale: float = 1.0
    fit: bool = False


@dataclass(frozen=True)
class Raster:
    """What rasterizing a page reports: the URLs refused, and whether the content fit."""

    refused: list[str]
    fits: bool


def write_png(html: str, target: Path, spec: ImageSpec) -> Raster:
    """Render `html` to a PNG at `target`, as `spec` says; report what went wrong."""
    with scratch_beside(target):
        pdf, crop_px, raster = _layout(html, spec)
    if raster.fits:
        target.write_bytes(rasterize(pdf, spec.scale, crop_px))
    return raster


def _layout(html: str, spec: ImageSpec) -> tuple[bytes, float, Raster]:
    """Return the page as PDF bytes, how many px to cut off its bottom, and the report."""
    fetcher = make_fetcher()
    document = load_html(html, fetcher).render(**IMAGE_OPTIONS)
    page = document.pages[0]
    anchors = page.anchors
    end = anchors[END_ANCHOR][1] if END_ANCHOR in anchors else page.height
    limit = anchors[LIMIT_ANCHOR][1] if LIMIT_ANCHOR in anchors else page.height
    fits = len(document.pages) == 1 and end <= limit
    crop = max(page.height - end, 0.0) if spec.fit else 0.0
    pdf = document.write_pdf(**IMAGE_OPTIONS) if fits else b""
    return pdf, crop, Raster(list(fetcher.refused), fits)


def palette(image: Image) -> Image:
    """Return an RGB image as at most 256 colours, chosen without randomness or dithering."""
    from PIL import Image

    reduced = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.info.clear()
    return reduced


def rasterize(pdf: bytes, scale: float, crop_bottom_px: float = 0.0) -> bytes:
    """Return the first page of `pdf` as PNG bytes, `scale` pixels per CSS px, no metadata."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(
            scale=scale * PX_PER_PT,
            crop=(0, crop_bottom_px / PX_PER_PT, 0, 0),
            draw_annots=False,
        )
        image = palette(bitmap.to_pil())
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        page.close()
    finally:
        document.close()
    return buffer.getvalue()
