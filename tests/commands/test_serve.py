"""`explainer serve`: rebuilds on change, reloads the page, marks fallbacks, no WeasyPrint."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.request

from explainer.commands.serve import MARK_END, MARK_START, RELOAD_SCRIPT, Preview, make_server
from explainer.project import Project
from tests.support import ROOT, own_catalogs, write_po


def jv_preview(project: Project, *, highlight: bool) -> Preview:
    write_po(own_catalogs(project), 'msgid "Reported results"\nmsgstr "Asil"\n', locale="jv")
    preview = Preview(project, highlight=highlight, log=lambda _: None)
    assert preview.refresh()
    assert not preview.error
    return preview


def test_fallbacks_are_highlighted_in_text_only(project_copy: Project) -> None:
    pages = jv_preview(project_copy, highlight=True).pages
    jv, en = pages["/jv/index.html"], pages["/en/index.html"]
    assert (
        '<mark class="okx-fallback" title="Not translated: shown in English">Sources</mark>' in jv
    )
    assert '<h2 id="results-title">Asil</h2>' in jv
    assert MARK_START not in jv and MARK_END not in jv
    assert "<title>OK OCE explained</title>" in jv
    assert "<mark" not in en


def test_no_highlight_by_default(project_copy: Project) -> None:
    jv = jv_preview(project_copy, highlight=False).pages["/jv/index.html"]
    assert "<mark" not in jv
    assert "This edition is a partial translation" in jv


def test_rebuilds_when_an_input_changes(project_copy: Project) -> None:
    preview = jv_preview(project_copy, highlight=False)
    assert not preview.refresh()
    page = project_copy.templates_dir / "page.html"
    page.write_text(page.read_text("utf-8").replace("</main>", "<p>NEW</p></main>"), "utf-8")
    assert preview.refresh()
    assert preview.version == 2
    assert "<p>NEW</p>" in preview.pages["/jv/index.html"]
    po = project_copy.locales_dir / "jv" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text("utf-8").replace('"Asil"', '"<b>Asil</b>"'), "utf-8")
    assert preview.refresh()
    assert "markup '<b>'" in preview.error


def test_server_reloads_pages_on_127_0_0_1(project_copy: Project) -> None:
    preview = jv_preview(project_copy, highlight=False)
    server = make_server(preview, 0)
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/__version") as response:
            assert response.read() == b"1"
        with urllib.request.urlopen(f"{base}/jv/index.html") as response:
            assert RELOAD_SCRIPT in response.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()


def test_serve_never_imports_weasyprint(project_copy: Project) -> None:
    own_catalogs(project_copy)
    code = (
        "import sys; from pathlib import Path; import explainer.commands.cli\n"
        "from explainer.commands.serve import Preview; from explainer.build import Project\n"
        f"p = Preview(Project(Path({str(project_copy.root)!r})), log=print); p.refresh()\n"
        "assert not p.error, p.error\n"
        "assert 'weasyprint' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
