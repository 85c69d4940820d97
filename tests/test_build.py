"""The pipeline as a whole: the manifest, partial builds, the edition date, PDF options."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

import explainer.build
from explainer.build import build, edition_date, load_model
from explainer.pdf.jobs import PdfJob, PdfResult
from explainer.pdf.weasy import PrintOptions
from explainer.project import Project
from explainer.render.cards import CARDS
from tests.support import manifest, page_renderings, run_main, snapshot


def test_manifest_lists_every_artefact_with_its_hash(dist: Path) -> None:
    entries = {(a["path"], a["locale"], a["kind"]) for a in manifest(dist)}
    for locale in ("id", "en"):
        assert (f"{locale}/index.html", locale, "page") in entries
        assert (f"{locale}/ok-oce-explainer-{locale}.pdf", locale, "pdf") in entries
    for artefact in manifest(dist):
        data = (dist / artefact["path"]).read_bytes()
        assert artefact["bytes"] == len(data)
        assert artefact["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_partial_build_keeps_the_other_edition_and_one_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dist"
    assert run_main(["build", "--no-pdf", "--out", str(out)], capsys).code == 0
    (out / "en" / "index.html").write_text("kept from before\n", encoding="utf-8")
    assert run_main(["build", "--no-pdf", "--out", str(out), "--locale", "id"], capsys).code == 0
    assert (out / "en" / "index.html").read_text(encoding="utf-8") == "kept from before\n"
    entries = manifest(out)
    roots = [e for e in entries if e["kind"] == "index"]
    assert [r["path"] for r in roots] == ["index.html"]
    assert roots[0]["locale"] == "mul"
    assert len({e["path"] for e in entries}) == len(entries)
    for locale in ("en", "id"):
        cards = {e["section"] for e in entries if e["kind"] == "embed" and e["locale"] == locale}
        assert cards >= set(CARDS)
    root = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in root and 'href="id/index.html"' in root


def test_source_date_epoch_sets_the_edition_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552780800")
    result = run_main(["build", "--no-pdf", "--out", str(out)], capsys)
    assert result.code == 0, result.err
    assert "Edisi 17 Maret 2019" in (out / "id" / "index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    bad = run_main(["build", "--no-pdf", "--out", str(out)], capsys)
    assert bad.code == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'" in bad.err


def test_the_edition_date_as_source_date_epoch_gives_the_same_bytes(
    project: Project, dist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An HTML rebuild in this process, dated by SOURCE_DATE_EPOCH, matches the session build.

    (The PDFs' bytes are compared with the committed golden manifest, which a
    build made at another time in another process wrote: see test_golden.py.)
    """
    date = edition_date(load_model(project)[0])
    epoch = dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))
    again = tmp_path / "dist"
    build(project, again, pdf=False, log=lambda _: None)
    rebuilt = snapshot(again)
    # A build without PDFs makes no PNG either (share image, charts' pictures) and
    # links none: the edition pages and the chart cards differ from the session
    # build's by those links alone, every other card byte for byte (dist/index.html
    # lists the PDFs beside each edition, so it is left out).
    assert not [path for path in rebuilt if path.endswith(".png")]
    html = [path for path in rebuilt if path.endswith(".html") and path != "index.html"]
    assert len(html) > 20
    session = snapshot(dist)
    for path in html:
        assert b".png" not in rebuilt[path] and b".pdf" not in rebuilt[path], path
        if path.endswith("/index.html") or "/embed/chart-" in path:
            assert without_raster_links(rebuilt[path]) == without_raster_links(session[path]), path
        else:
            assert rebuilt[path] == session[path], path


RASTER_MARKS = (b".pdf", b".png", b"og:image", b"twitter:", b"okx-chart-downloads")


def without_raster_links(html: bytes) -> list[bytes]:
    """Return the lines of a page that mention no PDF, no PNG and no share image."""
    return [line for line in html.splitlines() if not any(m in line for m in RASTER_MARKS)]


def test_print_options_reach_every_pdf_job(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs: list[PdfJob] = []

    def fake_render_all(todo: list[PdfJob], stage: Path, *_: object) -> list[PdfResult]:
        for job in todo:
            (stage / job.path).parent.mkdir(parents=True, exist_ok=True)
            (stage / job.path).write_bytes(b"%PDF-1.7 fake")
        jobs.extend(todo)
        return [PdfResult(job.path, [], 0.0) for job in todo]

    monkeypatch.setattr("explainer.pdf.jobs.render_all", fake_render_all)
    options = PrintOptions(paper="letter", variant="pdf/a-3b")
    build(project, tmp_path / "dist", log=lambda _: None, print_options=options)
    pdfs = [job for job in jobs if job.image is None]
    assert sorted(job.path for job in pdfs) == [
        "bilingual/ok-oce-explainer-id-en.pdf",
        "en/ok-oce-explainer-en.pdf",
        "id/ok-oce-explainer-id.pdf",
    ]
    assert {job.options for job in pdfs} == {options}
    # The images (share image, charts) are drawn at their own sizes, whatever the paper.
    images = [job for job in jobs if job.image is not None]
    assert {job.path for job in images} >= {"en/share.png", "id/share.png"}
    assert {job.options for job in images} == {PrintOptions()}


@pytest.mark.parametrize("pdf", [True, False], ids=["with-pdf", "no-pdf"])
def test_each_page_is_rendered_once_per_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdf: bool
) -> None:
    """The page rendered to learn the fallbacks is the one written, with or without PDFs
    (it links to the PDF only when there is one)."""
    rendered = page_renderings(monkeypatch)
    monkeypatch.setattr(explainer.build, "write_prints", lambda *args: [])
    build(project, tmp_path / "dist", pdf=pdf, log=lambda _: None)
    assert sorted(rendered) == ["en/print", "en/screen", "id/print", "id/screen"]
    html = (tmp_path / "dist" / "en" / "index.html").read_text(encoding="utf-8")
    assert ("ok-oce-explainer-en.pdf" in html) is pdf
