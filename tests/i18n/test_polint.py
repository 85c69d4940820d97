"""The strict PO reader refuses what GNU `msgfmt --check` refuses, with the file and line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from explainer.errors import InputError
from explainer.i18n import catalogs
from explainer.i18n.catalogs import read_catalog
from explainer.i18n.polint import lint_po
from tests.support import ROOT

COMMITTED = sorted(ROOT.glob("locales/*/LC_MESSAGES/messages.po"))
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

# (name, entries after the header, line of the error in the file, words of the message)
MALFORMED = [
    ("unterminated", 'msgid "Contents"\nmsgstr "Daftar isi\n', 6, "has no closing quote"),
    ("no-opening-quote", 'msgid "Contents"\nmsgstr Daftar isi"\n', 6, "has no opening quote"),
    ("invalid-escape", 'msgid "Contents"\nmsgstr "Daftar\\isi"\n', 6, "invalid escape '\\\\i'"),
    (
        "duplicate",
        'msgid "Contents"\nmsgstr "Isi"\n\nmsgid "Contents"\nmsgstr "Daftar isi"\n',
        8,
        "duplicate msgid 'Contents'; first defined on line 5",
    ),
    ("msgid-unquoted", 'msgid Contents\nmsgstr "Isi"\n', 5, "msgid string has no opening quote"),
    ("msgid-alone", 'msgid\nmsgstr "Isi"\n', 5, "msgid has no quoted string"),
    ("stray-line", 'msgid "Contents"\nmsgstr "Isi"\nDaftar isi\n', 7, "not a PO keyword"),
    ("continuation-unterminated", 'msgid "Contents"\nmsgstr ""\n"Daftar isi\n', 7, "no closing"),
    ("text-after-string", 'msgid "Contents"\nmsgstr "Daftar" isi\n', 6, "unexpected text"),
    ("msgstr-first", 'msgstr "Isi"\nmsgid "Contents"\n', 5, "msgstr cannot come"),
]
IDS = [case[0] for case in MALFORMED]


@pytest.mark.parametrize(("name", "entries", "line", "words"), MALFORMED, ids=IDS)
def test_each_malformed_file_is_an_error_at_its_line(
    tmp_path: Path, name: str, entries: str, line: int, words: str
) -> None:
    path = tmp_path / "messages.po"
    path.write_text(HEADER + entries, "utf-8")
    with pytest.raises(InputError) as raised:
        read_catalog(path, "id")
    assert f"{path}:{line}: error: not a valid PO file: " in str(raised.value)
    assert words in str(raised.value)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize(("name", "entries", "line", "words"), MALFORMED, ids=IDS)
def test_gnu_msgfmt_refuses_the_same_files(
    tmp_path: Path, name: str, entries: str, line: int, words: str
) -> None:
    path = tmp_path / "messages.po"
    path.write_text(HEADER + entries, "utf-8")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode != 0
    # GNU names the line after an unterminated string; ours names the string's own line.
    assert any(f"{path}:{n}" in result.stderr for n in (line - 1, line, line + 1)), result.stderr


def test_valid_syntax_passes() -> None:
    text = HEADER + (
        "# a comment\n"
        "#. a note\n"
        "#, python-format\n"
        '#| msgid "Old %(n)s"\n'
        'msgid "Tab\\there, \\"quoted\\", back\\\\slash, \\101"\n'
        'msgstr ""\n'
        '"Tab\\there, \\"quoted\\", "\n'
        '"back\\\\slash, \\x41"\n'
        "\n"
        'msgctxt "menu"\n'
        'msgid "Contents"\n'
        'msgstr "Isi"\n'
        "\n"
        'msgid "Contents"\n'
        'msgstr "Daftar isi"\n'
        "\n"
        'msgid "{count} figure"\n'
        'msgid_plural "{count} figures"\n'
        'msgstr[0] "{count} angka"\n'
        "\n"
        '#~ msgid "Contents"\n'
        '#~ msgstr "Isi lama"\n'
    )
    assert lint_po(text, "messages.po") == []


@pytest.mark.parametrize("path", COMMITTED, ids=[p.parent.parent.name for p in COMMITTED])
def test_committed_catalogs_are_clean(path: Path) -> None:
    assert lint_po(path.read_text("utf-8"), str(path)) == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("path", COMMITTED, ids=[p.parent.parent.name for p in COMMITTED])
def test_gnu_msgfmt_accepts_every_committed_catalog(path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr


def test_a_catalog_read_again_is_a_catalog_of_its_own(tmp_path: Path) -> None:
    """The second reading of the same text comes from the process's cache, as a new Catalog."""
    first, copy = tmp_path / "first.po", tmp_path / "copy" / "messages.po"
    copy.parent.mkdir()
    text = HEADER + 'msgid "Contents"\nmsgstr "Daftar isi"\n'
    for path in (first, copy):
        path.write_text(text, "utf-8")
    one = read_catalog(first, "id")
    hits = catalogs._parsed.cache_info().hits
    two = read_catalog(copy, "id")
    assert catalogs._parsed.cache_info().hits == hits + 1
    assert two is not one and two["Contents"].string == "Daftar isi"
    two["Contents"].string = "Isi"
    two.add("Sources", "Sumber")
    three = read_catalog(first, "id")
    assert three["Contents"].string == one["Contents"].string == "Daftar isi"
    assert "Sources" not in three


def test_a_broken_catalog_read_twice_names_each_path(tmp_path: Path) -> None:
    for name in ("one.po", "two.po"):
        path = tmp_path / name
        path.write_text(HEADER + MALFORMED[0][1], "utf-8")
        with pytest.raises(InputError) as raised:
            read_catalog(path, "id")
        assert [p.file for p in raised.value.problems] == [str(path)]
