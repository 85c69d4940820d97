"""The `explainer` command line: build and check."""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from explainer.commands import i18n as i18n_cli
from explainer.commands import serve
from explainer.errors import ExplainerError, InputError, Problem
from explainer.outdir import refuse
from explainer.pdf.weasy import PAPER_SIZES, PDF_VARIANTS, PrintOptions
from explainer.project import Project


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer", description="Build the cited, bilingual OK OCE explainer."
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=Path.cwd(),
        help="folder holding data/, locales/ and templates/ (default: here)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="write the HTML and PDF editions and the manifest")
    build.add_argument(
        "--out",
        default=None,
        help="output folder: new, empty or a previous output (default: dist/)",
    )
    build.add_argument(
        "--locale",
        action="append",
        dest="locales",
        metavar="L",
        help="build only this locale (repeatable; default: all)",
    )
    build.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    build.add_argument(
        "--base-url",
        metavar="URL",
        help="the address dist/ is published at, ending in / (default: data/edition.yaml's "
        "base_url); makes canonical, hreflang, og:url, JSON-LD, embed codes and the "
        "fragments' links absolute and adds sitemap.xml, robots.txt and oEmbed",
    )
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument(
        "--paper", choices=PAPER_SIZES, default="a4", help="PDF page size (default: a4)"
    )
    build.add_argument(
        "--pdf-variant",
        choices=PDF_VARIANTS,
        default=PDF_VARIANTS[0],
        help="PDF standard to follow: accessible pdf/ua-1 (default) or archival pdf/a-*",
    )
    build.add_argument(
        "--quiet",
        action="store_true",
        help="no progress lines (the default when CI=true or stderr is not a terminal)",
    )

    check = commands.add_parser(
        "check", help="validate facts, catalogs and templates; write nothing"
    )
    check.add_argument(
        "--sources",
        type=Path,
        metavar="DIR",
        help="also check every quote against the captured source texts in DIR",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    schema = commands.add_parser(
        "schema", help="write the JSON Schema of the data files (default: data/schema.json)"
    )
    schema.add_argument("--out", type=Path, default=None, help="where to write it")
    i18n_cli.add_parser(commands)
    serve.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return _run(args)
    except ExplainerError as error:
        print(error, file=sys.stderr)
        if isinstance(error, InputError):
            print(
                f"explainer: {len(error.problems)} problem(s); nothing was written", file=sys.stderr
            )
        return error.exit_code
    except OSError as error:
        print(os_error_message(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("explainer: interrupted; the previous output is untouched", file=sys.stderr)
        return 130
    except Terminated:
        print("explainer: terminated; the previous output is untouched", file=sys.stderr)
        return 143
    finally:
        signal.signal(signal.SIGTERM, previous)


# What to do about the OS errors a build may meet.
OS_ERROR_HINTS = {
    errno.ENOSPC: "free some space and build again",
    errno.EDQUOT: "free some space and build again",
    errno.EROFS: "the file system is read-only; choose another --out",
    errno.EACCES: "check the permissions, or choose another --out",
    errno.EPERM: "check the permissions, or choose another --out",
}


def os_error_message(error: OSError) -> str:
    """Return one line saying what failed, where, and what to do; any output is left as it was."""
    where = f"{os.fsdecode(error.filename)!r}: " if error.filename is not None else ""
    hint = OS_ERROR_HINTS.get(error.errno or 0, "")
    reason = error.strerror or str(error)
    hint = f"; {hint}" if hint else ""
    return f"explainer: {where}{reason}{hint}; the previous output is untouched"


class Terminated(BaseException):
    """SIGTERM arrived: unwind, so that the staging folder and the workers go too."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def _run(args: argparse.Namespace) -> int:
    from explainer.build import build, check, load_model

    project = Project(args.project.resolve())
    if args.command == "schema":
        return _write_schema(args.out or project.data_dir / "schema.json")
    if args.command == "build":
        if args.out == "":
            raise refuse("", "is empty (an unset variable?); give the output folder")
        out = Path(args.out) if args.out is not None else project.root / "dist"
        progress = _say if _progress_wanted(args.quiet) else _quiet
        artifacts = build(
            project,
            out,
            locales=args.locales,
            pdf=not args.no_pdf,
            strict=args.strict,
            base_url=args.base_url,
            log=progress,
            warn=_say,
            print_options=PrintOptions(paper=args.paper, variant=args.pdf_variant),
        )
        _say(f"built {len(artifacts)} artefact(s) into {out}")
        return 0
    if args.command == "i18n":
        return i18n_cli.run(project.root, args)
    if args.command == "serve":
        return serve.serve(
            project, port=args.port, highlight=args.highlight_fallbacks, locale=args.locale
        )
    warnings = check(project, strict=args.strict)
    for warning in warnings:
        _say(str(warning))
    if args.sources is not None:
        _check_sources(load_model(project)[0], args.sources, strict=args.strict)
    _say(check_summary(project, warnings))
    return 0


def check_summary(project: Project, warnings: list[Problem]) -> str:
    """Return the last line of `check`: locales, errors, warnings and untranslated strings."""
    from explainer.i18n.catalogs import SOURCE_LOCALE, available_locales, po_path
    from explainer.i18n.checks import untranslated_count

    locales = available_locales(project.locales_dir)
    counts = [
        f"{loc}: {untranslated_count(warnings, po_path(project.locales_dir, loc))} untranslated"
        for loc in locales
        if loc != SOURCE_LOCALE
    ]
    return (
        f"check passed: checked {len(locales)} locale(s): 0 errors, {len(warnings)} warning(s)"
        + "".join(f"; {c}" for c in counts)
    )


def _write_schema(path: Path) -> int:
    from explainer.facts.schema import schema_text

    try:
        path.write_text(schema_text(), encoding="utf-8", newline="\n")
    except OSError as error:
        raise InputError([Problem(str(path), f"cannot be written: {error.strerror}")]) from None
    _say(f"wrote {path}")
    return 0


def _check_sources(model: object, folder: Path, *, strict: bool = False) -> None:
    from explainer.facts.model import Explainer
    from explainer.facts.quotes import check_quotes, check_weekdays

    assert isinstance(model, Explainer)
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "no such folder of source captures")])
    problems = check_quotes(model, folder)
    if problems:
        raise InputError(problems)
    warnings = check_weekdays(model, folder)
    if strict and warnings:
        raise InputError(warnings)
    for warning in warnings:
        _say(str(warning))


def _progress_wanted(quiet: bool) -> bool:
    """Return whether to print a line per artefact: in a terminal, outside CI."""
    in_ci = os.environ.get("CI", "").lower() in ("true", "1", "yes")
    return not quiet and not in_ci and sys.stderr.isatty()


def _quiet(message: str) -> None:
    """Drop a progress line."""


def _say(message: str) -> None:
    print(message, file=sys.stderr)
