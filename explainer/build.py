"""Run the pipeline: facts → validated model → localized context → HTML / PDF → files."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explainer.catalogs import Messages, choose_locales, load_messages
from explainer.errors import InputError, Problem, UsageError
from explainer.facts import load_data_dir
from explainer.localize import N_, Context, build_context
from explainer.model import Explainer
from explainer.output import Artifact, describe, read_manifest, staging, write_manifest, write_text
from explainer.render import fill, render
from explainer.validate import validate

if TYPE_CHECKING:
    from explainer.pdfs import PdfJob

Log = Callable[[str], None]


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"


def pdf_name(locale: str) -> str:
    """Return the file name of an edition's PDF."""
    return f"ok-oce-explainer-{locale}.pdf"


def load_model(project: Project, *, strict: bool = False) -> tuple[Explainer, list[Problem]]:
    """Read and validate the data files."""
    return validate(load_data_dir(project.data_dir), strict=strict)


def edition_date(model: Explainer) -> dt.date:
    """Return the edition date: SOURCE_DATE_EPOCH when set, else the data's."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return model.edition.date
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}"
        ) from None


@dataclass
class Edition:
    """One locale's messages and context, ready to render."""

    locale: str
    messages: Messages
    context: Context


def prepare(project: Project, model: Explainer, locales: list[str]) -> list[Edition]:
    """Load each locale's catalog and build its context."""
    date = edition_date(model)
    editions = []
    for locale in locales:
        messages = load_messages(project.locales_dir, locale)
        context = build_context(model, messages, locales, date)
        editions.append(Edition(locale, messages, context))
    return editions


def render_page(project: Project, edition: Edition, model: Explainer, medium: str) -> str:
    """Return the HTML of an edition for the screen or for print."""
    return render(
        project.templates_dir,
        "page.html",
        edition.context,
        edition.messages,
        medium=medium,
        edition=model.edition,
        pdf_href=pdf_name(edition.locale),
    )


def check(
    project: Project, *, strict: bool = False, locales: list[str] | None = None
) -> list[Problem]:
    """Validate facts, catalogs and templates without writing anything."""
    model, warnings = load_model(project, strict=strict)
    chosen = choose_locales(project.locales_dir, locales)
    for edition in prepare(project, model, chosen):
        for medium in ("screen", "print"):
            render_page(project, edition, model, medium)
    return warnings


def build(
    project: Project,
    out: Path,
    *,
    locales: list[str] | None = None,
    pdf: bool = True,
    strict: bool = False,
    log: Log = print,
    warn: Log | None = None,
) -> list[Artifact]:
    """Build every edition into `out`; return the manifest's artefacts.

    `log` gets a progress line per artefact; `warn` (default: `log`) the warnings.
    """
    warn = warn or log
    model, warnings = load_model(project, strict=strict)
    for warning in warnings:
        warn(str(warning))
    chosen = choose_locales(project.locales_dir, locales)
    editions = prepare(project, model, chosen)
    with staging(out, keep=bool(locales)) as stage:
        kept = [a for a in read_manifest(stage) if a.locale not in chosen]
        artifacts = kept + [_write_page(project, model, e, stage, log) for e in editions]
        if pdf:
            artifacts += _write_pdfs(project, model, editions, stage, out, log)
        write_manifest(stage, artifacts)
    for edition in editions:
        if edition.messages.fallbacks:
            count = len(edition.messages.fallbacks)
            warn(f"{edition.locale}: {count} string(s) not translated; shown in English")
    return artifacts


def _write_page(
    project: Project, model: Explainer, edition: Edition, stage: Path, log: Log
) -> Artifact:
    started = time.perf_counter()
    page = stage / edition.locale / "index.html"
    write_text(page, render_page(project, edition, model, "screen"))
    log(f"wrote {edition.locale}/index.html ({time.perf_counter() - started:.2f} s)")
    return describe(stage, page, edition.locale, "page")


def _write_pdfs(
    project: Project, model: Explainer, editions: list[Edition], stage: Path, out: Path, log: Log
) -> list[Artifact]:
    """Write the PDF of every edition, in parallel, reusing unchanged ones from `out`."""
    from explainer.pdfs import render_all

    jobs = [_pdf_job(project, model, edition) for edition in editions]
    for result in render_all(jobs, stage, out, log):
        if result.refused:
            message = f"the PDF asked for resources outside the assets: {result.refused}"
            raise InputError([Problem(str(project.templates_dir), message)])
    return [describe(stage, stage / job.path, job.locale, "pdf") for job in jobs]


def _pdf_job(project: Project, model: Explainer, edition: Edition) -> PdfJob:
    """Return the job that renders an edition's PDF: its print HTML and metadata."""
    from explainer.pdf import PdfMetadata
    from explainer.pdfs import PdfJob

    html = render_page(project, edition, model, "print")
    meta = PdfMetadata(
        title=_title(edition),
        lang=edition.locale,
        authors=[model.edition.publisher],
        description=_description(edition),
        keywords=["OK OCE", "Jakarta", "UMKM", "7 PAS", "Sandiaga Uno", "Anies Baswedan"],
        created=f"{edition.context['edition_date_iso']}T00:00:00Z",
    )
    return PdfJob(f"{edition.locale}/{pdf_name(edition.locale)}", edition.locale, html, meta)


def _description(edition: Edition) -> str:
    msgid = N_(
        "What OK OCE is, the %(method)s steps, the reported results and the disputed "
        "claims, with sources."
    )
    text = fill(edition.messages.gettext(msgid), msgid, {"method": "7 PAS"}, edition.messages)
    return text.unescape()


def _title(edition: Edition) -> str:
    return edition.messages.gettext("OK OCE explained")
