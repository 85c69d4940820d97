"""Run the pipeline: facts → validated model → localized context → HTML / PDF → files."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explainer import bilingual
from explainer.catalog_checks import (
    check_catalogs,
    fallback_problems,
    real_fallbacks,
    summarize,
)
from explainer.catalogs import (
    Messages,
    available_locales,
    choose_locales,
    load_messages,
    po_path,
)
from explainer.chart_cards import write_chart_cards
from explainer.charts import WIDTHS, ChartsCtx, build_charts
from explainer.embeds import Card, render_cards, write_cards
from explainer.errors import InputError, Problem, UsageError
from explainer.facts import load_data_dir
from explainer.localize import N_, Context, build_context
from explainer.model import Explainer
from explainer.outdir import check_out
from explainer.output import Artifact, describe, read_manifest, staging, write_manifest, write_text
from explainer.pdf import PrintOptions
from explainer.render import fill, render
from explainer.site import page_extras, write_root
from explainer.urls import template_problems
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

    @property
    def inputs(self) -> list[Path]:
        """Return the project folder and the input folders in it, the project first."""
        return [self.root, self.data_dir, self.locales_dir, self.templates_dir]


def pdf_name(locale: str) -> str:
    """Return the file name of an edition's PDF."""
    return f"ok-oce-explainer-{locale}.pdf"


def load_model(project: Project, *, strict: bool = False) -> tuple[Explainer, list[Problem]]:
    """Read and validate the data files."""
    return validate(load_data_dir(project.data_dir), strict=strict)


def check_templates(project: Project) -> None:
    """Stop if a template links or loads what a page may not (see `urls`)."""
    problems = template_problems(project.templates_dir)
    if problems:
        raise InputError(problems)


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
    charts: dict[str, ChartsCtx]
    # The locales whose PDFs the output will hold (None: every edition's), so
    # the page links only to PDFs that exist.
    pdfs: frozenset[str] | None = None


def prepare(project: Project, model: Explainer, locales: list[str]) -> list[Edition]:
    """Load each locale's catalog and build its context."""
    date = edition_date(model)
    return [
        prepare_edition(project, model, load_messages(project.locales_dir, locale), locales, date)
        for locale in locales
    ]


def prepare_edition(
    project: Project, model: Explainer, messages: Messages, locales: list[str], date: dt.date
) -> Edition:
    """Build one edition's context and charts, and learn which strings fall back."""
    context = build_context(model, messages, locales, date)
    charts = {medium: build_charts(model, messages, w) for medium, w in WIDTHS.items()}
    edition = Edition(messages.locale, messages, context, charts)
    for medium in ("screen", "print"):
        # A first pass records which template strings fall back to English,
        # so the page can say it is a partial translation.
        render_page(project, edition, model, medium)
    return edition


def check_translations(
    project: Project, model: Explainer, locales: list[str], *, strict: bool
) -> tuple[list[Edition], list[Problem]]:
    """Check the catalogs, then prepare the editions; return them and the warnings."""
    problems = check_catalogs(project.locales_dir, locales)
    _stop_on_errors(problems, strict)
    editions = prepare(project, model, locales)
    for edition in editions:
        problems += fallback_problems(
            po_path(project.locales_dir, edition.locale), edition.messages
        )
    _stop_on_errors(problems, strict)
    return editions, problems


def _stop_on_errors(problems: list[Problem], strict: bool) -> None:
    errors = [p for p in problems if strict or not p.warning]
    if errors:
        raise InputError(errors)


def page_vars(edition: Edition, model: Explainer, medium: str) -> dict[str, Any]:
    """Return what page.html needs besides the edition's context (the cards too)."""
    has_pdf = edition.pdfs is None or edition.locale in edition.pdfs
    return {
        "edition": model.edition,
        "pdf_href": pdf_name(edition.locale) if has_pdf else None,
        "partial_translation": bool(real_fallbacks(edition.messages)),
        "charts": edition.charts[medium],
        **page_extras(model, edition.messages, edition.context, pdf_name, edition.pdfs),
    }


def render_page(project: Project, edition: Edition, model: Explainer, medium: str) -> str:
    """Return the HTML of an edition for the screen or for print."""
    return render(
        project.templates_dir,
        "page.html",
        edition.context,
        edition.messages,
        medium=medium,
        **page_vars(edition, model, medium),
    )


def check(
    project: Project, *, strict: bool = False, locales: list[str] | None = None
) -> list[Problem]:
    """Validate facts, catalogs and templates without writing anything."""
    model, warnings = load_model(project, strict=strict)
    check_templates(project)
    chosen = choose_locales(project.locales_dir, locales)
    editions, catalog_warnings = check_translations(project, model, chosen, strict=strict)
    for edition in editions:
        for medium in ("screen", "print"):
            render_page(project, edition, model, medium)
        _render_cards(project, model, edition)
    if bilingual.wanted(chosen):
        bilingual.render_bilingual(project, model, {e.locale: e for e in editions})
    return warnings + catalog_warnings


def build(
    project: Project,
    out: Path,
    *,
    locales: list[str] | None = None,
    pdf: bool = True,
    strict: bool = False,
    log: Log = print,
    warn: Log | None = None,
    print_options: PrintOptions | None = None,
) -> list[Artifact]:
    """Build every edition into `out`; return the manifest's artefacts.

    `log` gets a progress line per artefact; `warn` (default: `log`) the warnings.
    """
    warn = warn or log
    out = check_out(out, project.inputs)
    model, warnings = load_model(project, strict=strict)
    check_templates(project)
    for warning in warnings:
        warn(str(warning))
    chosen = choose_locales(project.locales_dir, locales)
    editions, catalog_warnings = check_translations(project, model, chosen, strict=strict)
    for summary in summarize(catalog_warnings):
        warn(summary)
    with staging(out, keep=bool(locales)) as stage:
        kept = [
            a
            for a in read_manifest(stage)
            if a.locale not in chosen and a.kind != "index" and (stage / a.path).is_file()
        ]
        with_pdf = frozenset(chosen if pdf else ()) | {a.locale for a in kept if a.kind == "pdf"}
        for edition in editions:
            edition.pdfs = with_pdf
        pages = [a for e in editions for a in _write_page(project, model, e, stage, log)]
        artifacts = kept + pages
        if pdf:
            pdfs = _write_pdfs(project, model, editions, stage, out, log, print_options)
            rebuilt = {a.path for a in pdfs}
            artifacts = [a for a in artifacts if a.path not in rebuilt] + pdfs
        artifacts.append(_write_root(project, model, stage, artifacts, editions))
        write_manifest(stage, artifacts)
    for edition in editions:
        if edition.messages.fallbacks:
            count = len(edition.messages.fallbacks)
            warn(f"{edition.locale}: {count} string(s) not translated; shown in English")
    return artifacts


def _write_page(
    project: Project, model: Explainer, edition: Edition, stage: Path, log: Log
) -> list[Artifact]:
    """Write an edition's page, its chart cards and its embeddable cards."""
    started = time.perf_counter()
    page = stage / edition.locale / "index.html"
    write_text(page, render_page(project, edition, model, "screen"))
    log(f"wrote {edition.locale}/index.html ({time.perf_counter() - started:.2f} s)")
    cards = write_chart_cards(
        project.templates_dir, edition.context, edition.messages, edition.charts["screen"], stage
    )
    embeds = write_cards(stage, edition.locale, _render_cards(project, model, edition))
    return [describe(stage, page, edition.locale, "page"), *cards, *embeds]


def _write_pdfs(
    project: Project,
    model: Explainer,
    editions: list[Edition],
    stage: Path,
    out: Path,
    log: Log,
    options: PrintOptions | None,
) -> list[Artifact]:
    """Write every PDF in parallel (the editions', the bilingual one), reusing unchanged ones."""
    from explainer.pdfs import PdfJob, render_all

    options = options or PrintOptions()
    jobs = [_pdf_job(project, model, edition, options) for edition in editions]
    chosen = [e.locale for e in editions]
    if bilingual.wanted(chosen):
        html, meta = bilingual.pdf_parts(project, model, editions)
        path = f"{bilingual.FOLDER}/{bilingual.PDF_NAME}"
        jobs.append(PdfJob(path, bilingual.LOCALE, html, meta, options))
    for result in render_all(jobs, stage, out, log):
        if result.refused:
            bilingual_pdf = result.path.startswith(f"{bilingual.FOLDER}/")
            template = "bilingual.html" if bilingual_pdf else "page.html"
            message = f"the PDF asked for resources outside the assets: {result.refused}"
            raise InputError([Problem(str(project.templates_dir / template), message)])
    return [describe(stage, stage / job.path, job.locale, "pdf") for job in jobs]


def _pdf_job(project: Project, model: Explainer, edition: Edition, options: PrintOptions) -> PdfJob:
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
    path = f"{edition.locale}/{pdf_name(edition.locale)}"
    return PdfJob(path, edition.locale, html, meta, options)


def _description(edition: Edition) -> str:
    msgid = N_(
        "What OK OCE is, the %(method)s steps, the reported results and the disputed "
        "claims, with sources."
    )
    text = fill(edition.messages.gettext(msgid), msgid, {"method": "7 PAS"}, edition.messages)
    return text.unescape()


def _render_cards(project: Project, model: Explainer, edition: Edition) -> list[Card]:
    extras = page_vars(edition, model, "screen")
    return render_cards(project.templates_dir, edition.context, edition.messages, extras)


def _write_root(
    project: Project,
    model: Explainer,
    stage: Path,
    artifacts: list[Artifact],
    built: list[Edition],
) -> Artifact:
    """Write dist/index.html offering every edition the output now holds."""
    pages = {a.locale for a in artifacts if a.kind == "page"}
    locales = [loc for loc in available_locales(project.locales_dir) if loc in pages]
    ready = {e.locale: e for e in built}
    kept = [loc for loc in locales if loc not in ready]
    ready |= {e.locale: e for e in prepare(project, model, kept)}
    editions = [(loc, ready[loc].messages, ready[loc].context) for loc in locales]
    pdfs = {a.locale: a.path for a in artifacts if a.kind == "pdf"}
    return write_root(project.templates_dir, stage, editions, pdfs)


def _title(edition: Edition) -> str:
    return edition.messages.gettext("OK OCE explained")
