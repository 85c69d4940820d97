"""`explainer serve`: a local preview that rebuilds the HTML when an input changes.

For translators and editors: it listens on 127.0.0.1 only, polls the
modification times of data/, locales/ and templates/, re-renders every
edition's web page in memory (never the PDF, so WeasyPrint is not imported),
and each page reloads itself when the build changes. With
`highlight_fallbacks`, strings shown in English for want of a translation are
marked.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from markupsafe import escape

from explainer.build import load_model
from explainer.context.edition import edition_date, localize
from explainer.errors import ExplainerError, UsageError
from explainer.i18n.catalogs import Messages, choose_locales, load_messages, po_path
from explainer.i18n.checks import check_catalogs
from explainer.project import Project
from explainer.render.page import edition_files, learn_fallbacks

# Private-use characters around a fallback string while rendering; the catalog
# checks refuse them in translations, so they can only come from here.
MARK_START, MARK_END = "\ue000", "\ue001"
# Between MARK_START and this: the number of the msgid, for the hover text.
MARK_ID = "\ue002"
POLL_SECONDS = 0.5
RELOAD_SCRIPT = """<script>
(() => { let seen = null; setInterval(async () => {
  try { const v = await (await fetch("/__version", {cache: "no-store"})).text();
        if (seen !== null && v !== seen) location.reload(); seen = v; } catch (e) {}
}, 1000); })();
</script>
"""
PDF_PAGE = (
    "<!DOCTYPE html><html><body><h1>The preview does not make PDFs</h1>"
    "<p>{path} is written by a full build: run <code>explainer build</code> (or "
    "<code>explainer build --locale xx</code> for one edition) and open the PDF in "
    "<code>dist/</code>.</p></body></html>"
)
HIGHLIGHT_STYLE = (
    "<style>mark.okx-fallback{background:#ffe08a;outline:1px dashed #a15c00}</style>\n"
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `explainer serve` to the command line."""
    serve = commands.add_parser("serve", help="preview the web pages; rebuild on every change")
    serve.add_argument("--port", type=port, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.add_argument(
        "--highlight-fallbacks",
        action="store_true",
        help="mark the strings shown in English because they are not translated",
    )
    serve.add_argument("--locale", metavar="L", help="open this edition (default: en)")


def port(text: str) -> int:
    """Return a TCP port number from the command line (1 to 65535)."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, not {text!r}")
    return number


@dataclass
class Highlighting(Messages):
    """Messages that wrap each string falling back to English in markers."""

    marked: list[str] = field(default_factory=list)  # the msgids marked, in order

    def gettext(self, msgid: str) -> str:
        """Return the translation, marked when it is the English fallback."""
        return self._mark(msgid, super().gettext(msgid))

    def pgettext(self, context: str, msgid: str) -> str:
        """Return the translation in `context`, marked when it falls back."""
        return self._mark(msgid, super().pgettext(context, msgid))

    def _mark(self, msgid: str, text: str) -> str:
        if text != msgid or msgid not in self.fallbacks or self._translated(msgid):
            return text
        self.marked.append(msgid)
        return f"{MARK_START}{len(self.marked) - 1}{MARK_ID}{text}{MARK_END}"

    def hover(self, number: int) -> str:
        """Return the hover text of a marked string: its msgid and its line in the catalog."""
        msgid = self.marked[number]
        entry = self.catalog.get(msgid) if self.catalog is not None else None
        path = po_path(Path("locales"), self.locale)
        where = f"{path}:{entry.lineno}" if entry is not None else f"not in {path} yet"
        return f"Not translated: shown in English. msgid {msgid!r} ({where})"

    def _translated(self, msgid: str) -> bool:
        message = self.catalog.get(msgid) if self.catalog is not None else None
        return message is not None and bool(message.string) and not message.fuzzy


def render_pages(project: Project, *, highlight: bool = False) -> dict[str, str]:
    """Return every edition's page and cards by URL path, e.g. {"/id/index.html": "<!DOC…"}."""
    model, _ = load_model(project)
    locales = choose_locales(project.locales_dir, None)
    errors = [p for p in check_catalogs(project.locales_dir, locales) if not p.warning]
    if errors:
        raise ExplainerError("\n".join(str(p) for p in errors))
    pages = {}
    for locale in locales:
        messages = load_messages(project.locales_dir, locale)
        if highlight:
            messages = Highlighting(locale, messages.translations, messages.catalog)
        edition = localize(model, messages, locales, edition_date(model))
        edition.pdfs = frozenset()  # the preview has no PDFs to link to
        learn_fallbacks(project.templates_dir, edition, model)
        for file in edition_files(project.templates_dir, edition, model):
            html = file.text
            if highlight and isinstance(messages, Highlighting):
                html = mark_fallbacks(html, messages.hover)
            pages["/" + file.path] = html
    return pages


def mark_fallbacks(html: str, hover: Callable[[int], str] | None = None) -> str:
    """Turn the fallback markers into <mark> elements where markup may go; drop them elsewhere.

    Each mark's title (shown on hover) gives the msgid and its line in the catalog.
    """
    marker = re.compile(f"{MARK_START}(\\d+){MARK_ID}")
    html = re.sub(
        r"<(title|style|script)\b.*?</\1>|<[^>]*>",
        lambda m: marker.sub("", m.group()).replace(MARK_START, "").replace(MARK_END, ""),
        html,
        flags=re.S | re.I,
    )

    def mark(match: re.Match[str]) -> str:
        title = hover(int(match.group(1))) if hover else "Not translated: shown in English"
        return f'<mark class="okx-fallback" title="{escape(title)}">'

    html = marker.sub(mark, html).replace(MARK_START, "").replace(MARK_END, "</mark>")
    return html.replace("</head>", HIGHLIGHT_STYLE + "</head>", 1)


def snapshot(project: Project) -> dict[Path, int]:
    """Return the modification time of every input file."""
    return {path: path.stat().st_mtime_ns for path in _inputs(project)}


def _inputs(project: Project) -> Iterator[Path]:
    for folder in (project.data_dir, project.locales_dir, project.templates_dir):
        yield from (p for p in folder.rglob("*") if p.is_file())


class Preview:
    """The current pages (or the error that stopped the build) and a version number."""

    def __init__(
        self, project: Project, *, highlight: bool = False, log: Callable[[str], None] = print
    ) -> None:
        self.project = project
        self.highlight = highlight
        self.log = log
        self.version = 0
        self.pages: dict[str, str] = {}
        self.error = ""
        self._seen: dict[Path, int] = {}
        self._lock = threading.Lock()

    def refresh(self) -> bool:
        """Rebuild if an input changed since the last look; return whether it did."""
        current = snapshot(self.project)
        if current == self._seen:
            return False
        self._seen = current
        try:
            pages, error = render_pages(self.project, highlight=self.highlight), ""
        except ExplainerError as failure:
            pages, error = {}, str(failure)
        except Exception as failure:  # keep serving: show it, and rebuild on the next change
            pages, error = {}, f"unexpected error: {type(failure).__name__}: {failure}"
        with self._lock:
            self.pages, self.error = pages, error
            self.version += 1
        self.log(error or f"rebuilt {len(pages)} page(s)")
        return True

    def page(self, path: str) -> tuple[HTTPStatus, str]:
        """Return the status and HTML for a URL path, with the reload script added."""
        if path.endswith("/") or "." not in path.rsplit("/", 1)[-1]:
            path = path.rstrip("/") + "/index.html"  # a folder: /id/ or /id
        if path.endswith(".pdf"):
            return HTTPStatus.NOT_FOUND, PDF_PAGE.format(path=escape(path))
        with self._lock:
            if self.error:
                body = f"<h1>The build failed</h1><pre>{escape(self.error)}</pre>"
                status, html = HTTPStatus.OK, f"<!DOCTYPE html><html><body>{body}</body></html>"
            elif path in self.pages:
                status, html = HTTPStatus.OK, self.pages[path]
            else:
                links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in sorted(self.pages))
                status = HTTPStatus.NOT_FOUND
                html = f"<!DOCTYPE html><html><body><ul>{links}</ul></body></html>"
        return status, html.replace("</body>", RELOAD_SCRIPT + "</body>", 1)

    def watch(self, stop: threading.Event) -> None:
        """Poll the inputs until `stop` is set."""
        while not stop.wait(POLL_SECONDS):
            try:
                self.refresh()
            except Exception as failure:  # e.g. a file removed while being looked at
                self.log(f"unexpected error while watching: {failure}")


def make_server(preview: Preview, port: int, locale: str = "en") -> ThreadingHTTPServer:
    """Return an HTTP server on 127.0.0.1 that serves `preview`."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if not local_host(self.headers.get("Host")):
                # DNS rebinding: a page from elsewhere must not read the preview.
                self._send(HTTPStatus.MISDIRECTED_REQUEST, "unknown host\n", "text/plain")
            elif path == "/__version":
                self._send(HTTPStatus.OK, str(preview.version), "text/plain")
            elif path == "/":
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", f"/{locale}/")
                self.end_headers()
            else:
                status, html = preview.page(path)
                self._send(status, html, "text/html")

        def _send(self, status: HTTPStatus, text: str, kind: str) -> None:
            body = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with suppress(ConnectionError):  # the browser went away; nothing to tell
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the terminal for build messages

    return QuietServer(("127.0.0.1", port), Handler)


class QuietServer(ThreadingHTTPServer):
    """A server that does not print a traceback when a browser closes a connection."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def local_host(host: str | None) -> bool:
    """Return whether a Host header names this machine: 127.0.0.1 or localhost, any port."""
    if not host:
        return False
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.lower() in ("127.0.0.1", "localhost")


def serve(
    project: Project, *, port: int = 8000, highlight: bool = False, locale: str | None = None
) -> int:
    """Serve the preview until interrupted, opening the edition `locale`."""
    [start] = choose_locales(project.locales_dir, [locale or "en"])
    preview = Preview(project, highlight=highlight)
    preview.refresh()
    try:
        server = make_server(preview, port, start)
    except OSError as error:
        raise UsageError(
            f"explainer: cannot listen on 127.0.0.1:{port}: {error.strerror};"
            " choose another with --port"
        ) from None
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    print(f"serving http://127.0.0.1:{server.server_port}/{start}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
    return 0
