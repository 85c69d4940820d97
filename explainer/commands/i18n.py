"""`explainer i18n …`: catalog statistics and thin wrappers around the standard `pybabel`.

The wrappers only fill in this project's paths and names; translators may run
the same `pybabel` commands themselves (see TRANSLATING.md). `init` also writes
the right Plural-Forms header, which Babel guesses wrongly for Indonesian,
Javanese, Sundanese and other languages without plural forms.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from explainer.errors import ExplainerError, UsageError
from explainer.i18n.catalogs import DOMAIN, SOURCE_LOCALE, available_locales, po_path, read_catalog
from explainer.i18n.checks import expected_plural_forms

POT = Path("locales") / f"{DOMAIN}.pot"
EXTRACT_NAMES = [
    "--project=OK OCE explainer",
    "--copyright-holder=OK OCE explainer project",
    "--msgid-bugs-address=translators@explainer.invalid",
]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `explainer i18n` and its subcommands to the command line."""
    i18n = commands.add_parser("i18n", help="translation catalogs: stats, extract, update, …")
    actions = i18n.add_subparsers(dest="i18n_command", required=True)
    actions.add_parser("stats", help="per locale: translated, fuzzy, untranslated, %%")
    actions.add_parser("extract", help=f"write {POT} from templates, code and facts")
    update = actions.add_parser("update", help=f"merge {POT} into every catalog")
    update.add_argument("--locale", metavar="L", help="update only this locale")
    actions.add_parser("compile", help="write .mo files (the build does not need them)")
    init = actions.add_parser("init", help="start a catalog for a new language")
    init.add_argument("locale", metavar="L", help="language code, e.g. jv or su")


def run(root: Path, args: argparse.Namespace) -> int:
    """Run one `explainer i18n` subcommand in the project at `root`."""
    command: str = args.i18n_command
    if command == "stats":
        print(format_stats([catalog_stats(root / "locales", loc) for loc in _locales(root)]))
        return 0
    if command == "extract":
        return pybabel(root, "extract", "-F", "pyproject.toml", *EXTRACT_NAMES, "-o", str(POT), ".")
    if command == "update":
        chosen = ["-l", args.locale] if args.locale else []
        return pybabel(root, "update", "-i", str(POT), "-d", "locales", *chosen)
    if command == "compile":
        return pybabel(root, "compile", "-d", "locales", "--statistics")
    return init_locale(root, args.locale)


@dataclass(frozen=True)
class Stats:
    """How much of one catalog is translated."""

    locale: str
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(locales_dir: Path, locale: str) -> Stats:
    """Count the translated, fuzzy and untranslated entries of a catalog (obsolete ones aside)."""
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for message in read_catalog(po_path(locales_dir, locale), locale):
        if not message.id:
            continue
        value = message.string
        strings = [value] if isinstance(value, str) else list(value or [""])
        if not all(strings):
            counts["untranslated"] += 1
        elif message.fuzzy:
            counts["fuzzy"] += 1
        else:
            counts["translated"] += 1
    return Stats(locale, **counts)


def format_stats(rows: list[Stats]) -> str:
    """Return the statistics as a plain-text table."""
    lines = [f"{'locale':<8} {'translated':>10} {'fuzzy':>6} {'untranslated':>12} {'done':>7}"]
    lines += [
        f"{s.locale:<8} {s.translated:>10} {s.fuzzy:>6} {s.untranslated:>12} {s.percent:>6.1f}%"
        for s in rows
    ]
    return "\n".join(lines)


def init_locale(root: Path, locale: str) -> int:
    """Start a catalog for `locale` from the template, with the right plural header."""
    if po_path(root / "locales", locale).exists():
        raise UsageError(f"locale {locale!r} already has a catalog; use `explainer i18n update`")
    status = pybabel(root, "init", "-i", str(POT), "-d", "locales", "-l", locale)
    if status == 0:
        fix_plural_header(po_path(root / "locales", locale), locale)
    return status


def fix_plural_header(path: Path, locale: str) -> None:
    """Rewrite the Plural-Forms header where Babel's guess is known to be wrong."""
    expected = expected_plural_forms(locale)
    if expected is None:
        return
    header = f'"Plural-Forms: nplurals={expected[0]}; plural={expected[1]};\\n"'
    text = path.read_text("utf-8")
    fixed = re.sub(r'^"Plural-Forms:.*"$', lambda _: header, text, count=1, flags=re.M)
    path.write_text(fixed, "utf-8")


def pybabel(root: Path, *arguments: str) -> int:
    """Run the standard `pybabel` command in the project folder; return its status."""
    if arguments[0] != "extract" and not (root / POT).exists():
        raise UsageError(f"no {POT} yet; run `explainer i18n extract` first")
    command = [sys.executable, "-m", "babel.messages.frontend", *arguments]
    try:
        return subprocess.run(command, cwd=root, check=False).returncode
    except OSError as error:
        raise ExplainerError(f"cannot run pybabel: {error}") from None


def _locales(root: Path) -> list[str]:
    return [loc for loc in available_locales(root / "locales") if loc != SOURCE_LOCALE]
