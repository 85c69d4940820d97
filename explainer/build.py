"""The pipeline: facts → validated model → localized editions → HTML / PDF / PNG → written files."""

from __future__ import annotations

from pathlib import Path

from explainer.context.edition import Edition, edition_date, localize
from explainer.errors import InputError, Problem, UsageError
from explainer.facts.load import load_data_dir
from explainer.facts.model import Explainer
from explainer.facts.validate import validate
from explainer.i18n.catalogs import available_locales, choose_locales, load_messages, po_path
from explainer.i18n.checks import check_catalogs, fallback_problems, untranslated_count
from explainer.outdir import check_out
from explainer.output import Artifact, Log, read_manifest, staging, write_files, write_manifest
from explainer.pdf.weasy import PrintOptions
from explainer.printing import edition_images, write_prints
from explainer.project import Project, bilingual_wanted
from explainer.render.bilingual import render_bilingual
from explainer.render.downloads import chart_files
from explainer.render.files import OutputFile
from explainer.render.page import edition_cards, edition_files, learn_fallbacks, render_page
from explainer.render.site import root_file
from explainer.render.sitemap import SitePage, site_files
from explainer.urls import base_url_problem, template_problems

# Said once per build without the site's address.
NO_BASE_URL = (
    "note: no base URL (--base-url or base_url in data/edition.yaml): links stay relative, "
    "and sitemap.xml, robots.txt, oEmbed and og:url are left out"
)


def load_model(project: Project, *, strict: bool = False) -> tuple[Explainer, list[Problem]]:
    """Read and validate the data files."""
    return validate(load_data_dir(project.data_dir), strict=strict)


def check_templates(project: Project) -> None:
    """Stop if a template links or loads what a page may not (see `urls`)."""
    problems = template_problems(project.templates_dir)
    if problems:
        raise InputError(problems)


def prepare(
    project: Project,
    model: Explainer,
    locales: list[str],
    base_url: str | None = None,
    pdfs: frozenset[str] | None = None,
) -> list[Edition]:
    """Load each locale's catalog, localize the model, and learn which strings fall back.

    `pdfs`: the locales whose PDF the output will hold (None: every edition's), so
    that the page rendered to learn the fallbacks is the one written.
    """
    date = edition_date(model)
    editions = []
    for locale in locales:
        edition = localize(model, load_messages(project.locales_dir, locale), locales, date)
        edition.base_url = base_url
        edition.pdfs = pdfs
        learn_fallbacks(project.templates_dir, edition, model)
        editions.append(edition)
    return editions


def check_translations(
    project: Project,
    model: Explainer,
    locales: list[str],
    *,
    strict: bool,
    base_url: str | None = None,
    pdfs: frozenset[str] | None = None,
) -> tuple[list[Edition], list[Problem]]:
    """Check the catalogs, then prepare the editions; return them and the warnings."""
    problems = check_catalogs(project.locales_dir, locales)
    _stop_on_errors(problems, strict)
    editions = prepare(project, model, locales, base_url, pdfs)
    for edition in editions:
        path = po_path(project.locales_dir, edition.locale)
        problems += fallback_problems(path, edition.messages)
    _stop_on_errors(problems, strict)
    return editions, problems


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
            render_page(project.templates_dir, edition, model, medium)
        edition_cards(project.templates_dir, edition, model)
        chart_files(project.templates_dir, edition, model)
        edition_images(project, model, edition)
    if bilingual_wanted(chosen):
        render_bilingual(project.templates_dir, model, editions)
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
    base_url: str | None = None,
) -> list[Artifact]:
    """Build every edition into `out`; return the manifest's artefacts.

    `log` gets a progress line per artefact; `warn` (default: `log`) the warnings.
    `base_url` (default: the edition data's) is the address `out` is published at.
    """
    warn = warn or log
    out = check_out(out, project.inputs)
    model, warnings = load_model(project, strict=strict)
    base_url = site_address(model, base_url)
    check_templates(project)
    for warning in warnings:
        warn(str(warning))
    chosen = choose_locales(project.locales_dir, locales)
    printed = frozenset(chosen if pdf else ())  # the editions whose PDF this build writes
    editions, catalog_warnings = check_translations(
        project, model, chosen, strict=strict, base_url=base_url, pdfs=printed
    )
    with staging(out, keep=bool(locales)) as stage:
        kept = [
            a
            for a in read_manifest(stage)
            if a.locale not in chosen and a.kind != "index" and (stage / a.path).is_file()
        ]
        with_pdf = printed | {a.locale for a in kept if a.kind == "pdf"}
        for edition in editions:
            edition.pdfs = with_pdf
        files = [f for e in editions for f in edition_files(project.templates_dir, e, model)]
        artifacts = kept + write_files(stage, files, log)
        if pdf:
            pdfs = write_prints(project, model, editions, stage, out, log, print_options)
            rebuilt = {a.path for a in pdfs}
            artifacts = [a for a in artifacts if a.path not in rebuilt] + pdfs
        root = _root_file(project, model, artifacts, editions, base_url)
        artifacts += write_files(stage, [root], log)
        if base_url:
            artifacts += write_files(stage, _site_files(base_url, artifacts, editions), log)
        write_manifest(stage, artifacts, base_url)
    if not base_url:
        warn(NO_BASE_URL)
    for line in untranslated_summary(project, chosen, catalog_warnings):
        warn(line)
    return artifacts


def site_address(model: Explainer, given: str | None) -> str | None:
    """Return the address the output is published at: `--base-url`, else the data's."""
    if given is None:
        return model.imprint.base_url
    problem = base_url_problem(given)
    if problem:
        raise UsageError(f"--base-url: {problem}")
    return given


def _site_files(
    base_url: str, artifacts: list[Artifact], editions: list[Edition]
) -> list[OutputFile]:
    """Return sitemap.xml and robots.txt for the pages the output holds."""
    pages = [
        SitePage(a.path, "x-default" if a.kind == "index" else a.locale, a.section or "page")
        for a in artifacts
        if a.kind in ("page", "index", "claim")
    ]
    return site_files(base_url, pages, editions[0].context["edition_date_iso"])


def untranslated_summary(
    project: Project, locales: list[str], problems: list[Problem]
) -> list[str]:
    """Return a line per edition with strings shown in English (`check` lists them)."""
    lines = []
    for locale in locales:
        path = po_path(project.locales_dir, locale)
        count = untranslated_count(problems, path)
        if count:
            lines.append(
                f"{path}: warning: {count} string(s) untranslated, shown in English "
                "(`explainer check` lists them)"
            )
    return lines


def _stop_on_errors(problems: list[Problem], strict: bool) -> None:
    errors = [p for p in problems if strict or not p.warning]
    if errors:
        raise InputError(errors)


def _root_file(
    project: Project,
    model: Explainer,
    artifacts: list[Artifact],
    built: list[Edition],
    base_url: str | None,
) -> OutputFile:
    """Return dist/index.html offering every edition the output now holds."""
    pages = {a.locale for a in artifacts if a.kind == "page"}
    locales = [loc for loc in available_locales(project.locales_dir) if loc in pages]
    ready = {e.locale: e for e in built}
    kept = [loc for loc in locales if loc not in ready]
    ready |= {e.locale: e for e in prepare(project, model, kept, base_url)}
    editions = [(loc, ready[loc].messages, ready[loc].context) for loc in locales]
    pdfs = {a.locale: a.path for a in artifacts if a.kind == "pdf"}
    return root_file(project.templates_dir, editions, pdfs, base_url)
