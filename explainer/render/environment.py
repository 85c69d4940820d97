"""Fill the Jinja templates with a localized context, producing HTML text.

Templates run with StrictUndefined (a missing value fails the build) and with
autoescaping on. Translations are escaped before Jinja marks them safe, so a
catalog entry can never put markup into a page.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from explainer.context.localize import Context
from explainer.errors import InputError, Problem
from explainer.i18n.catalogs import Messages
from explainer.i18n.format import LABEL, LIST_JOIN, N_, PAIR, WITH_DETAIL
from explainer.placeholders import PlaceholderError, pieces, substitute
from explainer.render.anchors import anchor_href, described_by, id_attr, labelled_by
from explainer.render.fragment_css import fragment_css
from explainer.urls import TEMPLATE_SUFFIXES, check_rendered, site_link

# NOTE: PDF page footer. {page} is the page number and {pages} the number of pages, e.g. 3
# and 12.
PAGE_COUNTER = N_("Page {page} of {pages}")


# The catalog of the edition being rendered. One environment per template folder
# serves every edition, so each template is compiled once per process.
_MESSAGES: ContextVar[Messages] = ContextVar("explainer_messages")


@contextmanager
def translating(messages: Messages) -> Iterator[None]:
    """Make the templates translate through `messages` while in this block."""
    token = _MESSAGES.set(messages)
    try:
        yield
    finally:
        _MESSAGES.reset(token)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory by name and source, shared by every environment.

    One process that renders several copies of a project (several outlets'
    editions, the test suite) compiles each template once, not once per folder.
    The code is given the file name of the template it now serves, so errors
    still name the right file.
    """

    def __init__(self, limit: int = 512) -> None:
        self.limit = limit
        self.codes: dict[str, CodeType] = {}

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """Return the bucket of this template's source, holding its code if compiled before."""
        checksum = self.get_source_checksum(source)
        bucket = Bucket(environment, f"{name}\0{checksum}", checksum)
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.code = _relocated(code, filename or name)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        """Keep a newly compiled template's code (forgetting all once `limit` are kept)."""
        if bucket.code is None:
            return
        if len(self.codes) >= self.limit:
            self.codes.clear()
        self.codes[bucket.key] = bucket.code

    def load_bytecode(self, bucket: Bucket) -> None:
        """Unused: `get_bucket` looks the code up itself."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Unused: `set_bucket` keeps the code itself."""


def _relocated(code: CodeType, filename: str) -> CodeType:
    """Return `code`, and the code of the functions inside it, as if compiled from `filename`."""
    consts = tuple(
        _relocated(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts
    )
    return code.replace(co_filename=filename, co_consts=consts)


_COMPILED = CompiledTemplates()


class UndefinedAt(jinja2.UndefinedError):
    """A missing value used in a template, with the template file and line that named it."""

    def __init__(self, message: str | None, place: tuple[str, int | None] | None) -> None:
        super().__init__(message)
        self.place = place


class Undefined(jinja2.StrictUndefined):
    """A missing value that fails where it is used, and remembers where it was named.

    A name passed to a macro fails inside the macro; the error still names the line
    that used the name (`{{ sections.lead_paragraph(leed) }}` in page.html, not sections.html).
    """

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Jinja raises `_undefined_exception(message)`: the place goes with the message.
        raising = functools.partial(UndefinedAt, place=_naming_template())
        self._undefined_exception = raising  # type: ignore[assignment]


def _naming_template() -> tuple[str, int | None] | None:
    """Return the template file and line of the nearest template code on the call stack."""
    frame: FrameType | None = sys._getframe(2)
    for _ in range(6):
        if frame is None:
            return None
        if frame.f_code.co_filename.endswith(TEMPLATE_SUFFIXES):
            return frame.f_code.co_filename, _template_line(frame)
        frame = frame.f_back
    return None


def _template_line(frame: FrameType) -> int | None:
    """Return the template line of a frame of compiled template code (Jinja's debug_info)."""
    pairs = [p.split("=") for p in str(frame.f_globals.get("debug_info", "")).split("&") if p]
    lines = [int(template) for template, code in pairs if int(code) <= frame.f_lineno]
    return lines[-1] if lines else None


@functools.lru_cache(maxsize=16)
def environment(templates_dir: Path) -> jinja2.Environment:
    """Return the Jinja environment of a template folder; it translates per `translating`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )

    def gettext(message: str, **variables: Any) -> Markup:
        messages = _MESSAGES.get()
        return translate_markup(messages.gettext(message), message, variables, messages)

    def ngettext(singular: str, plural: str, n: int, **variables: Any) -> Markup:
        messages = _MESSAGES.get()
        variables.setdefault("num", n)
        english = singular if n == 1 else plural
        return translate_markup(
            messages.ngettext(singular, plural, n), english, variables, messages
        )

    def pgettext(context: str, message: str, **variables: Any) -> Markup:
        messages = _MESSAGES.get()
        return translate_markup(messages.pgettext(context, message), message, variables, messages)

    # Our own callables, not Jinja's i18n extension: they fill {name} placeholders
    # and fall back to the English when a translation's placeholders are broken.
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext)
    env.globals.update(with_detail=with_detail, listed=listed, label=label, pair=pair)
    env.globals["url"] = output_url
    env.filters["minify_css"] = lambda css: Markup(minify_css(str(css)))
    env.filters["fragment_css"] = lambda css, root: Markup(fragment_css(str(css), root))
    env.filters["sentence_start"] = sentence_start
    env.globals.update(
        id_attr=id_attr, anchor_href=anchor_href, labelled_by=labelled_by, described_by=described_by
    )
    env.globals["page_counter_css"] = lambda: page_counter_css(
        _MESSAGES.get().gettext(PAGE_COUNTER), PAGE_COUNTER
    )
    return env


@jinja2.pass_context
def output_url(context: jinja2.runtime.Context, target: str) -> str:
    """Return the address of output file `target` (a path in dist/, maybe with #fragment).

    Relative to the file being rendered (`here`), or absolute under `base_url` when the
    build has one.
    """
    here = context.get("here")
    if here is None:
        raise jinja2.UndefinedError("url() needs `here`, the path of the file being rendered")
    return site_link(context.get("base_url"), here, target)


def css_string(text: str) -> str:
    """Return `text` as a double-quoted CSS string that cannot end the <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    # Collapse runs of white space (a newline would end the string) but keep the
    # spaces at either end: "Page " and " of " need them.
    return '"' + re.sub(r"\s+", " ", escaped) + '"'


# Strings and comments, which minify_css must not touch (strings) or drops (comments).
_CSS_SKIP = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|/\*.*?\*/)""", re.S)


@functools.lru_cache(maxsize=64)
def minify_css(css: str) -> str:
    """Drop comments and needless whitespace from CSS, leaving strings as they are."""
    parts = _CSS_SKIP.split(css)
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = "" if part.startswith("/*") else part
            continue
        code = re.sub(r"\s+", " ", part)
        code = re.sub(r"\s*([{};,>])\s*", r"\1", code)
        parts[i] = re.sub(r":\s+", ":", code)
    return "".join(parts).replace(";}", "}").strip()


def _pattern(msgid: str, **variables: Any) -> Markup:
    """Fill a catalog pattern of the edition being rendered, escaping its values."""
    messages = _MESSAGES.get()
    return translate_markup(messages.gettext(msgid), msgid, variables, messages)


def with_detail(text: Any, detail: Any) -> Markup:
    """Templates' `with_detail`: a text with a detail in brackets (see format.WITH_DETAIL)."""
    return _pattern(WITH_DETAIL, text=text, detail=detail) if detail else Markup(escape(text))


def listed(items: list[Any]) -> Markup:
    """Templates' `listed`: items joined as the language joins a list (format.LIST_JOIN)."""
    joined = Markup(escape(items[0])) if items else Markup("")
    for item in items[1:]:
        joined = _pattern(LIST_JOIN, items=joined, item=item)
    return joined


def label(text: Any) -> Markup:
    """Templates' `label`: a text as a label before its value (format.LABEL)."""
    return _pattern(LABEL, label=text)


def pair(first: Any, second: Any) -> Markup:
    """Templates' `pair`: two parts of a line or a title, joined (format.PAIR)."""
    return _pattern(PAIR, first=first, second=second)


def translate_markup(
    translated: str, msgid: str, variables: dict[str, Any], messages: Messages
) -> Markup:
    """Escape a translation and fill its {name} placeholders (English if they are broken)."""
    values = {name: str(escape(value)) for name, value in variables.items()}
    try:
        return Markup(substitute(str(escape(translated)), values))
    except PlaceholderError:
        messages.fallbacks.add(msgid)
        return Markup(substitute(str(escape(msgid)), values))


def page_counter_css(pattern: str, english: str = PAGE_COUNTER) -> Markup:
    """Turn "Page {page} of {pages}" into CSS content with page counters."""
    try:
        found = list(pieces(pattern))
    except PlaceholderError:
        found = list(pieces(english))
    parts = [
        f"counter({p.name})" if p.name in ("page", "pages") else css_string(p.text)
        for p in found
        if p.name in ("page", "pages") or (p.name is None and p.text)
    ]
    return Markup(" ".join(parts) or "counter(page)")


def render(
    templates_dir: Path, name: str, context: Context, messages: Messages, **extra: Any
) -> str:
    """Render template `name`, reporting template mistakes with file and line."""
    env = environment(templates_dir)
    with translating(messages), template_errors(templates_dir, name):
        html = env.get_template(name).render({**context, **extra})
    check_rendered(html, templates_dir / name)
    return html


class Macros:
    """The macros of one template, called from Python (within `translating`)."""

    def __init__(self, templates_dir: Path, name: str) -> None:
        self.templates_dir, self.name = templates_dir, name
        with template_errors(templates_dir, name):
            self.module = environment(templates_dir).get_template(name).module

    def __call__(self, macro: str, *args: Any, **kwargs: Any) -> Markup:
        """Return what macro `macro` renders for these arguments."""
        function = getattr(self.module, macro, None)
        if function is None:
            place = str(self.templates_dir / self.name)
            raise InputError([Problem(place, f"the template has no macro {macro!r}")])
        with template_errors(self.templates_dir, self.name):
            return Markup(function(*args, **kwargs))


@contextmanager
def template_errors(templates_dir: Path, name: str) -> Iterator[None]:
    """Turn Jinja's errors into InputError naming the template file and line."""
    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        file = error.filename or str(templates_dir / name)
        raise InputError(
            [Problem(file, f"template syntax: {error.message}", error.lineno)]
        ) from None
    except jinja2.UndefinedError as error:
        place = error.place if isinstance(error, UndefinedAt) else None
        file, line = place or _template_place(error, templates_dir / name)
        raise InputError(
            [Problem(file, f"the template uses something that does not exist: {error}", line)]
        ) from None
    except jinja2.TemplateNotFound as error:
        raise InputError(
            [Problem(str(templates_dir / str(error.name)), "template not found")]
        ) from None


def _template_place(error: BaseException, default: Path) -> tuple[str, int | None]:
    """Return the template file and line the error was raised from."""
    tb = error.__traceback__
    place: tuple[str, int | None] = (str(default), None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIXES):
            place = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return place


def sentence_start(text: str) -> str:
    """Return `text` with a capital first letter, where it opens a line or a heading
    ("the founder of OK OCE Mart Kalibata, …" in Who's who); the rest is kept as it is."""
    return text[:1].upper() + text[1:]
