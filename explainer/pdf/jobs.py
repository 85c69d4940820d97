"""Render the PDF editions and the images: unchanged ones reused, the rest in parallel.

Each locale's PDF is an independent job (print HTML in, PDF file out), and so
is each PNG (the share images, the charts': HTML in, PNG out, see `raster`), so
the jobs run in one pool of worker processes, one per core at most. A job whose
inputs hash like the previous build's is not run: its file is taken from the
previous output (see `cache`).
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import json
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from explainer import __version__
from explainer.output import release_inherited
from explainer.pdf.cache import Cache, file_hash, tree_hash
from explainer.pdf.raster import RASTER_PACKAGES, ImageSpec
from explainer.pdf.weasy import PrintOptions
from explainer.project import ASSETS, bilingual_locale, bilingual_pdf_path, pdf_path

Log = Callable[[str], None]
# prctl(2): send this signal to the calling process when its parent dies.
PR_SET_PDEATHSIG = 1

# A new version of any of these may change the PDF, so it is part of the cache key.
RENDERER_PACKAGES = ("weasyprint", "pydyf", "pyphen", "fonttools", "tinycss2", "cssselect2")


@dataclass(frozen=True)
class PdfJob:
    """One PDF to write: where (relative to the output folder), from what HTML, saying what.

    With `image`, the job writes a PNG of the page instead (see `raster`); the
    print options do not apply to it.
    """

    path: str
    locale: str
    html: str
    options: PrintOptions = field(default_factory=PrintOptions)
    image: ImageSpec | None = None

    def key(self, assets: str) -> str:
        """Return a hash of everything the PDF (or PNG) is made from."""
        digest = hashlib.sha256()
        for part in (
            self.html,
            json.dumps(self.options.rendering(), sort_keys=True),
            self.options.page_css(),
            renderer_versions(),
            __version__,
            _source("weasy.py"),
            assets,
            *self._image_parts(),
        ):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def _image_parts(self) -> list[str]:
        """Return what else an image is made from (nothing for a PDF, so its key stays)."""
        if self.image is None:
            return []
        return [repr(self.image), renderer_versions(RASTER_PACKAGES), _source("raster.py")]


def pdf_jobs(prints: dict[str, str], bilingual: str | None, options: PrintOptions) -> list[PdfJob]:
    """Return the jobs for each edition's print HTML and for the bilingual edition's, if any."""
    jobs = [PdfJob(pdf_path(locale), locale, html, options) for locale, html in prints.items()]
    if bilingual is not None:
        jobs.append(PdfJob(bilingual_pdf_path(), bilingual_locale(), bilingual, options))
    return jobs


def image_job(path: str, locale: str, html: str, image: ImageSpec) -> PdfJob:
    """Return the job that writes the PNG of `html` at `path`."""
    return PdfJob(path, locale, html, image=image)


@functools.cache
def _source(name: str) -> str:
    """Return the code of a module of this package that shapes the files (read once)."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


@functools.cache
def renderer_versions(packages: tuple[str, ...] = RENDERER_PACKAGES) -> str:
    """Return the versions of WeasyPrint and the libraries that shape its output."""
    versions = []
    for name in packages:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    return " ".join(versions)


@dataclass(frozen=True)
class PdfResult:
    """What a rendering job reports back."""

    path: str
    refused: list[str]
    seconds: float
    # False when an image's content did not fit its page (and no file was written).
    fits: bool = True


def render_job(job: PdfJob, stage: Path) -> PdfResult:
    """Write one PDF or PNG into `stage` (runs in a worker process)."""
    from explainer.pdf.raster import write_png
    from explainer.pdf.weasy import write_pdf

    started = time.perf_counter()
    target = stage / job.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if job.image is not None:
        raster = write_png(job.html, target, job.image)
        return PdfResult(job.path, raster.refused, time.perf_counter() - started, raster.fits)
    refused = write_pdf(job.html, target, job.options)
    return PdfResult(job.path, refused, time.perf_counter() - started)


def render_all(
    jobs: list[PdfJob], stage: Path, previous: Path, log: Log, *, workers: int | None = None
) -> list[PdfResult]:
    """Write every job's PDF into `stage`, reusing those `previous` already has."""
    cache = Cache.load(previous)
    assets = tree_hash(ASSETS)
    keys = {job.path: job.key(assets) for job in jobs}
    todo = []
    for job in jobs:
        if cache.reuse(job.path, keys[job.path], stage):
            log(f"kept {job.path} (unchanged)")
        else:
            todo.append(job)
    results = _run(todo, stage, log, workers)
    fresh = Cache(stage, {p: e for p, e in cache.entries.items() if (stage / p).is_file()})
    for job in jobs:
        if (stage / job.path).is_file():  # not an image whose content did not fit
            fresh.record(job.path, keys[job.path], file_hash(stage / job.path))
    fresh.write(stage)
    return results


def _run(todo: list[PdfJob], stage: Path, log: Log, workers: int | None) -> list[PdfResult]:
    """Render the jobs, in worker processes when there is more than one."""
    if not todo:
        return []
    count = min(len(todo), workers or os.cpu_count() or 1)
    if count == 1:
        return [_logged(render_job(job, stage), log) for job in todo]
    # Fork: the workers start at once and need no importable __main__ (the
    # parent has not loaded WeasyPrint, so there is nothing unsafe to inherit).
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    # Longest first, so that the last job to start is a short one.
    longest_first = sorted(todo, key=lambda job: len(job.html), reverse=True)
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        futures = [_submit(pool, job, stage) for job in longest_first]
        return [_logged(future.result(), log) for future in futures]
    except BaseException:
        # Interrupted or failed: stop the other renders now rather than wait for them.
        _kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def die_with_parent(parent: int) -> None:
    """Make a worker die with the build (Linux), and let go of the build's staging lock."""
    release_inherited()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with suppress(OSError):
            process.kill()


def _submit(pool: Executor, job: PdfJob, stage: Path) -> Future[PdfResult]:
    return pool.submit(render_job, job, stage)


def _logged(result: PdfResult, log: Log) -> PdfResult:
    log(f"wrote {result.path} ({result.seconds:.2f} s)")
    return result
