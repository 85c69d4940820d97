"""The printed artefacts: each edition's PDF, the bilingual PDF, share images and chart pictures.

The print HTML of every edition is rendered here and handed to the PDF stage, which
renders the PDFs and PNGs in parallel and keeps the unchanged ones (see `pdf.jobs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explainer.context.edition import Edition
from explainer.errors import InputError, Problem
from explainer.facts.model import Explainer
from explainer.output import Artifact, Log, describe
from explainer.pdf.raster import ImageSpec
from explainer.pdf.weasy import PrintOptions
from explainer.project import Project, bilingual_pdf_path, bilingual_wanted, share_image_path
from explainer.render.bilingual import TEMPLATE as BILINGUAL_TEMPLATE
from explainer.render.bilingual import render_bilingual
from explainer.render.downloads import (
    CHART_IMAGE_TEMPLATE,
    SHARE_TEMPLATE,
    chart_images,
    share_html,
)
from explainer.render.page import TEMPLATE as PAGE_TEMPLATE
from explainer.render.page import render_page

# The share image is exactly its size; a chart's PNG is 1.5 px per CSS px, cut to its content.
SHARE_SPEC = ImageSpec(scale=1.0, fit=False)
CHART_SPEC = ImageSpec(scale=1.5, fit=True)


@dataclass(frozen=True)
class Image:
    """A PNG the build makes: where, from what HTML, how, and how the manifest lists it."""

    path: str
    locale: str
    html: str
    spec: ImageSpec
    kind: str
    template: str
    section: str | None = None


def edition_images(project: Project, model: Explainer, edition: Edition) -> list[Image]:
    """Return an edition's PNGs: its share image and a picture of each chart."""
    templates = project.templates_dir
    share = Image(
        share_image_path(edition.locale),
        edition.locale,
        share_html(templates, edition, model),
        SHARE_SPEC,
        "share-image",
        SHARE_TEMPLATE,
    )
    charts = [
        Image(c.path, c.locale, c.html, CHART_SPEC, "chart-png", CHART_IMAGE_TEMPLATE, c.section)
        for c in chart_images(templates, edition, model)
    ]
    return [share, *charts]


def write_prints(
    project: Project,
    model: Explainer,
    editions: list[Edition],
    stage: Path,
    out: Path,
    log: Log,
    options: PrintOptions | None,
) -> list[Artifact]:
    """Write every PDF (the editions', the bilingual one) and every PNG in parallel.

    Unchanged ones are reused from the previous output.
    """
    from explainer.pdf.jobs import image_job, pdf_jobs, render_all

    templates = project.templates_dir
    prints = {e.locale: render_page(templates, e, model, "print") for e in editions}
    if bilingual_wanted(list(prints)):
        bilingual = render_bilingual(templates, model, editions)
    else:
        bilingual = None
    images = [image for e in editions for image in edition_images(project, model, e)]
    pdfs = pdf_jobs(prints, bilingual, options or PrintOptions())
    jobs = [*pdfs, *(image_job(i.path, i.locale, i.html, i.spec) for i in images)]
    made_from = {i.path: i.template for i in images}
    made_from[bilingual_pdf_path()] = BILINGUAL_TEMPLATE
    for result in render_all(jobs, stage, out, log):
        template = templates / made_from.get(result.path, PAGE_TEMPLATE)
        if result.refused:
            what = "image" if result.path.endswith(".png") else "PDF"
            message = f"the {what} asked for resources outside the assets: {result.refused}"
            raise InputError([Problem(str(template), message)])
        if not result.fits:
            message = f"the text of {result.path} does not fit its image; shorten it"
            raise InputError([Problem(str(template), message)])
    return [describe(stage, stage / job.path, job.locale, "pdf") for job in pdfs] + [
        describe(stage, stage / i.path, i.locale, i.kind, i.section) for i in images
    ]
