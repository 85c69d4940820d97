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
from explainer.i18n.catalogs import (
    DOMAIN,
    NO_WRAP,
    SOURCE_LOCALE,
    available_locales,
    po_path,
    read_catalog,
    write_catalog,
)
from explainer.i18n.checks import expected_plural_forms, is_translated
from explainer.i18n.glossary import read_glossary
from explainer.i18n.notes import tidy_notes
from explainer.i18n.originals import fill_originals
from explainer.i18n.powrap import wrap_po
from explainer.i18n.pseudo import pseudo_fill

POT = Path("locales") / f"{DOMAIN}.pot"
# Babel's writers wrap neither strings nor notes; `rewrap` wraps the strings (see notes.py).
NO_WRAP_ARGS = ["--width", str(NO_WRAP)]
EXTRACT_NAMES = [
    "--project=OK OCE explainer",
    "--copyright-holder=OK OCE explainer project",
    "--msgid-bugs-address=translators@explainer.invalid",
]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `explainer i18n` and its subcommands to the command line."""
    i18n = commands.add_parser("i18n", help="translation catalogs: stats, extract, update, …")
    actions = i18n.add_subparsers(dest="i18n_command", required=True)
    actions.add_parser("stats", help="per locale: translated, fuzzy, untranslated, %% done")
    actions.add_parser("extract", help=f"write {POT} from templates, code and facts")
    update = actions.add_parser(
        "update", help=f"merge {POT} into every catalog, keeping the previous msgid (#|)"
    )
    update.add_argument("--locale", metavar="L", help="update only this locale")
    actions.add_parser("compile", help="write .mo files (the build does not need them)")
    init = actions.add_parser("init", help="start a catalog for a new language")
    init.add_argument("locale", metavar="L", help="language code, e.g. jv or su")
    pseudo = actions.add_parser(
        "pseudo", help="overwrite a catalog with a pseudo-translation (accented, longer, ⟦…⟧)"
    )
    pseudo.add_argument("locale", metavar="L", help="a locale with a catalog, e.g. ms")


def run(root: Path, args: argparse.Namespace) -> int:
    """Run one `explainer i18n` subcommand in the project at `root`."""
    command: str = args.i18n_command
    if command == "stats":
        stats = [catalog_stats(root / "locales", loc, root / POT) for loc in _locales(root)]
        print(format_stats(stats))
        return 0
    if command == "extract":
        if not (root / "explainer").is_dir():
            # pyproject.toml maps explainer/**.py: without the code, the template would lose
            # its strings, and the next update would make their translations obsolete.
            raise UsageError(
                f"{root} holds no explainer/ code, so the template would lose the strings "
                "of the code; run `explainer i18n extract` in the explainer's own folder"
            )
        status = pybabel(
            root,
            "extract",
            "-F",
            "pyproject.toml",
            *EXTRACT_NAMES,
            *NO_WRAP_ARGS,
            "-o",
            str(POT),
            ".",
        )
        if status == 0:
            tidy_notes(root / POT)
        return status or rewrap(root / POT)
    if command == "update":
        return update(root, args.locale)
    if command == "compile":
        return pybabel(root, "compile", "-d", "locales", "--statistics")
    if command == "pseudo":
        return pseudo_locale(root, args.locale)
    return init_locale(root, args.locale)


@dataclass(frozen=True)
class Stats:
    """How much of one catalog is translated.

    `untranslated` counts every string the edition shows in English: empty,
    fuzzy (also counted in `fuzzy`) or missing from the catalog but in the
    template. `check` and `build` count the same strings.
    """

    locale: str
    translated: int
    untranslated: int
    fuzzy: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(locales_dir: Path, locale: str, pot: Path | None = None) -> Stats:
    """Count the translated and untranslated strings of a catalog (obsolete ones aside)."""
    catalog = read_catalog(po_path(locales_dir, locale), locale)
    entries = [m for m in catalog if m.id]
    translated = sum(1 for m in entries if is_translated(m))
    fuzzy = sum(1 for m in entries if m.fuzzy)
    missing = 0
    if pot is not None and pot.exists():
        have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in entries}
        template = read_catalog(pot, locale)
        missing = sum(
            1
            for m in template
            if m.id and (m.context, m.id if isinstance(m.id, str) else m.id[0]) not in have
        )
    return Stats(locale, translated, len(entries) - translated + missing, fuzzy)


def format_stats(rows: list[Stats]) -> str:
    """Return the statistics as a plain-text table."""
    lines = [f"{'locale':<8} {'translated':>10} {'untranslated':>12} {'(fuzzy)':>8} {'done':>7}"]
    lines += [
        f"{s.locale:<8} {s.translated:>10} {s.untranslated:>12} {f'({s.fuzzy})':>8} "
        f"{s.percent:>6.1f}%"
        for s in rows
    ]
    return "\n".join(lines)


def update(root: Path, locale: str | None) -> int:
    """Merge the template into the catalogs (or one), keeping previous msgids; rewrap them.

    A changed English string arrives fuzzy with its old msgid as a `#|` comment,
    so a translator (and Poedit) sees what changed; an entry still fuzzy from an
    earlier update keeps the one it had, as `msgmerge --previous` keeps it. (Babel
    would turn those into translator's comments: they are taken out before
    `pybabel update` and given back after it, see `drop_previous`.)
    """
    locales = _locales(root)
    if locale is not None and locale not in locales:
        known = ", ".join(locales) or "none"
        raise UsageError(f"no catalog for locale {locale!r}; available: {known}")
    chosen = ["-l", locale] if locale else []
    names = [locale] if locale else locales
    kept = {name: drop_previous(po_path(root / "locales", name), name) for name in names}
    status = pybabel(
        root, "update", "-i", str(POT), "-d", "locales", "--previous", *NO_WRAP_ARGS, *chosen
    )
    for name in names:
        path = po_path(root / "locales", name)
        status = status or originals(root, name)
        status = status or restore_previous_ids(path, name, kept[name]) or rewrap(path)
    return status


Previous = dict[tuple[str | None, str], list[str]]


def drop_previous(path: Path, locale: str) -> Previous:
    """Take the previous msgids (`#|`) out of a catalog before `pybabel update`; return
    them by entry. Babel reads them as translator's comments and would write them back
    as such (`# | msgid …`), for good."""
    catalog = read_catalog(path, locale)
    kept: Previous = {
        (m.context, m.id): list(m.previous_id)
        for m in catalog
        if m.previous_id and isinstance(m.id, str)
    }
    text = path.read_text("utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#|")]
    if len(lines) != len(text.splitlines()):
        path.write_text("".join(lines), "utf-8", newline="\n")
    return kept


def restore_previous_ids(path: Path, locale: str, kept: Previous) -> int:
    """Give the entries still fuzzy with no previous msgid of their own the one they had."""
    catalog = read_catalog(path, locale)
    changed = False
    for message in catalog:
        key = (message.context, message.id)
        if message.fuzzy and not message.previous_id and key in kept:
            message.previous_id = kept[key]
            changed = True
    if changed:
        write_catalog(path, catalog)
    return 0


def originals(root: Path, locale: str) -> int:
    """Fill in the original words of the quotes said in `locale`'s language."""
    from explainer.build import load_model
    from explainer.facts.quotes import all_quotes
    from explainer.project import Project

    model, _ = load_model(Project(root))
    fill_originals(po_path(root / "locales", locale), locale, [q for _, q in all_quotes(model)])
    return 0


def rewrap(path: Path) -> int:
    """Wrap a catalog's strings as msgcat and Poedit do, so saving in Poedit changes nothing."""
    text = path.read_text("utf-8")
    wrapped = wrap_po(text)
    if wrapped != text:
        path.write_text(wrapped, "utf-8", newline="\n")
    return 0


def init_locale(root: Path, locale: str) -> int:
    """Start a catalog for `locale` from the template, with the right plural header."""
    if po_path(root / "locales", locale).exists():
        raise UsageError(f"locale {locale!r} already has a catalog; use `explainer i18n update`")
    status = pybabel(root, "init", "-i", str(POT), "-d", "locales", "-l", locale, *NO_WRAP_ARGS)
    if status == 0:
        fix_plural_header(po_path(root / "locales", locale), locale)
        originals(root, locale)
        rewrap(po_path(root / "locales", locale))
    return status


def pseudo_locale(root: Path, locale: str) -> int:
    """Overwrite the catalog of `locale` with a pseudo-translation of every string.

    For testing, not publishing: a build in it shows any text that does not
    come from the catalog as plain English among accented text.
    """
    locales = _locales(root)
    if locale not in locales:
        raise UsageError(
            f"no catalog for locale {locale!r}; start one with `explainer i18n init {locale}`"
        )
    keep = [t.source for t in read_glossary(root / "locales") if t.keep]
    count = pseudo_fill(po_path(root / "locales", locale), locale, keep)
    print(f"pseudo-translated {count} strings in {po_path(Path('locales'), locale)}")
    return rewrap(po_path(root / "locales", locale))


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
