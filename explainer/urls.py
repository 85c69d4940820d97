"""One rule for every address a reader can follow, and for what a page may load.

A link a reader can click is relative (a file of the output, a `#fragment`) or
a web address: http or https, a host, no white space. A resource a page loads
(a stylesheet, an image, a script, a frame, a CSS `url()` or `@import`) is
relative or a `data:` URL: the pages are standalone and never load from
elsewhere, the same rule the PDF renderer enforces (see `pdf.make_fetcher`).
The rule applies to the data fields that hold addresses, to the HTML the
templates produce, and (by `check`) to the template files themselves.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from explainer.errors import InputError, Problem

WEB_SCHEMES = ("http", "https")
# Browsers drop these anywhere in an address ("java\tscript:" is "javascript:").
_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# The look-ahead (each name's first letter) is only for speed: most white space in a
# page is followed by none of them, and is passed over without trying every name.
_ATTRIBUTE = re.compile(
    r"""\s(?=[hspdafxb])(href|src|srcset|poster|data|action|formaction|xlink:href|background)"""
    r"""\s*=\s*"""
    r"""("[^"]*"|'[^']*'|[^\s>"']+)""",
    re.I,
)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_REL = re.compile(r"""\srel\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", re.I)
_CSS_URL = re.compile(r"""url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+("[^"]*"|'[^']*')""", re.I)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.I | re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle\s*=\s*"([^"]*)"', re.I)
# <link rel> values that make the browser load the address.
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"}
TEMPLATE_SUFFIXES = (".html", ".css", ".svg", ".js")


def web_url_problem(url: str) -> str | None:
    """Return why `url` is not a web address a reader may follow, or None if it is one."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return f"a web address may not contain white space or control characters: {url!r}"
    if not url.lower().startswith(("http://", "https://")):
        return f"expected a web address starting with https://, but found {url!r}"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    if not host:
        return f"the web address has no host: {url!r}"
    return None


def base_url_problem(url: str) -> str | None:
    """Return why `url` cannot be the address the output is published at, or None."""
    problem = web_url_problem(url)
    if problem:
        return problem
    parts = urlsplit(url)
    if parts.query or parts.fragment or "#" in url or "?" in url:
        return f"the site's address may not have a query or a fragment: {url!r}"
    if not url.endswith("/"):
        return f"the site's address is a folder and ends with '/': {url!r}"
    return None


def site_link(base_url: str | None, here: str, target: str) -> str:
    """Return the address of `target` for a link in `here` (both paths in the output).

    With the site's address, the link is absolute (what canonical, hreflang, og:url,
    JSON-LD and pasted fragments need); without it, relative to `here`.
    """
    path, hash_, fragment = target.partition("#")
    if base_url is not None:
        return base_url + path + hash_ + fragment
    if path == here:
        relative = posixpath.basename(path)
    else:
        relative = posixpath.relpath(path, posixpath.dirname(here) or ".")
    return relative + hash_ + fragment


def _scheme(value: str) -> str | None:
    """Return the scheme a browser would see in an attribute value, lowercased."""
    cleaned = _IGNORED.sub("", html.unescape(value)).lstrip(" \x00\x01\x02\x03\x0c")
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def link_problem(value: str) -> str | None:
    """Return why an href is not a link a reader may follow, or None."""
    scheme = _scheme(value)
    if scheme is None:
        return None
    if scheme in WEB_SCHEMES:
        return web_url_problem(html.unescape(value).strip())
    return f"links must be relative or http(s), not {value!r}"


def resource_problem(value: str) -> str | None:
    """Return why an address a page loads is not allowed (only relative or data:), or None."""
    scheme = _scheme(value)
    if scheme is None or scheme == "data":
        return None
    return f"pages load only their own files and data: URLs, not {value!r}"


def html_problems(text: str, *, template: bool = False, css: bool = False) -> list[tuple[int, str]]:
    """Return (offset, message) for each disallowed address in HTML (or, with `css`, CSS) text.

    With `template`, values holding Jinja code are skipped (the rendered page
    is checked instead).
    """
    found: list[tuple[int, str]] = []
    tags = [(m.start(), m.end(), _loads(m.group())) for m in _LINK_TAG.finditer(text)]
    for match in [] if css else _ATTRIBUTE.finditer(text):
        name, value = match.group(1).lower(), _unquote(match.group(2))
        if template and _jinja(value):
            continue
        loading = any(s <= match.start() < e and loads for s, e, loads in tags)
        if name in ("href", "action", "formaction") and not loading:
            problem = link_problem(value)
        elif name == "srcset":
            problem = next(filter(None, map(resource_problem, _srcset(value))), None)
        else:
            problem = resource_problem(value)
        if problem:
            found.append((match.start(2), problem))
    for start, region in [(0, text)] if css else _style_regions(text):
        for pattern in (_CSS_URL, _CSS_IMPORT):
            for match in pattern.finditer(region):
                value = _unquote(match.group(1).strip())
                problem = None if template and _jinja(value) else resource_problem(value)
                if problem:
                    found.append((start + match.start(1), problem))
    return sorted(found)


def _style_regions(text: str) -> list[tuple[int, str]]:
    """Return (offset, CSS) of every <style> element and style attribute."""
    regions = [(m.start(1), m.group(1)) for m in _STYLE_ELEMENT.finditer(text)]
    regions += [(m.start(1), m.group(1)) for m in _STYLE_ATTRIBUTE.finditer(text)]
    return regions


def _jinja(value: str) -> bool:
    return "{{" in value or "{%" in value


def check_rendered(text: str, file: Path) -> None:
    """Raise InputError if the HTML rendered from template `file` has a disallowed address."""
    problems = [Problem(str(file), message) for _, message in html_problems(text)]
    if problems:
        raise InputError(problems)


def template_problems(templates_dir: Path) -> list[Problem]:
    """Return a problem for each disallowed address written in a template file."""
    problems = []
    for path in sorted(templates_dir.rglob("*")):
        if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(str(path), f"cannot be read: {error}"))
            continue
        css = path.suffix == ".css"
        for offset, message in html_problems(text, template=True, css=css):
            problems.append(Problem(str(path), message, text.count("\n", 0, offset) + 1))
    return problems


def _loads(tag: str) -> bool:
    """Return whether a <link> tag makes the browser load its address."""
    match = _REL.search(tag)
    rels = set(_unquote(match.group(1)).lower().split()) if match else set()
    return bool(rels & LOADING_RELS)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _srcset(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
