"""What the tests share: where the project is, copies of it, the manifest, HTML, the CLI.

Fixtures built on these live in `conftest.py`.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.messages import pofile

import explainer.build
from explainer.build import build
from explainer.commands.cli import main
from explainer.errors import Problem
from explainer.i18n.catalogs import NO_WRAP, available_locales, po_path
from explainer.project import Project, bilingual_wanted
from explainer.render import page

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
# The folders a project is made of; `copy_project` copies these.
INPUTS = ("data", "locales", "templates")

# The 7 PAS, in the order the source gives them (Koran Jakarta, January 2018).
SEVEN_STEPS = [
    "pendaftaran",
    "pelatihan",
    "pendampingan",
    "perizinan",
    "pemasaran",
    "pelaporan keuangan",
    "permodalan",
]


needs_both = pytest.mark.skipif(
    not bilingual_wanted(available_locales(ROOT / "locales")),
    reason="the bilingual edition needs both an Indonesian and an English catalog",
)


def copy_project(target: Path) -> Path:
    """Copy the project's inputs (data/, locales/, templates/) into `target`; return it."""
    for name in INPUTS:
        shutil.copytree(ROOT / name, target / name)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` (relative POSIX path) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def manifest(dist: Path) -> list[dict[str, Any]]:
    """Return the artefacts listed in `dist/manifest.json`."""
    text = (dist / "manifest.json").read_text(encoding="utf-8")
    entries: list[dict[str, Any]] = json.loads(text)["artifacts"]
    return entries


@contextmanager
def clean_environment() -> Iterator[None]:
    """Build as CI does: no progress lines, and the edition date from the data."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        patch.setenv("CI", "true")
        yield


def shared_folder(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]
) -> Path:
    """Return the folder `name`, filled by `make` once per test run.

    Under pytest-xdist every worker runs session fixtures on its own; the folder
    lives in the temporary folder the workers share, and a lock makes the first
    worker fill it while the others wait.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, done = base / name, base / f"{name}.done"
    with (base / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            make(folder)
            done.touch()
    return folder


# --- the variant project: new languages and hostile translations, built once ------

# The variant's languages: a pseudo-translated one (`i18n init` + `i18n pseudo`) and
# one started with `pybabel init` from the POT, one string translated.
PSEUDO_LOCALE = "ms"
NEW_LOCALE = "jv"
NEW_MSGID = "Does it work? The disputed claims"
NEW_MSGSTR = "Apa mlaku? Pratelan sing dibantah"
# Translations that are markup, written into the variant's NEW_LOCALE catalog.
HOSTILE = {
    "Does it work? The reported results": "<script>alert(1)</script>",
    "Edition of {date}": "<img src=x onerror=alert(2)> {date}",
    "Page {page} of {pages}": "</style><script>alert(3)</script> {page}/{pages}",
    "Where it came from": "<b onmouseover=alert(4)>Asal</b> &amp;",
}


@dataclass(frozen=True)
class Variant:
    """The variant project, its build and the build's progress and warning lines."""

    folder: Path

    @property
    def project(self) -> Project:
        """Return the changed copy of the project."""
        return Project(self.folder / "project")

    @property
    def out(self) -> Path:
        """Return the output: the session's build, then rebuilt from the variant project."""
        return self.folder / "dist"

    @property
    def log(self) -> list[str]:
        """Return the lines the rebuild logged."""
        return (self.folder / "build.log").read_text("utf-8").splitlines()


def make_variant(folder: Path, dist: Path) -> None:
    """Add two languages to a copy of the project, then rebuild a copy of `dist` from it.

    A pseudo-translated PSEUDO_LOCALE, and a NEW_LOCALE started with `pybabel init`,
    one string translated and the HOSTILE translations added; the build runs with
    the errors the checks find in that catalog ignored (they would refuse it). So one build
    renders the PDFs these need, and shows that a rebuild renders only the new
    editions' PDFs and images: English, Indonesian and the bilingual one are kept.
    """
    root = copy_project(folder / "project")
    project = Project(root)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for command in (["init", PSEUDO_LOCALE], ["pseudo", PSEUDO_LOCALE]):
            assert main(["--project", str(root), "i18n", *command]) == 0, command
    new_language(project)
    translate(project, NEW_LOCALE, HOSTILE)
    shutil.copytree(dist, folder / "dist")
    lines: list[str] = []
    checks, hostile = explainer.build.check_catalogs, po_path(project.locales_dir, NEW_LOCALE)

    def other_checks(locales_dir: Path, locales: list[str]) -> list[Problem]:
        return [p for p in checks(locales_dir, locales) if p.warning or Path(p.file) != hostile]

    with clean_environment(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(explainer.build, "check_catalogs", other_checks)
        build(project, folder / "dist", log=lines.append)
    (folder / "build.log").write_text("".join(f"{line}\n" for line in lines), "utf-8")


def new_language(project: Project) -> None:
    """Start NEW_LOCALE with the standard `pybabel init`; translate NEW_MSGID only.

    The template is the committed POT (tests/i18n/test_pot.py keeps it current).
    """
    pybabel = Path(sys.executable).parent / "pybabel"
    pot = project.locales_dir / "messages.pot"
    command = [str(pybabel), "init", "-i", str(pot), "-d", str(project.locales_dir)]
    subprocess.run([*command, "-l", NEW_LOCALE], check=True, capture_output=True)
    translate(project, NEW_LOCALE, {NEW_MSGID: NEW_MSGSTR})


def translate(project: Project, locale: str, translations: dict[str, str]) -> None:
    """Set these translations in the catalog of `locale`."""
    path = po_path(project.locales_dir, locale)
    with path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=locale)
    for msgid, text in translations.items():
        if msgid not in catalog:
            catalog.add(msgid)
        catalog[msgid].string = text
    with path.open("wb") as handle:
        pofile.write_po(handle, catalog)


# --- catalogs ------------------------------------------------------------------

HEADER = """\
msgid ""
msgstr ""
"Language: {locale}\\n"
"Plural-Forms: {plural}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""
ONE_FORM = "nplurals=1; plural=0;"


def write_po(
    locales_dir: Path, entries: str, *, locale: str = "id", plural: str = ONE_FORM
) -> Path:
    """Write a catalog made of a header and `entries`; return its path."""
    path = po_path(locales_dir, locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(locale=locale, plural=plural) + "\n" + entries, "utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """Return the 1-based line of the first line of `path` containing `text`."""
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def own_catalogs(project: Project) -> Path:
    """Drop the copied catalogs so a test's catalog is the only one."""
    shutil.rmtree(project.locales_dir)
    project.locales_dir.mkdir()
    return project.locales_dir


# --- HTML --------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


@dataclass
class Element:
    """One element of a parsed page: its attributes, its text, and what it is inside."""

    tag: str
    attrs: dict[str, str]
    parents: tuple[Element, ...]
    text: str = ""
    children: list[Element] = field(default_factory=list, repr=False)

    @property
    def classes(self) -> set[str]:
        """Return the element's classes."""
        return set(self.attrs.get("class", "").split())

    def inside(self, tag: str | None = None, cls: str | None = None) -> bool:
        """Return whether an ancestor has this tag and/or class."""
        return any(
            (tag is None or p.tag == tag) and (cls is None or cls in p.classes)
            for p in self.parents
        )


class Html(HTMLParser):
    """A parsed HTML file: every element in document order, with its text and ancestors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.data: list[str] = []
        # The open elements, each with where its text starts in `data`: an element's text
        # is joined once, when it closes (adding each piece to every ancestor as it came
        # made a page's parse quadratic in its length).
        self._open: list[tuple[Element, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parents = tuple(e for e, _ in self._open)
        element = Element(tag, {k: v or "" for k, v in attrs}, parents)
        if self._open:
            self._open[-1][0].children.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self._open.append((element, len(self.data)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._close(len(self._open) - 1)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0].tag == tag:
                self._close(depth)
                return

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def close(self) -> None:
        super().close()
        self._close(0)

    def _close(self, depth: int) -> None:
        """Close the open elements from `depth` down, giving each its text."""
        for element, start in self._open[depth:]:
            element.text = "".join(self.data[start:])
        del self._open[depth:]

    @property
    def lang(self) -> str:
        """Return the language of the <html> element."""
        return next((e.attrs.get("lang", "") for e in self.elements if e.tag == "html"), "")

    @property
    def text(self) -> str:
        """Return all the text, scripts and styles included, pieces joined by a space."""
        return " ".join(self.data)

    @property
    def tags(self) -> list[tuple[str, dict[str, str]]]:
        """Return each element's tag and attributes, in document order."""
        return [(e.tag, e.attrs) for e in self.elements]

    @property
    def styles(self) -> list[str]:
        """Return the text of every <style> element."""
        return [e.text for e in self.elements if e.tag == "style"]

    @property
    def scripts(self) -> list[tuple[dict[str, str], str]]:
        """Return the attributes and text of every <script> element."""
        return [(e.attrs, e.text) for e in self.elements if e.tag == "script"]

    def ids(self) -> list[str]:
        """Return every id, in document order (duplicates kept)."""
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]

    def local_targets(self) -> set[str]:
        """Return the ids that `href="#…"` links point at."""
        return {
            e.attrs["href"][1:] for e in self.elements if e.attrs.get("href", "").startswith("#")
        }

    def select(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """Return the elements with this tag and/or class."""
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        """Return the attributes of each `tag` whose attributes have the wanted values.

        An underscore in a keyword stands for a hyphen (`http_equiv` → `http-equiv`).
        """
        return [
            e.attrs
            for e in self.elements
            if e.tag == tag
            and all(e.attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())
        ]


def parse_html(text: str) -> Html:
    """Parse HTML text."""
    document = Html()
    document.feed(text)
    document.close()
    return document


def parse_file(path: Path) -> Html:
    """Parse an HTML file (once per version of it: many tests read the same pages).

    Read the result, do not change it.
    """
    stat = path.stat()
    return _parsed_file(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _parsed_file(path: Path, mtime_ns: int, size: int) -> Html:
    return parse_html(path.read_text(encoding="utf-8"))


# --- the command line ----------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """What a run of the command line did."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        """Return stdout and stderr together."""
        return self.out + self.err


def run_main(argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> Result:
    """Run `explainer.commands.cli.main` in this process, as the `explainer` command does."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exit:  # argparse's usage errors
        code = exit.code if isinstance(exit.code, int) else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def cli_env(**extra: str) -> dict[str, str]:
    """Return this environment without SOURCE_DATE_EPOCH, as CI, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return {**env, "CI": "true", **extra}


def cli(*args: str, project: Path = ROOT) -> list[str]:
    """Return the command line that runs the explainer on `project`."""
    return [sys.executable, "-m", "explainer", "--project", str(project), *args]


def run_cli(
    *args: str, project: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m explainer --project <project> <args>` in a new process."""
    return subprocess.run(
        cli(*args, project=project),
        capture_output=True,
        text=True,
        env=cli_env(**(env or {})),
        timeout=120,
        check=False,
    )


def extract_pot(tmp_path: Path) -> Path:
    """Run the standard `pybabel extract` with the project's configuration (and, as
    `explainer i18n extract` does, a width that wraps no note: see explainer/i18n/notes.py)."""
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    width = ["--width", str(NO_WRAP)]
    subprocess.run(
        [str(pybabel), "extract", "-F", "pyproject.toml", *width, "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return pot


def page_renderings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return a list that gets "locale/medium" (e.g. "id/print") for each page rendered from now."""
    rendered: list[str] = []
    real = page.render

    def counting(folder: Path, name: str, context: Any, messages: Any, **extra: Any) -> str:
        rendered.append(f"{context['lang']}/{extra['medium']}")
        return real(folder, name, context, messages, **extra)

    monkeypatch.setattr(page, "render", counting)
    return rendered
