"""`explainer serve`: rebuilds on change, reloads the page, marks fallbacks, no WeasyPrint."""

from __future__ import annotations

import http.client
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer

import pytest

from explainer.commands import serve
from explainer.commands.serve import MARK_END, MARK_START, RELOAD_SCRIPT, Preview, make_server
from explainer.project import Project
from tests.support import ROOT, own_catalogs, write_po


def jv_preview(project: Project, *, highlight: bool) -> Preview:
    entry = 'msgid "Does it work? The reported results"\nmsgstr "Asil"\n'
    write_po(own_catalogs(project), entry, locale="jv")
    preview = Preview(project, highlight=highlight, log=lambda _: None)
    assert preview.refresh()
    assert not preview.error
    return preview


def test_fallbacks_are_highlighted_in_text_only(project_copy: Project) -> None:
    pages = jv_preview(project_copy, highlight=True).pages
    jv, en = pages["/jv/index.html"], pages["/en/index.html"]
    assert (
        '<mark class="okx-fallback" title="Not translated: shown in English. '
        'msgid &#39;Sources&#39; (not in locales/jv/LC_MESSAGES/messages.po yet)">Sources</mark>'
        in jv
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
    page = project_copy.templates_dir / "pages" / "page.html"
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


def serving(preview: Preview) -> tuple[ThreadingHTTPServer, int]:
    """Start a preview server on a free port; return it and the port."""
    server = make_server(preview, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def get(port: int, path: str, host: str) -> tuple[int, str]:
    """Send GET with a Host header; return the status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def test_answers_only_to_local_host_names(project_copy: Project) -> None:
    server, port = serving(jv_preview(project_copy, highlight=False))
    try:
        for host in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"LOCALHOST:{port}"):
            assert get(port, "/jv/index.html", host)[0] == 200, host
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", ""):
            assert get(port, "/jv/index.html", host)[0] == 421, host
            assert get(port, "/__version", host)[0] == 421, host
    finally:
        server.shutdown()
        server.server_close()


def test_an_unexpected_error_is_shown_and_watching_goes_on(
    project_copy: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = jv_preview(project_copy, highlight=False)
    real = serve.render_pages

    def broken(project: Project, *, highlight: bool = False) -> dict[str, str]:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(serve, "render_pages", broken)
    edition = project_copy.data_dir / "edition.yaml"
    edition.write_text(edition.read_text("utf-8") + "\n", "utf-8")
    assert preview.refresh()
    assert "unexpected error: RuntimeError: something nobody expected" in preview.error
    assert "something nobody expected" in preview.page("/jv/index.html")[1]

    monkeypatch.setattr(serve, "render_pages", real)
    edition.write_text(edition.read_text("utf-8") + "\n", "utf-8")
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        deadline = time.monotonic() + 30
        while preview.error and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        watcher.join()
    assert not preview.error
    assert "/jv/index.html" in preview.pages


def test_a_closed_connection_prints_no_traceback(
    project_copy: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    server, port = serving(jv_preview(project_copy, highlight=False))
    try:
        for _ in range(20):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(b"GET /jv/index.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        assert get(port, "/__version", "localhost")[0] == 200
    finally:
        server.shutdown()
        server.server_close()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "BrokenPipe" not in captured.err + captured.out


@pytest.mark.parametrize("port", ["0", "70000", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(port: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "serve", "--port", port],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "expected a port from 1 to 65535" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_a_usage_error(project_copy: Project) -> None:
    own_catalogs(project_copy)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "explainer", "--project", str(project_copy.root)]
        result = subprocess.run(
            [*command, "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2, result.stderr
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fallback_in_the_catalog_shows_its_line_on_hover(project_copy: Project) -> None:
    write_po(
        own_catalogs(project_copy),
        'msgid "Does it work? The reported results"\nmsgstr "Asil"\n\nmsgid "Sources"\nmsgstr ""\n',
        locale="jv",
    )
    preview = Preview(project_copy, highlight=True, log=lambda _: None)
    assert preview.refresh()
    jv = preview.pages["/jv/index.html"]
    assert "msgid &#39;Sources&#39; (locales/jv/LC_MESSAGES/messages.po:12)" in jv


def test_folders_cards_and_pdfs(project_copy: Project) -> None:
    preview = jv_preview(project_copy, highlight=False)
    status, html = preview.page("/jv/")
    assert status == 200 and '<h2 id="results-title">Asil</h2>' in html
    assert preview.page("/jv")[1] == html
    status, card = preview.page("/jv/embed/results.html")
    assert status == 200 and "Asil" in card
    status, pdf = preview.page("/jv/ok-oce-explainer-jv.pdf")
    assert status == 404 and "explainer build" in pdf


def test_serve_refuses_a_locale_without_a_catalog(project_copy: Project) -> None:
    from explainer.commands.cli import main

    assert main(["--project", str(project_copy.root), "serve", "--locale", "fr"]) == 2
