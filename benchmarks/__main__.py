"""Time the build on this machine and print a table (`make bench`).

`python -m benchmarks --no-scale` leaves out the (long) scale run.

Every build runs as a fresh `python -m explainer` process, as an editor would
run it, on a copy of the project in a temporary folder. The baseline is bare
WeasyPrint, also in a fresh process, rendering the same print HTML files one
after another; the ratio of our cold build to it is the headline figure.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SCALE_LOCALES = ("ms", "jv", "su", "nl", "fr", "de", "es", "pt")
SCALE_FACTOR = 10
BARE = "bare WeasyPrint, same HTML, one after another"
COLD = "cold full build (HTML + PDF)"

# The same rendering options and paper size as ours (a tagged PDF costs time).
BARE_WEASYPRINT = """
import sys, weasyprint
from explainer.pdf.weasy import PrintOptions
options = PrintOptions()
base = sys.argv[1]
for html in sys.argv[2:]:
    paper = weasyprint.CSS(string=options.page_css())
    document = weasyprint.HTML(filename=html, base_url=base).render(
        stylesheets=[paper], **options.rendering()
    )
    document.write_pdf(html + ".pdf", **options.rendering())
"""


@dataclass(frozen=True, order=True)
class Timing:
    """Wall-clock and CPU seconds (of the process and all its workers)."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s  {self.cpu:6.2f} s"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str]) -> Timing:
    """Run a command quietly; return its wall-clock and CPU time."""
    env = {**os.environ, "CI": "true"}
    cpu = _cpu()
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr}")
    return Timing(time.perf_counter() - started, _cpu() - cpu)


def explainer(project: Path, *args: str) -> Callable[[], Timing]:
    """Return a step that runs the explainer on `project`."""
    return lambda: run([sys.executable, "-m", "explainer", "--project", str(project), *args])


def copy_project(target: Path) -> Path:
    """Copy data/, locales/ and templates/ to `target`."""
    for name in ("data", "locales", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target


def edit_catalog(project: Path, locale: str) -> None:
    """Change one translation in a locale's catalog."""
    po = project / "locales" / locale / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    # Words, not numbers: the catalog checks refuse numbers the msgid does not have.
    previous = catalog["Sources"].string
    catalog["Sources"].string = "Sumber baru" if previous != "Sumber baru" else "Sumber lain"
    with po.open("wb") as handle:
        write_po(handle, catalog)


def print_html(project: Path, folder: Path) -> list[Path]:
    """Write the print HTML of every PDF the build makes into `folder` (what WeasyPrint gets)."""
    from explainer.build import load_model, prepare
    from explainer.i18n.catalogs import choose_locales
    from explainer.project import Project, bilingual_wanted
    from explainer.render.bilingual import render_bilingual
    from explainer.render.page import render_page

    proj = Project(project)
    model, _ = load_model(proj)
    locales = choose_locales(proj.locales_dir, None)
    editions = prepare(proj, model, locales)
    pages = {e.locale: render_page(proj.templates_dir, e, model, "print") for e in editions}
    if bilingual_wanted(locales):
        pages["bilingual"] = render_bilingual(proj.templates_dir, model, editions)
    paths = []
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return paths


def bare_weasyprint(project: Path, folder: Path) -> Timing:
    """Time bare WeasyPrint rendering the project's print HTML files one after another."""
    from explainer.project import ASSETS

    files = [str(p) for p in print_html(project, folder)]
    return run([sys.executable, "-c", BARE_WEASYPRINT, ASSETS.as_uri() + "/", *files])


def scale_project(target: Path) -> Path:
    """Make a project with ten locales and ten times the figures and facts."""
    copy_project(target)
    with (target / "locales" / "id" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        source = read_po(handle, locale="id")
    for locale in SCALE_LOCALES:
        folder = target / "locales" / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / "messages.po").open("wb") as handle:
            write_po(handle, relabel(source, locale))
    _multiply(
        target / "data" / "results.yaml", "figures", lambda f, n: {**f, "id": f"{f['id']}-{n}"}
    )
    _multiply(target / "data" / "about.yaml", "about", _copy_topic)
    return target


def relabel(source: Catalog, locale: str) -> Catalog:
    """Return the Indonesian translations as a catalog of `locale` (its own plural rule)."""
    catalog = Catalog(locale=locale, domain="messages", charset="utf-8")
    for message in source:
        if message.id:
            plural = isinstance(message.id, (list, tuple))
            string = ("",) * catalog.num_plurals if plural else message.string
            catalog.add(message.id, string, context=message.context, flags=message.flags)
    return catalog


def _copy_topic(topic: dict[str, object], n: int) -> dict[str, object]:
    facts = topic["facts"]
    assert isinstance(facts, list)
    return {
        **topic,
        "id": f"{topic['id']}-{n}",
        "facts": [{**fact, "id": f"{fact['id']}-{n}"} for fact in facts],
    }


def _multiply(path: Path, key: str, copy: Callable[[dict[str, object], int], object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data[key]
    data[key] = items + [copy(item, n) for n in range(2, SCALE_FACTOR + 1) for item in items]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure(project: Path, work: Path, *, one_locale: str, repeat: int) -> dict[str, Timing]:
    """Time each step `repeat` times, interleaved with bare WeasyPrint; keep the best."""
    out = str(work / "dist")
    best: dict[str, Timing] = {}
    for round_ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        times = {
            BARE: bare_weasyprint(project, _mkdir(work / f"bare-{round_}")),
            COLD: explainer(project, "build", "--out", out)(),
            "HTML-only build": explainer(project, "build", "--no-pdf", "--out", f"{out}-html")(),
            "unchanged rebuild": explainer(project, "build", "--out", out)(),
        }
        edit_catalog(project, one_locale)
        step = f"rebuild after editing the {one_locale} catalog"
        times[step] = explainer(project, "build", "--out", out)()
        for name, seconds in times.items():
            best[name] = min(seconds, best.get(name, seconds))
    return best


def table(title: str, rows: list[tuple[str, str]]) -> str:
    """Format rows as a two-column table."""
    width = max(len(name) for name, _ in rows)
    lines = [title, "-" * (width + 20)]
    lines += [f"{name:<{width}}  {value:>18}" for name, value in rows]
    return "\n".join(lines)


def report(title: str, times: dict[str, Timing], baseline: float | None) -> float:
    """Print one table; return the cold build's time."""
    times = dict(times)
    bare = times.pop(BARE)
    cold = times[COLD].wall
    shown = [("", "    wall       CPU")]
    shown += [(name, str(timing)) for name, timing in times.items()]
    shown += [
        (BARE, str(bare)),
        ("ratio cold build / bare WeasyPrint (wall)", f"{cold / bare.wall:6.2f}"),
        ("peak memory of one process (so far)", f"{_peak():.0f} MiB"),
        ("load average (1 min) at the end", f"{os.getloadavg()[0]:.1f}"),
    ]
    if baseline:
        shown.append(("cold build, times the committed project's", f"{cold / baseline:.1f}x"))
    print(table(title, shown), end="\n\n", flush=True)
    return cold


def main() -> None:
    cores = os.cpu_count() or 1
    print(f"machine: {platform.machine()}, {cores} core(s), {platform.platform()}")
    print(f"python {platform.python_version()}; best of 2 runs (the scale run: 1)\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        times = measure(project, _mkdir(work / "main"), one_locale="id", repeat=2)
        cold = report("project as committed (2 locales)", times, None)
        if "--no-scale" in sys.argv[1:]:
            return
        big = scale_project(work / "scale")
        times = measure(big, _mkdir(work / "scale-main"), one_locale="fr", repeat=1)
        title = f"scale: {len(SCALE_LOCALES) + 2} locales, {SCALE_FACTOR}x the figures and facts"
        report(title, times, cold)


def _peak() -> float:
    """Return the largest resident set of any finished child process, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


if __name__ == "__main__":
    main()
