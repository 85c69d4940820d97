"""Arbitrary text in any string field of the facts or the catalogs never crashes the build.

Hypothesis writes text (with a `<zq-x>` tag in front, so there is always
markup to escape) into one field at a time. The build must either succeed with
the text escaped in the HTML, or stop with an InputError that names the file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.build import build, check
from explainer.errors import ExplainerError, InputError
from explainer.project import Project
from tests.support import copy_project

TAG = "<zq-x>"
ESCAPED_TAG = "&lt;zq-x&gt;"
PO = "locales/id/LC_MESSAGES/messages.po"

# (file, the line as committed, the line with {} where the text goes)
FIELDS = {
    "actor-name": ("data/actors.yaml", "    name: Sandiaga Uno\n", "    name: {}\n"),
    "actor-role": (
        "data/actors.yaml",
        "    role: general chair of the Perkumpulan Gerakan OK OCE\n",
        "    role: {}\n",
    ),
    "figure-label": (
        "data/results.yaml",
        "    label: participants the Anies Baswedan–Sandiaga Uno pair targeted by election day\n",
        "    label: {}\n",
    ),
    "quote-text": (
        "data/results.yaml",
        "        text: Akhir pekan lalu, pesertanya diklaim mencapai 3.300 UMKM.\n",
        "        text: {}\n",
    ),
    "quote-translation": (
        "data/results.yaml",
        "        translation: In total there were 2,430 participants and 106 speakers.\n",
        "        translation: {}\n",
    ),
    "source-outlet": ("data/sources.yaml", "    outlet: Kompas.com\n", "    outlet: {}\n"),
    "source-headline": (
        "data/sources.yaml",
        "    headline: Cita-cita Sandiaga Lahirkan 5.000 UMKM Melalui Program OK-OCE\n",
        "    headline: {}\n",
    ),
    "step-name": ("data/steps.yaml", "      name: pendaftaran\n", "      name: {}\n"),
    "step-gloss": ("data/steps.yaml", "      gloss: registration\n", "      gloss: {}\n"),
    "dispute-title": ("data/disputes.yaml", "    title: Has OK OCE worked?\n", "    title: {}\n"),
    "publisher": (
        "data/edition.yaml",
        "  publisher: OK OCE explainer project\n",
        "  publisher: {}\n",
    ),
}

# Catalog entries: plain texts and patterns with placeholders.
MSGIDS = [
    "The name",
    "Sources",
    "OK OCE explained",
    "on or after {date}",
    "{name}, {role}",
    "more than {value}",
    "Page {page} of {pages}",
]

TRICKY = st.sampled_from(
    [
        "{",
        "}",
        "{x}",
        "{0}",
        "{date}",
        "%(method)s",
        "%s",
        "&amp;",
        "</script><script>alert(1)</script>",
        "]]>",
        "\u2028",
        "\ufeff",
        "\x00",
        "\\",
        '"',
        "'",
        ": ",
        "#",
        "- ",
        "\n\n",
        "",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=12), TRICKY), max_size=5).map("".join)


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the project whose files the examples change one at a time."""
    root = copy_project(tmp_path_factory.mktemp("property-project"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def yaml_scalar(text: str) -> str:
    """Return `text` as a double-quoted YAML scalar on one line (JSON is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def build_html(root: Path, locale: str, *, print_too: bool = False) -> str | InputError:
    """Build one locale's HTML (and check its print HTML); return the page or the error."""
    out = root / "out"
    shutil.rmtree(out, ignore_errors=True)
    try:
        if print_too:
            check(Project(root), locales=[locale])
        build(Project(root), out, locales=[locale], pdf=False, log=lambda _: None)
    except InputError as error:
        return error
    return (out / locale / "index.html").read_text(encoding="utf-8")


def assert_escaped_or_reported(result: str | InputError, edited: str) -> None:
    """The page shows the tag escaped, or the error names the edited file."""
    if isinstance(result, InputError):
        assert result.problems
        assert all(p.file and p.message for p in result.problems)
        assert any(edited in p.file for p in result.problems), str(result)
        return
    assert TAG not in result
    assert ESCAPED_TAG in result


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(sorted(FIELDS)), text=TEXT)
def test_data_field(project_dir: Path, field: str, text: str) -> None:
    file, line, template = FIELDS[field]
    path = project_dir / file
    original = path.read_text(encoding="utf-8")
    assert line in original, f"{line!r} is no longer in {file}; update FIELDS"
    path.write_text(original.replace(line, template.format(yaml_scalar(TAG + text)), 1), "utf-8")
    try:
        result = build_html(project_dir, "en")
    finally:
        path.write_text(original, encoding="utf-8")
    assert_escaped_or_reported(result, file)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(msgid=st.sampled_from(MSGIDS), text=TEXT)
def test_catalog_msgstr(project_dir: Path, msgid: str, text: str) -> None:
    path = project_dir / PO
    original = path.read_bytes()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    if msgid not in catalog:
        catalog.add(msgid)
    catalog[msgid].string = TAG + text
    with path.open("wb") as handle:
        write_po(handle, catalog)
    try:
        result = build_html(project_dir, "id", print_too=msgid == "Page {page} of {pages}")
    except ExplainerError as error:  # pragma: no cover - reported with the example
        raise AssertionError(f"not an InputError: {error!r}") from error
    finally:
        path.write_bytes(original)
    if isinstance(result, InputError):
        assert_escaped_or_reported(result, "messages.po")
    else:
        assert TAG not in result
