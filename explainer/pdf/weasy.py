"""Turn print HTML into PDF with WeasyPrint.

WeasyPrint is imported inside the functions: commands that write no PDF never
pay for it. Rendering only ever reads the project's own assets and `data:`
URLs; anything else is refused and reported (see `make_fetcher`).
"""

from __future__ import annotations

import mimetypes
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from explainer.project import ASSETS

# Every rendering option in one place, above its default.
PDF_OPTIONS: dict[str, Any] = {
    # A tagged PDF: a structure tree that screen readers follow.
    "pdf_tags": True,
    # PDF/UA-1 (accessible) unless a build asks for another variant (see PrintOptions).
    "pdf_variant": "pdf/ua-1",
    # No interactive form fields.
    "pdf_forms": False,
    # Compressed streams; tests that read the text use a PDF library.
    "uncompressed_pdf": False,
}


# `--paper` names and their CSS page sizes; A4 is the default.
PAPER_SIZES = {"a4": "A4", "letter": "letter"}

# `--pdf-variant` names WeasyPrint conforms to: accessible (UA) or archival (A).
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "pdf/a-3u", "pdf/a-2b")


@dataclass(frozen=True)
class PrintOptions:
    """How the print edition is laid out and which PDF variant it claims."""

    paper: str = "a4"
    variant: str = PDF_OPTIONS["pdf_variant"]

    def rendering(self) -> dict[str, Any]:
        """Return the WeasyPrint options for these choices."""
        return {**PDF_OPTIONS, "pdf_variant": self.variant}

    def page_css(self) -> str:
        """Return the CSS that sets the paper size, overriding print.css."""
        return f"@page {{ size: {PAPER_SIZES[self.paper]} !important; }}"


def asset_path(url: str) -> Path | None:
    """Return the real path of a file:// URL if it is inside the asset folder."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    real = Path(os.path.realpath(unquote(parts.path)))
    inside = real.is_relative_to(Path(os.path.realpath(ASSETS)))
    return real if inside and real.is_file() else None


def make_fetcher() -> Any:
    """Return a WeasyPrint URL fetcher that loads only assets and data: URLs."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = asset_path(url)
            if path is None:
                self.refused.append(url)
                raise ValueError(f"refused {url!r}: only the explainer's own assets may be loaded")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})

    return SafeFetcher()


@contextmanager
def scratch_beside(target: Path) -> Iterator[None]:
    """Have WeasyPrint's temporary files made in a scratch folder beside `target`.

    WeasyPrint writes the fonts of @font-face rules into a temporary folder
    that it removes only when its font configuration is garbage-collected
    (often never, in a worker process). Inside this block that folder is made
    inside a scratch folder beside `target`, removed when the block ends; a
    killed build leaves it in its staging folder, which the next build removes.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".render-", dir=target.parent) as scratch:
        saved, tempfile.tempdir = tempfile.tempdir, scratch
        try:
            yield
        finally:
            tempfile.tempdir = saved


def load_html(html: str, fetcher: Any) -> Any:
    """Return WeasyPrint's document for `html`, loading only what `fetcher` allows."""
    import weasyprint

    return weasyprint.HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=fetcher)


def write_pdf(html: str, target: Path, options: PrintOptions | None = None) -> list[str]:
    """Render `html` to a PDF at `target`; return the URLs that were refused.

    The PDF's metadata (title, language, author, description, keywords,
    generator, dates) is what WeasyPrint reads from the HTML's head.
    """
    with scratch_beside(target):
        return _write_pdf(html, target, options or PrintOptions())


def _write_pdf(html: str, target: Path, options: PrintOptions) -> list[str]:
    import weasyprint

    rendering = options.rendering()
    fetcher = make_fetcher()
    paper = weasyprint.CSS(string=options.page_css(), url_fetcher=fetcher)
    document = load_html(html, fetcher).render(stylesheets=[paper], **rendering)
    document.write_pdf(target, **rendering)
    return list(fetcher.refused)
