"""Where everything lives: the project's inputs and the names of the artefacts it writes.

Every other module asks here for a path or a file name, so that each is said once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"

MANIFEST = "manifest.json"
# What each PDF was made from (explainer.pdf.cache), kept beside the manifest.
BUILD_CACHE = ".build-cache.json"
ROOT_INDEX = "index.html"
BILINGUAL_LOCALES = ("id", "en")
BILINGUAL_FOLDER = "bilingual"
EMBED_FOLDER = "embed"
CLAIMS_FOLDER = "claims"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
# The manifest's kinds of a card's three files.
EMBED_KIND = "embed"
FRAGMENT_KIND = "fragment"
CMS_FRAGMENT_KIND = "fragment-cms"
# An edition's share image (og:image, twitter:image), 1200 × 630 px, in its folder.
SHARE_IMAGE = "share.png"
SHARE_IMAGE_SIZE = (1200, 630)
# Each chart's downloads (PNG, SVG, CSV), in a folder of its edition.
CHARTS_FOLDER = "charts"
CHART_FORMATS = ("png", "svg", "csv")


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live."""

    root: Path

    @property
    def data_dir(self) -> Path:
        """Return the folder of the YAML facts."""
        return self.root / "data"

    @property
    def locales_dir(self) -> Path:
        """Return the folder of the gettext catalogs."""
        return self.root / "locales"

    @property
    def templates_dir(self) -> Path:
        """Return the folder of the Jinja templates."""
        return self.root / "templates"

    @property
    def inputs(self) -> list[Path]:
        """Return the project folder and the input folders in it, the project first."""
        return [self.root, self.data_dir, self.locales_dir, self.templates_dir]


def page_path(locale: str) -> str:
    """Return the path of an edition's web page, relative to the output folder."""
    return f"{locale}/index.html"


def pdf_name(locale: str) -> str:
    """Return the file name of an edition's PDF."""
    return f"ok-oce-explainer-{locale}.pdf"


def pdf_path(locale: str) -> str:
    """Return the path of an edition's PDF, relative to the output folder."""
    return f"{locale}/{pdf_name(locale)}"


def bilingual_locale() -> str:
    """Return the manifest's locale of the bilingual edition: "id+en"."""
    return "+".join(BILINGUAL_LOCALES)


def bilingual_wanted(locales: list[str]) -> bool:
    """Return whether a build of `locales` includes the bilingual edition."""
    return all(locale in locales for locale in BILINGUAL_LOCALES)


def bilingual_pdf_path() -> str:
    """Return the path of the bilingual PDF, relative to the output folder."""
    return f"{BILINGUAL_FOLDER}/{pdf_name('-'.join(BILINGUAL_LOCALES))}"


def card_path(section: str) -> str:
    """Return the path of a card's iframe page, relative to its edition folder."""
    return f"{EMBED_FOLDER}/{section}.html"


def claim_path(dispute_id: str) -> str:
    """Return the path of a disputed claim's own page, relative to its edition folder."""
    return f"{CLAIMS_FOLDER}/{dispute_id}.html"


def claim_oembed_path(dispute_id: str) -> str:
    """Return the path of a claim page's oEmbed JSON, relative to its edition folder."""
    return f"{CLAIMS_FOLDER}/{dispute_id}.oembed.json"


def oembed_path(section: str) -> str:
    """Return the path of a card's oEmbed JSON, relative to its edition folder."""
    return f"{EMBED_FOLDER}/{section}.oembed.json"


def fragment_path(section: str) -> str:
    """Return the path of a card's styled fragment, relative to its edition folder."""
    return f"{EMBED_FOLDER}/{section}.fragment.html"


def cms_fragment_path(section: str) -> str:
    """Return the path of a card's CMS-safe fragment, relative to its edition folder."""
    return f"{EMBED_FOLDER}/{section}.cms.html"


def share_image_path(locale: str) -> str:
    """Return the path of an edition's share image, relative to the output folder."""
    return f"{locale}/{SHARE_IMAGE}"


def chart_file(chart_id: str, extension: str) -> str:
    """Return the path of a chart's download, relative to its edition folder.

    `chart_id` is the chart's id ("chart-funnel"); the file is charts/funnel.png.
    """
    return f"{CHARTS_FOLDER}/{chart_id.removeprefix('chart-')}.{extension}"


def source_anchor(number: int) -> str:
    """Return the id of a source's entry in the sources list."""
    return f"source-{number}"
